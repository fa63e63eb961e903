"""Visa invitation letters: the request (passport details sealed at once), the officers' review, the letter's data.

Passport details are opened only for the requester's own letter and for visa letter officers; each opening by an
officer is written to the audit trail (`passport.viewed`) with who and when, never the details themselves.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.outbox import queue_email
from rendezvous.events.models import EditionStaff, StaffRole
from rendezvous.registration.models import Attendance

from . import crypto
from .certificates import DocumentError, new_reference
from .models import VisaLetterOfficer, VisaLetterRequest, VisaLetterStatus
from .permissions import require_organiser, require_owner, require_review_visa_letters

PASSPORT_FIELDS = ("passport_name", "nationality", "date_of_birth", "passport_number", "passport_expiry", "consulate")


@dataclass(frozen=True)
class PassportDetails:
    passport_name: str
    nationality: str
    date_of_birth: datetime.date
    passport_number: str
    passport_expiry: datetime.date
    consulate: str

    def as_sealable(self) -> dict:
        return {
            name: value.isoformat() if isinstance(value, datetime.date) else value
            for name, value in self.__dict__.items()
        }

    @classmethod
    def from_sealed(cls, data: dict) -> "PassportDetails":
        return cls(
            passport_name=data["passport_name"],
            nationality=data["nationality"],
            date_of_birth=datetime.date.fromisoformat(data["date_of_birth"]),
            passport_number=data["passport_number"],
            passport_expiry=datetime.date.fromisoformat(data["passport_expiry"]),
            consulate=data["consulate"],
        )


def may_request(registration) -> bool:
    return registration.is_approved and registration.attendance == Attendance.IN_PERSON


@transaction.atomic
def request_letter(
    registration, details: PassportDetails, *, needed_from: datetime.date, needed_until: datetime.date, actor
) -> VisaLetterRequest:
    """The participant's own request; a declined request may be sent again with corrected details."""
    require_owner(actor, registration)
    if not may_request(registration):
        raise DocumentError(_("Only approved participants attending in person can request a visa invitation letter."))
    if needed_until < needed_from:
        raise DocumentError(_("The last day needed is before the first."))
    if details.passport_expiry < registration.edition.end_date:
        raise DocumentError(_("The passport expires before the end of the event."))
    existing = VisaLetterRequest.objects.select_for_update().filter(registration=registration).first()
    if existing is not None and existing.status != VisaLetterStatus.DECLINED:
        raise DocumentError(_("You have already requested a visa invitation letter."))
    letter = existing or VisaLetterRequest(edition=registration.edition, registration=registration)
    letter.sealed_passport = crypto.seal(details.as_sealable())
    letter.needed_from, letter.needed_until = needed_from, needed_until
    letter.status = VisaLetterStatus.REQUESTED
    letter.requested_at = timezone.now()
    letter.decided_at = letter.decided_by = None
    letter.decline_reason = ""
    letter.save()
    audit.record("visa_letter.requested", letter, actor=actor, edition=registration.edition)
    return letter


def queue(edition, *, actor):
    require_review_visa_letters(actor, edition)
    return (
        VisaLetterRequest.objects.filter(edition=edition)
        .select_related("registration")
        .order_by("status", "requested_at")
    )


def passport_details(letter: VisaLetterRequest, *, actor) -> PassportDetails | None:
    """The passport details for the requester or an officer (audited); None once erased."""
    is_owner = False
    try:
        require_owner(actor, letter.registration)
        is_owner = True
    except PermissionDenied:
        require_review_visa_letters(actor, letter.edition)
    if not letter.sealed_passport:
        return None
    details = PassportDetails.from_sealed(crypto.unseal(letter.sealed_passport))
    audit.record(
        "passport.viewed", letter, actor=actor, edition=letter.edition, by_requester=is_owner, request=letter.pk
    )
    return details


@transaction.atomic
def approve(edition, letter_id: int, *, actor) -> VisaLetterRequest:
    require_review_visa_letters(actor, edition)
    letter = VisaLetterRequest.objects.select_for_update().filter(edition=edition, pk=letter_id).first()
    if letter is None:
        raise DocumentError(_("There is no such request."))
    if letter.status != VisaLetterStatus.REQUESTED:
        raise DocumentError(_("This request has already been decided."))
    letter.status = VisaLetterStatus.APPROVED
    letter.reference = new_reference()
    letter.decided_at, letter.decided_by = timezone.now(), actor
    letter.save()
    audit.record("visa_letter.approved", letter, actor=actor, edition=edition)
    queue_email(
        to=letter.registration.email,
        subject=_("Your visa invitation letter: %(edition)s") % {"edition": edition.title},
        body=_("Dear %(name)s,\n\nyour visa invitation letter is ready: download it from your registration page.\n")
        % {"name": letter.registration.full_name},
        kind="visa_letter_approved",
        edition=edition,
    )
    return letter


@transaction.atomic
def decline(edition, letter_id: int, *, actor, reason: str) -> VisaLetterRequest:
    require_review_visa_letters(actor, edition)
    reason = (reason or "").strip()
    if not reason:
        raise DocumentError(_("Say why the request is declined: the participant reads it."))
    letter = VisaLetterRequest.objects.select_for_update().filter(edition=edition, pk=letter_id).first()
    if letter is None:
        raise DocumentError(_("There is no such request."))
    if letter.status != VisaLetterStatus.REQUESTED:
        raise DocumentError(_("This request has already been decided."))
    letter.status = VisaLetterStatus.DECLINED
    letter.decline_reason = reason
    letter.decided_at, letter.decided_by = timezone.now(), actor
    letter.save()
    audit.record("visa_letter.declined", letter, actor=actor, edition=edition)
    queue_email(
        to=letter.registration.email,
        subject=_("Your visa invitation letter request: %(edition)s") % {"edition": edition.title},
        body=_("Dear %(name)s,\n\nyour request for a visa invitation letter was declined:\n%(reason)s\n")
        % {"name": letter.registration.full_name, "reason": reason},
        kind="visa_letter_declined",
        edition=edition,
    )
    return letter


def erase_passport(letter: VisaLetterRequest) -> None:
    """Forget the passport details, keeping that the request (and any letter) existed."""
    letter.sealed_passport = ""
    letter.passport_erased_at = timezone.now()
    letter.save(update_fields=["sealed_passport", "passport_erased_at"])


def rotate_keys() -> int:
    """Re-seal every stored passport with the newest key; returns how many rows were re-sealed."""
    count = 0
    for letter in VisaLetterRequest.objects.exclude(sealed_passport="").only("pk", "sealed_passport").iterator():
        VisaLetterRequest.objects.filter(pk=letter.pk).update(sealed_passport=crypto.reseal(letter.sealed_passport))
        count += 1
    return count


# --- Who handles visa letters -----------------------------------------------------------------------------------------


def officer_ids(edition) -> set[int]:
    """The users who handle the edition's visa letters (for the organisers' staff page)."""
    return set(VisaLetterOfficer.objects.filter(edition=edition).values_list("user_id", flat=True))


@transaction.atomic
def grant_officer(edition, user_id: int, *, actor) -> VisaLetterOfficer:
    """Let one of the edition's organisers handle its visa letters (read passport details, decide requests). Only the
    edition's organisers grant it, and only to an organiser of the same edition: passport details stay within the
    people already running it."""
    require_organiser(actor, edition)
    staff = EditionStaff.objects.filter(edition=edition, user_id=user_id, role=StaffRole.ORGANISER).first()
    if staff is None:
        raise DocumentError(_("Only an organiser of this edition can handle its visa letters: add them as one first."))
    officer, created = VisaLetterOfficer.objects.get_or_create(edition=edition, user_id=user_id)
    if created:
        audit.record(
            "visa_officer.granted", officer, actor=actor, edition=edition, summary=staff.user.email, user=user_id
        )
    return officer


@transaction.atomic
def revoke_officer(edition, user_id: int, *, actor) -> None:
    require_organiser(actor, edition)
    officer = VisaLetterOfficer.objects.filter(edition=edition, user_id=user_id).select_related("user").first()
    if officer is None:
        raise DocumentError(_("This person does not handle visa letters."))
    audit.record(
        "visa_officer.revoked", officer, actor=actor, edition=edition, summary=officer.user.email, user=user_id
    )
    officer.delete()
