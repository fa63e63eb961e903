"""Timetable checks for organisers: who is in two places at once, which room is double-booked, what falls outside.

`find_clashes(edition)` reads the programme in two queries (sessions with their rooms; the people who chair or
speak in them) and then sweeps the intervals in Python, so the cost does not grow with one query per session.
Organisations are not checked: one agency may rightly be represented in parallel sessions by different people.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db.models import CharField, TextChoices, Value
from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext, gettext_lazy, pgettext

from .models import ContributionSpeaker, Session, SessionChair


class ClashKind(TextChoices):
    PERSON = "person", gettext_lazy("Person in two places at once")
    ROOM = "room", gettext_lazy("Room double-booked")
    OUTSIDE_DATES = "outside_dates", gettext_lazy("Outside the edition's dates")
    BAD_TIMES = "bad_times", gettext_lazy("Ends before it starts")


@dataclass(frozen=True)
class Clash:
    kind: ClashKind
    message: str
    sessions: tuple[Session, ...] = field(default_factory=tuple)

    @property
    def admin_links(self) -> list[tuple[str, str]]:
        """(label, URL) of the admin change page of each session involved, for the organiser to fix it."""
        return [
            (session.display_title, reverse("admin:programme_session_change", args=[session.pk]))
            for session in self.sessions
            if session.pk is not None
        ]


@dataclass(frozen=True)
class Appearance:
    """A person's part in one session: chair, speaker or both."""

    person_id: int
    person_name: str
    session_id: int
    roles: frozenset[str]


def find_clashes(edition) -> list[Clash]:
    """Every timetable problem of `edition`, sorted by kind and time."""
    sessions = list(Session.objects.filter(edition=edition).select_related("room__venue").order_by("start", "id"))
    return detect_clashes(edition, sessions, _appearances(edition))


def clash_count(edition) -> int:
    """How many clashes the organisers' dashboard announces."""
    return len(find_clashes(edition))


def detect_clashes(edition, sessions: list[Session], appearances: Iterable[Appearance]) -> list[Clash]:
    """The rules proper, on data already loaded (so they can also be checked on unsaved sessions)."""
    zone = edition.zone
    in_zone = gettext("times in %(zone)s") % {"zone": edition.timezone}
    clashes: list[Clash] = []
    valid = []
    for session in sessions:
        if session.end <= session.start:
            values = {
                "session": _quoted(session),
                "end": _moment(session.end, zone),
                "start": _moment(session.start, zone),
                "zone_note": in_zone,
            }
            if session.end == session.start:
                message = gettext("%(session)s ends (%(end)s) at the moment it starts (%(start)s), %(zone_note)s.")
            else:
                message = gettext("%(session)s ends (%(end)s) before it starts (%(start)s), %(zone_note)s.")
            clashes.append(Clash(ClashKind.BAD_TIMES, message % values, (session,)))
        else:
            valid.append(session)

    for session in valid:
        first_day = session.start.astimezone(zone).date()
        # A session ending at midnight belongs to the day before.
        last_day = (session.end.astimezone(zone) - datetime.timedelta(microseconds=1)).date()
        if first_day < edition.start_date or last_day > edition.end_date:
            message = gettext(
                "%(session)s (%(span)s) falls outside the edition's dates (%(first)s to %(last)s), %(zone_note)s."
            ) % {
                "session": _quoted(session),
                "span": _span(session, zone),
                "first": _day(edition.start_date),
                "last": _day(edition.end_date),
                "zone_note": in_zone,
            }
            clashes.append(Clash(ClashKind.OUTSIDE_DATES, message, (session,)))

    by_room: dict[int, list[Session]] = defaultdict(list)
    for session in valid:
        if session.room_id is not None:
            by_room[session.room_id].append(session)
    for room_sessions in by_room.values():
        for first, second in _overlapping_pairs(room_sessions):
            message = gettext(
                "%(room)s is double-booked: %(first)s (%(first_span)s) and %(second)s (%(second_span)s), %(zone_note)s."
            ) % {
                "room": first.room,
                "first": _quoted(first),
                "first_span": _span(first, zone),
                "second": _quoted(second),
                "second_span": _span(second, zone),
                "zone_note": in_zone,
            }
            clashes.append(Clash(ClashKind.ROOM, message, (first, second)))

    sessions_by_id = {session.id: session for session in valid}
    by_person: dict[int, list[Session]] = defaultdict(list)
    roles: dict[tuple[int, int], frozenset[str]] = {}
    names: dict[int, str] = {}
    for appearance in appearances:
        session = sessions_by_id.get(appearance.session_id)
        if session is None:
            continue
        key = (appearance.person_id, appearance.session_id)
        if key not in roles:
            by_person[appearance.person_id].append(session)
        roles[key] = roles.get(key, frozenset()) | appearance.roles
        names[appearance.person_id] = appearance.person_name
    for person_id, person_sessions in by_person.items():
        person_sessions.sort(key=lambda s: (s.start, s.id))
        for first, second in _overlapping_pairs(person_sessions):
            message = gettext(
                "%(person)s is in two places at once: %(first_part)s %(first)s (%(first_span)s) and %(second_part)s "
                "%(second)s (%(second_span)s), %(zone_note)s."
            ) % {
                "person": names[person_id],
                "first_part": _role(roles[person_id, first.id]),
                "first": _quoted(first),
                "first_span": _span(first, zone),
                "second_part": _role(roles[person_id, second.id]),
                "second": _quoted(second),
                "second_span": _span(second, zone),
                "zone_note": in_zone,
            }
            clashes.append(Clash(ClashKind.PERSON, message, (first, second)))

    order = list(ClashKind)
    clashes.sort(key=lambda c: (order.index(c.kind), [s.start for s in c.sessions], c.message))
    return clashes


def _appearances(edition) -> list[Appearance]:
    """Chairs and speakers who are named people, in one UNION query."""
    person_fields = ("person_id", "person__title", "person__given_name", "person__family_name")
    chairs = SessionChair.objects.filter(session__edition=edition, person__isnull=False).values_list(
        "session_id", *person_fields
    )
    speakers = ContributionSpeaker.objects.filter(
        contribution__session__edition=edition, person__isnull=False
    ).values_list("contribution__session_id", *person_fields)
    # A marker column tells the two halves of the UNION apart (UNION ALL keeps both when someone is chair and speaker).
    rows = (
        chairs.annotate(role=Value("chair", output_field=CharField()))
        .order_by()
        .union(speakers.annotate(role=Value("speaker", output_field=CharField())).order_by(), all=True)
    )
    return [
        Appearance(
            person_id=person_id,
            person_name=" ".join(part for part in (title, given, family) if part),
            session_id=session_id,
            roles=frozenset([role]),
        )
        for session_id, person_id, title, given, family, role in rows
    ]


def _overlapping_pairs(sessions: list[Session]) -> list[tuple[Session, Session]]:
    """Pairs of sessions whose times overlap (touching end to start is fine); `sessions` sorted by start."""
    pairs = []
    active: list[Session] = []
    for session in sorted(sessions, key=lambda s: (s.start, s.id)):
        active = [other for other in active if other.end > session.start]
        pairs.extend((other, session) for other in active)
        active.append(session)
    return pairs


def _role(roles: frozenset[str]) -> str:
    if roles == {"chair"}:
        return pgettext("a person's part in a session, before its title", "chairs")
    if roles == {"speaker"}:
        return pgettext("a person's part in a session, before its title", "speaks in")
    return pgettext("a person's part in a session, before its title", "chairs and speaks in")


def _quoted(session: Session) -> str:
    return pgettext("a session's title in quotation marks", "“%(title)s”") % {"title": session.shown_title}


def _day(day: datetime.date) -> str:
    # "Tue 22 Nov 2022" in English; each language's short date with its own weekday name.
    return f"{formats.date_format(day, 'D')} {formats.date_format(day, 'SHORT_DATE_FORMAT')}"


def _moment(moment: datetime.datetime, zone) -> str:
    local = moment.astimezone(zone)
    return f"{_day(local.date())}, {local:%H:%M}"


def _span(session: Session, zone) -> str:
    start, end = session.start.astimezone(zone), session.end.astimezone(zone)
    if start.date() == end.date():
        return f"{_day(start.date())}, {start:%H:%M}–{end:%H:%M}"
    return gettext("%(start)s to %(end)s") % {"start": _moment(session.start, zone), "end": _moment(session.end, zone)}
