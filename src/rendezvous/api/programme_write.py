"""Changing the programme: sessions and their contributions (organisers, with a write token or the session).

Creates take an `Idempotency-Key`; updates and deletes take `If-Match` with the ETag last read, and answer 412 when
someone changed the row since (the check and the change happen under the row's lock).
"""

import datetime
import uuid
from typing import Literal

from django.core.exceptions import ValidationError as ModelValidationError
from django.db import transaction
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Header, Schema, Status
from pydantic import AwareDatetime, Field, field_validator

from rendezvous.events.models import Edition, Room
from rendezvous.programme import editing
from rendezvous.programme import services as programme
from rendezvous.programme.models import Contribution, ContributionKind, Delivery, Session, SessionKind

from .auth import SIGNED_IN, check_if_match, etag_of, idempotent, organised_edition
from .errors import UPDATE, WRITE, responses
from .programme import router, session_data
from .schemas import ContributionOut, SessionOut, StrictIn

# The same router as the reads: one path answers GET and PATCH only when both are on one router.
TAGS = ["Programme (organisers)"]

SessionKindValue = Literal[tuple(SessionKind.values)]
ContributionKindValue = Literal[tuple(ContributionKind.values)]
DeliveryValue = Literal[tuple(Delivery.values)]
EARLIEST = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)
LATEST = datetime.datetime(2200, 1, 1, tzinfo=datetime.UTC)

IDEMPOTENCY_KEY = Header(
    None,
    alias="Idempotency-Key",
    max_length=200,
    description="Any unique string per create (a UUID is best). Retrying with the same key and body within 24 hours "
    "returns the first answer instead of creating again; the same key with another body is refused (409).",
)
IF_MATCH = Header(
    None,
    alias="If-Match",
    max_length=200,
    description="The ETag you last read. When it no longer matches (someone changed it meanwhile) the answer is 412.",
)


def _plain_text(value: str | None) -> str | None:
    if value is not None and "\x00" in value:
        raise ValueError(_("must not contain NUL characters"))
    return value


def _in_range(value: datetime.datetime | None) -> datetime.datetime | None:
    if value is not None and not EARLIEST <= value <= LATEST:
        raise ValueError(_("must be between 1970 and 2200"))
    return value


class SessionIn(StrictIn):
    kind: SessionKindValue = SessionKind.TECHNICAL
    code: str = Field("", max_length=16, description="As printed in the programme, e.g. 1(a).")
    title: str = Field(min_length=1, max_length=300)
    slug: str = Field(min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$", description="Its address.")
    description: str = Field("", max_length=20000)
    start: AwareDatetime = Field(description="ISO 8601 with an offset, e.g. 2022-11-21T09:00:00+08:00.")
    end: AwareDatetime = Field(description="After start.")
    room_id: int | None = Field(None, description="One of the edition's rooms (see getEdition); null for none.")
    do_not_record: bool = False
    recording_licence: str = Field("", max_length=100)

    _text = field_validator("code", "title", "slug", "description", "recording_licence")(_plain_text)
    _times = field_validator("start", "end")(_in_range)

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {
            "examples": [
                {
                    "kind": "panel",
                    "title": "Emerging space nations",
                    "slug": "emerging-space-nations",
                    "start": "2022-11-22T14:00:00+08:00",
                    "end": "2022-11-22T15:30:00+08:00",
                }
            ]
        },
    }


class SessionPatch(StrictIn):
    """Only the fields sent change."""

    kind: SessionKindValue | None = None
    code: str | None = Field(None, max_length=16)
    title: str | None = Field(None, min_length=1, max_length=300)
    slug: str | None = Field(None, min_length=1, max_length=80, pattern=r"^[-a-zA-Z0-9_]+$")
    description: str | None = Field(None, max_length=20000)
    start: AwareDatetime | None = None
    end: AwareDatetime | None = None
    room_id: int | None = None
    do_not_record: bool | None = None
    recording_licence: str | None = Field(None, max_length=100)

    _text = field_validator("code", "title", "slug", "description", "recording_licence")(_plain_text)
    _times = field_validator("start", "end")(_in_range)

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {"examples": [{"title": "Emerging space nations: the next decade"}]},
    }


class ContributionIn(StrictIn):
    kind: ContributionKindValue = ContributionKind.TECHNICAL
    delivery: DeliveryValue = Delivery.IN_PERSON
    title: str = Field(min_length=1, max_length=300)
    abstract: str = Field("", max_length=20000)
    order: int = Field(0, ge=0, le=32767)

    _text = field_validator("title", "abstract")(_plain_text)

    model_config = {
        "extra": "forbid",
        "json_schema_extra": {"examples": [{"kind": "keynote", "title": "Chang'e-7 payloads"}]},
    }


class ContributionPatch(StrictIn):
    kind: ContributionKindValue | None = None
    delivery: DeliveryValue | None = None
    title: str | None = Field(None, min_length=1, max_length=300)
    abstract: str | None = Field(None, max_length=20000)
    order: int | None = Field(None, ge=0, le=32767)

    _text = field_validator("title", "abstract")(_plain_text)


def _changes(payload: Schema) -> dict:
    """The fields the caller sent; a field sent as null means 'no room' for room_id and is ignored elsewhere."""
    sent = payload.dict(exclude_unset=True)
    return {name: value for name, value in sent.items() if value is not None or name == "room_id"}


def _room(edition: Edition, room_id: int | None) -> Room | None:
    if room_id is None:
        return None
    room = Room.objects.filter(pk=room_id, venue__edition=edition).first()
    if room is None:
        raise ModelValidationError({"room_id": _("No room with this id in this edition.")})
    return room


def _session_fields(edition: Edition, values: dict) -> dict:
    """The programme editor's keyword arguments from the API's field names."""
    fields = {name: values[name] for name in ("kind", "code", "title", "start", "end", "description") if name in values}
    fields.update({name: values[name] for name in ("slug", "do_not_record", "recording_licence") if name in values})
    fields["room"] = _room(edition, values.get("room_id"))
    return fields


def _current_session(session: Session) -> dict:
    return {
        "kind": session.kind,
        "code": session.code,
        "title": session.title,
        "start": session.start,
        "end": session.end,
        "description": session.description,
        "room_id": session.room_id,
    }


def _current_contribution(contribution: Contribution) -> dict:
    return {
        "session": contribution.session,
        "kind": contribution.kind,
        "delivery": contribution.delivery,
        "title": contribution.title,
        "abstract": contribution.abstract,
        "order": contribution.order,
    }


def _refused(error: editing.ProgrammeEditError) -> ModelValidationError:
    """The editor's refusal as the API's 422 with the field it concerns."""
    return ModelValidationError({error.field or "__all__": error.message})


def _session_out(edition: Edition, slug: str) -> dict:
    return session_data(programme.get_session_detail(edition, slug), edition)


def _locked_session(edition: Edition, session_slug: str) -> Session:
    session = Session.objects.select_for_update().filter(edition=edition, slug=session_slug).first()
    if session is None:
        raise Http404(_("No such session."))
    session.edition = edition
    return session


@router.post(
    "/editions/{slug}/sessions",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({201: SessionOut}, WRITE),
    summary="Add a session",
)
def create_session(request, slug: str, payload: SessionIn, idempotency_key: str | None = IDEMPOTENCY_KEY):
    edition = organised_edition(request, slug, write=True)

    def make():
        try:
            session = editing.create_session(request.user, edition, **_session_fields(edition, payload.dict())).obj
        except editing.ProgrammeEditError as error:
            raise _refused(error) from None
        return 201, _session_out(edition, session.slug)

    return Status(*idempotent(request, idempotency_key, make))


@router.patch(
    "/editions/{slug}/sessions/{session_slug}",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({200: SessionOut}, UPDATE),
    summary="Change a session",
)
def update_session(
    request,
    slug: str,
    session_slug: str,
    payload: SessionPatch,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
):
    edition = organised_edition(request, slug, write=True)
    with transaction.atomic():
        session = _locked_session(edition, session_slug)
        check_if_match(request, etag_of(_session_out(edition, session.slug)))
        fields = _session_fields(edition, {**_current_session(session), **_changes(payload)})
        try:
            session = editing.update_session(request.user, session, **fields).obj
        except editing.ProgrammeEditError as error:
            raise _refused(error) from None
    data = _session_out(edition, session.slug)
    response["ETag"] = etag_of(data)
    return data


@router.delete(
    "/editions/{slug}/sessions/{session_slug}",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({204: None}, UPDATE),
    summary="Remove a session and its contributions",
)
def delete_session(request, slug: str, session_slug: str, if_match: str | None = IF_MATCH):
    edition = organised_edition(request, slug, write=True)
    with transaction.atomic():
        session = _locked_session(edition, session_slug)
        check_if_match(request, etag_of(_session_out(edition, session.slug)))
        editing.delete_session(request.user, session)
    return Status(204, None)


# --- Contributions ----------------------------------------------------------------------------------------------------


def contribution_data(contribution: Contribution) -> dict:
    annotated = next(
        item
        for item in programme.get_session_detail(
            contribution.session.edition, contribution.session.slug
        ).contributions.all()
        if item.pk == contribution.pk
    )
    return {
        "uuid": str(annotated.uuid),
        "title": annotated.title,
        "kind": annotated.kind,
        "kind_label": annotated.get_kind_display(),
        "delivery": annotated.delivery,
        "order": annotated.order,
        "abstract": annotated.abstract,
        "speakers": [{"name": p.display_name, "affiliation": p.affiliation} for p in annotated.speakers.all()],
    }


def _contribution(edition: Edition, contribution_uuid: uuid.UUID, *, lock: bool = False) -> Contribution:
    queryset = Contribution.objects.select_related("session")
    if lock:
        queryset = queryset.select_for_update(of=("self",))
    contribution = get_object_or_404(queryset, uuid=contribution_uuid, session__edition=edition)
    contribution.session.edition = edition
    return contribution


@router.post(
    "/editions/{slug}/sessions/{session_slug}/contributions",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({201: ContributionOut}, WRITE),
    summary="Add a contribution to a session",
)
def create_contribution(
    request, slug: str, session_slug: str, payload: ContributionIn, idempotency_key: str | None = IDEMPOTENCY_KEY
):
    edition = organised_edition(request, slug, write=True)
    session = get_object_or_404(Session, edition=edition, slug=session_slug)
    session.edition = edition

    def make():
        try:
            contribution = editing.create_contribution(request.user, session, **payload.dict()).obj
        except editing.ProgrammeEditError as error:
            raise _refused(error) from None
        return 201, contribution_data(contribution)

    return Status(*idempotent(request, idempotency_key, make))


@router.get(
    "/editions/{slug}/contributions/{contribution_uuid}",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({200: ContributionOut}, WRITE),
    summary="One contribution, with its ETag (organisers)",
)
def get_contribution(request, slug: str, contribution_uuid: uuid.UUID, response: HttpResponse):
    edition = organised_edition(request, slug)
    data = contribution_data(_contribution(edition, contribution_uuid))
    response["ETag"] = etag_of(data)
    return data


@router.patch(
    "/editions/{slug}/contributions/{contribution_uuid}",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({200: ContributionOut}, UPDATE),
    summary="Change a contribution",
)
def update_contribution(
    request,
    slug: str,
    contribution_uuid: uuid.UUID,
    payload: ContributionPatch,
    response: HttpResponse,
    if_match: str | None = IF_MATCH,
):
    edition = organised_edition(request, slug, write=True)
    with transaction.atomic():
        contribution = _contribution(edition, contribution_uuid, lock=True)
        check_if_match(request, etag_of(contribution_data(contribution)))
        try:
            editing.update_contribution(
                request.user, contribution, **{**_current_contribution(contribution), **_changes(payload)}
            )
        except editing.ProgrammeEditError as error:
            raise _refused(error) from None
    data = contribution_data(contribution)
    response["ETag"] = etag_of(data)
    return data


@router.delete(
    "/editions/{slug}/contributions/{contribution_uuid}",
    auth=SIGNED_IN,
    tags=TAGS,
    response=responses({204: None}, UPDATE),
    summary="Remove a contribution",
)
def delete_contribution(request, slug: str, contribution_uuid: uuid.UUID, if_match: str | None = IF_MATCH):
    edition = organised_edition(request, slug, write=True)
    with transaction.atomic():
        contribution = _contribution(edition, contribution_uuid, lock=True)
        check_if_match(request, etag_of(contribution_data(contribution)))
        editing.delete_contribution(request.user, contribution)
    return Status(204, None)
