"""Invitations: a single-use, expiring link to register, sent to one person or to everyone in a CSV file.

The CSV file has a header row naming its columns, in any order: `email`, and any of `given_name`, `family_name`
and `role` (CSV_COLUMNS); role is `participant` or `speaker` (empty: participant). One reader (`read_invitation_rows`)
checks the header, the shape of every line and every row, and an import invites everyone or nobody.
"""

import csv
import hashlib
import io
import secrets
from dataclasses import dataclass
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.i18n import in_language_of
from rendezvous.core.outbox import queue_email
from rendezvous.core.validators import validate_email
from rendezvous.events.models import Edition

from .. import notifications
from ..models import Invitation, InvitationState, Registration, Role
from .csv_files import CsvFileError, read_csv_upload, unreadable_line
from .errors import IllegalTransition, ImportFailed, InvitationInvalid, RegistrationError, at_line

INVITATION_LIFETIME = timedelta(days=30)
CSV_COLUMNS = ("email", "given_name", "family_name", "role")


class InvitationFileError(CsvFileError):
    """The invitation file's header or lines are not usable; nothing was imported."""


# ---------------------------------------------------------------------------------------------------------------------
# Links


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_url(edition: Edition, token: str) -> str:
    return settings.SITE_URL + reverse("registration:redeem", kwargs={"slug": edition.slug, "token": token})


def find_invitation(edition: Edition, token: str) -> Invitation:
    """The usable invitation behind `token`, or InvitationInvalid saying why not."""
    return usable_invitation(edition, token)


def usable_invitation(edition: Edition, token: str, *, for_update: bool = False) -> Invitation:
    """The invitation behind `token` (row-locked if `for_update`), or InvitationInvalid saying why it cannot be used."""
    queryset = Invitation.objects.filter(edition=edition, token_hash=_token_hash(token or ""))
    if for_update:
        queryset = queryset.select_for_update()
    invitation = queryset.first()
    if invitation is None:
        raise InvitationInvalid(_("This invitation link is not valid. Please check the link in your e-mail."))
    if invitation.state == InvitationState.REVOKED:
        raise InvitationInvalid(_("This invitation has been withdrawn by the organisers."))
    if invitation.state == InvitationState.USED:
        raise InvitationInvalid(_("This invitation has already been used. Sign in to see your registration."))
    if invitation.expires_at <= timezone.now():
        raise InvitationInvalid(_("This invitation has expired. Please ask the organisers to send it again."))
    if edition.end_date is not None and edition.is_past:
        # Its link may still be within its lifetime, but there is nothing left to take part in.
        raise InvitationInvalid(
            _("This edition ended on %(date)s, so its invitations can no longer be used.")
            % {"date": formats.date_format(edition.end_date, "j F Y")}
        )
    return invitation


# ---------------------------------------------------------------------------------------------------------------------
# Inviting, re-sending, revoking


def invite(
    edition: Edition,
    *,
    email: str,
    role: str = Role.PARTICIPANT,
    given_name: str = "",
    family_name: str = "",
    actor=None,
    lifetime: timedelta = INVITATION_LIFETIME,
) -> Invitation:
    """Invite one person (as participant or speaker) and e-mail them a single-use link valid for `lifetime`.

    An open invitation already sent to the same address for this edition is re-sent instead of duplicated.
    """
    email = email.strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise RegistrationError(_("Not a valid e-mail address: %(email)s.") % {"email": repr(email)}) from None
    if role not in Role.values:
        raise RegistrationError(_("Unknown role: %(role)s.") % {"role": repr(role)})
    with transaction.atomic():
        return _invite_locked(edition, email, role, given_name.strip(), family_name.strip(), actor, lifetime)


def _invite_locked(edition, email, role, given_name, family_name, actor, lifetime) -> Invitation:
    if Registration.objects.filter(edition=edition, email=email).exists():
        raise RegistrationError(_("%(email)s has already registered for this edition.") % {"email": email})
    open_one = Invitation.objects.filter(edition=edition, email=email, state=InvitationState.OPEN).first()
    if open_one is not None:
        return _send_invitation(open_one, actor=actor, lifetime=lifetime, action="invitation.resent")
    invitation = Invitation(
        edition=edition,
        email=email,
        role=role,
        given_name=given_name,
        family_name=family_name,
        invited_by=actor if getattr(actor, "is_authenticated", False) else None,
        token_hash="",
        expires_at=timezone.now() + lifetime,
    )
    return _send_invitation(invitation, actor=actor, lifetime=lifetime, action="invitation.created")


def _send_invitation(invitation: Invitation, *, actor, lifetime: timedelta, action: str) -> Invitation:
    token = secrets.token_urlsafe(32)
    now = timezone.now()
    invitation.token_hash = _token_hash(token)
    invitation.expires_at = now + lifetime
    invitation.sent_at = now
    invitation.send_count += 1
    invitation.save()
    audit.record(
        action,
        invitation,
        actor=actor,
        edition=invitation.edition,
        summary=f"Invitation to {invitation.email} as {invitation.role}",
        role=invitation.role,
    )
    # In the invited person's language when they already chose one here, else the site's.
    with in_language_of(invitation.email):
        subject, body = notifications.invitation(invitation, invitation_url(invitation.edition, token))
    queue_email(
        to=invitation.email, subject=subject, body=body, kind="registration.invited", edition=invitation.edition
    )
    return invitation


def resend_invitation(invitation: Invitation, *, actor=None, lifetime: timedelta = INVITATION_LIFETIME) -> Invitation:
    """Send a fresh link (the old one stops working) and extend the expiry."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("edition").get(pk=invitation.pk)
        if invitation.state != InvitationState.OPEN:
            raise IllegalTransition(
                _("This invitation is %(lower)s: it cannot be re-sent.")
                % {"lower": invitation.get_state_display().lower()}
            )
        return _send_invitation(invitation, actor=actor, lifetime=lifetime, action="invitation.resent")


def revoke_invitation(invitation: Invitation, *, actor=None) -> Invitation:
    """Withdraw an unused invitation: its link stops working at once."""
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().select_related("edition").get(pk=invitation.pk)
        if invitation.state == InvitationState.REVOKED:
            return invitation
        if invitation.state == InvitationState.USED:
            raise IllegalTransition(
                _("This invitation has been used already; reject or cancel the registration instead.")
            )
        invitation.state = InvitationState.REVOKED
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["state", "revoked_at"])
        audit.record(
            "invitation.revoked",
            invitation,
            actor=actor,
            edition=invitation.edition,
            summary=f"Invitation to {invitation.email} revoked",
        )
        return invitation


# ---------------------------------------------------------------------------------------------------------------------
# A CSV file of invitations


@dataclass(frozen=True)
class InvitationRow:
    email: str
    role: str
    given_name: str
    family_name: str


def _read_header(rows) -> list[str]:
    """The column names of the header line; InvitationFileError unless they are `email` and others of CSV_COLUMNS."""
    header = next(rows, None)
    if header is None:
        raise InvitationFileError(
            [
                at_line(
                    1, _("the file is empty; the first line must be %(columns)s") % {"columns": ",".join(CSV_COLUMNS)}
                )
            ]
        )
    names = [name.strip().lower() for name in header]
    if "email" not in names or len(set(names)) != len(names) or not set(names) <= set(CSV_COLUMNS):
        raise InvitationFileError(
            [
                at_line(
                    1,
                    _(
                        "the header must be %(columns)s (given_name, family_name and role may be left out); found "
                        "%(found)s"
                    )
                    % {"columns": ",".join(CSV_COLUMNS), "found": ",".join(names) or _("(nothing)")},
                )
            ]
        )
    return names


def _read_lines(text: str) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """The header and each data line (its line number, its values by column), or InvitationFileError listing every
    line that does not have the header's shape."""
    rows = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    try:
        return _read_rows(rows)
    except csv.Error as error:
        raise InvitationFileError([unreadable_line(rows.line_num, error)]) from None


def _read_rows(rows) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    names = _read_header(rows)
    lines, errors, blank_line = [], [], None
    for row in rows:
        if not row:
            blank_line = rows.line_num
            continue
        # An error names the line a person sees in their editor: a blank line in between, or a field spanning
        # lines, would make that ambiguous, so both are refused with their own line.
        if blank_line is not None:
            errors.append(at_line(blank_line, _("empty line; remove it")))
            blank_line = None
        if any("\n" in value or "\r" in value for value in row):
            errors.append(at_line(rows.line_num, _("a field spans several lines")))
        elif len(row) != len(names):
            errors.append(
                at_line(
                    rows.line_num,
                    _("expected %(expected)s fields, found %(found)s") % {"expected": len(names), "found": len(row)},
                )
            )
        else:
            lines.append((rows.line_num, {name: value.strip() for name, value in zip(names, row, strict=True)}))
    if errors:
        raise InvitationFileError(errors)
    return names, lines


def read_invitation_rows(edition: Edition, text: str, *, default_role: str = Role.PARTICIPANT) -> list[InvitationRow]:
    """Everyone `text` (an invitation CSV file) invites to `edition`, or ImportFailed listing every bad line as
    'line N: reason' (InvitationFileError when the file's shape is wrong)."""
    _names, lines = _read_lines(text)
    if not lines:
        raise InvitationFileError([_("the file has a header but no one to invite")])
    # Who has registered already, for every address of the file in one query (one per line made a 10,000-line file
    # 10,000 queries); addresses are compared as the unique constraint compares them, without case.
    registered = set(
        Registration.objects.filter(edition=edition)
        .annotate(address=Lower("email"))
        .filter(address__in={row.get("email", "").lower() for _line, row in lines})
        .values_list("address", flat=True)
    )
    rows, errors, seen = [], [], set()
    for line_number, row in lines:
        email = row.get("email", "").lower()
        role = row.get("role") or default_role
        try:
            validate_email(email)
        except ValidationError:
            errors.append(at_line(line_number, _("bad e-mail address %(address)s") % {"address": repr(email)}))
            continue
        too_long = [
            column
            for column in ("given_name", "family_name")
            if len(row.get(column, "")) > Invitation._meta.get_field(column).max_length
        ]
        if too_long:
            errors.append(
                at_line(
                    line_number,
                    _("%(column)s is longer than %(limit)s characters")
                    % {"column": too_long[0], "limit": Invitation._meta.get_field(too_long[0]).max_length},
                )
            )
            continue
        if role not in Role.values:
            errors.append(
                at_line(
                    line_number, _("unknown role %(role)s (expected participant or speaker)") % {"role": repr(role)}
                )
            )
            continue
        if email in seen:
            errors.append(at_line(line_number, _("%(email)s appears twice") % {"email": email}))
            continue
        if email in registered:
            errors.append(at_line(line_number, _("%(email)s has already registered") % {"email": email}))
            continue
        seen.add(email)
        rows.append(InvitationRow(email, role, row.get("given_name", ""), row.get("family_name", "")))
    if errors:
        raise ImportFailed(errors)
    return rows


def invite_from_csv(
    edition: Edition, csv_text: str, *, default_role: str = Role.PARTICIPANT, actor=None
) -> list[Invitation]:
    """Invite everyone in an invitation CSV file (see the module's description).

    All or nothing: any bad row raises ImportFailed with 'line N: reason' for every bad row and invites nobody.
    """
    rows = read_invitation_rows(edition, csv_text, default_role=default_role)
    with transaction.atomic():
        return [
            _invite_locked(edition, row.email, row.role, row.given_name, row.family_name, actor, INVITATION_LIFETIME)
            for row in rows
        ]


def import_invitations(edition: Edition, upload, *, actor=None) -> list[Invitation]:
    """Invite everyone listed in an uploaded CSV file, or nobody: raises ImportFailed (InvitationFileError for the
    file itself) with every problem as 'line N: reason'."""
    return invite_from_csv(edition, read_csv_upload(upload), actor=actor)
