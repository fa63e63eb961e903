"""Region filters shared by the programme list and the partners-wanted board: UN regional groups and M49 regions."""

from django.utils.translation import gettext as _

from rendezvous.core.countries import REGIONAL_GROUPS, codes_in_un_order, m49_region


def region_choices() -> list[tuple[str, list[tuple[str, str]]]]:
    """Filter values: UN regional groups and M49 regions, grouped."""
    m49 = sorted({m49_region(code).region for code in codes_in_un_order() if m49_region(code).region})
    return [
        (_("UN regional groups"), [(f"group:{name}", name) for name in REGIONAL_GROUPS]),
        (_("Regions (M49)"), [(f"m49:{name}", name) for name in m49]),
    ]


def countries_in_region(value: str) -> list[str]:
    scheme, _colon, name = value.partition(":")
    if scheme == "group":
        return sorted(REGIONAL_GROUPS.get(name, ()))
    if scheme == "m49":
        return [code for code in codes_in_un_order() if m49_region(code).region == name]
    return []
