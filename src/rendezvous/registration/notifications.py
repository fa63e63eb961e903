"""The words of registration e-mails: one subject and plain-text body per transition.

Built inside `translation.override` with the recipient's language (services/emails.py), so every sentence is marked.
"""

from django.utils import formats
from django.utils.translation import gettext, gettext_lazy, pgettext

from rendezvous.core.names import person_name

from .models import Invitation, Registration

INTROS = {
    "received": gettext_lazy(
        "We have received your application. The organisers will review it and write to you again."
    ),
    "approved": gettext_lazy("Your registration is approved. We look forward to welcoming you."),
    "waitlisted": gettext_lazy(
        "All %(mode)s places are taken for now, so your application is on the waiting list. If a place becomes free, "
        "it goes to the oldest application on the list and we will write to you at once."
    ),
    "promoted": gettext_lazy("A %(mode)s place has become free and it is yours."),
    "rejected": gettext_lazy("We are sorry: the organisers could not accept your application."),
    "cancelled": gettext_lazy("Your registration is cancelled, as you asked."),
}

SUBJECTS = {
    "received": gettext_lazy("Application received"),
    "approved": gettext_lazy("Registration approved"),
    "waitlisted": gettext_lazy("You are on the waiting list"),
    "promoted": gettext_lazy("A place is now yours"),
    "rejected": gettext_lazy("Your application"),
    "cancelled": gettext_lazy("Registration cancelled"),
}


def transition(registration: Registration, kind: str, *, page_url: str = "", reason: str = "") -> tuple[str, str]:
    edition = registration.edition
    mode = registration.get_attendance_display().lower()
    intro = str(INTROS[kind])
    lines = [
        gettext("Dear %(name)s,") % {"name": registration.full_name},
        "",
        intro % {"mode": mode} if "%(mode)s" in intro else intro,
    ]
    if kind == "promoted":
        lines.append(
            gettext("Your application is now %(status)s.") % {"status": registration.get_status_display().lower()}
        )
    if reason:
        lines += ["", gettext("Reason: %(reason)s") % {"reason": reason}]
    lines += [
        "",
        gettext("Event: %(title)s") % {"title": edition.title},
        gettext("Attendance: %(mode)s") % {"mode": registration.get_attendance_display()},
    ]
    if page_url:
        lines += [
            "",
            gettext(
                "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
                "there with this e-mail address: we send you a sign-in link."
            ),
            page_url,
        ]
    lines += ["", gettext("The organisers")]
    subject = pgettext("e-mail subject", "%(subject)s: %(edition)s") % {
        "subject": SUBJECTS[kind],
        "edition": edition.short_title or edition.title,
    }
    return subject, "\n".join(lines)


def invitation(invitation: Invitation, url: str) -> tuple[str, str]:
    edition = invitation.edition
    name = person_name(invitation.given_name, invitation.family_name) or gettext("Madam, Sir")
    if invitation.role == "speaker":
        invited = gettext("You are invited to register for %(title)s as a speaker.")
    else:
        invited = gettext("You are invited to register for %(title)s as a participant.")
    lines = [
        gettext("Dear %(name)s,") % {"name": name},
        "",
        invited % {"title": edition.title},
        gettext("Register with this personal link (it works once, for this address only):"),
        url,
        "",
        gettext("The link expires on %(date)s.") % {"date": formats.date_format(invitation.expires_at, "j F Y")},
        "",
        gettext("The organisers"),
    ]
    subject = gettext("Invitation: %(edition)s") % {"edition": edition.short_title or edition.title}
    return subject, "\n".join(lines)
