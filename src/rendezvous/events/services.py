"""Business rules for series and editions."""

import copy
import datetime
import time
import uuid
import zoneinfo
from dataclasses import dataclass, field

from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.validators import validate_slug
from django.db import transaction
from django.http import Http404
from django.utils import formats
from django.utils.translation import gettext

from rendezvous.core import audit
from rendezvous.core.permissions import is_organiser

from .models import Edition, EditionFormat, EditionStatus, Series

# slug → (monotonic time read, edition); each reader gets a copy, so nobody shares a model instance across threads.
_recent_public_editions: dict[str, tuple[float, Edition]] = {}
# A token in the configured cache that changes whenever any edition is saved or deleted. Each remembered edition
# carries the token read before it was fetched and is reused only while the token is unchanged, so with a cache
# shared by several web servers (CACHE_URL) a change made through one is seen by the others at once.
EDITIONS_TOKEN_KEY = "events:editions:token"
_TOKEN_ATTRIBUTE = "_rendezvous_editions_token"


def _editions_token() -> str | None:
    token = cache.get(EDITIONS_TOKEN_KEY)
    if token is None:
        cache.add(EDITIONS_TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(EDITIONS_TOKEN_KEY)
    return token


def _renew_editions_token() -> None:
    cache.set(EDITIONS_TOKEN_KEY, uuid.uuid4().hex, None)


def get_visible_edition(user, slug: str, *, max_age: float = 0, shared: bool = False) -> Edition:
    """The edition the reader may see: published or archived, or any edition for its organisers.

    `max_age` (seconds) lets a hot path, such as the registration form under a burst, take a public edition this
    process read that recently instead of asking the database again. It is taken only while no edition was saved
    or deleted since, in any process sharing the cache; `max_age` bounds only what no save announces. It comes as a
    copy, unless the caller only reads it and says so with `shared`: then it is the instance every thread of this
    process is given (the registration page's front door reads it for every visitor of a burst).
    """
    token = None
    if max_age:
        token = _editions_token()
        recent = _recent_public_editions.get(slug)
        if (
            recent is not None
            and time.monotonic() - recent[0] < max_age
            and getattr(recent[1], _TOKEN_ATTRIBUTE, None) == token
        ):
            return recent[1] if shared else copy.copy(recent[1])
    try:
        edition = Edition.objects.get(slug=slug)
    except Edition.DoesNotExist:
        raise Http404(gettext("No such edition.")) from None
    if not edition.is_public and not is_organiser(user, edition):
        raise Http404(gettext("No such edition."))
    if max_age and edition.is_public:
        remembered = copy.copy(edition)
        setattr(remembered, _TOKEN_ATTRIBUTE, token)
        _recent_public_editions[slug] = (time.monotonic(), remembered)
    return edition


def forget_recent_edition(sender, instance: Edition, **kwargs) -> None:
    """Signal receiver: a saved or deleted edition is read afresh next time, in every process sharing the cache."""
    # Not just instance.slug: a renamed edition leaves its old slug behind. Editions are few; forget them all.
    _recent_public_editions.clear()
    _renew_editions_token()
    if transaction.get_connection().in_atomic_block:
        # Another process may fetch the old row until the commit and remember it under the new token; renew again.
        transaction.on_commit(_renew_editions_token)


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
        raise EditionError(
            gettext("Invalid slug %(slug)s: use letters, digits, hyphens and underscores only.") % {"slug": repr(slug)}
        ) from None
    if not title.strip():
        raise EditionError(gettext("The title must not be empty."))
    if len(title.strip()) > Edition._meta.get_field("title").max_length or len(slug) > 50:
        raise EditionError(gettext("The title (300 characters) or the slug (50 characters) is too long."))

    def as_date(value, name):
        if isinstance(value, datetime.date):
            return value
        try:
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            raise EditionError(
                gettext("Bad %(name)s date %(value)s: expected YYYY-MM-DD.") % {"name": name, "value": repr(value)}
            ) from None

    start_date, end_date = as_date(start, "start"), as_date(end, "end")
    if end_date < start_date:
        raise EditionError(
            gettext("The edition cannot end (%(end_date)s) before it starts (%(start_date)s).")
            % {"end_date": end_date, "start_date": start_date}
        )
    if timezone not in zoneinfo.available_timezones():
        raise EditionError(
            gettext("Unknown time zone %(timezone)s: use an IANA name such as Asia/Shanghai.")
            % {"timezone": repr(timezone)}
        )
    if format not in EditionFormat.values:
        raise EditionError(
            gettext("Unknown format %(format)s: use one of %(join)s.")
            % {"format": repr(format), "join": ", ".join(EditionFormat.values)}
        )

    with transaction.atomic():
        series_obj = None
        if series:
            try:
                series_obj = Series.objects.get(slug=series)
            except Series.DoesNotExist:
                raise EditionError(gettext("No series with slug %(series)s.") % {"series": repr(series)}) from None
        if Edition.objects.filter(slug=slug).exists():
            raise EditionError(gettext("The slug %(slug)s is already taken by another edition.") % {"slug": repr(slug)})
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


# --- Editions as the public pages name them ------------------------------------------------------------------


def date_range_label(start: datetime.date, end: datetime.date) -> str:
    """Dates as the United Nations print them: "21–24 November 2022", "30 November – 2 December 2022"."""

    # Month names in the reader's language; "E" is the month as it reads after a day number (Russian "ноября").
    def month(day):
        return formats.date_format(day, "E")

    if start == end:
        return f"{start.day} {month(start)} {start.year}"
    if (start.year, start.month) == (end.year, end.month):
        return f"{start.day}\u2013{end.day} {month(end)} {end.year}"
    if start.year == end.year:
        return f"{start.day} {month(start)} \u2013 {end.day} {month(end)} {end.year}"
    return f"{start.day} {month(start)} {start.year} \u2013 {end.day} {month(end)} {end.year}"


@dataclass
class SeriesListing:
    name: str
    description: str = ""
    current: list = field(default_factory=list)
    past: list = field(default_factory=list)


def public_editions_by_series() -> list[SeriesListing]:
    """Published and archived editions by series: upcoming and current first (soonest first), then past (latest first).

    Editions without a series are listed last under "Other events". One query.
    """
    editions = (
        Edition.objects.filter(status__in=[EditionStatus.PUBLISHED, EditionStatus.ARCHIVED])
        .select_related("series")
        .order_by("series__name", "start_date")
    )
    listings: dict[int | None, SeriesListing] = {}
    for edition in editions:
        key = edition.series_id
        if key not in listings:
            series = edition.series
            listings[key] = SeriesListing(
                name=series.name if series else "Other events", description=series.description if series else ""
            )
        edition.date_label = date_range_label(edition.start_date, edition.end_date)
        (listings[key].past if edition.is_past else listings[key].current).append(edition)
    for listing in listings.values():
        listing.past.reverse()
    ordered = [listing for key, listing in listings.items() if key is not None]
    if None in listings:
        ordered.append(listings[None])
    return ordered


def zone_label(edition: Edition) -> str:
    """The edition's zone with its UTC offset during the edition, e.g. "Asia/Shanghai (UTC+08:00)"."""
    midday = datetime.datetime.combine(edition.start_date, datetime.time(12), tzinfo=edition.zone)
    offset = midday.utcoffset() or datetime.timedelta(0)
    minutes = int(offset.total_seconds() // 60)
    sign = "+" if minutes >= 0 else "\u2212"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{edition.timezone} (UTC{sign}{hours:02d}:{minutes:02d})"


def format_label(edition: Edition) -> str:
    """The format in words, naming the online platform (never its meeting link, which is for participants only)."""
    online = (
        gettext("online via %(platform)s") % {"platform": edition.online_platform}
        if edition.online_platform
        else gettext("online")
    )
    place = gettext("in person in %(city)s") % {"city": edition.city} if edition.city else gettext("in person")
    if edition.format == EditionFormat.HYBRID:
        return gettext("Hybrid: %(place)s and %(online)s") % {"place": place, "online": online}
    if edition.format == EditionFormat.ONLINE:
        return online[0].upper() + online[1:]
    return place[0].upper() + place[1:]
