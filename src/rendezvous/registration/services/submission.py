"""Applying to an edition: the one entry point, which sends each application the way it goes (`single`, `burst`)."""

from rendezvous.events.models import Edition

from . import burst
from .application import ApplicationData, SubmissionResult, check_application
from .single import submit_one


def submit_application(
    edition: Edition, data: ApplicationData, *, invitation_token: str | None = None, actor=None
) -> SubmissionResult:
    """Apply to `edition`. Returns the application and whether it is new.

    A second submit of the same form (same `form_token`) or by the same e-mail address returns the existing
    application (created=False) instead of an error. The route of the applicant's country decides whether they may
    apply without `invitation_token`; an invitation also waives the window. Within capacity the application is
    approved at once (unmoderated route, or an invitation) or pending; beyond it, waitlisted. Speakers, who come by
    invitation, are outside the public capacity.

    Raises RouteRefused, WindowClosed, InvitationInvalid, InvalidDocument, RegistrationBusy or RegistrationError.
    """
    check_application(data)
    if invitation_token is None and burst.group_commit_applies():
        # Resolved here: another request's thread may run the batch, and a lazy request.user belongs to this one.
        actor = actor if getattr(actor, "is_authenticated", False) else None
        return burst.submit_in_group(edition, data, actor)
    return submit_one(edition, data, invitation_token, actor)
