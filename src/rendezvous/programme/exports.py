"""Machine-readable programme exports: iCalendar (RFC 5545) and the frab schedule format (XML and JSON).

Builders are pure: an edition (or one session) in, bytes out, the same bytes every time for the same data (the
calendar's DTSTAMP, the time of generation, to the minute), so a calendar client sees stable UIDs and the command
line prints exactly what the URL serves. Times are stored in UTC and written in the edition's own zone.
cache.cached_export keeps the built bytes per programme version.
"""

import json
import re
import uuid
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import cached_property
from importlib import metadata

import icalendar
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from rendezvous.events.models import Edition, EditionFormat, Room, Venue

from .models import (
    ContributionSpeaker,
    Delivery,
    Material,
    MaterialKind,
    MaterialPolicy,
    MaterialVisibility,
    Session,
    SessionKind,
)
from .publication import effective_visibility
from .services import detailed_sessions

FORMATS = ("ics", "frab-xml", "json")
CONTENT_TYPES = {
    "ics": "text/calendar; charset=utf-8",
    "frab-xml": "application/xml; charset=utf-8",
    "json": "application/json; charset=utf-8",
}

PRODID = "-//Rendezvous//Programme export//EN"
DEFAULT_ROOM_NAME = "Main hall"
FRAB_JSON_SCHEMA_URL = "https://c3voc.de/schedule/schema.json"
# Clients fill their grid in these steps; five minutes fits every session the seeds describe.
FRAB_TIMESLOT = "00:05"
# The working languages are stored by name; feeds want ISO 639-1 codes.
LANGUAGE_CODES = {
    "arabic": "ar",
    "chinese": "zh",
    "english": "en",
    "french": "fr",
    "russian": "ru",
    "spanish": "es",
}
# Organisations speak too (a space agency's statement); frab clients key people by an integer id, so an organisation
# takes this offset plus its own id: stable, and never equal to a person's id.
ORGANISATION_ID_OFFSET = 1_000_000_000
# How a contribution not given in the room is noted after its line (not the label lower-cased: "(online (live))").
DELIVERY_NOTES = {Delivery.ONLINE_LIVE: "online, live", Delivery.PRE_RECORDED: "pre-recorded video"}
# frab's attachment types for the kinds of file.
ATTACHMENT_TYPES = {MaterialKind.SLIDES: "slides", MaterialKind.PAPER: "paper", MaterialKind.VIDEO: "media"}
# The XSD's voc-slug-new: an acronym part, a hyphen, then at least four more characters.
VOC_SLUG = re.compile(r"[a-z0-9_]{4,}-[a-z0-9\-_]{4,}")


def build_export(edition: Edition, fmt: str) -> bytes:
    """The whole programme of `edition` in one of FORMATS."""
    builders = {"ics": build_programme_ics, "frab-xml": build_frab_xml, "json": build_frab_json}
    if fmt not in builders:
        raise ValueError(f"Unknown export format '{fmt}': use one of {', '.join(FORMATS)}.")
    return builders[fmt](edition)


def export_filename(edition: Edition, fmt: str, session=None) -> str:
    stem = f"{edition.slug}-{session.slug}" if session is not None else edition.slug
    if fmt == "frab-xml":
        return f"{stem}-schedule.xml"
    if fmt == "json":
        return f"{stem}-schedule.json"
    return f"{stem}.ics"


# --- what every format needs -------------------------------------------------------------------------------------


def _site_url() -> str:
    return settings.SITE_URL.rstrip("/")


def _generator_version() -> str:
    try:
        return metadata.version("rendezvous")
    except metadata.PackageNotFoundError:
        return "0"


def _sessions(edition: Edition, session_ids=None) -> list[Session]:
    """The sessions with everything the exports print: the pages' own query (services.detailed_sessions)."""
    sessions = detailed_sessions(edition)
    if session_ids is not None:
        sessions = sessions.filter(pk__in=session_ids)
    return list(sessions)


def _venues_and_rooms(edition: Edition) -> tuple[list[Venue], list[Room]]:
    """The edition's venues (by name) and their rooms (by venue, then name), in one query (a join) for every feed."""
    rows = (
        Venue.objects.filter(edition=edition)
        .order_by("name", "id", "rooms__name", "rooms__id")
        .values("id", "name", "address", "city", "rooms__id", "rooms__name", "rooms__capacity")
    )
    venues: dict[int, Venue] = {}
    rooms = []
    for row in rows:
        venue = venues.get(row["id"])
        if venue is None:
            venue = venues[row["id"]] = Venue(
                id=row["id"], edition=edition, name=row["name"], address=row["address"], city=row["city"]
            )
        if row["rooms__id"] is not None:
            rooms.append(
                Room(id=row["rooms__id"], venue=venue, name=row["rooms__name"], capacity=row["rooms__capacity"])
            )
    return list(venues.values()), rooms


@dataclass(frozen=True)
class FeedRoom:
    name: str
    guid: str
    capacity: int | None = None


class ProgrammeFeed:
    """An edition's programme as the feeds see it: local times, room names, people and contribution lines."""

    def __init__(self, edition: Edition, sessions: list[Session]):
        self.edition = edition
        self.sessions = sessions
        self.zone = edition.zone
        self.site_url = _site_url()
        self.venues, self.edition_rooms = _venues_and_rooms(edition)

    # rooms

    @cached_property
    def default_room(self) -> FeedRoom:
        """Where a session without a room goes: the (first) venue, or a generic main hall."""
        name = self.venues[0].name if self.venues else DEFAULT_ROOM_NAME
        return FeedRoom(name=name, guid=str(uuid.uuid5(self.edition.uuid, "room/default")))

    def room_name(self, room: Room) -> str:
        # With one venue the room name alone is clear; with several, name the venue too.
        return room.name if len(self.venues) <= 1 else f"{room.name}, {room.venue.name}"

    def feed_room(self, session: Session) -> FeedRoom:
        if session.room is None:
            return self.default_room
        return FeedRoom(
            name=self.room_name(session.room),
            guid=str(uuid.uuid5(self.edition.uuid, f"room/{session.room.pk}")),
            capacity=session.room.capacity,
        )

    @cached_property
    def rooms(self) -> list[FeedRoom]:
        """Every room of the edition, then any other room a session uses, then the default room if used."""
        rooms = {}
        for room in self.edition_rooms:
            name = self.room_name(room)
            rooms.setdefault(name, FeedRoom(name, str(uuid.uuid5(self.edition.uuid, f"room/{room.pk}")), room.capacity))
        for session in self.sessions:
            feed_room = self.feed_room(session)
            rooms.setdefault(feed_room.name, feed_room)
        return list(rooms.values())

    def location(self, session: Session) -> str:
        if session.room is not None:
            venue = session.room.venue
            parts = [session.room.name, venue.name, venue.city or self.edition.city]
        elif self.edition.format == EditionFormat.ONLINE:
            platform = self.edition.online_platform
            return f"Online ({platform})" if platform else "Online"
        elif self.venues:
            venue = self.venues[0]
            parts = [venue.name, venue.city or self.edition.city]
        else:
            parts = [self.edition.city]
        # Each place once, even where a venue's name already carries the city ("Main venue, Haikou").
        unique_parts: list[str] = []
        for part in parts:
            for piece in (part or "").split(","):
                piece = piece.strip()
                if piece and piece.casefold() not in {known.casefold() for known in unique_parts}:
                    unique_parts.append(piece)
        return ", ".join(unique_parts)

    # times

    def local(self, moment: datetime) -> datetime:
        return moment.astimezone(self.zone)

    @cached_property
    def days(self) -> list[date]:
        """The edition's days, and any day a session falls on outside them, so no session is dropped."""
        days = set()
        day = self.edition.start_date
        while day <= self.edition.end_date:
            days.add(day)
            day += timedelta(days=1)
        days.update(self.local(session.start).date() for session in self.sessions)
        return sorted(days)

    def day_bounds(self, day: date) -> tuple[datetime, datetime]:
        start = datetime.combine(day, time(0), tzinfo=self.zone)
        end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=self.zone)
        return start, end

    # people and words

    def session_url(self, session: Session) -> str:
        path = reverse("programme:session", kwargs={"slug": self.edition.slug, "session_slug": session.slug})
        return f"{self.site_url}{path}"

    @property
    def edition_url(self) -> str:
        return f"{self.site_url}{reverse('events:edition', kwargs={'slug': self.edition.slug})}"

    @property
    def language_code(self) -> str:
        languages = self.edition.languages
        return LANGUAGE_CODES.get(languages[0].lower(), "") if languages else ""

    @cached_property
    def acronym(self) -> str:
        # frab apps key their storage by acronym: lower case, digits and underscores, at least four characters.
        return slugify(self.edition.slug).replace("-", "_").ljust(4, "_")

    def speakers(self, session: Session) -> list[ContributionSpeaker]:
        """Each speaker once, in programme order; a person by person, an organisation-only speaker by organisation."""
        seen = set()
        speakers = []
        for contribution in session.contributions.all():
            for speaker in contribution.speakers.all():
                key = ("person", speaker.person_id) if speaker.person_id else ("organisation", speaker.organisation_id)
                if key not in seen:
                    seen.add(key)
                    speakers.append(speaker)
        return speakers

    def speaker_name(self, speaker: ContributionSpeaker) -> str:
        return speaker.person.full_name if speaker.person else speaker.organisation.name

    def affiliated_name(self, person, organisation) -> str:
        """ "Wei Li (CNSA)": the affiliation recorded with the role, else the person's own; an organisation alone."""
        if person is None:
            return str(organisation)
        organisation = organisation or person.organisation
        return f"{person.full_name} ({organisation.short_name})" if organisation else person.full_name

    def speaker_id(self, speaker: ContributionSpeaker) -> int:
        """A stable integer per person, and per organisation speaking as itself (see ORGANISATION_ID_OFFSET)."""
        return speaker.person_id if speaker.person_id else ORGANISATION_ID_OFFSET + speaker.organisation_id

    def speaker_code(self, speaker: ContributionSpeaker) -> str:
        return f"P{speaker.person_id}" if speaker.person_id else f"O{speaker.organisation_id}"

    @cached_property
    def public_materials(self) -> dict[int, list[Material]]:
        """The files the public may download now, by session, in programme order."""
        sessions = [session.pk for session in self.sessions]
        if not sessions:
            return {}
        # One query: the edition's policy comes along by a join (publication.policy_for would cost one more).
        materials = (
            Material.objects.filter(contribution__session__in=sessions)
            .select_related("contribution__session__edition__material_policy")
            .order_by("contribution__order", "contribution__id", "uploaded_at", "id")
        )
        now = timezone.now()
        by_session: dict[int, list[Material]] = {}
        for material in materials:
            edition = material.contribution.session.edition
            try:
                policy = edition.material_policy
            except MaterialPolicy.DoesNotExist:
                policy = MaterialPolicy(edition=edition)
            if effective_visibility(material, policy=policy, now=now) == MaterialVisibility.PUBLIC:
                by_session.setdefault(material.contribution.session_id, []).append(material)
        return by_session

    def attachments(self, session: Session) -> list[dict]:
        attachments = []
        for material in self.public_materials.get(session.pk, []):
            path = reverse(
                "programme:material_download", kwargs={"slug": self.edition.slug, "material_uuid": material.uuid}
            )
            title = material.title or f"{material.contribution.title} ({material.get_kind_display().lower()})"
            attachments.append(
                {"type": ATTACHMENT_TYPES[material.kind], "url": f"{self.site_url}{path}", "title": title}
            )
        return attachments

    def speaker_guid(self, speaker: ContributionSpeaker) -> str:
        # Stable per person across editions, and distinct between deployments.
        if speaker.person_id:
            return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.site_url}/people/{speaker.person_id}"))
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"{self.site_url}/organisations/{speaker.organisation_id}"))

    def contribution_lines(self, session: Session) -> list[str]:
        lines = []
        chairs = [self.affiliated_name(chair.person, chair.organisation) for chair in session.chairs.all()]
        if chairs:
            lines.append(("Chairs: " if len(chairs) > 1 else "Chair: ") + "; ".join(chairs))
        for contribution in session.contributions.all():
            line = f"{contribution.get_kind_display()}: {contribution.title}"
            speakers = [
                self.affiliated_name(speaker.person, speaker.organisation) for speaker in contribution.speakers.all()
            ]
            if speakers:
                line += " — " + "; ".join(speakers)
            if contribution.delivery in DELIVERY_NOTES:
                line += f" ({DELIVERY_NOTES[contribution.delivery]})"
            lines.append(line)
        return lines

    def description(self, session: Session) -> str:
        parts = [session.description.strip()] if session.description.strip() else []
        lines = self.contribution_lines(session)
        if lines:
            parts.append("\n".join(lines))
        return "\n\n".join(parts)

    @cached_property
    def kinds(self) -> list[tuple[str, str]]:
        used = {session.kind for session in self.sessions}
        return [(value, str(label)) for value, label in SessionKind.choices if value in used]


def _hhmm(delta: timedelta) -> str:
    minutes = int(delta.total_seconds() // 60)
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# --- iCalendar ---------------------------------------------------------------------------------------------------


def _calendar(feed: ProgrammeFeed, name: str, sessions: list[Session], *, subscribed: bool) -> bytes:
    """`subscribed`: a feed that clients poll (it says how often); a one-off file says nothing of refreshing."""
    edition = feed.edition
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", edition.timezone)
    if edition.summary:
        calendar.add("x-wr-caldesc", edition.summary)
    if subscribed:
        # Subscribed calendars refresh at this pace; the feed itself is cached for five minutes.
        calendar.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
        calendar.add("x-published-ttl", "PT1H")
    # DTSTAMP: when this file was made (RFC 5545 for a published calendar). LAST-MODIFIED and SEQUENCE are the
    # session's own: they move only when what its event shows changes (programme.signals).
    # To the minute: two builds moments apart (the command and the URL) still give the same bytes.
    stamp = datetime.now(UTC).replace(second=0, microsecond=0)
    for session in sessions:
        event = icalendar.Event()
        # The session's own UUID: the same whatever address the site is served from.
        event.add("uid", str(session.uuid))
        event.add("dtstamp", stamp)
        if session.changed_at is not None:
            event.add("last-modified", session.changed_at.astimezone(UTC).replace(microsecond=0))
        event.add("sequence", session.sequence)
        event.add("dtstart", feed.local(session.start))
        event.add("dtend", feed.local(session.end))
        event.add("summary", session.display_title)
        location = feed.location(session)
        if location:
            event.add("location", location)
        description = feed.description(session)
        if description:
            event.add("description", description)
        event.add("url", feed.session_url(session))
        event.add("categories", [session.get_kind_display()])
        event.add("status", "CONFIRMED")
        event.add("transp", "OPAQUE")
        calendar.add_component(event)
    if sessions:
        first = min(feed.local(session.start).date() for session in sessions)
        last = max(feed.local(session.end).date() for session in sessions)
        # Only the transitions around the edition: a small VTIMEZONE that every client can still read.
        calendar.add_missing_timezones(first_date=first - timedelta(days=366), last_date=last + timedelta(days=366))
    return calendar.to_ical()


def build_programme_ics(edition: Edition) -> bytes:
    """Every session of the edition except breaks (they would only clutter a personal calendar)."""
    sessions = [session for session in _sessions(edition) if session.kind != SessionKind.BREAK]
    feed = ProgrammeFeed(edition, sessions)
    return _calendar(feed, edition.title, sessions, subscribed=True)


def build_session_ics(session: Session) -> bytes:
    edition = session.edition
    sessions = _sessions(edition, session_ids=[session.pk])
    feed = ProgrammeFeed(edition, sessions)
    title = f"{session.display_title} — {edition.short_title or edition.title}"
    return _calendar(feed, title, sessions, subscribed=False)


# --- frab --------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class FrabEvent:
    session: Session
    room: FeedRoom
    day: date


def _frab_events(feed: ProgrammeFeed) -> list[FrabEvent]:
    return [FrabEvent(session, feed.feed_room(session), feed.local(session.start).date()) for session in feed.sessions]


def _frab_days(feed: ProgrammeFeed):
    """(index, day, [(room, [events])]) with rooms in the feed's fixed order and only rooms that are used that day."""
    events = _frab_events(feed)
    room_order = {room.name: position for position, room in enumerate(feed.rooms)}
    for index, day in enumerate(feed.days, start=1):
        by_room: dict[str, list[FrabEvent]] = {}
        for event in events:
            if event.day == day:
                by_room.setdefault(event.room.name, []).append(event)
        names = sorted(by_room, key=room_order.__getitem__)
        yield index, day, [(by_room[name][0].room, by_room[name]) for name in names]


def _event_slug(feed: ProgrammeFeed, session: Session) -> str:
    tail = slugify(session.slug).strip("-_") or "session"
    return f"{feed.acronym}-{session.pk}-{tail}"


def _frab_event_dict(feed: ProgrammeFeed, session: Session, room: FeedRoom) -> dict:
    start = feed.local(session.start)
    return {
        "guid": str(session.uuid),
        "id": session.pk,
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": feed.local(session.end).isoformat(),
        "duration": _hhmm(session.end - session.start),
        "room": room.name,
        "slug": _event_slug(feed, session),
        "url": feed.session_url(session),
        "title": session.display_title,
        "subtitle": "",
        "track": session.get_kind_display(),
        "type": session.get_kind_display(),
        "language": feed.language_code or None,
        "abstract": session.description,
        "description": "\n".join(feed.contribution_lines(session)),
        # pretalx's shape (`name`, with the stable `code` P<id>/O<id>, plus the legacy `public_name`): the schema
        # accepts a person in exactly one of its two shapes, and an integer `id` would make it match both. The XML,
        # which ConfClerk and pretalx's importer read, carries the integer id.
        "persons": [
            {
                "guid": feed.speaker_guid(speaker),
                "code": feed.speaker_code(speaker),
                "name": feed.speaker_name(speaker),
                "public_name": feed.speaker_name(speaker),
            }
            for speaker in feed.speakers(session)
        ],
        "links": [],
        "attachments": feed.attachments(session),
        "do_not_record": session.do_not_record,
        "recording_license": session.recording_licence,
    }


def _feed(edition: Edition) -> ProgrammeFeed:
    return ProgrammeFeed(edition, _sessions(edition))


def build_frab_json(edition: Edition) -> bytes:
    """The schedule as c3voc's schedule.json (what pretalx serves as /schedule/export/schedule.json)."""
    feed = _feed(edition)
    days = []
    for index, day, rooms in _frab_days(feed):
        day_start, day_end = feed.day_bounds(day)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": day_start.isoformat(),
                "day_end": day_end.isoformat(),
                "rooms": {
                    room.name: [_frab_event_dict(feed, event.session, room) for event in events]
                    for room, events in rooms
                },
            }
        )
    conference = {
        "acronym": feed.acronym,
        "title": edition.title,
        "description": edition.summary,
        "start": edition.start_date.isoformat(),
        "end": edition.end_date.isoformat(),
        "daysCount": len(feed.days),
        "timeslot_duration": FRAB_TIMESLOT,
        "time_zone_name": edition.timezone,
        "url": feed.edition_url,
        "tracks": [{"name": label, "slug": value.replace("_", "-")} for value, label in feed.kinds],
        "rooms": [{"name": room.name, "guid": room.guid, "capacity": room.capacity} for room in feed.rooms],
        "days": days,
    }
    document = {
        "$schema": FRAB_JSON_SCHEMA_URL,
        "generator": {"name": "Rendezvous", "version": _generator_version()},
        "schedule": {
            "version": str(edition.programme_version),
            "base_url": f"{feed.site_url}/",
            "conference": conference,
        },
    }
    return (json.dumps(document, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    element = ET.SubElement(parent, tag, {key: value for key, value in attributes.items() if value is not None})
    if text is not None:
        element.text = text
    return element


def _voc_slug_is_valid(slug: str) -> bool:
    return VOC_SLUG.fullmatch(slug) is not None


def build_frab_xml(edition: Edition) -> bytes:
    """The schedule as frab's schedule.xml, valid against c3voc's schedule.xml.xsd."""
    feed = _feed(edition)
    schedule = ET.Element("schedule")
    _sub(schedule, "generator", name="Rendezvous", version=_generator_version())
    _sub(schedule, "url", f"{feed.site_url}{reverse('programme:schedule_xml', kwargs={'slug': edition.slug})}")
    _sub(schedule, "version", str(edition.programme_version))
    conference = _sub(schedule, "conference")
    _sub(conference, "title", edition.title)
    _sub(conference, "acronym", feed.acronym)
    _sub(conference, "start", edition.start_date.isoformat())
    _sub(conference, "end", edition.end_date.isoformat())
    _sub(conference, "days", str(len(feed.days)))
    _sub(conference, "timeslot_duration", FRAB_TIMESLOT)
    _sub(conference, "base_url", f"{feed.site_url}/")
    _sub(conference, "url", feed.edition_url)
    _sub(conference, "time_zone_name", edition.timezone)
    for value, label in feed.kinds:
        _sub(conference, "track", label, name=label, slug=value.replace("_", "-"))

    for index, day, rooms in _frab_days(feed):
        day_start, day_end = feed.day_bounds(day)
        day_element = _sub(
            schedule,
            "day",
            index=str(index),
            date=day.isoformat(),
            start=day_start.isoformat(),
            end=day_end.isoformat(),
        )
        for room, events in rooms:
            room_element = _sub(day_element, "room", name=room.name, guid=room.guid)
            for event in events:
                _frab_event_element(room_element, _frab_event_dict(feed, event.session, room), event.session, feed)

    ET.indent(schedule, space="  ")
    return ET.tostring(schedule, encoding="utf-8", xml_declaration=True) + b"\n"


def _frab_event_element(room_element: ET.Element, data: dict, session: Session, feed: ProgrammeFeed) -> None:
    event = _sub(room_element, "event", id=str(data["id"]), guid=data["guid"])
    for tag in ("room", "title", "subtitle", "type", "date", "start", "duration", "abstract"):
        _sub(event, tag, data[tag])
    if _voc_slug_is_valid(data["slug"]):
        _sub(event, "slug", data["slug"])
    _sub(event, "track", data["track"])
    if data["language"]:
        _sub(event, "language", data["language"])
    _sub(event, "description", data["description"])
    persons = _sub(event, "persons")
    for speaker in feed.speakers(session):
        _sub(
            persons,
            "person",
            feed.speaker_name(speaker),
            id=str(feed.speaker_id(speaker)),
            guid=feed.speaker_guid(speaker),
        )
    recording = _sub(event, "recording")
    _sub(recording, "license", data["recording_license"])
    _sub(recording, "optout", "true" if data["do_not_record"] else "false")
    _sub(event, "links")
    attachments = _sub(event, "attachments")
    for attachment in data["attachments"]:
        _sub(attachments, "attachment", attachment["title"], href=attachment["url"], type=attachment["type"])
    _sub(event, "url", data["url"])
