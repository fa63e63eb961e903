"""The e-mail each status change sends, queued in the outbox within the transaction that makes the change."""

from django.conf import settings
from django.urls import reverse

from rendezvous.core.i18n import in_language_of
from rendezvous.core.outbox import queue_email

from .. import notifications
from ..models import Registration, Status

# The e-mail a new application gets, by the status it starts in.
SUBMISSION_EMAILS = {Status.PENDING: "received", Status.APPROVED: "approved", Status.WAITLISTED: "waitlisted"}


def notify(registration: Registration, kind: str, *, reason: str = "") -> None:
    """Queue the e-mail for a transition in the current transaction."""
    queue_email(**transition_email(registration, kind, reason=reason))


def transition_email(registration: Registration, kind: str, *, reason: str = "") -> dict:
    """The outbox message for a transition; it links to the participant's own page.

    Not a one-time sign-in link: those expire after 20 minutes and people read such mail hours later. The page asks
    them to sign in and mails a fresh link.
    """
    page = settings.SITE_URL + reverse("registration:mine", kwargs={"slug": registration.edition.slug})
    # Often built while an organiser acts: the words follow the language the person applied in.
    with in_language_of(default=registration.language):
        subject, body = notifications.transition(
            registration, kind, page_url=page if kind != "rejected" else "", reason=reason
        )
    return {
        "to": registration.email,
        "subject": subject,
        "body": body,
        "kind": f"registration.{kind}",
        "edition": registration.edition,
    }
