"""The Attendance section in the six official languages of the UN, for the demo edition (haikou-2022: 520
participants from 82 countries), and the report in those languages (`report ... --language`, the statistics page)."""

import dataclasses
import io
import json
import re

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from docx import Document

from rendezvous.core.countries import sorted_un_names
from rendezvous.demo.loader import load_demo
from rendezvous.events.models import Edition
from rendezvous.reports import services
from rendezvous.reports.languages import Facts, ar, es, fr, ru, zh
from rendezvous.reports.languages import document as furniture
from rendezvous.reports.models import ReportSectionTranslation, ReportTextTranslation
from tests.data.make_haikou_csv import REPORT_COUNTRY_CODES
from tests.factories import UserFactory, make_organiser

NBSP = "\u00a0"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def haikou(demo, db):
    return Edition.objects.get(slug="haikou-2022")


def run(*args) -> str:
    out = io.StringIO()
    call_command("report", *args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def attendance(language: str) -> list[str]:
    return run("attendance", "haikou-2022", "--language", language).strip().split("\n\n")


# For each language: what must be in the section (the count, the percentage forms, the agencies at head level, the
# attendance sentence), the text before the country list, and how the list ends (its last two countries).
KEY_FACTS = {
    "fr": (
        [
            "Au total, 520 participants de 82 pays se sont inscrits à l’Atelier.",
            f"226 étaient des femmes, soit 43{NBSP}pour cent du nombre total de participants.",
            f"Sur les 68 intervenants qui ont présenté leurs activités, 33{NBSP}pour cent étaient des femmes.",
            f"Des représentants de 12 agences spatiales ont participé à l’Atelier{NBSP}: ",
            "En outre, neuf agences spatiales étaient représentées",
            "Plus de 200 personnes ont assisté à l’Atelier en personne, tandis que 200 autres y ont participé en "
            "ligne sur Zoom.",
        ],
        f"Les pays suivants étaient représentés{NBSP}: ",
        ", ",
        " et ",
    ),
    "es": (
        [
            "Se inscribieron en total 520 participantes de 82 países.",
            "226 eran mujeres, lo que representa el 43 por ciento del número total de participantes.",
            "De los 68 oradores que presentaron sus actividades, el 33 por ciento eran mujeres.",
            "Asistieron al Curso Práctico representantes de 12 agencias espaciales: ",
            "Además, nueve agencias espaciales estuvieron representadas",
            "Más de 200 personas asistieron al Curso Práctico en persona, mientras que otras 200 participaron en "
            "línea a través de Zoom.",
        ],
        "Estuvieron representados los siguientes países: ",
        ", ",
        " y ",
    ),
    "ru": (
        [
            "Всего на практикум зарегистрировались 520 участников, представлявших 82 страны.",
            "Среди зарегистрированных участников было 226 женщин, что составляет 43 процента от общего числа "
            "участников.",
            "Из 68 докладчиков, представивших информацию о своей деятельности, 33 процента составляли женщины.",
            "На практикуме присутствовали представители 12 космических агентств: ",
            "Кроме того, девять космических агентств были представлены",
            "Более 200 человек присутствовали на практикуме лично, а еще 200 человек участвовали в режиме онлайн "
            "через Zoom.",
        ],
        "Были представлены следующие страны: ",
        ", ",
        " и ",
    ),
    "zh": (
        [
            "共有来自82个国家的520名与会者登记参加了讲习班。",
            "在登记的与会者中，有226名女性，占与会者总数的百分之四十三。",
            "在介绍其活动的68名发言者中，百分之三十三为女性。",
            "出席讲习班的有12个航天机构的代表：",
            "此外，有九个航天机构由机构负责人或主任级别人员代表出席。",
            "亲自出席讲习班的有200多人，另有200人通过Zoom在线参加。",
        ],
        "下列国家有代表出席：",
        "、",
        "和",
    ),
    "ar": (
        [
            "وسجل ما مجموعه 520 مشاركاً من 82 بلداً للمشاركة في حلقة العمل.",
            "وكان من بين المشاركين المسجلين 226 امرأة، أي ما نسبته 43 في المائة من العدد الإجمالي للمشاركين.",
            "وعددهم 68، كانت نسبة النساء 33 في المائة.",
            "وحضر حلقة العمل ممثلو 12 وكالة فضائية: ",
            "وعلاوة على ذلك، كانت تسع وكالات فضائية ممثَّلة على مستوى رؤساء الوكالات أو المديرين.",
            "حضر حلقة العمل شخصياً أكثر من 200 شخص، في حين شارك 200 آخرون عبر الإنترنت باستخدام منصة Zoom.",
        ],
        "وكانت البلدان التالية ممثَّلة: ",
        "، و",
        "، و",
    ),
}
FIRST_AND_LAST = {
    "fr": ("Afghanistan", "Zimbabwe"),
    "es": ("Afganistán", "Zimbabwe"),
    "ru": ("Австралия", "Япония"),
    "zh": ("阿尔及利亚", "中国"),
    "ar": ("الاتحاد الروسي", "اليونان"),
}


def country_list(text: str, opening: str, separator: str, last_separator: str) -> list[str]:
    listed = text.split(opening, 1)[1]
    listed = re.split(r"[.。]", listed, maxsplit=1)[0]
    head, last = listed.rsplit(last_separator, 1)
    return [*head.split(separator), last]


@pytest.mark.parametrize("language", sorted(KEY_FACTS))
def test_the_demo_attendance_section_in_each_language(haikou, language):
    paragraphs = attendance(language)
    english = run("attendance", "haikou-2022").strip().split("\n\n")
    assert len(paragraphs) == len(english) == 3
    text = "\n\n".join(paragraphs)
    facts, opening, separator, last_separator = KEY_FACTS[language]
    for fact in facts:
        assert fact in text, fact
    countries = country_list(paragraphs[0], opening, separator, last_separator)
    assert countries == sorted_un_names(REPORT_COUNTRY_CODES, language)
    assert (countries[0], countries[-1]) == FIRST_AND_LAST[language]
    assert len(countries) == 82
    # No English left in the text but the platform's name and acronyms the organisations write in Latin letters.
    assert "per cent" not in text and "Workshop" not in text


def test_english_is_the_reference_text_unchanged(haikou):
    assert run("attendance", "haikou-2022", "--language", "en") == run("attendance", "haikou-2022")
    assert run("attendance", "haikou-2022", "--language", "en", "--format", "json") == run(
        "attendance", "haikou-2022", "--format", "json"
    )


def test_agencies_are_named_as_the_organisations_give_them_nationals_first(haikou):
    french = attendance("fr")[1]
    assert "Centre national d’études spatiales (CNES)" in french
    assert "National Aeronautics and Space Administration (NASA)" in french  # NASA has no French name
    assert french.index("(CONAE)") < french.index("(CNSA)")  # Argentine, Chine ...
    assert "et Agence spatiale européenne (ESA)." in french  # intergovernmental after the national agencies
    spanish = attendance("es")[1]
    assert "Agencia Bolivariana para Actividades Espaciales (ABAE)" in spanish
    russian = attendance("ru")[1]
    assert "Государственная корпорация по космической деятельности «Роскосмос»" in russian
    assert russian.index("(КОНАЕ)") < russian.index("(АБАЕ)") < russian.index("Египетское")  # Аргентина, Венесуэла
    assert attendance("zh")[1].count("国家航天局") == 1


def test_json_in_another_language_names_countries_in_it_and_keeps_the_figures(haikou):
    french = json.loads(run("attendance", "haikou-2022", "--language", "fr", "--format", "json"))
    english = json.loads(run("attendance", "haikou-2022", "--format", "json"))
    assert french["language"] == "fr"
    assert len(french["heads_of_agency_names"]) == 9
    assert "Centre national d’études spatiales (CNES)" in french["heads_of_agency_names"]
    assert [country["name"] for country in french["countries"]] == sorted_un_names(REPORT_COUNTRY_CODES, "fr")
    for key in ("registered", "women", "women_per_cent", "speakers", "space_agencies", "heads_of_agency"):
        assert french[key] == english[key]
    assert sorted(c["count"] for c in french["countries"]) == sorted(c["count"] for c in english["countries"])


@pytest.mark.parametrize("language", ["ar", "zh", "fr"])
def test_attendance_docx_in_another_language_opens(haikou, language, tmp_path):
    path = tmp_path / f"attendance-{language}.docx"
    call_command(
        "report",
        "attendance",
        "haikou-2022",
        "--language",
        language,
        "--format",
        "docx",
        "--output",
        str(path),
        stderr=io.StringIO(),
    )
    document = Document(str(path))
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    assert KEY_FACTS[language][0][0] in text
    assert len(document.tables[0].rows) == 83
    assert document.tables[0].rows[1].cells[0].text == FIRST_AND_LAST[language][0]
    # The table's headings and the total under it are in the document's language too, not English.
    assert tuple(cell.text for cell in document.tables[0].rows[0].cells) == DOCX_TABLE[language][0]
    assert DOCX_TABLE[language][1] in text and "Total: " not in text


DOCX_TABLE = {
    "ar": (("البلد", "المشاركون"), "المجموع: 520 مشاركًا من 82 بلدًا."),
    "zh": (("国家", "与会者"), "共计：来自 82 个国家的 520 名与会者。"),
    "fr": (("Pays", "Participants"), f"Total{NBSP}: 520 participants de 82 pays."),
}


@pytest.mark.parametrize(
    ("language", "participants", "countries", "line"),
    [
        ("en", 1250, 45, "Total: 1,250 participants from 45 countries."),
        ("en", 1, 1, "Total: 1 participant from 1 country."),
        ("fr", 1250, 1, f"Total{NBSP}: 1{NBSP}250 participants de 1 pays."),
        ("fr", 1, 2, f"Total{NBSP}: 1 participant de 2 pays."),
        ("es", 1250, 1, "Total: 1250 participantes de 1 país."),
        ("es", 12500, 45, f"Total: 12{NBSP}500 participantes de 45 países."),
        ("ru", 21, 21, "Всего: 21 участник из 21 страны."),
        ("ru", 3, 3, "Всего: 3 участника из 3 стран."),
        ("ru", 1250, 45, f"Всего: 1{NBSP}250 участников из 45 стран."),
        ("zh", 1250, 45, "共计：来自 45 个国家的 1,250 名与会者。"),
        ("ar", 1, 2, "المجموع: مشارك واحد من بلدين."),
        ("ar", 2, 1, "المجموع: مشاركان من بلد واحد."),
        ("ar", 5, 11, "المجموع: 5 مشاركين من 11 بلدًا."),
        ("ar", 100, 10, "المجموع: 100 مشارك من 10 بلدان."),
    ],
)
def test_the_country_tables_total_agrees_with_its_figures(language, participants, countries, line):
    assert furniture.total_line(participants, countries, language) == line


def test_full_report_in_french_has_french_furniture_and_falls_back_to_the_working_language(haikou):
    text = run("full", "haikou-2022", "--language", "fr")
    assert "Nations Unies" in text and "Assemblée générale" in text and "Distr. générale" in text
    assert f"Original{NBSP}: anglais" in text
    assert "Comité des utilisations pacifiques de l’espace extra-atmosphérique" in text
    assert "(Haikou, Chine, 21–24 novembre 2022)" in text
    assert "III. Participation" in text
    numbered = {line.split(".\t", 1)[0]: line.split(".\t", 1)[1] for line in text.split("\n") if ".\t" in line}
    assert numbered["9"].startswith("Sur les 68 intervenants")  # chapter III is paragraphs 8-10 as in English
    english = run("full", "haikou-2022")
    introduction = english.split("I. Introduction\n", 1)[1].split("\n", 1)[0]
    assert introduction in text  # no French introduction entered: the working language's


def test_secretariat_texts_entered_per_language_are_used_for_that_language_only(haikou):
    ReportTextTranslation.objects.create(edition=haikou, language="es", introduction="Texto de la introducción.")
    section = haikou.report_sections.first()
    ReportSectionTranslation.objects.create(section=section, language="es", heading="Ceremonia de apertura")
    spanish = run("full", "haikou-2022", "--language", "es")
    assert "1.\tTexto de la introducción." in spanish
    assert "A. Ceremonia de apertura" in spanish
    english = run("full", "haikou-2022")
    assert "Texto de la introducción." not in english and "Ceremonia de apertura" not in english
    assert services.report_texts_in(haikou, "es").background == services.report_text(haikou).background


def test_unknown_language_is_refused_in_one_line(haikou):
    with pytest.raises(CommandError, match="Unknown language 'de': use one of ar, en, es, fr, ru, zh."):
        run("attendance", "haikou-2022", "--language", "de")


def test_statistics_page_offers_the_report_language(haikou, client):
    client.force_login(make_organiser(haikou, email="languages@example.org"))
    url = "/events/haikou-2022/organise/statistics/"
    page = client.get(url).content.decode()
    for code in ("ar", "en", "es", "fr", "ru", "zh"):
        assert f'data-report-language="{code}"' in page
    assert "More than 200 people attended the Workshop in person" in page
    french = client.get(url, {"language": "fr"}).content.decode()
    assert 'data-report-text="fr"' in french and 'lang="fr"' in french
    assert "Plus de 200 personnes ont assisté à l’Atelier en personne" in french
    assert "attendance.docx?language=fr" in french
    arabic = client.get(url, {"language": "ar"}).content.decode()
    assert 'dir="rtl"' in arabic and "في المائة" in arabic
    # An unknown choice is the reader's language, not an error.
    assert client.get(url, {"language": "xx"}).status_code == 200
    download = client.get("/events/haikou-2022/organise/statistics/attendance.txt", {"language": "ru"})
    assert download["Content-Disposition"] == 'attachment; filename="haikou-2022-attendance-ru.txt"'
    assert "43 процента" in download.content.decode()
    refused = client.get("/events/haikou-2022/organise/statistics/attendance.txt", {"language": "xx"})
    assert refused.status_code == 400


def test_statistics_country_table_follows_the_readers_language(haikou, client):
    client.force_login(make_organiser(haikou, email="table@example.org"))
    page = client.get("/events/haikou-2022/organise/statistics/", HTTP_ACCEPT_LANGUAGE="ru").content.decode()
    rows = re.findall(r"<tr><td>([^<]+)</td><td class=\"num\">", page)
    assert rows == sorted_un_names(REPORT_COUNTRY_CODES, "ru")


def test_report_texts_page_edits_a_language_version(haikou, client):
    organiser = make_organiser(haikou, email="texts@example.org")
    client.force_login(organiser)
    url = "/events/haikou-2022/organise/report/"
    assert client.get(url, {"language": "fr"}).status_code == 200
    assert client.get(url, {"language": "xx"}).status_code == 404
    section = haikou.report_sections.first()
    response = client.post(
        f"{url}?language=fr",
        {
            "text-introduction": "Le Bureau des affaires spatiales a organisé l’Atelier.",
            "text-background": "",
            "text-programme_introduction": "",
            "text-conclusions": "",
            f"section-{section.pk}-heading": "Cérémonie d’ouverture",
            f"section-{section.pk}-summary": "",
        },
    )
    assert response.status_code == 302
    assert ReportTextTranslation.objects.get(edition=haikou, language="fr").introduction.startswith("Le Bureau")
    assert ReportSectionTranslation.objects.get(section=section, language="fr").heading == "Cérémonie d’ouverture"
    assert "Le Bureau des affaires spatiales a organisé l’Atelier." in run("full", "haikou-2022", "--language", "fr")


def test_only_organisers_edit_a_language_version(haikou, client):
    client.force_login(UserFactory(email="someone@example.org"))
    url = "/events/haikou-2022/organise/report/?language=fr"
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"text-introduction": "x"}).status_code in (403, 404)
    assert not ReportTextTranslation.objects.filter(edition__slug="haikou-2022").exists()


# --- the rules, on small numbers the demo does not reach ---


def test_french_rules():
    assert fr.number(1, feminine=True) == "une" and fr.number(9) == "neuf" and fr.number(1250) == f"1{NBSP}250"
    assert fr.per_cent(7) == f"7{NBSP}pour cent"
    assert fr.join(["A"]) == "A" and fr.join(["A", "B", "C"]) == "A, B et C"
    assert fr._of("une agence spatiale") == "d’une agence spatiale" and fr._of("12 agences") == "de 12 agences"


def test_spanish_rules():
    assert es.join(["Chile", "Irán (República Islámica del)"]) == "Chile e Irán (República Islámica del)"
    assert es.join(["Chile", "Hungría"]) == "Chile y Hungría"
    assert es.per_cent(43) == "el 43 por ciento"
    assert es.number(1250) == "1250" and es.number(12500) == f"12{NBSP}500"


def test_russian_agreement():
    assert [ru.per_cent(n) for n in (1, 21, 43, 33, 12, 25, 0)] == [
        "1 процент",
        "21 процент",
        "43 процента",
        "33 процента",
        "12 процентов",
        "25 процентов",
        "0 процентов",
    ]
    assert ru.number(2, "f") == "две" and ru.number(2, "n") == "два" and ru.number(9, genitive=True) == "девяти"
    assert ru._agencies_genitive(2) == "двух космических агентств"
    assert ru._agencies_genitive(21) == "21 космического агентства"


def test_chinese_numerals_and_measure_words():
    assert [zh.chinese_numeral(n) for n in (0, 10, 15, 33, 43, 100, 105, 110)] == [
        "零",
        "十",
        "十五",
        "三十三",
        "四十三",
        "一百",
        "一百零五",
        "一百一十",
    ]
    assert zh.number(2) == "两" and zh.number(9) == "九" and zh.number(12) == "12"
    assert zh.join(["甲", "乙", "丙"]) == "甲、乙和丙"


def test_arabic_number_and_noun_agreement():
    assert ar.count(1, ar.AGENCY) == "وكالة فضائية واحدة"
    assert ar.count(2, ar.AGENCY) == "وكالتان فضائيتان"
    assert ar.count(2, ar.AGENCY, genitive=True) == "وكالتين فضائيتين"
    assert ar.count(9, ar.AGENCY) == "تسع وكالات فضائية"  # feminine noun: the number without ة
    assert ar.count(9, ar.PERSON) == "تسعة أشخاص"  # masculine noun: with ة
    assert ar.count(82, ar.COUNTRY) == "82 بلداً" and ar.count(200, ar.PERSON) == "200 شخص"
    assert ar.join(["أ", "ب", "ج"]) == "أ، وب، وج"


def small_facts(**changes) -> Facts:
    facts = Facts(
        registered=1,
        women=1,
        women_per_cent=100,
        countries=["X"],
        organisation_types=frozenset({"academia"}),
        online_link_shared=False,
        speakers=1,
        speakers_women_per_cent=0,
        space_agencies=1,
        agency_names=["A"],
        organizations=["O"],
        heads_of_agency=1,
        attended_in_person=0,
        attended_online=0,
        in_person=1,
        online=0,
        platform="",
    )
    return dataclasses.replace(facts, **changes)


ATTENDANCE_CASES = [
    {"attended_in_person": 87, "attended_online": 236, "platform": "Zoom"},  # online rounded, in person not
    {"attended_in_person": 1, "online": 3},  # in person only, some registered online
    {"attended_online": 150, "in_person": 2},  # online only, rounded
    {"attended_online": 2},  # online only, exact
    {"in_person": 3, "online": 4},  # no records yet: the registrations
    {"in_person": 0},  # nothing to say
]


@pytest.mark.parametrize("module", [ar, es, fr, ru, zh], ids=lambda module: module.LANGUAGE)
@pytest.mark.parametrize("changes", [{}, {"registered": 0}, {"women": 0, "speakers": 2, "heads_of_agency": 2}])
def test_every_branch_writes_whole_sentences(module, changes):
    for case in ATTENDANCE_CASES:
        paragraphs = module.paragraphs(small_facts(**changes, **case))
        assert paragraphs, case
        for paragraph in paragraphs:
            assert paragraph.strip() == paragraph and paragraph[-1] in ".。", (case, paragraph)
            assert "{" not in paragraph and "None" not in paragraph and "  " not in paragraph, paragraph


def test_small_counts_agree():
    assert "une agence spatiale" in fr.paragraphs(small_facts())[1]
    assert "Aucun participant ne s’est inscrit à l’Atelier." in fr.paragraphs(small_facts(registered=0))
    single = ru.paragraphs(small_facts())[0]
    assert "Всего на практикум зарегистрировался один участник, представлявший одну страну." in single
    russian = ru.paragraphs(small_facts(registered=22, women=2, countries=["X", "Y"]))[0]
    assert "зарегистрировались 22 участника, представлявших две страны." in russian
    assert "было две женщины" in russian
    assert "وكالة فضائية واحدة" in ar.paragraphs(small_facts())[1]
    chinese = zh.paragraphs(small_facts(attended_online=2, in_person=0, platform="Zoom"))
    assert "共有两人通过Zoom在线参加了讲习班。" in chinese
