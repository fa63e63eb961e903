"""Participation rules: badge codes, check-in at the venue, personal online join links.

Decisions (see also models.py for how the codes are stored):
- Badges are for approved in-person registrations (participants and speakers). An online registration's code is
  refused at the door ("not valid for in-person entry"): the venue's seats are planned from the in-person list, and
  changing mode is one click on the participant's own page.
- A check-in is per edition-local day; a second scan on the same day is refused with the time of the first. The unique
  constraint (registration, day) decides races: the loser's IntegrityError becomes "already checked in".
- The personal join link works for every approved registration (in-person people may follow a day remotely); it
  records an OnlineJoin at most once a minute per registration (refresh spam) and always forwards while approved.
  Refusals never carry the meeting URL.
"""

import datetime
import re
import secrets
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext

from rendezvous.core import audit, happenings
from rendezvous.core.randomness import random_string
from rendezvous.events.models import Edition
from rendezvous.programme.models import Session, SessionKind
from rendezvous.registration.models import Attendance, Registration

from .models import CheckIn, OnlineJoin, ParticipantPass

# Crockford's base32: no I, L, O, U, so a code read aloud or typed from a badge is hard to get wrong.
CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 16  # 80 random bits
_TYPO_FIXES = str.maketrans({"O": "0", "I": "1", "L": "1"})
JOIN_RECORD_INTERVAL = datetime.timedelta(minutes=1)


class ParticipationError(Exception):
    """A check-in or join that cannot go on; the message can be shown as it is."""


class UnknownCode(ParticipationError):
    def __init__(self):
        super().__init__(gettext("Unknown code"))


class NotApproved(ParticipationError):
    """The registration exists but is cancelled, rejected, pending or waiting."""


class OnlineOnly(ParticipationError):
    def __init__(self, registration: Registration):
        self.registration = registration
        super().__init__(
            gettext("Online registration — not valid for in-person entry: %(full_name)s")
            % {"full_name": registration.full_name}
        )


class DayOutsideEdition(ParticipationError):
    pass


class AlreadyCheckedIn(ParticipationError):
    def __init__(self, check_in: CheckIn, today: datetime.date):
        self.check_in = check_in
        edition = check_in.registration.edition
        at = timezone.localtime(check_in.checked_in_at, edition.zone).strftime("%H:%M")
        values = {"time": at, "full_name": check_in.registration.full_name}
        if check_in.day == today:
            message = gettext("Already checked in today at %(time)s: %(full_name)s") % values
        else:
            values["number"] = day_number(edition, check_in.day)
            message = gettext("Already checked in on day %(number)d at %(time)s: %(full_name)s") % values
        super().__init__(message)


class JoinRefused(ParticipationError):
    """The personal join link does not lead to the meeting."""


# ---------------------------------------------------------------------------------------------------------------------
# Days


def edition_days(edition: Edition) -> list[datetime.date]:
    count = (edition.end_date - edition.start_date).days + 1
    return [edition.start_date + datetime.timedelta(days=n) for n in range(max(count, 1))]


def day_number(edition: Edition, day: datetime.date) -> int:
    return (day - edition.start_date).days + 1


def local_today(edition: Edition) -> datetime.date:
    return timezone.localdate(timezone=edition.zone)


def default_check_in_day(edition: Edition) -> datetime.date:
    """Today in the edition's zone, clamped to its days (before the event: day 1; after: the last day)."""
    return min(max(local_today(edition), edition.start_date), edition.end_date)


# ---------------------------------------------------------------------------------------------------------------------
# Codes


def _new_badge_code() -> str:
    return random_string(CODE_LENGTH, CODE_ALPHABET)


def pass_for(registration: Registration) -> ParticipantPass:
    """The registration's codes, created on first use. Two first uses at once create one pass."""
    try:
        return registration.participant_pass  # cached when the caller used select_related
    except ParticipantPass.DoesNotExist:
        pass
    try:
        with transaction.atomic():
            return ParticipantPass.objects.create(
                registration=registration, badge_code=_new_badge_code(), join_code=secrets.token_urlsafe(24)
            )
    except IntegrityError:
        registration.participant_pass = ParticipantPass.objects.get(registration=registration)
        return registration.participant_pass


def ensure_passes(registrations: QuerySet[Registration]) -> None:
    """Give every registration of the queryset its codes, in one insert (for the badge sheet)."""
    missing = registrations.filter(participant_pass__isnull=True).values_list("pk", flat=True)
    ParticipantPass.objects.bulk_create(
        [
            ParticipantPass(registration_id=pk, badge_code=_new_badge_code(), join_code=secrets.token_urlsafe(24))
            for pk in missing
        ],
        ignore_conflicts=True,
    )


def format_badge_code(code: str) -> str:
    """ABCD-EFGH-JKMN-PQRS: easier to read out and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def normalise_code(text: str) -> str:
    """The badge code in what was typed or scanned: the code itself (any case, dashes, spaces, O for 0), or a URL
    carrying it as `?code=` or as its last path segment. Returns "" when nothing looks like a code."""
    text = (text or "").strip()
    if "/" in text or "=" in text:
        parts = urlsplit(text)
        query_code = parse_qs(parts.query).get("code")
        if query_code:
            text = query_code[0]
        else:
            segments = [segment for segment in parts.path.split("/") if segment]
            text = segments[-1] if segments else ""
    code = re.sub(r"[\s\-]", "", text).upper().translate(_TYPO_FIXES)
    if len(code) != CODE_LENGTH or any(char not in CODE_ALPHABET for char in code):
        return ""
    return code


# ---------------------------------------------------------------------------------------------------------------------
# Badges


def badge_registrations(edition: Edition) -> QuerySet[Registration]:
    """Who gets a badge: approved in-person registrations, in the order the sheet prints them."""
    return (
        Registration.objects.approved()
        .filter(edition=edition, attendance=Attendance.IN_PERSON)
        .select_related("organisation", "participant_pass")
        .order_by("family_name", "given_name", "id")
    )


def has_badge(registration: Registration) -> bool:
    return registration.is_approved and registration.attendance == Attendance.IN_PERSON


# ---------------------------------------------------------------------------------------------------------------------
# Check-in


@dataclass(frozen=True)
class CheckInResult:
    check_in: CheckIn
    registration: Registration
    day_number: int

    @property
    def message(self) -> str:
        """What the desk shows, in the active language."""
        organisation = self.registration.organisation
        values = {"full_name": self.registration.full_name, "number": self.day_number}
        if organisation is None:
            return gettext("Checked in: %(full_name)s — day %(number)d") % values
        values["organisation"] = organisation.acronym or organisation.name
        return gettext("Checked in: %(full_name)s (%(organisation)s) — day %(number)d") % values


def check_in(edition: Edition, code: str, *, day: datetime.date, by=None) -> CheckInResult:
    """Record that the badge holder entered on `day` (edition-local). Raises a ParticipationError saying why not."""
    if day not in edition_days(edition):
        raise DayOutsideEdition(
            gettext("%(day)s is not a day of this edition.") % {"day": formats.date_format(day, "DATE_FORMAT")}
        )
    normalised = normalise_code(code)
    if not normalised:
        raise UnknownCode()
    badge = (
        ParticipantPass.objects.filter(badge_code=normalised, registration__edition=edition)
        .select_related("registration__organisation", "registration__edition")
        .first()
    )
    if badge is None:
        raise UnknownCode()
    return _check_in_registration(edition, badge.registration, day=day, by=by)


def check_in_by_search(edition: Edition, registration_id: int, *, day: datetime.date, by=None) -> CheckInResult:
    """Check in a person found by name or organisation at the desk (no badge at hand); same rules as a code."""
    if day not in edition_days(edition):
        raise DayOutsideEdition(
            gettext("%(day)s is not a day of this edition.") % {"day": formats.date_format(day, "DATE_FORMAT")}
        )
    registration = (
        Registration.objects.filter(edition=edition, pk=registration_id)
        .select_related("organisation", "edition")
        .first()
    )
    if registration is None:
        raise UnknownCode()
    return _check_in_registration(edition, registration, day=day, by=by)


MAX_SEARCH_LENGTH = 100


def find_participants(edition: Edition, text: str, *, limit: int = 20) -> list[Registration]:
    """Approved in-person participants whose name, organisation or badge code contains `text` (any case)."""
    text = " ".join((text or "").split())[:MAX_SEARCH_LENGTH]
    if len(text) < 2:
        return []
    matches = Q(organisation__name__icontains=text) | Q(organisation__acronym__icontains=text)
    words = text.split()
    names = Q()
    for word in words:
        names &= Q(given_name__icontains=word) | Q(family_name__icontains=word)
    matches |= names
    code = normalise_code(text)
    if code:
        matches |= Q(participant_pass__badge_code=code)
    return list(
        badge_registrations(edition)
        .filter(matches)
        .select_related("organisation")
        .order_by("family_name", "given_name")[:limit]
    )


def undo_check_in(edition: Edition, check_in_id: int, *, by=None) -> CheckIn:
    """Take back a wrong check-in; the audit trail keeps both the check-in and its undoing."""
    with transaction.atomic():
        entry = (
            CheckIn.objects.select_for_update()
            .filter(pk=check_in_id, registration__edition=edition)
            .select_related("registration")
            .first()
        )
        if entry is None:
            raise ParticipationError(gettext("This check-in was already undone."))
        audit.record(
            "participation.check_in_undone",
            entry,
            actor=by,
            edition=edition,
            summary=f"Check-in of {entry.registration.full_name} on day {day_number(edition, entry.day)} undone.",
            registration=entry.registration_id,
            day=entry.day.isoformat(),
        )
        entry.delete()
    return entry


def _check_in_registration(edition: Edition, registration: Registration, *, day: datetime.date, by) -> CheckInResult:
    if registration.is_cancelled:
        raise NotApproved(gettext("Registration cancelled: %(full_name)s") % {"full_name": registration.full_name})
    if not registration.is_approved:
        raise NotApproved(
            gettext("Registration not approved (%(lower)s): %(full_name)s")
            % {"lower": registration.get_status_display().lower(), "full_name": registration.full_name}
        )
    if registration.attendance != Attendance.IN_PERSON:
        raise OnlineOnly(registration)
    today = local_today(edition)
    try:
        with transaction.atomic():
            entry = CheckIn.objects.create(registration=registration, day=day, checked_in_by=by)
            audit.record(
                "participation.checked_in",
                entry,
                actor=by,
                edition=edition,
                summary=f"{registration.full_name} checked in on day {day_number(edition, day)}.",
                registration=registration.pk,
                day=day.isoformat(),
            )
    except IntegrityError:
        existing = CheckIn.objects.select_related("registration__edition").get(registration=registration, day=day)
        raise AlreadyCheckedIn(existing, today) from None
    return CheckInResult(entry, registration, day_number(edition, day))


@dataclass(frozen=True)
class DayCounts:
    checked_in: int
    expected: int


def day_counts(edition: Edition, day: datetime.date) -> DayCounts:
    return DayCounts(
        checked_in=CheckIn.objects.filter(registration__edition=edition, day=day).count(),
        expected=badge_registrations(edition).count(),
    )


def recent_check_ins(edition: Edition, day: datetime.date, limit: int = 10) -> list[CheckIn]:
    return list(
        CheckIn.objects.filter(registration__edition=edition, day=day)
        .select_related("registration__organisation")
        .order_by("-checked_in_at", "-id")[:limit]
    )


# ---------------------------------------------------------------------------------------------------------------------
# Online joins


def join_path(registration: Registration) -> str:
    """The registration's personal join link (path), or "" when it has none (not approved)."""
    if registration is None or not registration.is_approved:
        return ""
    return reverse(
        "participation:join", kwargs={"slug": registration.edition.slug, "secret": pass_for(registration).join_code}
    )


def session_running(edition: Edition, at: datetime.datetime) -> Session | None:
    return (
        Session.objects.filter(edition=edition, start__lte=at, end__gt=at)
        .exclude(kind=SessionKind.BREAK)
        .order_by("start", "id")
        .first()
    )


def record_join(edition: Edition, secret: str, *, session_slug: str = "", at=None) -> str:
    """Record a join through a personal link and return the meeting URL to forward to.

    Raises JoinRefused (whose message never contains the meeting URL) for an unknown link, a registration that is not
    approved, or an edition without a meeting link yet. At most one join per registration per minute is recorded."""
    at = at or timezone.now()
    with transaction.atomic():
        # The row lock serialises two refreshes of the same link, so the one-a-minute rule holds on PostgreSQL too.
        badge = (
            ParticipantPass.objects.select_for_update()
            .filter(join_code=secret, registration__edition=edition)
            .select_related("registration")
            .first()
        )
        if badge is None:
            raise JoinRefused(gettext("This join link is not valid. Please use the link on your registration page."))
        registration = badge.registration
        if registration.is_cancelled:
            raise JoinRefused(gettext("This registration is cancelled, so the link no longer leads to the meeting."))
        if not registration.is_approved:
            raise JoinRefused(gettext("This registration is not approved yet; the link works once it is."))
        if not edition.online_meeting_url:
            raise JoinRefused(
                gettext("The organisers have not published the online meeting yet. Please try again later.")
            )
        recently = OnlineJoin.objects.filter(registration=registration, joined_at__gt=at - JOIN_RECORD_INTERVAL)
        if not recently.exists():
            session = None
            if session_slug:
                session = Session.objects.filter(edition=edition, slug=session_slug).first()
            join = OnlineJoin.objects.create(
                registration=registration, joined_at=at, session=session or session_running(edition, at)
            )
            happenings.announce("online.joined", edition=edition, obj=registration, data={"join": join.pk})
    return edition.online_meeting_url
