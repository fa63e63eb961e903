"""The furniture of a UN document in each official language: the heading block's words, the committee's name, and
place and dates under the title, as the UN's documents in that language print them (see docs/report.md).

The metadata lines of the heading block ("Distr.: General", "Original: English") are printed in English on the
Russian, Chinese and Arabic versions of UN documents, beside the version's language; the French and Spanish
versions translate them.
"""

from datetime import date

from babel.dates import format_date, format_interval

from rendezvous.core.countries import un_name

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
