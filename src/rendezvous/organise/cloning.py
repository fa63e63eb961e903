"""Cloning an edition: the next workshop starts from the last one's programme, venues, policy and organisers.

It lives above events, programme and registration because it copies all three. What is never copied: registrations,
invitations, materials, outcome documents, the audit trail and the meeting link (each belongs to one edition).
"""

import datetime
import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.events.models import Edition, EditionFormat, EditionStaff, StaffRole
from rendezvous.events.services import EditionError, create_edition
from rendezvous.programme.models import MaterialPolicy, Session
from rendezvous.registration.models import RegistrationPolicy

from .permissions import require_clone

# Edition fields that describe the series' workshop rather than one occurrence of it.
COPIED_EDITION_FIELDS = (
    "working_languages",
    "city",
    "country",
    "summary",
    "objectives",
    "how_to_take_part",
    "online_platform",
    "website",
    "contact_email",
)


def _as_date(value) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise EditionError(_("Bad start date %(value)r: expected YYYY-MM-DD.") % {"value": value}) from None


def _shifted(moment: datetime.datetime | None, zone, days: datetime.timedelta) -> datetime.datetime | None:
    """`moment` moved by whole days on the edition's wall clock, so 09:00 stays 09:00 across a DST change."""
    if moment is None:
        return None
    local = moment.astimezone(zone)
    return datetime.datetime.combine(local.date() + days, local.time(), tzinfo=zone)


def _fresh_copy(obj, **changes):
    """An unsaved copy of `obj` with a new primary key (and a new stable uuid when it has one)."""
    obj.pk = None
    obj.id = None
    obj._state.adding = True
    if hasattr(obj, "uuid"):
        obj.uuid = uuid.uuid4()
    for name, value in changes.items():
        setattr(obj, name, value)
    return obj


def clone_edition(
    source: Edition,
    *,
    slug: str,
    start,
    title: str | None = None,
    format: str | None = None,
    actor=None,
) -> Edition:
    """A new draft edition like `source`, starting on `start`; every date and time moves by the same number of days.

    `actor` is the person cloning (None for the command line, run by whoever operates the platform); they become an
    organiser of the new edition. Raises EditionError (a one-line reason) or PermissionDenied.
    """
    if actor is not None:
        require_clone(actor, source)
    start_date = _as_date(start)
    days = start_date - source.start_date
    if format is not None and format not in EditionFormat.values:
        raise EditionError(
            _("Unknown format %(format)r: use one of %(choices)s.")
            % {"format": format, "choices": ", ".join(EditionFormat.values)}
        )
    title = (title or "").strip() or _("%(title)s (copy)") % {"title": source.title}
    if len(title) > Edition._meta.get_field("title").max_length:
        raise EditionError(_("The title is too long (300 characters at most)."))
    zone = source.zone
    with transaction.atomic():
        edition = create_edition(
            slug=slug,
            title=title,
            start=start_date,
            end=source.end_date + days,
            timezone=source.timezone,
            series=source.series.slug if source.series else None,
            format=format or source.format,
            actor=actor,
        )
        for name in COPIED_EDITION_FIELDS:
            setattr(edition, name, getattr(source, name))
        if source.number:
            edition.number = source.number + 1
        edition.save()
        for link in source.organiser_links.all():
            _fresh_copy(link, edition=edition).save()
        organisers = set(source.staff.filter(role=StaffRole.ORGANISER).values_list("user_id", flat=True)) | (
            {actor.pk} if actor is not None else set()
        )
        EditionStaff.objects.bulk_create(
            [EditionStaff(edition=edition, user_id=user_id, role=StaffRole.ORGANISER) for user_id in sorted(organisers)]
        )
        rooms = _copy_venues(source, edition)
        sessions = _copy_programme(source, edition, rooms, zone, days)
        _copy_policies(source, edition, zone, days)
        audit.record(
            "edition.cloned",
            edition,
            actor=actor,
            edition=edition,
            summary=f"Cloned from {source.slug}, starting {start_date.isoformat()} ({sessions} sessions).",
            source=source.slug,
        )
    return edition


def _copy_venues(source: Edition, edition: Edition) -> dict[int, int]:
    rooms: dict[int, int] = {}
    for venue in source.venues.prefetch_related("rooms"):
        old_rooms = list(venue.rooms.all())
        new_venue = _fresh_copy(venue, edition=edition)
        new_venue.save()
        for room in old_rooms:
            old_pk = room.pk
            _fresh_copy(room, venue=new_venue).save()
            rooms[old_pk] = room.pk
    return rooms


def _copy_programme(source: Edition, edition: Edition, rooms: dict[int, int], zone, days) -> int:
    sessions = list(
        Session.objects.filter(edition=source).prefetch_related("chairs", "contributions__speakers").order_by("pk")
    )
    for session in sessions:
        chairs = list(session.chairs.all())
        contributions = [(c, list(c.speakers.all())) for c in session.contributions.all()]
        _fresh_copy(
            session,
            edition=edition,
            start=_shifted(session.start, zone, days),
            end=_shifted(session.end, zone, days),
            room_id=rooms.get(session.room_id),
        ).save()
        for chair in chairs:
            _fresh_copy(chair, session=session).save()
        for contribution, speakers in contributions:
            _fresh_copy(contribution, session=session).save()
            for speaker in speakers:
                _fresh_copy(speaker, contribution=contribution).save()
    return len(sessions)


def _copy_policies(source: Edition, edition: Edition, zone, days) -> None:
    policy = RegistrationPolicy.objects.filter(edition=source).first()
    if policy is not None:
        rules = list(policy.rules.all())
        _fresh_copy(
            policy,
            edition=edition,
            opens_at=_shifted(policy.opens_at, zone, days),
            closes_at=_shifted(policy.closes_at, zone, days),
        ).save()
        for rule in rules:
            _fresh_copy(rule, policy=policy).save()
    material_policy = MaterialPolicy.objects.filter(edition=source).first()
    if material_policy is not None:
        _fresh_copy(material_policy, edition=edition).save()
