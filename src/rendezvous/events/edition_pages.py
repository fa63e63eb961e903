"""What the apps above events add to the edition page, the organisers' dashboard and the organisers' staff page.

events serves both pages, but what they show of the programme (its size, its timetable clashes) and of registration
(the seats) belongs to programme and registration, which import events and so may not be imported by it. Each of
those apps adds its part here when Django starts, in its `AppConfig.ready`: the name of a template variable and the
function of the edition that computes it. A page then asks for every part given to it. The staff page (served by
organise) shows roles other apps keep, such as documents' visa letter officers.
"""

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from .models import Edition

EDITION_PAGE = "edition page"
DASHBOARD = "organisers' dashboard"
STAFF_PAGE = "organisers' staff page"

_parts: dict[str, dict[str, Callable[[Edition], Any]]] = {EDITION_PAGE: {}, DASHBOARD: {}, STAFF_PAGE: {}}


def add_part(page: str, name: str, compute: Callable[[Edition], Any]) -> None:
    """Show `compute(edition)` as the template variable `name` on `page` (EDITION_PAGE, DASHBOARD or STAFF_PAGE)."""
    parts = _parts[page]
    # The same function given again (ready() run twice) is harmless; two apps claiming one name is a mistake.
    if parts.get(name, compute) is not compute:
        raise ImproperlyConfigured(f"Two apps give the {page} a part named {name!r}.")
    parts[name] = compute


def parts_of(page: str, edition: Edition) -> dict[str, Any]:
    """The template variables every app gives `page` for `edition`."""
    return {name: compute(edition) for name, compute in _parts[page].items()}
