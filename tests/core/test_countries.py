"""UN names, UN order, M49 regions and regional groups (rendezvous.core.countries)."""

import csv
import subprocess
import sys

import pytest
from django_countries import countries as django_countries
from django_countries.data import COUNTRIES as ISO_COUNTRIES

from rendezvous.core import countries
from rendezvous.core.countries import (
    AFRICAN_STATES,
    ASIA_PACIFIC_STATES,
    EASTERN_EUROPEAN_STATES,
    LATIN_AMERICAN_AND_CARIBBEAN_STATES,
    OBSERVER_STATES,
    REGIONAL_GROUPS,
    WESTERN_EUROPEAN_AND_OTHER_STATES,
    M49Region,
    UnknownCountryError,
    collation_key,
    is_valid_iso2,
    m49_region,
    regional_group,
    sorted_un_names,
    un_name,
    un_sort_key,
)
from rendezvous.core.data import make_un_countries
from tests.data.make_haikou_csv import REPORT_COUNTRIES, REPORT_COUNTRY_CODES

# The 193 Member States and the two observer States by their UNTERM short names (typed from the UN's list of
# Member States, not derived from the data file), with the typographic apostrophe of UN documents.
EXPECTED_UN_NAMES = {
    "AD": "Andorra",
    "AE": "United Arab Emirates",
    "AF": "Afghanistan",
    "AG": "Antigua and Barbuda",
    "AL": "Albania",
    "AM": "Armenia",
    "AO": "Angola",
    "AR": "Argentina",
    "AT": "Austria",
    "AU": "Australia",
    "AZ": "Azerbaijan",
    "BA": "Bosnia and Herzegovina",
    "BB": "Barbados",
    "BD": "Bangladesh",
    "BE": "Belgium",
    "BF": "Burkina Faso",
    "BG": "Bulgaria",
    "BH": "Bahrain",
    "BI": "Burundi",
    "BJ": "Benin",
    "BN": "Brunei Darussalam",
    "BO": "Bolivia (Plurinational State of)",
    "BR": "Brazil",
    "BS": "Bahamas",
    "BT": "Bhutan",
    "BW": "Botswana",
    "BY": "Belarus",
    "BZ": "Belize",
    "CA": "Canada",
    "CD": "Democratic Republic of the Congo",
    "CF": "Central African Republic",
    "CG": "Congo",
    "CH": "Switzerland",
    "CI": "Côte d’Ivoire",
    "CL": "Chile",
    "CM": "Cameroon",
    "CN": "China",
    "CO": "Colombia",
    "CR": "Costa Rica",
    "CU": "Cuba",
    "CV": "Cabo Verde",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DE": "Germany",
    "DJ": "Djibouti",
    "DK": "Denmark",
    "DM": "Dominica",
    "DO": "Dominican Republic",
    "DZ": "Algeria",
    "EC": "Ecuador",
    "EE": "Estonia",
    "EG": "Egypt",
    "ER": "Eritrea",
    "ES": "Spain",
    "ET": "Ethiopia",
    "FI": "Finland",
    "FJ": "Fiji",
    "FM": "Micronesia (Federated States of)",
    "FR": "France",
    "GA": "Gabon",
    "GB": "United Kingdom of Great Britain and Northern Ireland",
    "GD": "Grenada",
    "GE": "Georgia",
    "GH": "Ghana",
    "GM": "Gambia",
    "GN": "Guinea",
    "GQ": "Equatorial Guinea",
    "GR": "Greece",
    "GT": "Guatemala",
    "GW": "Guinea-Bissau",
    "GY": "Guyana",
    "HN": "Honduras",
    "HR": "Croatia",
    "HT": "Haiti",
    "HU": "Hungary",
    "ID": "Indonesia",
    "IE": "Ireland",
    "IL": "Israel",
    "IN": "India",
    "IQ": "Iraq",
    "IR": "Iran (Islamic Republic of)",
    "IS": "Iceland",
    "IT": "Italy",
    "JM": "Jamaica",
    "JO": "Jordan",
    "JP": "Japan",
    "KE": "Kenya",
    "KG": "Kyrgyzstan",
    "KH": "Cambodia",
    "KI": "Kiribati",
    "KM": "Comoros",
    "KN": "Saint Kitts and Nevis",
    "KP": "Democratic People’s Republic of Korea",
    "KR": "Republic of Korea",
    "KW": "Kuwait",
    "KZ": "Kazakhstan",
    "LA": "Lao People’s Democratic Republic",
    "LB": "Lebanon",
    "LC": "Saint Lucia",
    "LI": "Liechtenstein",
    "LK": "Sri Lanka",
    "LR": "Liberia",
    "LS": "Lesotho",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "LV": "Latvia",
    "LY": "Libya",
    "MA": "Morocco",
    "MC": "Monaco",
    "MD": "Republic of Moldova",
    "ME": "Montenegro",
    "MG": "Madagascar",
    "MH": "Marshall Islands",
    "MK": "North Macedonia",
    "ML": "Mali",
    "MM": "Myanmar",
    "MN": "Mongolia",
    "MR": "Mauritania",
    "MT": "Malta",
    "MU": "Mauritius",
    "MV": "Maldives",
    "MW": "Malawi",
    "MX": "Mexico",
    "MY": "Malaysia",
    "MZ": "Mozambique",
    "NA": "Namibia",
    "NE": "Niger",
    "NG": "Nigeria",
    "NI": "Nicaragua",
    "NL": "Netherlands (Kingdom of the)",
    "NO": "Norway",
    "NP": "Nepal",
    "NR": "Nauru",
    "NZ": "New Zealand",
    "OM": "Oman",
    "PA": "Panama",
    "PE": "Peru",
    "PG": "Papua New Guinea",
    "PH": "Philippines",
    "PK": "Pakistan",
    "PL": "Poland",
    "PS": "State of Palestine",
    "PT": "Portugal",
    "PW": "Palau",
    "PY": "Paraguay",
    "QA": "Qatar",
    "RO": "Romania",
    "RS": "Serbia",
    "RU": "Russian Federation",
    "RW": "Rwanda",
    "SA": "Saudi Arabia",
    "SB": "Solomon Islands",
    "SC": "Seychelles",
    "SD": "Sudan",
    "SE": "Sweden",
    "SG": "Singapore",
    "SI": "Slovenia",
    "SK": "Slovakia",
    "SL": "Sierra Leone",
    "SM": "San Marino",
    "SN": "Senegal",
    "SO": "Somalia",
    "SR": "Suriname",
    "SS": "South Sudan",
    "ST": "Sao Tome and Principe",
    "SV": "El Salvador",
    "SY": "Syrian Arab Republic",
    "SZ": "Eswatini",
    "TD": "Chad",
    "TG": "Togo",
    "TH": "Thailand",
    "TJ": "Tajikistan",
    "TL": "Timor-Leste",
    "TM": "Turkmenistan",
    "TN": "Tunisia",
    "TO": "Tonga",
    "TR": "Türkiye",
    "TT": "Trinidad and Tobago",
    "TV": "Tuvalu",
    "TZ": "United Republic of Tanzania",
    "UA": "Ukraine",
    "UG": "Uganda",
    "US": "United States of America",
    "UY": "Uruguay",
    "UZ": "Uzbekistan",
    "VA": "Holy See",
    "VC": "Saint Vincent and the Grenadines",
    "VE": "Venezuela (Bolivarian Republic of)",
    "VN": "Viet Nam",
    "VU": "Vanuatu",
    "WS": "Samoa",
    "YE": "Yemen",
    "ZA": "South Africa",
    "ZM": "Zambia",
    "ZW": "Zimbabwe",
}


def report_country_names() -> list[str]:
    head, last = REPORT_COUNTRIES.rsplit(" and ", 1)
    return [*head.split(", "), last]


def test_every_member_and_observer_state_has_its_un_name():
    assert len(EXPECTED_UN_NAMES) == 195
    assert {code: un_name(code) for code in EXPECTED_UN_NAMES} == EXPECTED_UN_NAMES


def test_member_and_observer_states_are_the_un_lists():
    assert len(countries.MEMBER_STATES) == 193
    assert frozenset({"VA", "PS"}) == OBSERVER_STATES
    assert set(EXPECTED_UN_NAMES) == countries.MEMBER_STATES | OBSERVER_STATES
    assert not countries.MEMBER_STATES & OBSERVER_STATES


def test_report_spellings_and_order_are_reproduced_exactly():
    names = report_country_names()
    assert len(names) == len(REPORT_COUNTRY_CODES) == 82
    assert sorted_un_names(reversed(REPORT_COUNTRY_CODES)) == names
    assert [un_name(code) for code in REPORT_COUNTRY_CODES] == names
    assert "Lao People\u2019s Democratic Republic" in names


def test_every_iso_country_resolves_to_a_name_in_un_typography():
    assert set(ISO_COUNTRIES) == {code for code in ISO_COUNTRIES if is_valid_iso2(code)}
    for code in ISO_COUNTRIES:
        assert un_name(code)
        assert "'" not in un_name(code), code
    assert un_name("HK") == "China, Hong Kong Special Administrative Region"
    assert un_name("CW") == "Curaçao"


def test_override_table_is_still_needed():
    # If the taxonomy is fixed upstream, drop the entry (and this line) when regenerating the data file.
    with countries.DATA_FILE.open(encoding="utf-8") as handle:
        raw = {row["iso2"]: row["preferred_term"] for row in csv.DictReader(handle)}
    for code, name in countries.UN_STYLE_OVERRIDES.items():
        assert raw[code] != name
    assert raw["CI"] == "Côte d'Ivoire"  # the ASCII apostrophe that the UN_APOSTROPHE rule replaces


def test_data_file_matches_the_pinned_package():
    assert countries.DATA_FILE.read_text(encoding="utf-8") == make_un_countries.build()


def test_sort_key_ignores_diacritics_case_and_apostrophe_style():
    assert un_sort_key("Côte d’Ivoire") == un_sort_key("cote d'ivoire") == "cote d'ivoire"
    assert un_sort_key("Türkiye") == "turkiye"
    assert sorted_un_names(["HR", "CI", "CR", "CU"]) == ["Costa Rica", "Côte d’Ivoire", "Croatia", "Cuba"]
    assert sorted_un_names(["TM", "TR", "TN", "TV"]) == ["Tunisia", "Türkiye", "Turkmenistan", "Tuvalu"]
    assert sorted_un_names(["VI", "US", "UY"]) == [
        "United States of America",
        "United States Virgin Islands",
        "Uruguay",
    ]


def test_sorted_un_names_lists_each_country_once_and_accepts_lower_case():
    assert sorted_un_names(["vn", "VN", "af"]) == ["Afghanistan", "Viet Nam"]
    assert sorted_un_names([]) == []


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("KE", M49Region("Africa", "Sub-Saharan Africa", "Eastern Africa")),
        ("CN", M49Region("Asia", "Eastern Asia", None)),
        ("TR", M49Region("Asia", "Western Asia", None)),
        ("BO", M49Region("Americas", "Latin America and the Caribbean", "South America")),
        ("US", M49Region("Americas", "Northern America", None)),
        ("NL", M49Region("Europe", "Western Europe", None)),
        ("KI", M49Region("Oceania", "Micronesia", None)),
        ("AQ", M49Region(None, None, None)),
    ],
)
def test_m49_regions(code, expected):
    assert m49_region(code) == expected
    assert m49_region(code).region == expected.region


@pytest.mark.parametrize(
    ("code", "group"),
    [
        ("NG", AFRICAN_STATES),
        ("EG", AFRICAN_STATES),
        ("CN", ASIA_PACIFIC_STATES),
        ("CY", ASIA_PACIFIC_STATES),  # Europe in M49, Asia-Pacific for elections
        ("KI", ASIA_PACIFIC_STATES),  # on the current DGACM list (older sources: no group)
        ("RU", EASTERN_EUROPEAN_STATES),
        ("VE", LATIN_AMERICAN_AND_CARIBBEAN_STATES),
        ("TR", WESTERN_EUROPEAN_AND_OTHER_STATES),  # also in Asia-Pacific, WEOG for elections
        ("IL", WESTERN_EUROPEAN_AND_OTHER_STATES),
        ("US", WESTERN_EUROPEAN_AND_OTHER_STATES),  # observer in WEOG, a member for electoral purposes
        ("AU", WESTERN_EUROPEAN_AND_OTHER_STATES),
        ("VA", None),  # observer States are not on the list of Member States
        ("PS", None),
        ("HK", None),  # territories belong to no group
    ],
)
def test_regional_groups(code, group):
    assert regional_group(code) == group


def test_regional_groups_partition_the_member_states():
    sizes = {group: len(codes) for group, codes in REGIONAL_GROUPS.items()}
    assert sizes == {
        AFRICAN_STATES: 54,
        ASIA_PACIFIC_STATES: 54,
        EASTERN_EUROPEAN_STATES: 23,
        LATIN_AMERICAN_AND_CARIBBEAN_STATES: 33,
        WESTERN_EUROPEAN_AND_OTHER_STATES: 29,
    }
    assert sum(sizes.values()) == len(set().union(*REGIONAL_GROUPS.values())) == 193
    assert set().union(*REGIONAL_GROUPS.values()) == countries.MEMBER_STATES


@pytest.mark.parametrize("code", ["XX", "XK", "", "FRA", "250", None])
def test_unknown_codes_are_refused_clearly(code):
    assert not is_valid_iso2(code)
    with pytest.raises(UnknownCountryError, match="is not an ISO 3166-1 alpha-2 country code"):
        un_name(code)
    with pytest.raises(UnknownCountryError):
        m49_region(code)
    with pytest.raises(UnknownCountryError):
        regional_group(code)


def test_valid_codes_are_upper_case_but_names_are_found_in_either_case():
    # Strict, so that a service that validates with it never stores "fr" next to "FR".
    assert is_valid_iso2("FR")
    assert not is_valid_iso2("fr")
    assert not is_valid_iso2(" FR")
    assert un_name("tr") == "Türkiye"


def test_country_field_choices_show_un_names_in_un_order():
    from rendezvous.core.models import Organisation

    choices = [choice for choice in Organisation._meta.get_field("country").formfield().choices if choice[0]]
    names = [name for _code, name in choices]
    assert len(choices) == len(ISO_COUNTRIES)
    assert names == sorted(names, key=un_sort_key)
    assert dict(choices)["TR"] == "Türkiye"
    assert dict(choices)["CI"] == "Côte d’Ivoire"
    assert dict(django_countries)["NL"] == "Netherlands (Kingdom of the)"


def test_loading_the_country_data_imports_nothing_from_django():
    # settings.py imports this module, before Django's apps are ready.
    script = (
        "import sys, rendezvous.core.countries as c; c.un_name('FR'); "
        "print(any(m.startswith('django') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_names_in_the_other_official_languages():
    assert un_name("NL", "fr") == "Pays-Bas (Royaume des)"
    assert un_name("NL", "es") == "Países Bajos (Reino de los)"
    assert un_name("TR", "ru") == "Турция"
    assert un_name("CN", "zh-hans") == "中国"
    assert un_name("NR", "fr") == "Nauru"  # not the taxonomy's short-name "Naoero"
    assert un_name("US", "fr") == "États-Unis d’Amérique"
    assert un_name("TR", "de") == un_name("TR", None) == "Türkiye"  # not a UN language: English
    assert un_name("TW", "ru") == "Taiwan (Province of China)"  # no Russian name in the taxonomy: English


@pytest.mark.parametrize("language", ["fr", "es", "ru"])
def test_country_field_choices_follow_the_active_language(language):
    from django.utils import translation

    from rendezvous.core.models import Organisation

    with translation.override(language):
        choices = [choice for choice in Organisation._meta.get_field("country").formfield().choices if choice[0]]
        names = [str(name) for _code, name in choices]
    # Each language's own alphabetical order (Russian й is a letter after и: Гаити before Гайана); for French and
    # Spanish this is also the English rule's order (diacritics ignored).
    assert names == sorted(names, key=lambda name: collation_key(name, language))
    if language != "ru":
        assert names == sorted(names, key=un_sort_key)
    assert dict(zip([code for code, _name in choices], names, strict=True))["NL"] == un_name("NL", language)
