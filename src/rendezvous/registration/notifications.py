"""The words of registration e-mails: a subject and plain-text body per kind, with placeholders.

Each edition may reword any of them (EmailText, edited on the organisers' "Automatic e-mails" page); without its own
text an edition sends the default below. Placeholders are `{name}` from PLACEHOLDERS and nothing else: substitution
is a plain lookup (no attribute access or format specs, unlike str.format), so an organiser's text cannot reach
anything but these values. `{{` and `}}` write a literal brace.
"""

import datetime
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from rendezvous.core.i18n import comma
from rendezvous.core.names import person_name
from rendezvous.events.services import date_range_label

from .models import Attendance, EmailText, Invitation, Registration, Status

PLACEHOLDERS = {
    "given_name": _("the person's given name"),
    "full_name": _("the person's full name (“Madam, Sir” for an invitation without a name)"),
    "edition": _("the edition's title"),
    "edition_short": _("the edition's short title"),
    "dates": _("the edition's dates, e.g. 21–24 November 2022"),
    "venue": _("where: the venue for in-person participants, the online platform for online ones"),
    "mode": _("the attendance mode: in person or online"),
    "status": _("the application's status"),
    "link": _("the person's registration page (for an invitation: the personal registration link)"),
    "reason": _("“Reason: …” when the organiser gave one, otherwise nothing"),
    "role": _("for invitations: a speaker or a participant"),
    "expires": _("for invitations: the day the link expires"),
}


@dataclass(frozen=True)
class DefaultText:
    """The default wording of one kind; lazy, so each mail is in the language active when it is written."""

    label: str
    subject: str
    body: str


DEFAULTS: dict[str, DefaultText] = {
    "received": DefaultText(
        _("Application received"),
        _("Application received: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "We have received your application. The organisers will review it and write to you again.\n\n"
            "{reason}\n\n"
            "Event: {edition}\nDates: {dates}\nAttendance: {mode}\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "approved": DefaultText(
        _("Registration approved"),
        _("Registration approved: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "Your registration is approved. We look forward to welcoming you.\n\n"
            "{reason}\n\n"
            "Event: {edition}\nDates: {dates}\nWhere: {venue}\nAttendance: {mode}\n\n"
            "The attached calendar file (.ics) adds the workshop to your calendar.\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "waitlisted": DefaultText(
        _("On the waiting list"),
        _("You are on the waiting list: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "All {mode} places are taken for now, so your application is on the waiting list. If a place becomes "
            "free, it goes to the oldest application on the list and we will write to you at once.\n\n"
            "{reason}\n\n"
            "Event: {edition}\nDates: {dates}\nAttendance: {mode}\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "promoted_held": DefaultText(
        _("From the waiting list: a place is held (moderated editions)"),
        _("A place is held for you: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "A {mode} place has become free and is held for you while the organisers review your application. We "
            "will write to you again with their decision.\n\n"
            "Event: {edition}\nDates: {dates}\nAttendance: {mode}\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "promoted_approved": DefaultText(
        _("From the waiting list: approved"),
        _("A place is now yours: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "A {mode} place has become free and it is yours: your registration is approved. We look forward to "
            "welcoming you.\n\n"
            "Event: {edition}\nDates: {dates}\nWhere: {venue}\nAttendance: {mode}\n\n"
            "The attached calendar file (.ics) adds the workshop to your calendar.\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "rejected": DefaultText(
        _("Application not accepted"),
        _("Your application: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "We are sorry: the organisers could not accept your application.\n\n"
            "{reason}\n\n"
            "Event: {edition}\nDates: {dates}\n\n"
            "The organisers"
        ),
    ),
    "cancelled": DefaultText(
        _("Registration cancelled"),
        _("Registration cancelled: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "Your registration is cancelled, as you asked.\n\n"
            "{reason}\n\n"
            "Event: {edition}\nAttendance: {mode}\n\n"
            "See your registration, change your attendance mode or cancel it on your registration page. Sign in "
            "there with this e-mail address: we send you a sign-in link.\n{link}\n\n"
            "The organisers"
        ),
    ),
    "invited": DefaultText(
        _("Invitation to register"),
        _("Invitation: {edition_short}"),
        _(
            "Dear {full_name},\n\n"
            "You are invited to register for {edition} ({dates}) as {role}.\nRegister with this personal link (it "
            "works once, for this address only):\n{link}\n\n"
            "The link expires on {expires}.\n\n"
            "The organisers"
        ),
    ),
}

# The kinds whose mail carries the edition as a calendar file.
WITH_CALENDAR = {"approved", "promoted_approved"}

_TOKEN = re.compile(r"\{\{|\}\}|\{([A-Za-z_][A-Za-z0-9_]*)\}")


def unknown_placeholders(text: str) -> list[str]:
    """The `{names}` in `text` that are not placeholders (for the form's error message)."""
    names = [match.group(1) for match in _TOKEN.finditer(text) if match.group(1)]
    return sorted({name for name in names if name not in PLACEHOLDERS})


def fill(text: str, values: dict[str, str]) -> str:
    """Put the values into `text`; an unknown `{name}` stays as typed, and blank lines left by empty values close up."""

    def replace(match):
        token = match.group(0)
        if token in ("{{", "}}"):
            return token[0]
        value = values.get(match.group(1), token)
        # Values that cost a query (the venue) are passed as functions and computed only when the text uses them.
        return str(value() if callable(value) else value)

    filled = _TOKEN.sub(replace, text)
    return re.sub(r"\n[ \t]*(\n[ \t]*)+\n", "\n\n", filled).strip()


def date_span(edition) -> str:
    """ "21–24 November 2022", "30 November – 2 December 2026", "31 December 2026 – 2 January 2027"."""
    return date_range_label(edition.start_date, edition.end_date)


def venue_line(edition) -> str:
    venue = edition.venues.order_by("pk").first()
    if venue is not None:
        country = venue.country.name if venue.country else ""
        return comma().join(part for part in (venue.name, venue.city or edition.city, str(country)) if part)
    country = edition.country.name if edition.country else ""
    return comma().join(part for part in (edition.city, str(country)) if part)


def where_for(edition, attendance: str) -> str:
    """Where this participant takes part: the venue in person, the platform online (never the meeting link)."""
    if attendance == Attendance.ONLINE:
        platform = edition.online_platform or gettext("the online platform")
        return gettext("Online, on %(platform)s: the link is on your registration page") % {"platform": platform}
    return venue_line(edition) or gettext("The venue will be announced on the edition's page")


def edition_values(edition) -> dict[str, str]:
    return {
        "edition": edition.title,
        "edition_short": edition.short_title or edition.title,
        "dates": date_span(edition),
    }


def registration_values(
    registration: Registration, *, page_url: str = "", reason: str = "", where: Callable[[], str] | None = None
) -> dict[str, str]:
    """The placeholders' values for one registration; `where` may give the venue line (see `where_for`) from a
    memo shared by many e-mails."""
    edition = registration.edition
    return {
        **edition_values(edition),
        "given_name": registration.given_name,
        "full_name": registration.full_name,
        "venue": where or (lambda: where_for(edition, registration.attendance)),
        # The enums' labels: get_FOO_display rebuilds the whole choices mapping on each call, and mail for a group
        # of applicants is written while the seat lock is held.
        "mode": Attendance(registration.attendance).label.lower(),
        "status": Status(registration.status).label.lower(),
        "link": page_url,
        "reason": gettext("Reason: %(reason)s") % {"reason": reason} if reason else "",
    }


def _texts_key(edition) -> str:
    return f"registration:email-texts:{edition.uuid}"


def own_texts(edition) -> dict[str, tuple[str, str]]:
    """The edition's own wordings by kind, from the shared cache: mail is written while the seat lock is held, and
    this keeps that work free of an extra query. `forget_own_texts` runs whenever an organiser changes one."""
    texts = cache.get(_texts_key(edition))
    if texts is None:
        texts = {
            kind: (subject, body)
            for kind, subject, body in EmailText.objects.filter(edition=edition).values_list("kind", "subject", "body")
        }
        cache.set(_texts_key(edition), texts, 24 * 60 * 60)
    return texts


def forget_own_texts(edition) -> None:
    cache.delete(_texts_key(edition))
    if transaction.get_connection().in_atomic_block:
        transaction.on_commit(lambda: cache.delete(_texts_key(edition)))


def text_for(edition, kind: str) -> tuple[str, str]:
    """(subject, body) as the edition words it, or the default."""
    own = own_texts(edition).get(kind)
    if own is not None:
        return own
    default = DEFAULTS[kind]
    return str(default.subject), str(default.body)


def render(edition, kind: str, values: dict[str, str], *, subject=None, body=None) -> tuple[str, str]:
    """The filled subject and body of `kind` (or of the given `subject` and `body`, for a preview)."""
    own_subject, own_body = text_for(edition, kind) if subject is None or body is None else (subject, body)
    return fill(own_subject, values).replace("\n", " ")[:255], fill(own_body, values)


def transition_kind(registration: Registration, kind: str) -> str:
    """The text to use: a promotion says what actually happened, a held seat or an approval, never both."""
    if kind == "promoted":
        return "promoted_approved" if registration.status == Status.APPROVED else "promoted_held"
    return kind


def transition(
    registration: Registration,
    kind: str,
    *,
    page_url: str = "",
    reason: str = "",
    where: Callable[[], str] | None = None,
) -> tuple[str, str]:
    values = registration_values(registration, page_url=page_url, reason=reason, where=where)
    return render(registration.edition, transition_kind(registration, kind), values)


def invitation_values(invitation: Invitation, url: str) -> dict[str, str]:
    edition = invitation.edition
    name = person_name(invitation.given_name, invitation.family_name) or gettext("Madam, Sir")
    return {
        **edition_values(edition),
        "given_name": invitation.given_name or name,
        "full_name": name,
        "venue": lambda: venue_line(edition),
        "mode": "",
        "status": "",
        "link": url,
        "reason": "",
        "role": gettext("a speaker") if invitation.role == "speaker" else gettext("a participant"),
        "expires": formats.date_format(invitation.expires_at, "DATE_FORMAT"),
    }


def invitation(invitation: Invitation, url: str) -> tuple[str, str]:
    return render(invitation.edition, "invited", invitation_values(invitation, url))


def sample_values(edition) -> dict[str, str]:
    """Made-up values for the organisers' preview."""
    return {
        **edition_values(edition),
        "given_name": "Amina",
        "full_name": "Amina Diallo",
        "venue": where_for(edition, Attendance.IN_PERSON),
        "mode": gettext("in person"),
        "status": gettext("approved"),
        "link": settings.SITE_URL + reverse("registration:mine", kwargs={"slug": edition.slug}),
        "reason": "",
        "role": gettext("a participant"),
        "expires": formats.date_format(timezone.now(), "DATE_FORMAT"),
    }


def calendar_file(edition, attendance: str = Attendance.IN_PERSON, *, location: str | None = None) -> dict:
    """The edition as one all-day calendar event (an `.ics` attachment for the outbox); `location` is
    `where_for(edition, attendance)` when the caller has it already."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//Rendezvous//Registration//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    event = icalendar.Event()
    event.add("uid", f"{uuid.uuid5(edition.uuid, 'edition')}@rendezvous")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", edition.start_date)
    # All-day events end on the day after the last one (RFC 5545, DTEND is exclusive).
    event.add("dtend", edition.end_date + datetime.timedelta(days=1))
    event.add("summary", edition.title)
    event.add("location", where_for(edition, attendance) if location is None else location)
    event.add("url", settings.SITE_URL + edition.get_absolute_url())
    calendar.add_component(event)
    return {
        "filename": f"{edition.slug}.ics",
        "content_type": "text/calendar",
        "content": calendar.to_ical().decode("utf-8"),
    }
