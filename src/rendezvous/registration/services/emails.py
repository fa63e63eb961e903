"""The e-mail each status change sends, queued in the outbox within the transaction that makes the change."""

from django.conf import settings
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from rendezvous.core.i18n import in_language_of
from rendezvous.core.outbox import queue_email

from .. import notifications
from ..models import Registration, Status

# The e-mail a new application gets, by the status it starts in.
SUBMISSION_EMAILS = {Status.PENDING: "received", Status.APPROVED: "approved", Status.WAITLISTED: "waitlisted"}


def notify(registration: Registration, kind: str, *, reason: str = "") -> None:
    """Queue the e-mail for a transition in the current transaction."""
    queue_email(**transition_email(registration, kind, reason=reason))


def transition_email(registration: Registration, kind: str, *, reason: str = "", places: dict | None = None) -> dict:
    """The outbox message for a transition; it links to the participant's own page.

    Not a one-time sign-in link: those expire after 20 minutes and people read such mail hours later. The page asks
    them to sign in and mails a fresh link. `places` is a memo shared by the e-mails of one group (see
    `transition_emails`).
    """
    places = {} if places is None else places
    page_key = ("page", settings.SITE_URL, registration.edition.slug)
    if page_key not in places:
        places[page_key] = settings.SITE_URL + reverse("registration:mine", kwargs={"slug": registration.edition.slug})
    page = places[page_key]
    # Often built while an organiser acts: the words follow the language the person applied in.
    with in_language_of(default=registration.language):
        language = get_language()

        def where() -> str:
            key = ("where", registration.edition_id, registration.attendance, language)
            if key not in places:
                places[key] = notifications.where_for(registration.edition, registration.attendance)
            return places[key]

        subject, body = notifications.transition(
            registration, kind, page_url=page if kind != "rejected" else "", reason=reason, where=where
        )
        attachments = []
        if notifications.transition_kind(registration, kind) in notifications.WITH_CALENDAR:
            key = ("calendar", registration.edition_id, registration.attendance, language)
            if key not in places:
                places[key] = notifications.calendar_file(
                    registration.edition, registration.attendance, location=where()
                )
            attachments.append(places[key])
    return {
        "to": registration.email,
        "subject": subject,
        "body": body,
        "kind": f"registration.{kind}",
        "edition": registration.edition,
        "attachments": attachments,
    }


def transition_emails(transitions: list[tuple[Registration, str]], *, places: dict | None = None) -> list[dict]:
    """`transition_email` for each (registration, kind) of one group: the venue line and the calendar file (a query
    each) are made once per edition, attendance mode and language, and the page's address once per edition, not once
    per e-mail. `places` may carry them from one group to the next while the edition is unchanged."""
    places = {} if places is None else places
    return [transition_email(registration, kind, places=places) for registration, kind in transitions]


def remind_existing(registration: Registration) -> None:
    """Someone applied again with an address that already has an application: write to that address (only its owner
    reads it), so the page can truthfully say an e-mail was sent, whoever sent the form."""
    page = settings.SITE_URL + reverse("registration:mine", kwargs={"slug": registration.edition.slug})
    edition = registration.edition
    queue_email(
        to=registration.email,
        subject=_("Your application: %(title)s") % {"title": edition.short_title or edition.title},
        body=_(
            "Dear %(name)s,\n\nSomeone (probably you) sent the registration form for %(title)s again with this "
            "address. You already have an application (%(status)s), so nothing was changed.\n\nSee it, change your "
            "attendance mode or cancel it on your registration page. Sign in there with this e-mail address:\n"
            "%(page)s\n\nThe organisers"
        )
        % {
            "name": registration.full_name,
            "title": edition.title,
            "status": registration.get_status_display().lower(),
            "page": page,
        },
        kind="registration.repeat",
        edition=edition,
    )
