"""Submitting one application in a transaction of its own: the way for invitations, for callers inside a
transaction, and for open-route applications when the group commit (`burst`) is switched off."""

from dataclasses import dataclass

from django.db import IntegrityError
from django.utils import timezone
from django.utils.translation import gettext

from rendezvous.core import audit
from rendezvous.core.models import Organisation
from rendezvous.events.models import Edition

from ..models import InvitationState, RegistrationPolicy, RegistrationRule, Role
from .application import (
    ApplicationData,
    SubmissionResult,
    existing_many,
    find_organisation,
    gives_way,
    letters_saved_once,
    new_registration,
    organisation_named,
    submission_audit,
)
from .emails import SUBMISSION_EMAILS, notify
from .errors import InvitationInvalid, RouteRefused
from .invitations import usable_invitation
from .policy import RouteDecision, check_window, mode_refusal, route_by_rules
from .seating import has_free_seat, seat_lock
from .status import starting_status


@dataclass(frozen=True)
class _Prepared:
    """What a submission looks up before it takes the seat lock."""

    route: RouteDecision | None
    organisation: Organisation | None


def submit_one(edition: Edition, data: ApplicationData, invitation_token: str | None, actor) -> SubmissionResult:
    """`submit_application` for one checked application, in a transaction of its own."""
    existing = existing_many(edition, [data]).get(0)
    if existing is not None and not gives_way(existing, data, actor):
        return SubmissionResult(existing, False)
    with letters_saved_once([data]):
        return _submit_new(edition, data, invitation_token, actor)


def _submit_new(edition: Edition, data: ApplicationData, invitation_token: str | None, actor) -> SubmissionResult:
    # Read before taking the seat lock, to hold it for as short a time as possible: the route rules (configuration,
    # not seats; the decision is still raised after the window check, as before) and an existing organisation.
    ready = _Prepared(
        route=route_by_rules(RegistrationRule.objects.filter(policy__edition=edition), data.country),
        organisation=find_organisation(data.organisation_name),
    )
    try:
        with seat_lock(edition) as policy:
            return _submit_locked(policy, data, invitation_token, actor, ready)
    except IntegrityError:
        # A twin request won the race on the unique e-mail or form token: return what it created.
        existing = existing_many(edition, [data]).get(0)
        if existing is None:
            raise
        return SubmissionResult(existing, False)


def _submit_locked(
    policy: RegistrationPolicy, data: ApplicationData, invitation_token: str | None, actor, ready: _Prepared
) -> SubmissionResult:
    # No second look for a twin submission here: the unique constraints turn a lost race into an IntegrityError,
    # which rolls this transaction back and makes submit_application return the twin's application.
    edition = policy.edition
    invitation = None
    if invitation_token:
        invitation = usable_invitation(edition, invitation_token, for_update=True)
        if invitation.email.lower() != data.email:
            raise InvitationInvalid(
                gettext("This invitation is for %(email)s; please register with that address.")
                % {"email": invitation.email}
            )
        # An invitation opens the door, not another attendance mode than the applicant's rule allows.
        if data.attendance not in ready.route.modes:
            raise RouteRefused(mode_refusal(ready.route.modes))
    else:
        check_window(policy)
        refusal = ready.route.refusal(data.attendance)
        if refusal:
            raise RouteRefused(refusal)
    # Speakers sit outside the public capacity: their seat is not counted.
    speaker = invitation is not None and invitation.role == Role.SPEAKER
    status = starting_status(
        policy, seat_free=speaker or has_free_seat(policy, data.attendance), invited=invitation is not None
    )
    now = timezone.now()
    organisation = organisation_named(
        data.organisation_name, data.organisation_type, data.country, known=ready.organisation
    )
    registration = new_registration(edition, data, status, organisation, invitation, now)
    # A lost race on the unique e-mail or form token rolls the whole transaction back; the caller returns the winner.
    registration.save()
    if invitation is not None:
        invitation.state = InvitationState.USED
        invitation.used_at = now
        invitation.save(update_fields=["state", "used_at"])
    # record_all: the same one INSERT as save(), and the entry is announced (webhooks' registration.created).
    audit.record_all([submission_audit(registration, actor)])
    notify(registration, SUBMISSION_EMAILS[status])
    return SubmissionResult(registration, True)
