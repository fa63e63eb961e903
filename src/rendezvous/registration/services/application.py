"""An application before it is stored, and the steps both ways of submitting it share (`single`, `burst`): checking
it, naming its organisation, finding a repeat, saving its letter, building its row and its audit entry."""

import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils import translation
from django.utils.translation import gettext

from rendezvous.core import audit, uploads
from rendezvous.core.compiled import CompiledQuery
from rendezvous.core.countries import is_valid_iso2
from rendezvous.core.models import AuditEntry, Gender, Organisation, OrganisationType
from rendezvous.core.organisations import find_known
from rendezvous.core.validators import validate_email
from rendezvous.events.models import Edition

from ..models import Attendance, Invitation, Registration, Role, Status
from .errors import InvalidDocument, RegistrationError

MAX_NOMINATION_BYTES = 5 * 1024 * 1024


@dataclass
class ApplicationData:
    """What the form (or the API) collected. Validation of single fields is the form's job; rules are ours."""

    given_name: str
    family_name: str
    email: str
    gender: str
    country: str
    organisation_name: str
    organisation_type: str
    position: str
    head_of_agency: bool
    attendance: str
    consent: bool
    nomination_letter: object | None = None
    form_token: uuid.UUID | None = None
    extra: dict = field(default_factory=dict)


@dataclass(frozen=True)
class SubmissionResult:
    registration: Registration
    created: bool


def check_nomination_letter(upload) -> None:
    """A nomination letter must really be a PDF (parsed, not judged by its name) and at most 5 MB."""
    if upload is None:
        return
    if upload.size > MAX_NOMINATION_BYTES:
        raise InvalidDocument(
            gettext("The nomination letter is %(value)s MB; the limit is %(value2)s MB.")
            % {"value": format(upload.size / 1_048_576, ".1f"), "value2": MAX_NOMINATION_BYTES // 1_048_576}
        )
    try:
        uploads.check(upload, (uploads.PDF,))
    except uploads.UploadRefused as error:
        raise InvalidDocument(
            gettext("The nomination letter must be a PDF file. %(error)s") % {"error": error}
        ) from None


def check_application(data: ApplicationData) -> None:
    """Normalise the address and the country code, then refuse what no route may store."""
    data.email = data.email.strip().lower()
    data.country = (data.country or "").strip().upper()
    if not data.consent:
        raise RegistrationError(
            gettext("Please accept the privacy notice: we cannot keep your application without it.")
        )
    if not is_valid_iso2(data.country):
        raise RegistrationError(gettext("Unknown country code: %(country)s.") % {"country": repr(data.country)})
    if data.attendance not in Attendance.values:
        raise RegistrationError(
            gettext("Unknown attendance mode: %(attendance)s.") % {"attendance": repr(data.attendance)}
        )
    if data.gender not in Gender.values:
        raise RegistrationError(gettext("Unknown gender value: %(gender)s.") % {"gender": repr(data.gender)})
    if data.organisation_type not in OrganisationType.values:
        raise RegistrationError(
            gettext("Unknown organisation type: %(organisation_type)s.")
            % {"organisation_type": repr(data.organisation_type)}
        )
    try:
        validate_email(data.email)
    except ValidationError:
        raise RegistrationError(
            gettext("Not a valid e-mail address: %(email)s.") % {"email": repr(data.email)}
        ) from None
    check_nomination_letter(data.nomination_letter)


def clean_name(name: str) -> str:
    return " ".join(name.split())


def organisation_key(name: str) -> str:
    """How two spellings of one organisation's name compare: spaces collapsed, any case."""
    return clean_name(name).lower()


def find_organisation(name: str) -> Organisation | None:
    """The known organisation `name` means, by name or acronym, any case or accents (one record per organisation)."""
    return find_known(clean_name(name))


def organisation_named(
    name: str, organisation_type: str, country: str = "", *, known: Organisation | None = None
) -> Organisation | None:
    """The organisation called `name` (any case), created if new; `known` is one already looked up by that name."""
    name = clean_name(name)
    if not name:
        return None
    organisation = known or find_organisation(name)
    if organisation is None:
        organisation, _ = Organisation.objects.get_or_create(
            name=name, defaults={"type": organisation_type, "country": country}
        )
    return organisation


def _same_application(edition_id: int, emails: list[str], tokens: list[uuid.UUID]):
    # lower(email) is what the unique constraint indexes; a plain email = ... would scan the edition's rows.
    same = Q(edition_id=edition_id, email_lower__in=emails)
    if tokens:
        same |= Q(form_token__in=tokens)
    keys = Registration.objects.alias(email_lower=Lower("email")).filter(same).order_by()
    return keys.values_list("pk", "form_token", "email", "edition_id")


# Run by every group a burst commits (see core.compiled).
_same_applications = CompiledQuery(_same_application, int, [str], [uuid.UUID])


def existing_many(edition: Edition, applications: list[ApplicationData]) -> dict[int, Registration]:
    """The applications these submits repeat (same form token, or same person for this edition), by index in
    `applications`. One narrow query finds the repeats (rare); only those are then loaded whole.
    """
    if not applications:
        return {}
    emails = list(dict.fromkeys(data.email for data in applications))
    tokens = list(dict.fromkeys(_as_uuid(data.form_token) for data in applications if data.form_token))
    keys = _same_applications.rows(edition.pk, emails, tokens)
    if not keys:
        return {}
    by_token = {token: pk for pk, token, _email, _edition in keys if token}
    by_email = {email.lower(): pk for pk, _token, email, edition_id in keys if edition_id == edition.pk}
    rows = Registration.objects.in_bulk([pk for pk, *_rest in keys])
    found = {}
    for index, data in enumerate(applications):
        pk = by_token.get(data.form_token) or by_email.get(data.email)
        if pk is not None:
            found[index] = rows[pk]
    return found


def _as_uuid(token) -> uuid.UUID:
    return token if isinstance(token, uuid.UUID) else uuid.UUID(str(token))


@contextmanager
def letters_saved_once(applications: list[ApplicationData]) -> Iterator[None]:
    """Save uploaded nomination letters before the transaction that stores their applications.

    A file field writes its file when the row is inserted, so an attempt that is rolled back or decided again would
    leave a copy of a person's document that no application points to. Saved first, every attempt stores only the
    name; afterwards any letter that no application holds is deleted.
    """
    letter_field = Registration._meta.get_field("nomination_letter")
    saved = []
    for data in applications:
        upload = data.nomination_letter
        if upload is not None and not isinstance(upload, str):
            name = uploads.generated_name("registration/nominations", "pdf")
            data.nomination_letter = letter_field.storage.save(name, upload, max_length=letter_field.max_length)
            saved.append(data.nomination_letter)
    try:
        yield
    finally:
        if saved:
            held = set(
                Registration.objects.filter(nomination_letter__in=saved).values_list("nomination_letter", flat=True)
            )
            for name in saved:
                if name not in held:
                    letter_field.storage.delete(name)


def new_registration(
    edition: Edition,
    data: ApplicationData,
    status: str,
    organisation: Organisation | None,
    invitation: Invitation | None,
    now: datetime,
) -> Registration:
    """The unsaved row of a new application that starts in `status`."""
    registration = Registration(
        edition=edition,
        given_name=data.given_name.strip(),
        family_name=data.family_name.strip(),
        email=data.email,
        gender=data.gender,
        country=data.country,
        organisation=organisation,
        organisation_type=data.organisation_type,
        position=data.position.strip(),
        head_of_agency=data.head_of_agency,
        role=invitation.role if invitation else Role.PARTICIPANT,
        attendance=data.attendance,
        status=status,
        invitation=invitation,
        form_token=data.form_token,
        language=translation.get_language() or "",
        consent_at=now,
        queued_at=now if status == Status.WAITLISTED else None,
        decided_at=now if status == Status.APPROVED else None,
    )
    if data.nomination_letter is not None:
        registration.nomination_letter = data.nomination_letter
    return registration


def submission_audit(registration: Registration, actor) -> AuditEntry:
    """The unsaved audit entry of a new application."""
    mode = Attendance(registration.attendance).label.lower()
    return audit.entry(
        "registration.submitted",
        registration,
        actor=actor,
        edition=registration.edition,
        summary=f"{registration.full_name} applied ({mode}): {registration.status}",
        status=registration.status,
        attendance=registration.attendance,
        invitation=registration.invitation_id,
    )


def gives_way(existing: Registration, data: ApplicationData, actor) -> bool:
    """A person who cancelled may apply again: their cancelled application (found as a repeat) gives way to the new
    one and is removed, its history staying in the audit trail. True when it gave way; a resubmit of the very form
    that was cancelled (same token) does not."""
    if existing.status != Status.CANCELLED or (data.form_token and existing.form_token == data.form_token):
        return False
    with transaction.atomic():
        audit.record(
            "registration.reapplied",
            existing,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            edition=existing.edition,
            summary=f"{existing.full_name} applied again after cancelling; the cancelled application is removed.",
            email=existing.email,
        )
        Registration.objects.filter(pk=existing.pk, status=Status.CANCELLED).delete()
    return True
