"""The furniture of a UN document in each official language: the heading block's words, the committee's name, and
place and dates under the title, as the UN's documents in that language print them (see docs/report.md).

The metadata lines of the heading block ("Distr.: General", "Original: English") are printed in English on the
Russian, Chinese and Arabic versions of UN documents, beside the version's language; the French and Spanish
versions translate them.
"""

from datetime import date

from babel.dates import format_date, format_interval

from rendezvous.core.countries import un_name

from .common import NBSP, grouped, plural_category

HEADING = {
    "fr": {
        "united_nations": "Nations Unies",
        "general_assembly": "Assemblée générale",
        "distribution": "Distr. générale",
        "version": "Français",
        "original": "Original\u00a0: anglais",
        "committee": "Comité des utilisations pacifiques de l’espace extra-atmosphérique",
    },
    "es": {
        "united_nations": "Naciones Unidas",
        "general_assembly": "Asamblea General",
        "distribution": "Distr. general",
        "version": "Español",
        "original": "Original: inglés",
        "committee": "Comisión sobre la Utilización del Espacio Ultraterrestre con Fines Pacíficos",
    },
    "ru": {
        "united_nations": "Организация Объединенных Наций",
        "general_assembly": "Генеральная Ассамблея",
        "distribution": "Distr.: General",
        "version": "Russian",
        "original": "Original: English",
        "committee": "Комитет по использованию космического пространства в мирных целях",
    },
    "zh": {
        "united_nations": "联合国",
        "general_assembly": "大会",
        "distribution": "Distr.: General",
        "version": "Chinese",
        "original": "Original: English",
        "committee": "和平利用外层空间委员会",
    },
    "ar": {
        "united_nations": "الأمم المتحدة",
        "general_assembly": "الجمعية العامة",
        "distribution": "Distr.: General",
        "version": "Arabic",
        "original": "Original: English",
        "committee": "لجنة استخدام الفضاء الخارجي في الأغراض السلمية",
    },
}
# The Workshop's chapter titles are the catalogue's; these are the document's own words for "Attendance" and the
# title line, which must not depend on whether a translator has reached those catalogue entries yet.
ATTENDANCE = {"fr": "Participation", "es": "Asistencia", "ru": "Участники", "zh": "出席情况", "ar": "الحضور"}
REPORT_ON = {
    "fr": "Rapport sur {title}",
    "es": "Informe sobre {title}",
    "ru": "Доклад о работе {title}",
    "zh": "{title}的报告",
    "ar": "تقرير عن {title}",
}


def issue_date(day: date, language: str) -> str:
    """'12 avril 2023', '12 de abril de 2023', '12 April 2023' (ru, zh and ar print the English date line)."""
    if language in ("fr", "es"):
        return format_date(day, "long", locale=language)
    return f"{day.day} {day:%B %Y}"


def date_range(start: date, end: date, language: str) -> str:
    """'21–24 novembre 2022', '21 a 24 de noviembre de 2022', '21–24 ноября 2022 года', '2022年11月21日至24日'."""
    if language in ("zh", "ar") or start == end or (start.year, start.month) != (end.year, end.month):
        if start == end:
            return format_date(start, "long", locale=language)
        return format_interval(start, end, "yMMMd" if language == "ar" else "yMMMMd", locale=language)
    if language == "es":
        return f"{start.day} a {format_date(end, 'long', locale='es')}"
    if language == "ru":
        return f"{start.day}–{format_date(end, 'd MMMM y', locale='ru')} года"
    return f"{start.day}–{format_date(end, 'd MMMM y', locale=language)}"


def place_and_dates(city: str, country_code: str, start: date, end: date, language: str) -> str:
    country = un_name(country_code, language) if country_code else ""
    if language == "zh":
        return f"({date_range(start, end, language)}，{country}{city})"
    separator = "، " if language == "ar" else ", "
    return f"({separator.join(part for part in (city, country, date_range(start, end, language)) if part)})"


# The table of participants by country: its column headings, its figures and the total line under it.
COUNTRY_TABLE_HEADINGS = {
    "en": ("Country", "Participants"),
    "fr": ("Pays", "Participants"),
    "es": ("País", "Participantes"),
    "ru": ("Страна", "Участники"),
    "zh": ("国家", "与会者"),
    "ar": ("البلد", "المشاركون"),
}


def table_figure(n: int, language: str) -> str:
    """A figure in a table: thousands grouped by a comma in English, Chinese and Arabic, by a non-breaking space in
    French and Russian, and in Spanish only from 10,000 ("1250", "12 500"), as each language's documents print them."""
    if language in ("fr", "ru") or (language == "es" and n >= 10_000):
        return grouped(n, NBSP)
    if language == "es":
        return str(n)
    return f"{n:,}"


def total_line(participants: int, countries: int, language: str) -> str:
    """'Total: 1,250 participants from 45 countries.', the noun agreeing with each figure as the language wants it."""
    p, c = table_figure(participants, language), table_figure(countries, language)
    if language == "fr":
        return f"Total{NBSP}: {p} participant{'s' if participants > 1 else ''} de {c} pays."
    if language == "es":
        return f"Total: {p} participante{'s' if participants != 1 else ''} de {c} país{'es' if countries != 1 else ''}."
    if language == "ru":
        who = {"one": "участник", "few": "участника"}.get(plural_category(participants, "ru"), "участников")
        where = "страны" if plural_category(countries, "ru") == "one" else "стран"
        return f"Всего: {p} {who} из {c} {where}."
    if language == "zh":
        return f"共计：来自 {c} 个国家的 {p} 名与会者。"
    if language == "ar":
        who = _arabic_count(participants, p, _ARABIC_PARTICIPANTS)
        return f"المجموع: {who} من {_arabic_count(countries, c, _ARABIC_COUNTRIES)}."
    where = "countries" if countries != 1 else "country"
    return f"Total: {p} participant{'s' if participants != 1 else ''} from {c} {where}."


# Arabic nouns after a number, by CLDR plural category: "مشارك واحد", "مشاركان", "5 مشاركين", "11 مشاركًا", "100 مشارك";
# the countries follow "من", so the dual is in the genitive ("بلدين").
_ARABIC_PARTICIPANTS = {
    "one": "مشارك واحد",
    "two": "مشاركان",
    "few": "{n} مشاركين",
    "many": "{n} مشاركًا",
    "other": "{n} مشارك",
}
_ARABIC_COUNTRIES = {"one": "بلد واحد", "two": "بلدين", "few": "{n} بلدان", "many": "{n} بلدًا", "other": "{n} بلد"}


def _arabic_count(n: int, figure: str, forms: dict[str, str]) -> str:
    return forms.get(plural_category(n, "ar"), forms["other"]).format(n=figure)
