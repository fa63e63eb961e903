"""Organisations' names in the other five UN languages, as the organisations give them.

Rule (docs/report.md, "Organizations' names"): an organisation's own name in the language where it has one (CNES in
French, CONAE and ABAE in Spanish, ROSCOSMOS in Russian, CNSA in Chinese, the Egyptian Space Agency in Arabic, ESA
in French and Spanish); otherwise the name the UN's documents in that language give it (its UNTERM entry); and where
neither exists the organisation's own name as it gave it, untranslated ("Secure World Foundation (SWF)" in French,
"National Aeronautics and Space Administration (NASA)" in French, as the UN's French documents keep it). Keyed by
the acronym the organisation's record carries; an organisation missing here keeps its registered name, which is the
name it gave. A reviewer checks this table, not the code.
"""

import re

from ..unstyle import is_the_office

NAMES: dict[str, dict[str, str]] = {
    "CONAE": {
        "fr": "Commission nationale des activités spatiales (CONAE)",
        "es": "Comisión Nacional de Actividades Espaciales (CONAE)",
        "ru": "Национальная комиссия по космической деятельности (КОНАЕ)",
        "zh": "国家空间活动委员会(阿根廷)",
        "ar": "اللجنة الوطنية للأنشطة الفضائية (الأرجنتين)",
    },
    "CNSA": {
        "fr": "Administration spatiale nationale chinoise (CNSA)",
        "es": "Administración Espacial Nacional de China (CNSA)",
        "ru": "Китайское национальное космическое управление (КНКУ)",
        "zh": "国家航天局",
        "ar": "إدارة الفضاء الوطنية الصينية",
    },
    "EgSA": {
        "fr": "Agence spatiale égyptienne",
        "es": "Agencia Espacial de Egipto",
        "ru": "Египетское космическое агентство",
        "zh": "埃及航天局",
        "ar": "وكالة الفضاء المصرية",
    },
    "CNES": {
        "fr": "Centre national d’études spatiales (CNES)",
        "es": "Centro Nacional de Estudios Espaciales (CNES) de Francia",
        "ru": "Национальный центр космических исследований (КНЕС) Франции",
        "zh": "法国国家空间研究中心",
        "ar": "المركز الوطني للدراسات الفضائية (فرنسا)",
    },
    "KARI": {
        "fr": "Institut coréen de recherche aérospatiale (KARI)",
        "es": "Instituto Coreano de Investigación Aeroespacial (KARI)",
        "ru": "Корейский институт аэрокосмических исследований (КАРИ)",
        "zh": "韩国航空宇宙研究院",
        "ar": "معهد كوريا لبحوث الفضاء الجوي",
    },
    "NASRDA": {
        "fr": "Agence nationale de recherche-développement spatiale (NASRDA) du Nigéria",
        "es": "Organismo Nacional de Investigación y Desarrollo Espaciales (NASRDA) de Nigeria",
        "ru": "Национальное агентство космических исследований и разработок (НАСРДА) Нигерии",
        "zh": "尼日利亚国家空间研究和发展局",
        "ar": "الوكالة الوطنية لبحوث وتطوير الفضاء (نيجيريا)",
    },
    "SUPARCO": {
        "fr": "Commission de recherche sur l’espace et la haute atmosphère (SUPARCO) du Pakistan",
        "es": "Comisión de Investigación del Espacio y la Alta Atmósfera (SUPARCO) del Pakistán",
        "ru": "Пакистанская комиссия по исследованию космического пространства и верхних слоев атмосферы (СУПАРКО)",
        "zh": "巴基斯坦空间和高层大气研究委员会",
        "ar": "لجنة بحوث الفضاء والطبقات العليا للغلاف الجوي (باكستان)",
    },
    "ROSCOSMOS": {
        "fr": "Société d’État pour les activités spatiales (Roscosmos)",
        "es": "Corporación Estatal de Actividades Espaciales (Roscosmos)",
        "ru": "Государственная корпорация по космической деятельности «Роскосмос»",
        "zh": "俄罗斯国家航天集团公司",
        "ar": "المؤسسة الحكومية للأنشطة الفضائية (روسكوسموس)",
    },
    "TUA": {
        "fr": "Agence spatiale turque (TUA)",
        "es": "Agencia Espacial de Türkiye (TUA)",
        "ru": "Турецкое космическое агентство (ТУА)",
        "zh": "土耳其航天局",
        "ar": "وكالة الفضاء التركية",
    },
    "NASA": {
        "fr": "National Aeronautics and Space Administration (NASA)",
        "es": "Administración Nacional de Aeronáutica y el Espacio (NASA) de los Estados Unidos",
        "ru": "Национальное управление по аэронавтике и исследованию космического пространства (НАСА)",
        "zh": "美国国家航空航天局",
        "ar": "الإدارة الوطنية للملاحة الجوية والفضاء (ناسا)",
    },
    "ABAE": {
        "fr": "Agence bolivarienne pour les activités spatiales (ABAE)",
        "es": "Agencia Bolivariana para Actividades Espaciales (ABAE)",
        "ru": "Боливарианское агентство космической деятельности (АБАЕ)",
        "zh": "玻利瓦尔航天局(委内瑞拉)",
        "ar": "الوكالة البوليفارية للأنشطة الفضائية (فنزويلا)",
    },
    "ESA": {
        "fr": "Agence spatiale européenne (ESA)",
        "es": "Agencia Espacial Europea (ESA)",
        "ru": "Европейское космическое агентство (ЕКА)",
        "zh": "欧洲航天局",
        "ar": "وكالة الفضاء الأوروبية",
    },
    "APSCO": {
        "fr": "Organisation de coopération spatiale en Asie et dans le Pacifique (APSCO)",
        "es": "Organización de Cooperación Espacial de Asia y el Pacífico (APSCO)",
        "ru": "Азиатско-Тихоокеанская организация космического сотрудничества (АТОКС)",
        "zh": "亚洲太平洋空间合作组织",
        "ar": "منظمة آسيا والمحيط الهادئ للتعاون في مجال الفضاء",
    },
    "COSPAR": {
        "fr": "Comité de la recherche spatiale (COSPAR)",
        "es": "Comité de Investigaciones Espaciales (COSPAR)",
        "ru": "Комитет по исследованию космического пространства (КОСПАР)",
        "zh": "空间研究委员会",
        "ar": "لجنة أبحاث الفضاء (كوسبار)",
    },
    "RCSSTEAP": {
        "fr": "Centre régional de formation aux sciences et techniques spatiales pour l’Asie et le Pacifique (Chine)",
        "es": "Centro Regional de Formación en Ciencia y Tecnología Espaciales para Asia y el Pacífico (China)",
        "ru": "Региональный учебный центр космической науки и техники для Азии и Тихого океана (Китай)",
        "zh": "亚洲及太平洋空间科学和技术教育区域中心(中国)",
        "ar": "المركز الإقليمي لتدريس علوم وتكنولوجيا الفضاء في آسيا والمحيط الهادئ (الصين)",
    },
    "SWF": {
        "fr": "Secure World Foundation (SWF)",
        "es": "Secure World Foundation (SWF)",
        "ru": "Фонд «За безопасный мир»",
        "zh": "安全世界基金会",
        "ar": "مؤسسة العالم الآمن",
    },
    "SGAC": {
        "fr": "Conseil consultatif de la génération spatiale (SGAC)",
        "es": "Consejo Consultivo de la Generación Espacial (SGAC)",
        "ru": "Консультативный совет представителей космического поколения (КСПКП)",
        "zh": "空间新一代咨询理事会",
        "ar": "المجلس الاستشاري لجيل الفضاء",
    },
}


# The Office is named in full in running text, as the English report names it (reports.unstyle.organisation_in_text).
OFFICE_FOR_OUTER_SPACE_AFFAIRS = {
    "fr": "le Bureau des affaires spatiales",
    "es": "la Oficina de Asuntos del Espacio Ultraterrestre",
    "ru": "Управление по вопросам космического пространства",
    "zh": "外层空间事务厅",
    "ar": "مكتب شؤون الفضاء الخارجي",
}


def short_name_in(language: str, acronym: str, registered_name: str) -> str:
    """How running text names the organisation in `language` once the report has introduced it: the short form its
    name in that language carries ("CNES", "КНЕС", "Роскосмос"), else that name in full (Chinese and Arabic name
    organisations without Latin acronyms), else the acronym or name it registered with. The Office for Outer Space
    Affairs in full."""
    if is_the_office(registered_name, acronym):
        return OFFICE_FOR_OUTER_SPACE_AFFAIRS[language]
    name = NAMES.get(acronym, {}).get(language)
    if name is None:
        return acronym or registered_name
    # "(CNES)", "(КНЕС)" or "(Roscosmos)" is the name's acronym; "(Chine)" or "(الأرجنتين)" says where it is.
    for bracketed in reversed(re.findall(r"\(([^()\s]+)\)", name)):
        if bracketed.isupper() or bracketed.casefold() == acronym.casefold():
            return bracketed
    # A name ending with its short form in guillemets: "Государственная корпорация … «Роскосмос»".
    quoted = re.search(r"«([^«»\s]+)»$", name)
    return quoted.group(1) if quoted else name


def name_in(language: str, acronym: str, registered_name: str) -> str:
    """The organisation's name in `language`, or the name it registered with where this table has none."""
    return NAMES.get(acronym, {}).get(language, registered_name)
