"""Registration over the API: the route for a country, applying, one's own registration, and moderation.

Applying is anonymous, as on the web form: the endpoint reads only the JSON body (never the session), so a forged
cross-site request can do nothing a stranger could not do with the public form; the service's rules (route, window,
capacity, one application per address) protect it, and it is rate-limited per client address (429, Retry-After).
Endpoints that act as a person take a personal token or the session (whose unsafe methods need the CSRF token).
"""

import uuid

from django.shortcuts import get_object_or_404
from django.utils.translation import gettext
from ninja import Header, Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate
from pydantic import Field, field_validator

from rendezvous.core import ratelimit
from rendezvous.core.countries import un_name
from rendezvous.core.permissions import require_checkin_staff
from rendezvous.events.models import Edition
from rendezvous.events.services import get_visible_edition
from rendezvous.participation import services as participation
from rendezvous.registration import services
from rendezvous.registration.models import Invitation, Registration

from .auth import SIGNED_IN, idempotent, identify, organised_edition, require_write, visible_edition
from .errors import PUBLIC, WRITE, Error, responses
from .errors import SIGNED_IN as SIGNED_IN_ERRORS
from .schemas import (
    ApplicationIn,
    AttendanceValue,
    CheckInIn,
    CheckInOut,
    DecisionIn,
    InvitationIn,
    InvitationOut,
    OrganisationTypeValue,
    OwnRegistrationOut,
    RegistrationOut,
    ReviewRegistrationOut,
    RoleValue,
    RouteOut,
    StatusValue,
    country_code,
)

router = Router(tags=["Registration"])


class BoundedPages(PageNumberPagination):
    """Pages of at most MAX_PAGE_SIZE, up to a page number whose offset the database can still take (SQLite's
    LIMIT and OFFSET are 64-bit: an unbounded page times page_size would overflow into a server error)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=1_000_000)
        page_size: int | None = Field(None, ge=1, le=200)

    def __init__(self, **kwargs):
        super().__init__(max_page_size=200, **kwargs)


# Idempotency keys become the service's form token: uuid5 of the edition, the address and the key, so the same key
# sent by someone else (or for another address or edition) never finds this application.
IDEMPOTENCY_NAMESPACE = uuid.UUID("6f1d1a4e-55b5-4c52-9a53-0d8f1b7e2a10")
PAGE_SIZE = 50
ALREADY_APPLIED = "An application with this e-mail address has already been made for this edition. Sign in to see it."


def _registration_data(registration: Registration) -> dict:
    organisation = registration.organisation
    return {
        "id": registration.pk,
        "edition": registration.edition.slug,
        "given_name": registration.given_name,
        "family_name": registration.family_name,
        "email": registration.email,
        "country": registration.country.code,
        "organisation": organisation.name if organisation else "",
        "organisation_type": registration.organisation_type,
        "position": registration.position,
        "role": registration.role,
        "attendance": registration.attendance,
        "status": registration.status,
        "status_label": registration.get_status_display(),
        "created_at": registration.created_at,
    }


def _review_data(registration: Registration) -> dict:
    return {
        **_registration_data(registration),
        "gender": registration.gender,
        "head_of_agency": registration.head_of_agency,
        "invited": registration.invitation_id is not None,
        "imported": registration.imported,
        "decided_at": registration.decided_at,
        "decision_reason": registration.decision_reason,
        "has_nomination_letter": bool(registration.nomination_letter),
    }


def _organised_edition(request, slug: str, *, write: bool = False) -> Edition:
    """The edition, for its organisers only: 404 where the reader may not see it, 403 where they may not run it."""
    return organised_edition(request, slug, write=write)


# --- Public ---------------------------------------------------------------------------------------------------------


class CountryQuery(Schema):
    country: str = Field(description="ISO 3166-1 alpha-2 code of the country the applicant is based in, e.g. FR.")

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str) -> str:
        return country_code(value)


@router.get(
    "/editions/{slug}/registration/route",
    response=responses({200: RouteOut}, PUBLIC),
    summary="How applicants based in a country may register",
)
def get_registration_route(request, slug: str, query: Query[CountryQuery]):
    identify(request)
    edition = visible_edition(request, slug)
    policy = services.get_policy(edition)
    decision = services.route_for_country(edition, query.country, policy=policy)
    return {
        "country": query.country,
        "country_name": un_name(query.country),
        "route": decision.route,
        "accepts_applications": decision.accepts_applications,
        "window": services.window_state(policy),
        "message": decision.message,
    }


@router.post(
    "/editions/{slug}/registrations",
    response=responses({201: RegistrationOut, 200: RegistrationOut}, {**PUBLIC, 403: Error, 409: Error}),
    summary="Apply to an edition",
)
def submit_registration(
    request,
    slug: str,
    payload: ApplicationIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=200,
        description="Any unique string per application (a UUID is best). Sending the same request again with the "
        "same key returns the application already made (200) instead of an error.",
    ),
):
    """The web form's fields as JSON. The nomination letter cannot be sent through the API: use the web form.

    201: the application is new. 200: a retry with the same Idempotency-Key; the same application.
    403: applicants based in this country register by invitation only, or not at all. 409: the registration window
    is not open, or this address has applied already. 503: too many people are applying at once; try again.
    429: too many applications from this network; wait for the Retry-After seconds.
    """
    if (denied := ratelimit.check_request(request, "registration", ratelimit.ip_of(request))) is not None:
        return denied
    edition = get_visible_edition(request.user, slug)
    data = services.ApplicationData(**payload.dict())
    if idempotency_key:
        data.form_token = uuid.uuid5(IDEMPOTENCY_NAMESPACE, f"{edition.uuid}\n{data.email}\n{idempotency_key}")
    else:
        # A fresh token: without a key, a repeat is indistinguishable from someone else typing the same address.
        data.form_token = uuid.uuid4()
    # actor=None: the session is deliberately not read here (see the module docstring).
    result = services.submit_application(edition, data, actor=None)
    registration = result.registration
    if result.created:
        return Status(201, _registration_data(registration))
    if registration.form_token == data.form_token:
        return Status(200, _registration_data(registration))
    # Someone's application for this address exists; whose it is, and its status, is not for this caller to see.
    return Status(409, {"detail": ALREADY_APPLIED})


# --- The signed-in participant --------------------------------------------------------------------------------------


@router.get(
    "/editions/{slug}/registrations/me",
    auth=SIGNED_IN,
    response=responses({200: OwnRegistrationOut}, SIGNED_IN_ERRORS),
    summary="My registration (signed in)",
)
def get_my_registration(request, slug: str):
    """The signed-in person's application, found by their e-mail address; the meeting link once it is approved."""
    edition = visible_edition(request, slug)
    registration = services.registration_for(edition, request.user)
    if registration is None:
        return Status(
            404, {"detail": gettext("You have not applied to this edition with the address you signed in with.")}
        )
    return {
        **_registration_data(registration),
        "confirmed": registration.confirmed_at is not None,
        "online_link": services.online_link_for(registration),
    }


DECISION_RESPONSES = responses({200: ReviewRegistrationOut}, WRITE)


# --- Organisers -----------------------------------------------------------------------------------------------------


class ReviewFilters(Schema):
    status: StatusValue | None = None
    country: str | None = Field(None, description="ISO 3166-1 alpha-2.")
    organisation_type: OrganisationTypeValue | None = None
    attendance: AttendanceValue | None = None
    role: RoleValue | None = None
    q: str = Field("", max_length=200, description="Words to find in names, e-mail, organisation or position.")

    @field_validator("country")
    @classmethod
    def known_country(cls, value: str | None) -> str | None:
        return country_code(value) if value else None


@router.get(
    "/editions/{slug}/registrations",
    auth=SIGNED_IN,
    response=responses({200: list[ReviewRegistrationOut]}, SIGNED_IN_ERRORS),
    summary="Applications, as the moderation queue filters them (organisers)",
)
@paginate(BoundedPages, page_size=PAGE_SIZE)
def list_registrations(request, slug: str, filters: Query[ReviewFilters]):
    """Oldest first, as pending applications are reviewed first come, first served. `page` counts from 1."""
    edition = _organised_edition(request, slug)
    registrations = services.registrations_for_review(
        edition,
        status=filters.status or "",
        country=filters.country or "",
        organisation_type=filters.organisation_type or "",
        attendance=filters.attendance or "",
        role=filters.role or "",
        search=filters.q,
    ).select_related("edition")
    return _Reviewed(registrations)


class _Reviewed:
    """A queryset whose slices come out as the review schema's dicts (the paginator slices and counts it)."""

    def __init__(self, queryset):
        self.queryset = queryset

    def count(self) -> int:
        return self.queryset.count()

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, item):
        return [_review_data(registration) for registration in self.queryset[item]]


def _decide(request, slug: str, registration_id: int, decide, reason: str) -> dict:
    edition = _organised_edition(request, slug, write=True)
    registration = get_object_or_404(
        Registration.objects.select_related("edition"), pk=registration_id, edition=edition
    )
    registration = decide(registration, actor=request.user, reason=reason)
    return _review_data(
        Registration.objects.select_related("edition", "organisation", "invitation").get(pk=registration.pk)
    )


@router.post(
    "/editions/{slug}/registrations/{registration_id}/approve",
    auth=SIGNED_IN,
    response=DECISION_RESPONSES,
    summary="Approve an application (organisers)",
)
def approve_registration(request, slug: str, registration_id: int, payload: DecisionIn):
    """409 when the application cannot be approved (e.g. no free seat, or it was cancelled)."""
    return _decide(request, slug, registration_id, services.approve_registration, payload.reason)


@router.post(
    "/editions/{slug}/registrations/{registration_id}/reject",
    auth=SIGNED_IN,
    response=DECISION_RESPONSES,
    summary="Reject an application (organisers)",
)
def reject_registration(request, slug: str, registration_id: int, payload: DecisionIn):
    """A seat the application held goes to the oldest waiting application of its mode."""
    return _decide(request, slug, registration_id, services.reject_registration, payload.reason)


@router.post(
    "/editions/{slug}/registrations/{registration_id}/waitlist",
    auth=SIGNED_IN,
    response=DECISION_RESPONSES,
    summary="Put an application on the waiting list (organisers)",
)
def waitlist_registration(request, slug: str, registration_id: int, payload: DecisionIn):
    """It goes to the end of the line; a seat it held goes to those who waited before. 409 for an approved one."""
    return _decide(request, slug, registration_id, services.waitlist_registration, payload.reason)


# --- Invitations ------------------------------------------------------------------------------------------------------


def _invitation_data(invitation: Invitation) -> dict:
    return {
        "id": invitation.pk,
        "email": invitation.email,
        "given_name": invitation.given_name,
        "family_name": invitation.family_name,
        "role": invitation.role,
        "state": invitation.state,
        "expires_at": invitation.expires_at,
        "created_at": invitation.created_at,
    }


@router.post(
    "/editions/{slug}/invitations",
    auth=SIGNED_IN,
    response=responses({201: InvitationOut}, WRITE),
    summary="Invite someone by e-mail (organisers)",
)
def create_invitation(
    request,
    slug: str,
    payload: InvitationIn,
    idempotency_key: str | None = Header(
        None,
        alias="Idempotency-Key",
        max_length=200,
        description="Any unique string per invitation. A retry with the same key and body returns the first answer.",
    ),
):
    """E-mails a single-use link. An open invitation to the same address is sent again rather than duplicated."""
    edition = _organised_edition(request, slug, write=True)

    def make():
        invitation = services.invite(edition, **payload.dict(), actor=request.user)
        return 201, _invitation_data(invitation)

    return Status(*idempotent(request, idempotency_key, make))


@router.post(
    "/editions/{slug}/invitations/{invitation_id}/revoke",
    auth=SIGNED_IN,
    response=responses({200: InvitationOut}, WRITE),
    summary="Withdraw an invitation (organisers)",
)
def revoke_invitation(request, slug: str, invitation_id: int):
    """Its link stops working at once. 409 when it has been used already."""
    edition = _organised_edition(request, slug, write=True)
    invitation = get_object_or_404(Invitation, pk=invitation_id, edition=edition)
    return _invitation_data(services.revoke_invitation(invitation, actor=request.user))


# --- Check-in ---------------------------------------------------------------------------------------------------------


@router.post(
    "/editions/{slug}/check-ins",
    auth=SIGNED_IN,
    response=responses({201: CheckInOut}, WRITE),
    summary="Check a badge holder in (check-in staff and organisers)",
)
def create_check_in(request, slug: str, payload: CheckInIn):
    """409 when the code is unknown, the registration is not approved or online, or they were checked in that day."""
    edition = visible_edition(request, slug)
    require_checkin_staff(request.user, edition)
    require_write(request)
    day = payload.day or participation.default_check_in_day(edition)
    result = participation.check_in(edition, payload.code, day=day, by=request.user)
    return Status(
        201,
        {
            "registration_id": result.registration.pk,
            "name": result.registration.full_name,
            "day": result.check_in.day,
            "day_number": result.day_number,
            "message": result.message,
        },
    )
