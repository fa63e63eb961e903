"""Countries as the United Nations writes them: UN short names, UN alphabetical order, M49 regions, regional groups.

Names come from the UN Countries & Territories taxonomy ("Preferred Term", which follows UNTERM) kept in
``core/data/un_countries.csv`` (see the README there), corrected by the small override table below. This module
imports no Django code: ``settings.py`` imports it to build ``COUNTRIES_OVERRIDE``.

Names exist in the six official languages of the UN (``un_name(code, "fr")``); English is the reference and the
default. Lists are sorted in each language's alphabetical order (``collation_key``): English by the UN's rule below
(diacritics and case ignored), the other five by the Unicode Collation Algorithm with the CLDR tailoring of the
language (ICU, from the ``pyicu-wheels`` package), plus two rules of UN documents that no collation table knows:
Arabic lists file a name under its first letter after the definite article "ال", and Chinese lists sort by the
name's reading, which for a few characters is not their commonest one (秘鲁, Peru, reads bì lǔ). See docs/report.md.

Apostrophe: UN documents print the typographic apostrophe (U+2019) — A/AC.105/1294 writes "Lao People’s Democratic
Republic" — while the taxonomy types the ASCII one ("Côte d'Ivoire"). Our output uses U+2019 everywhere.
"""

import csv
import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import NamedTuple

import icu

DATA_FILE = Path(__file__).with_name("data") / "un_countries.csv"
UN_APOSTROPHE = "\u2019"
LANGUAGES = ("en", "fr", "es", "ru", "zh", "ar")

# Where the taxonomy's Preferred Term differs from the UNTERM short name (besides the apostrophe).
UN_STYLE_OVERRIDES = {
    "NR": "Nauru",  # the taxonomy gives the endonym "Naoero"; UNTERM and the M49 list say "Nauru".
}
# The same for the other languages, where the taxonomy's name is wrong.
UN_STYLE_OVERRIDES_BY_LANGUAGE: dict[str, dict[str, str]] = {
    # UNTERM's Arabic short names put the qualifier in brackets with a dash standing for the name, as in
    # "إيران (جمهورية - الإسلامية)"; the taxonomy types an underscore for the dash in this one name.
    "ar": {"NL": "هولندا (مملكة -)"},
}

AFRICAN_STATES = "African States"
ASIA_PACIFIC_STATES = "Asia-Pacific States"
EASTERN_EUROPEAN_STATES = "Eastern European States"
LATIN_AMERICAN_AND_CARIBBEAN_STATES = "Latin American and Caribbean States"
WESTERN_EUROPEAN_AND_OTHER_STATES = "Western European and other States"


def _codes(text: str) -> frozenset[str]:
    return frozenset(text.split())


# The regional groups of Member States as listed by the UN Department for General Assembly and Conference Management
# (https://www.un.org/dgacm/en/content/regional-groups). Decisions, each one the DGACM page's own:
# - Türkiye participates fully in both WEOG and Asia-Pacific but counts with WEOG for electoral purposes: WEOG here.
# - Israel is a full member of WEOG (since 2000, permanently since 2004).
# - The United States attends WEOG as an observer and counts with it for electoral purposes: WEOG here.
# - Kiribati: older sources (ask.un.org, "as of 2010") say it belongs to no group; the current DGACM list places it
#   among the Asia-Pacific States, and so do we.
# - The observer States (Holy See, State of Palestine) are not on the list of Member States: no group (None).
REGIONAL_GROUPS: dict[str, frozenset[str]] = {
    AFRICAN_STATES: _codes(
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CI CD DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG MW ML MR MU MA MZ "
        "NA NE NG RW ST SN SC SL SO ZA SS SD TG TN UG TZ ZM ZW"
    ),
    ASIA_PACIFIC_STATES: _codes(
        "AF BH BD BT BN KH CN CY KP FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP OM PK PW PG PH QA "
        "KR WS SA SG SB LK SY TJ TH TL TO TM TV AE UZ VU VN YE"
    ),
    EASTERN_EUROPEAN_STATES: _codes("AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MK PL MD RO RU RS SK SI UA"),
    LATIN_AMERICAN_AND_CARIBBEAN_STATES: _codes(
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR TT UY VE"
    ),
    WESTERN_EUROPEAN_AND_OTHER_STATES: _codes(
        "AD AU AT BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US"
    ),
}
_GROUP_OF = {code: group for group, codes in REGIONAL_GROUPS.items() for code in codes}


class UnknownCountryError(ValueError):
    """Raised for a code that is not an ISO 3166-1 alpha-2 country code."""


class M49Region(NamedTuple):
    """The M49 standard's geographic grouping; None where M49 has no level (Antarctica has no region at all)."""

    region: str | None
    sub_region: str | None
    intermediate_region: str | None


class _Country(NamedTuple):
    iso2: str
    name: str
    status: str
    m49: M49Region
    names: dict[str, str]  # by language; a language without a name falls back to English


@cache
def _countries() -> dict[str, _Country]:
    with DATA_FILE.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    countries = {}
    for row in rows:
        code = row["iso2"]
        name = UN_STYLE_OVERRIDES.get(code, row["preferred_term"]).replace("'", UN_APOSTROPHE)
        region = M49Region(row["region"] or None, row["sub_region"] or None, row["intermediate_region"] or None)
        names = {"en": name} | {
            language: UN_STYLE_OVERRIDES_BY_LANGUAGE.get(language, {}).get(code)
            or row[f"name_{language}"].replace("'", UN_APOSTROPHE)
            or name
            for language in LANGUAGES[1:]
        }
        countries[code] = _Country(code, name, row["status"], region, names)
    return countries


def _country(iso2: str) -> _Country:
    code = iso2.upper() if isinstance(iso2, str) else ""
    try:
        return _countries()[code]
    except KeyError:
        raise UnknownCountryError(f"{iso2!r} is not an ISO 3166-1 alpha-2 country code.") from None


def is_valid_iso2(code: object) -> bool:
    """True for an ISO 3166-1 alpha-2 code as stored: upper case ('FR', not 'fr' — normalise input first)."""
    return isinstance(code, str) and code in _countries()


def _language(language: str | None) -> str:
    # Django's language codes ("zh-hans", "fr-ch") to ours; languages the UN does not publish in fall back to English.
    base = (language or "en").lower().replace("_", "-").split("-")[0]
    return base if base in LANGUAGES else "en"


def un_name(iso2: str, language: str = "en") -> str:
    """The UN short name ('TR' -> 'Türkiye'), in English unless another UN official language is asked for;
    raises UnknownCountryError for anything but an ISO 3166-1 alpha-2 code."""
    return _country(iso2).names[_language(language)]


def un_sort_key(name: str) -> str:
    """English alphabetical order ignoring diacritics and case: 'Côte d’Ivoire' files as 'cote d'ivoire'."""
    decomposed = unicodedata.normalize("NFKD", name.replace(UN_APOSTROPHE, "'"))
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()


# Chinese names sorted as another, homophone spelling: the reading of their first characters differs from the one
# a collation table gives the character alone. ICU files 秘 under mì (秘密, secret); in 秘鲁 (Peru) it reads bì, and
# Chinese lists put Peru among the B names, after 比利时 (Belgium, bǐ).
ZH_SORT_AS = {"秘鲁": "必鲁"}
# The Arabic definite article at the start of a word ("الأرجنتين", "المملكة المتحدة"): UN lists ignore it in
# order, so that Argentina files under أ with أذربيجان and الأردن, and the Russian Federation (الاتحاد الروسي) under ا.
_ARABIC_ARTICLE = re.compile(r"(?:^|(?<=[\s(]))ال")


@cache
def _collator(language: str):
    # Chinese: CLDR's default for "zh" is the pinyin order that Chinese UN documents follow. Russian: CLDR's Russian
    # tailoring is only "[reorder Cyrl]" (Cyrillic before Latin); the root order sorts Cyrillic the same and keeps a
    # name still in Latin script (Taiwan, which has no Russian name in the taxonomy) first, where it has always been.
    locale = icu.Locale.getRoot() if language == "ru" else icu.Locale(language)
    return icu.Collator.createInstance(locale)


def _collated_text(name: str, language: str) -> str:
    if language == "ar":
        return _ARABIC_ARTICLE.sub("", name)
    if language == "zh":
        return ZH_SORT_AS.get(name, name)
    return name


def collation_key(name: str, language: str = "en"):
    """The key that sorts names in `language`'s alphabetical order as UN documents in it list countries.

    English: `un_sort_key` (diacritics, case and apostrophe style ignored). Other UN languages: the Unicode
    Collation Algorithm with the language's CLDR tailoring (Spanish ñ after n, Russian й after и, Chinese by pinyin),
    on the text as filed (Arabic without the definite article, Chinese by reading; see ZH_SORT_AS)."""
    language = _language(language)
    if language == "en":
        return un_sort_key(name)
    return _collator(language).getSortKey(_collated_text(name, language))


def sorted_un_names(iso2_codes, language: str = "en") -> list[str]:
    """UN names of the given countries, each once, in that language's UN order (a 'countries represented' list)."""
    names = {un_name(code, language) for code in iso2_codes}
    return sorted(names, key=lambda name: collation_key(name, language))


def m49_region(iso2: str) -> M49Region:
    """Region, sub-region and intermediate region names of the M49 standard ('KE' -> Africa, Sub-Saharan Africa,
    Eastern Africa)."""
    return _country(iso2).m49


def regional_group(iso2: str) -> str | None:
    """The UN regional group a Member State counts with for elections; None for observers and territories."""
    return _GROUP_OF.get(_country(iso2).iso2)


def django_countries_override() -> dict:
    """Every ISO code mapped to its UN name in the active language, for django-countries' COUNTRIES_OVERRIDE."""
    # Imported here: the rest of this module is used where Django is not configured. Neither import loads apps.
    from django.utils.functional import lazy
    from django.utils.translation import get_language

    def name_in_active_language(code: str) -> str:
        return un_name(code, get_language())

    lazy_name = lazy(name_in_active_language, str)
    return {code: lazy_name(code) for code in _countries()}


def codes_in_un_order(language: str = "en") -> list[str]:
    """Every ISO code, ordered by UN name in `language`: for django-countries' COUNTRIES_FIRST (and
    _FIRST_BY_LANGUAGE) settings.

    Without the optional pyuca package django-countries sorts by a case-sensitive ASCII key, which files
    "United States Virgin Islands" before "United States of America"; naming every country "first", in our order,
    makes its lists follow the UN order exactly, in every language (see `collation_key`).
    """
    return sorted(_countries(), key=lambda code: collation_key(un_name(code, language), language))


OBSERVER_STATES = frozenset({"VA", "PS"})


@cache
def _member_states() -> frozenset[str]:
    return frozenset(code for code, country in _countries().items() if country.status == "member")


def __getattr__(attribute: str):
    # MEMBER_STATES is computed from the data file on first use, so importing this module reads nothing.
    if attribute == "MEMBER_STATES":
        return _member_states()
    raise AttributeError(f"module {__name__!r} has no attribute {attribute!r}")
