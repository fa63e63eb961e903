"""Certificates of attendance: who may have one (a check-in or an online join), issuing, revoking, verifying."""

import secrets

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.outbox import queue_email
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.programme.models import Contribution
from rendezvous.registration.models import Registration, Role

from .models import AttendanceMode, Certificate, VisaLetterRequest
from .permissions import require_organiser, require_owner


class DocumentError(Exception):
    """A request the rules refuse; the message says why, in plain words."""


def new_reference() -> str:
    """32 random bytes: a reference cannot be guessed, so the verification page confirms only what it was shown."""
    return secrets.token_urlsafe(32)


def attendees(edition):
    """Registrations of the edition that checked in at the venue or joined online at least once."""
    checked_in = CheckIn.objects.filter(registration=OuterRef("pk"))
    joined = OnlineJoin.objects.filter(registration=OuterRef("pk"))
    return (
        Registration.objects.filter(edition=edition)
        .annotate(checked_in=Exists(checked_in), joined=Exists(joined))
        .filter(Q(checked_in=True) | Q(joined=True))
        .select_related("organisation")
        .order_by("family_name", "given_name", "id")
    )


def _mode(registration) -> str:
    if registration.checked_in and registration.joined:
        return AttendanceMode.BOTH
    return AttendanceMode.IN_PERSON if registration.checked_in else AttendanceMode.ONLINE


def contribution_of(registration) -> str:
    """A speaker's contributions to the edition, by title ('' for anyone else)."""
    if registration.role != Role.SPEAKER:
        return ""
    titles = (
        Contribution.objects.filter(session__edition=registration.edition)
        .filter(
            Q(speakers__person__email__iexact=registration.email)
            | Q(speakers__person__user__email__iexact=registration.email)
        )
        .values_list("title", flat=True)
        .distinct()
    )
    return "; ".join(titles)[:500]


def _mail(certificate: Certificate) -> None:
    registration = certificate.registration
    edition = certificate.edition
    link = settings.SITE_URL + reverse("documents:my_certificate", args=[edition.slug])
    queue_email(
        to=registration.email,
        subject=_("Your certificate of attendance: %(edition)s") % {"edition": edition.title},
        body=_(
            "Dear %(name)s,\n\nyour certificate of attendance of %(edition)s is ready. Download it here (sign in with "
            "this address):\n%(link)s\n\nIts reference is %(reference)s; anyone can check it at the address printed "
            "on the certificate.\n"
        )
        % {"name": registration.full_name, "edition": edition.title, "link": link, "reference": certificate.reference},
        kind="certificate_issued",
        edition=edition,
    )


def _issue(registration, actor) -> Certificate | None:
    if Certificate.objects.filter(registration=registration).exists():
        return None
    certificate = Certificate.objects.create(
        edition=registration.edition,
        registration=registration,
        reference=new_reference(),
        holder_name=registration.full_name,
        mode=_mode(registration),
        contribution=contribution_of(registration),
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record("certificate.issued", certificate, actor=actor, edition=registration.edition)
    _mail(certificate)
    return certificate


@transaction.atomic
def issue_all(edition, *, actor) -> list[Certificate]:
    """A certificate for every attendee who has none yet; each gets an e-mail. Returns the new certificates."""
    require_organiser(actor, edition)
    return [c for c in (_issue(r, actor) for r in attendees(edition)) if c is not None]


@transaction.atomic
def issue_one(edition, registration_id: int, *, actor) -> Certificate:
    require_organiser(actor, edition)
    registration = attendees(edition).filter(pk=registration_id).first()
    if registration is None:
        raise DocumentError(_("This person did not check in or join online: there is no attendance to certify."))
    try:
        certificate = _issue(registration, actor)
    except IntegrityError:
        certificate = None
    if certificate is None:
        raise DocumentError(_("This person already has a certificate."))
    return certificate


@transaction.atomic
def revoke(edition, certificate_id: int, *, actor, reason: str = "") -> Certificate:
    require_organiser(actor, edition)
    certificate = Certificate.objects.filter(edition=edition, pk=certificate_id).first()
    if certificate is None:
        raise DocumentError(_("There is no such certificate."))
    if certificate.revoked_at is None:
        certificate.revoked_at = timezone.now()
        certificate.revocation_reason = reason[:300]
        certificate.save(update_fields=["revoked_at", "revocation_reason"])
        audit.record("certificate.revoked", certificate, actor=actor, edition=edition, summary=reason[:300])
    return certificate


def certificate_of(registration, *, actor) -> Certificate | None:
    """The person's own certificate, never another's."""
    require_owner(actor, registration)
    return Certificate.objects.filter(registration=registration).first()


def verify(reference: str):
    """What the public verification page may show for a reference: None when unknown (never a near match).

    Returns (kind, name, edition, valid)."""
    if not reference or len(reference) > 64:
        return None
    certificate = Certificate.objects.select_related("edition").filter(reference=reference).first()
    if certificate is not None:
        return _("Certificate of attendance"), certificate.holder_name, certificate.edition, certificate.is_valid
    letter = VisaLetterRequest.objects.select_related("edition", "registration").filter(reference=reference).first()
    if letter is not None:
        return _("Visa invitation letter"), letter.registration.full_name, letter.edition, letter.is_valid
    return None
