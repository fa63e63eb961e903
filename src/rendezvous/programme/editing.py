"""Sessions and contributions changed by organisers outside the admin (the API's write endpoints).

Each function takes the person acting, checks they organise the edition, validates the whole row (model validation:
times, the unique slug, the room belonging to the edition) and records the change in the audit trail.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.permissions import require_organiser
from rendezvous.events.models import Edition, Room

from .models import Contribution, Session

SESSION_FIELDS = (
    "kind",
    "code",
    "title",
    "slug",
    "description",
    "start",
    "end",
    "room",
    "do_not_record",
    "recording_licence",
)
CONTRIBUTION_FIELDS = ("kind", "delivery", "title", "abstract", "order")


def _room(edition: Edition, room_id: int | None) -> Room | None:
    if room_id is None:
        return None
    room = Room.objects.filter(pk=room_id, venue__edition=edition).first()
    if room is None:
        raise ValidationError({"room": _("No room with this id in this edition.")})
    return room


def _apply(instance, data: dict, fields) -> list[str]:
    changed = []
    for name in fields:
        if name in data and getattr(instance, name) != data[name]:
            setattr(instance, name, data[name])
            changed.append(name)
    return changed


def _session_values(edition: Edition, data: dict) -> dict:
    values = dict(data)
    if "room_id" in values:
        values["room"] = _room(edition, values.pop("room_id"))
    return values


def create_session(edition: Edition, data: dict, *, actor) -> Session:
    require_organiser(actor, edition)
    session = Session(edition=edition)
    _apply(session, _session_values(edition, data), SESSION_FIELDS)
    session.full_clean()
    with transaction.atomic():
        session.save()
        audit.record("session.created", session, actor=actor, edition=edition, summary=session.display_title)
    return session


def update_session(session: Session, changes: dict, *, actor) -> Session:
    edition = session.edition
    require_organiser(actor, edition)
    changed = _apply(session, _session_values(edition, changes), SESSION_FIELDS)
    if changed:
        session.full_clean()
        with transaction.atomic():
            session.save()
            audit.record(
                "session.updated", session, actor=actor, edition=edition, summary=session.display_title, fields=changed
            )
    return session


def delete_session(session: Session, *, actor) -> None:
    edition = session.edition
    require_organiser(actor, edition)
    with transaction.atomic():
        audit.record("session.deleted", session, actor=actor, edition=edition, summary=session.display_title)
        session.delete()


def create_contribution(session: Session, data: dict, *, actor) -> Contribution:
    require_organiser(actor, session.edition)
    contribution = Contribution(session=session)
    _apply(contribution, data, CONTRIBUTION_FIELDS)
    contribution.full_clean()
    with transaction.atomic():
        contribution.save()
        audit.record(
            "contribution.created", contribution, actor=actor, edition=session.edition, summary=contribution.title
        )
    return contribution


def update_contribution(contribution: Contribution, changes: dict, *, actor) -> Contribution:
    edition = contribution.session.edition
    require_organiser(actor, edition)
    changed = _apply(contribution, changes, CONTRIBUTION_FIELDS)
    if changed:
        contribution.full_clean()
        with transaction.atomic():
            contribution.save()
            audit.record(
                "contribution.updated",
                contribution,
                actor=actor,
                edition=edition,
                summary=contribution.title,
                fields=changed,
            )
    return contribution


def delete_contribution(contribution: Contribution, *, actor) -> None:
    edition = contribution.session.edition
    require_organiser(actor, edition)
    with transaction.atomic():
        audit.record("contribution.deleted", contribution, actor=actor, edition=edition, summary=contribution.title)
        contribution.delete()
