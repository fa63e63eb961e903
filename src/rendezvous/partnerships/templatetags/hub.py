from django import template

from ..selection import format_amount

register = template.Library()


@register.filter
def amount(value) -> str:
    """A quantity without trailing zeros: 10.000 → '10', 2.500 → '2.5'."""
    return "" if value is None else format_amount(value)
