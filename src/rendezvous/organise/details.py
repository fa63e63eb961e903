"""The edition's own record as its organisers keep it: details, venues and rooms, and the organising bodies.

These replace the admin screens organisers used before (issue 11: the admin is for platform staff). Every change is
checked against the actor's right over this edition, validated like the model says, and audited. Saving the edition
bumps its programme version (programme/signals.py), so pages and feeds that show its dates and zone are rebuilt.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.models import Organisation
from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition, EditionOrganiser, EditionOrganiserRole, Room, Venue
from rendezvous.programme.cache import bump_programme_version

# What an organiser may change on the edition itself (not its address, status or series).
DETAIL_FIELDS = (
    "title",
    "short_title",
    "start_date",
    "end_date",
    "timezone",
    "format",
    "working_languages",
    "city",
    "country",
    "online_platform",
    "online_meeting_url",
    "website",
    "contact_email",
    "document_symbol",
    "summary",
    "objectives",
    "how_to_take_part",
    "organisers_require_strong_second_factor",
    "translations",  # {language code: {title, summary, how_to_take_part}}, checked by Edition.clean
)
# Never written into the audit trail: whoever reads the trail need not be someone who may see the meeting link.
SECRET_FIELDS = {"online_meeting_url"}
MAX_ORDER = 1000
MAX_ROOM_CAPACITY = 100_000


class DetailsError(ValueError):
    """A change to the edition's record cannot be made as asked; the message says why, in one line."""


def _first_message(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        for messages in error.message_dict.values():
            if messages:
                return messages[0]
    return error.messages[0] if error.messages else _("The change is not valid.")


def _validated(obj, exclude=()) -> None:
    try:
        obj.full_clean(exclude=list(exclude))
    except ValidationError as error:
        raise DetailsError(_first_message(error)) from None


@transaction.atomic
def update_details(edition: Edition, changes: dict, *, actor) -> list[str]:
    """Apply `changes` (a subset of DETAIL_FIELDS) to the edition; returns the names of the fields that changed."""
    require_organiser(actor, edition)
    unknown = set(changes) - set(DETAIL_FIELDS)
    if unknown:
        raise DetailsError(
            _("These fields cannot be changed here: %(fields)s.") % {"fields": ", ".join(sorted(unknown))}
        )
    row = Edition.objects.select_for_update().get(pk=edition.pk)
    before = {name: getattr(row, name) for name in changes}
    for name, value in changes.items():
        setattr(row, name, value)
    _validated(row, exclude=("organisers",))
    changed = [name for name in changes if before[name] != getattr(row, name)]
    if not changed:
        return []
    row.save()
    audit.record(
        "edition.details_changed",
        row,
        actor=actor,
        edition=row,
        summary=", ".join(changed),
        changes={
            name: (
                {"before": "…", "after": "…"}
                if name in SECRET_FIELDS
                else {"before": str(before[name]), "after": str(getattr(row, name))}
            )
            for name in changed
        },
    )
    for name in DETAIL_FIELDS:
        setattr(edition, name, getattr(row, name))
    edition.programme_version = row.programme_version
    return changed


# --- Venues and rooms ----------------------------------------------------------------------------------------------


def venues_of(edition: Edition):
    return Venue.objects.filter(edition=edition).prefetch_related("rooms__sessions").order_by("name", "pk")


def _venue(edition: Edition, venue_id) -> Venue:
    venue = Venue.objects.filter(edition=edition, pk=venue_id).first()
    if venue is None:
        raise DetailsError(_("This venue no longer exists."))
    return venue


def _room(edition: Edition, room_id) -> Room:
    room = Room.objects.filter(venue__edition=edition, pk=room_id).select_related("venue").first()
    if room is None:
        raise DetailsError(_("This room no longer exists."))
    return room


@transaction.atomic
def add_venue(edition: Edition, *, actor, name: str, address: str = "", city: str = "", country: str = "") -> Venue:
    require_organiser(actor, edition)
    venue = Venue(edition=edition, name=name.strip(), address=address.strip(), city=city.strip(), country=country)
    _validated(venue)
    venue.save()
    audit.record("venue.added", venue, actor=actor, edition=edition, summary=venue.name)
    return venue


@transaction.atomic
def change_venue(
    edition: Edition, venue_id, *, actor, name: str, address: str = "", city: str = "", country=""
) -> Venue:
    require_organiser(actor, edition)
    venue = _venue(edition, venue_id)
    before = venue.name
    venue.name, venue.address, venue.city, venue.country = name.strip(), address.strip(), city.strip(), country
    _validated(venue)
    venue.save()
    audit.record("venue.changed", venue, actor=actor, edition=edition, summary=f"{before} → {venue.name}")
    return venue


@transaction.atomic
def delete_venue(edition: Edition, venue_id, *, actor) -> None:
    """Delete a venue and its rooms, unless a session takes place in one of them (it would lose its room)."""
    require_organiser(actor, edition)
    venue = _venue(edition, venue_id)
    used = Room.objects.filter(venue=venue, sessions__isnull=False).distinct().first()
    if used is not None:
        raise DetailsError(
            _("%(venue)s cannot be deleted: sessions take place in %(room)s. Move them to another room first.")
            % {"venue": venue.name, "room": used.name}
        )
    audit.record("venue.deleted", venue, actor=actor, edition=edition, summary=venue.name)
    venue.delete()


def _checked_capacity(capacity):
    if capacity is not None and not 0 <= capacity <= MAX_ROOM_CAPACITY:
        raise DetailsError(_("A room holds between 0 and %(max)s people.") % {"max": MAX_ROOM_CAPACITY})
    return capacity


@transaction.atomic
def add_room(edition: Edition, venue_id, *, actor, name: str, capacity=None) -> Room:
    require_organiser(actor, edition)
    venue = _venue(edition, venue_id)
    room = Room(venue=venue, name=name.strip(), capacity=_checked_capacity(capacity))
    _validated(room)
    room.save()
    audit.record("room.added", room, actor=actor, edition=edition, summary=f"{room.name}, {venue.name}")
    return room


@transaction.atomic
def change_room(edition: Edition, room_id, *, actor, name: str, capacity=None) -> Room:
    require_organiser(actor, edition)
    room = _room(edition, room_id)
    before = room.name
    room.name, room.capacity = name.strip(), _checked_capacity(capacity)
    _validated(room)
    room.save()
    audit.record("room.changed", room, actor=actor, edition=edition, summary=f"{before} → {room.name}")
    return room


@transaction.atomic
def delete_room(edition: Edition, room_id, *, actor) -> None:
    """Delete a room no session uses; refuse with the sessions' count and the first one named otherwise."""
    require_organiser(actor, edition)
    room = _room(edition, room_id)
    sessions = list(room.sessions.order_by("start")[:1])
    if sessions:
        count = room.sessions.count()
        raise DetailsError(
            _("%(room)s cannot be deleted: %(count)s session(s) take place there, e.g. “%(session)s”.")
            % {"room": room.name, "count": count, "session": sessions[0].title}
        )
    audit.record("room.deleted", room, actor=actor, edition=edition, summary=f"{room.name}, {room.venue.name}")
    room.delete()


# --- Organising bodies ---------------------------------------------------------------------------------------------


def organising_bodies(edition: Edition):
    return EditionOrganiser.objects.filter(edition=edition).select_related("organisation").order_by("order", "pk")


def _checked_role_and_order(role: str, order) -> None:
    if role not in EditionOrganiserRole.values:
        raise DetailsError(_("Unknown role %(role)r.") % {"role": role})
    if order is None or not 0 <= order <= MAX_ORDER:
        raise DetailsError(_("The order is a number between 0 and %(max)s.") % {"max": MAX_ORDER})


@transaction.atomic
def add_organising_body(edition: Edition, organisation_id, *, actor, role: str, order: int) -> EditionOrganiser:
    """Name an existing organisation as one of the edition's organising bodies (found by search, never created
    here: shared records are not changed from an edition's pages)."""
    require_organiser(actor, edition)
    _checked_role_and_order(role, order)
    organisation = Organisation.objects.filter(pk=organisation_id).first()
    if organisation is None:
        raise DetailsError(_("That organisation no longer exists: search again."))
    if EditionOrganiser.objects.filter(edition=edition, organisation=organisation).exists():
        raise DetailsError(_("%(name)s is already an organising body of this edition.") % {"name": organisation})
    link = EditionOrganiser.objects.create(edition=edition, organisation=organisation, role=role, order=order)
    bump_programme_version(edition)  # the edition's public page lists its organising bodies
    audit.record(
        "edition_organiser.added", link, actor=actor, edition=edition, summary=f"{organisation} ({role})", role=role
    )
    return link


@transaction.atomic
def change_organising_body(edition: Edition, link_id, *, actor, role: str, order: int) -> EditionOrganiser:
    require_organiser(actor, edition)
    _checked_role_and_order(role, order)
    link = EditionOrganiser.objects.filter(edition=edition, pk=link_id).select_related("organisation").first()
    if link is None:
        raise DetailsError(_("This organising body is no longer listed."))
    link.role, link.order = role, order
    link.save(update_fields=["role", "order"])
    bump_programme_version(edition)
    audit.record(
        "edition_organiser.changed",
        link,
        actor=actor,
        edition=edition,
        summary=f"{link.organisation} ({role}, {order})",
        role=role,
        order=order,
    )
    return link


@transaction.atomic
def remove_organising_body(edition: Edition, link_id, *, actor) -> None:
    require_organiser(actor, edition)
    link = EditionOrganiser.objects.filter(edition=edition, pk=link_id).select_related("organisation").first()
    if link is None:
        raise DetailsError(_("This organising body is no longer listed."))
    audit.record("edition_organiser.removed", link, actor=actor, edition=edition, summary=str(link.organisation))
    link.delete()
    bump_programme_version(edition)
