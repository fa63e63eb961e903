"""A new edition from the web or the command line: created in a series by its secretariat, who then runs it."""

from django.db import transaction

from rendezvous.events.models import Edition, EditionStaff, Series, StaffRole
from rendezvous.events.services import create_edition

from .permissions import require_create_edition
from .staff import add_staff


@transaction.atomic
def create_edition_in_series(
    series: Series | None, *, slug: str, title: str, start, end, timezone: str, format: str, actor
) -> Edition:
    """Create a draft edition of `series` and make `actor` (its secretariat) an organiser of it."""
    require_create_edition(actor, series)
    edition = create_edition(
        slug=slug,
        title=title,
        start=start,
        end=end,
        timezone=timezone,
        series=series.slug if series else None,
        format=format,
        actor=actor,
    )
    if not actor.is_superuser:
        if not actor.is_staff:
            actor.is_staff = True
            actor.save(update_fields=["is_staff"])
        EditionStaff.objects.create(edition=edition, user=actor, role=StaffRole.ORGANISER)
    return edition


def make_organiser(edition: Edition, email: str) -> EditionStaff:
    """The command line's `--organiser EMAIL`: that person organises the edition (invited by e-mail if new)."""
    return add_staff(edition, email, StaffRole.ORGANISER, actor=None)
