"""Business rules for series and editions."""

import copy
import datetime
import time
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.http import Http404

from rendezvous.core import audit
from rendezvous.core.permissions import is_organiser

from .models import Edition, EditionFormat, Series

# slug → (monotonic time read, edition); each reader gets a copy, so nobody shares a model instance across threads.
_recent_public_editions: dict[str, tuple[float, Edition]] = {}


def get_visible_edition(user, slug: str, *, max_age: float = 0) -> Edition:
    """The edition the reader may see: published or archived, or any edition for its organisers.

    `max_age` (seconds) lets a hot path, such as the registration form under a burst, take a public edition this
    process read that recently instead of asking the database again. Saving or deleting an edition here forgets it;
    another process may see the change up to `max_age` seconds late, so only pass it where that does no harm.
    """
    if max_age:
        recent = _recent_public_editions.get(slug)
        if recent is not None and time.monotonic() - recent[0] < max_age:
            return copy.copy(recent[1])
    try:
        edition = Edition.objects.get(slug=slug)
    except Edition.DoesNotExist:
        raise Http404("No such edition.") from None
    if not edition.is_public and not is_organiser(user, edition):
        raise Http404("No such edition.")
    if max_age and edition.is_public:
        _recent_public_editions[slug] = (time.monotonic(), copy.copy(edition))
    return edition


def forget_recent_edition(sender, instance: Edition, **kwargs) -> None:
    """Signal receiver: a saved or deleted edition is read afresh next time."""
    # Not just instance.slug: a renamed edition leaves its old slug behind. Editions are few; forget them all.
    _recent_public_editions.clear()


class EditionError(ValueError):
    """An edition cannot be created or changed as asked; the message says why, in one line."""


def create_edition(
    *,
    slug: str,
    title: str,
    start,
    end,
    timezone: str,
    series: str | None = None,
    format: str = "hybrid",
    actor=None,
) -> Edition:
    """Create an empty draft edition. `start` and `end` are dates or ISO strings (YYYY-MM-DD), in the edition's zone."""
    try:
        validate_slug(slug)
    except ValidationError:
        raise EditionError(f"Invalid slug {slug!r}: use letters, digits, hyphens and underscores only.") from None
    if not title.strip():
        raise EditionError("The title must not be empty.")
    if len(title.strip()) > Edition._meta.get_field("title").max_length or len(slug) > 50:
        raise EditionError("The title (300 characters) or the slug (50 characters) is too long.")

    def as_date(value, name):
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise EditionError(f"Bad {name} date {value!r}: expected YYYY-MM-DD.") from None

    start_date, end_date = as_date(start, "start"), as_date(end, "end")
    if end_date < start_date:
        raise EditionError(f"The edition cannot end ({end_date}) before it starts ({start_date}).")
    if timezone not in zoneinfo.available_timezones():
        raise EditionError(f"Unknown time zone {timezone!r}: use an IANA name such as Asia/Shanghai.")
    if format not in EditionFormat.values:
        raise EditionError(f"Unknown format {format!r}: use one of {', '.join(EditionFormat.values)}.")

    with transaction.atomic():
        series_obj = None
        if series:
            try:
                series_obj = Series.objects.get(slug=series)
            except Series.DoesNotExist:
                raise EditionError(f"No series with slug {series!r}.") from None
        if Edition.objects.filter(slug=slug).exists():
            raise EditionError(f"The slug {slug!r} is already taken by another edition.")
        edition = Edition.objects.create(
            slug=slug,
            title=title.strip(),
            start_date=start_date,
            end_date=end_date,
            timezone=timezone,
            format=format,
            series=series_obj,
        )
        audit.record("edition.created", edition, actor=actor, edition=edition, summary=f"Created draft {slug}.")
    return edition


def organiser_overview(edition: Edition) -> dict:
    """What the dashboard shows: seats per attendance mode and the number of timetable clashes."""
    from rendezvous.programme.timetable import find_clashes
    from rendezvous.registration.services import seats

    return {"seats": seats(edition), "clash_count": len(find_clashes(edition))}
