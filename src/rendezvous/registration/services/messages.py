"""Organisers' messages to participants, and their own wording of the automatic e-mails.

A message goes to the applications a filter selects (status, mode, country, role), one outbox mail per address,
personalised with the same placeholders as the automatic e-mails. The organiser sees the count and a preview first;
`send_message` refuses if the list changed since (`expected_count`), so nobody gets mail the organiser did not see
counted. Every message and every change of wording is in the audit trail.
"""

from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.outbox import queue_emails
from rendezvous.core.permissions import is_organiser
from rendezvous.events.models import Edition

from .. import notifications
from ..models import EmailText, Registration
from .errors import RegistrationError
from .queries import registrations_for_review

SUBJECT_MAX = 200
BODY_MAX = 20000
FILTERS = ("status", "attendance", "country", "role")


def require_write_to_participants(user, edition: Edition) -> None:
    if not is_organiser(user, edition):
        raise PermissionDenied(_("Only the edition's organisers may write to its participants."))


@dataclass(frozen=True)
class Draft:
    subject: str
    body: str


def _check_text(subject: str, body: str) -> Draft:
    subject, body = subject.strip(), body.strip()
    if not subject:
        raise RegistrationError(_("Give the message a subject."))
    if not body:
        raise RegistrationError(_("Write the message."))
    if len(subject) > SUBJECT_MAX:
        raise RegistrationError(_("A subject has at most %(max)d characters.") % {"max": SUBJECT_MAX})
    if len(body) > BODY_MAX:
        raise RegistrationError(_("A message has at most %(max)d characters.") % {"max": BODY_MAX})
    unknown = notifications.unknown_placeholders(subject + "\n" + body)
    if unknown:
        raise RegistrationError(
            _("Unknown placeholder(s): %(names)s. Use only those listed beside the text.")
            % {"names": ", ".join("{" + name + "}" for name in unknown)}
        )
    return Draft(subject, body)


def recipients(edition: Edition, **filters: str) -> QuerySet[Registration]:
    """The applications a message with these filters goes to (empty filter = any), oldest first."""
    return registrations_for_review(edition, **{name: filters.get(name, "") for name in FILTERS})


def _values(registration: Registration) -> dict:
    page = settings.SITE_URL + reverse("registration:mine", kwargs={"slug": registration.edition.slug})
    return notifications.registration_values(registration, page_url=page)


def preview(edition: Edition, subject: str, body: str, **filters: str) -> tuple[int, tuple[str, str] | None]:
    """How many people the message reaches and what the first of them receives (None if nobody)."""
    draft = _check_text(subject, body)
    selected = recipients(edition, **filters)
    first = selected.first()
    if first is None:
        return 0, None
    values = _values(first)
    return selected.count(), (notifications.fill(draft.subject, values), notifications.fill(draft.body, values))


def send_message(actor, edition: Edition, *, subject: str, body: str, expected_count: int, **filters: str) -> int:
    """Queue the message for every selected participant; returns how many were queued."""
    require_write_to_participants(actor, edition)
    draft = _check_text(subject, body)
    with transaction.atomic():
        selected = list(recipients(edition, **filters).select_related("edition"))
        if len(selected) != expected_count:
            raise RegistrationError(
                _("The list changed since the preview: it now has %(count)d people. Check the preview again.")
                % {"count": len(selected)}
            )
        if not selected:
            raise RegistrationError(_("Nobody matches these filters."))
        mails = []
        for registration in selected:
            values = _values(registration)
            mails.append(
                {
                    "to": registration.email,
                    "subject": notifications.fill(draft.subject, values).replace("\n", " ")[:255],
                    "body": notifications.fill(draft.body, values),
                    "kind": "registration.message",
                    "edition": edition,
                }
            )
        queue_emails(mails)
        audit.record(
            "registration.message_sent",
            edition,
            actor=actor,
            edition=edition,
            summary=_("Message “%(subject)s” to %(count)d participants")
            % {"subject": draft.subject, "count": len(mails)},
            subject=draft.subject,
            body=draft.body,
            filters={name: filters.get(name, "") for name in FILTERS},
            recipients=[mail["to"] for mail in mails],
        )
    return len(mails)


# --- The automatic e-mails' wording ------------------------------------------------------------------------------


def _check_kind(kind: str) -> None:
    if kind not in notifications.DEFAULTS:
        raise RegistrationError(_("There is no automatic e-mail of that kind."))


def save_email_text(actor, edition: Edition, kind: str, *, subject: str, body: str) -> EmailText:
    require_write_to_participants(actor, edition)
    _check_kind(kind)
    draft = _check_text(subject, body)
    with transaction.atomic():
        text, _created = EmailText.objects.update_or_create(
            edition=edition, kind=kind, defaults={"subject": draft.subject, "body": draft.body, "updated_by": actor}
        )
        audit.record(
            "registration.email_text_changed",
            text,
            actor=actor,
            edition=edition,
            summary=_("Wording of the “%(kind)s” e-mail changed") % {"kind": kind},
            subject=draft.subject,
            body=draft.body,
        )
        notifications.forget_own_texts(edition)
    return text


def reset_email_text(actor, edition: Edition, kind: str) -> None:
    """Go back to the default wording."""
    require_write_to_participants(actor, edition)
    _check_kind(kind)
    with transaction.atomic():
        text = EmailText.objects.filter(edition=edition, kind=kind).first()
        if text is None:
            return
        audit.record(
            "registration.email_text_reset",
            text,
            actor=actor,
            edition=edition,
            summary=_("Wording of the “%(kind)s” e-mail back to the default") % {"kind": kind},
        )
        text.delete()
        notifications.forget_own_texts(edition)


def preview_email_text(edition: Edition, kind: str, *, subject: str, body: str) -> tuple[str, str]:
    """The e-mail as a made-up participant would receive it with this wording."""
    _check_kind(kind)
    draft = _check_text(subject, body)
    return notifications.render(
        edition, kind, notifications.sample_values(edition), subject=draft.subject, body=draft.body
    )
