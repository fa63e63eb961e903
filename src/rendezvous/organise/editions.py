"""A new edition from the web or the command line: created in a series by its secretariat, who then runs it."""

from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition, EditionStaff, EditionStatus, Series, StaffRole
from rendezvous.events.services import EditionError, create_edition

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


@transaction.atomic
def set_status(edition: Edition, status: str, *, actor) -> Edition:
    """Publish an edition (its pages and registration become public), or take it back to draft, or archive it."""
    require_organiser(actor, edition)
    if status not in EditionStatus.values:
        raise EditionError(_("Unknown status %(status)r.") % {"status": status})
    previous = edition.status
    edition.status = status
    edition.save(update_fields=["status", "updated_at"])
    audit.record(
        "edition.status_changed",
        edition,
        actor=actor,
        edition=edition,
        summary=f"{previous} → {status}",
        previous=previous,
    )
    return edition
