"""Region filters shared by the programme list and the partners-wanted board: UN regional groups and M49 regions."""

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from rendezvous.core.countries import REGIONAL_GROUPS, codes_in_un_order, m49_region

# The names the country data carries (English, as the UN lists them), marked here so the catalogues translate them.
REGION_NAMES = [
    gettext_noop("African States"),
    gettext_noop("Asia-Pacific States"),
    gettext_noop("Eastern European States"),
    gettext_noop("Latin American and Caribbean States"),
    gettext_noop("Western European and other States"),
    gettext_noop("Africa"),
    gettext_noop("Americas"),
    gettext_noop("Asia"),
    gettext_noop("Europe"),
    gettext_noop("Oceania"),
]


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Filter values: UN regional groups and M49 regions, grouped."""
    m49 = sorted({m49_region(code).region for code in codes_in_un_order() if m49_region(code).region})
    return [
        (_("UN regional groups"), [(f"group:{name}", _(name)) for name in REGIONAL_GROUPS]),
        (_("Regions (M49)"), [(f"m49:{name}", _(name)) for name in m49]),
    ]


def countries_in_region(value: str) -> list[str]:
    scheme, _colon, name = value.partition(":")
    if scheme == "group":
        return sorted(REGIONAL_GROUPS.get(name, ()))
    if scheme == "m49":
        return [code for code in codes_in_un_order() if m49_region(code).region == name]
    return []
