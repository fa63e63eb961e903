"""Erasure: a person's data anonymised or removed so that every figure of every edition stays exactly the same.

A registration keeps what the statistics count (country, gender, organisation and its type, head of agency, role,
attendance mode, status, check-ins and joins) and loses what names the person (names, address, position, the
nomination letter, the reasons written about them). The account is kept as an empty, inactive row so that records
pointing at it (audit trail, decisions) stay valid; every row that belongs only to the person (hub follows, board
posts, hub profile, security keys, staff roles...) goes with it, found through the user model's relations rather
than named, so a new app's per-person rows are covered too.
"""

from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.models import OutboxMessage, Person, SignInAttempt, SignInToken
from rendezvous.registration.models import Registration, Role

from .models import Certificate, ErasureRecord, ErasureRequest, VisaLetterRequest
from .permissions import require_organiser

ERASED_DOMAIN = "erased.invalid"


def is_erased(registration) -> bool:
    return registration.email.endswith("@" + ERASED_DOMAIN)


def _keep_speaker_match(registration: Registration, erased_email: str) -> None:
    """The report counts a speaker once when a programme speaker without an address has the registration's name;
    the erased registration's opaque address goes to that programme record, so they still match and the published
    figures stay exactly the same."""
    if registration.role != Role.SPEAKER:
        return
    name = " ".join(f"{registration.given_name} {registration.family_name}".split()).casefold()
    speakers = Person.objects.filter(
        email="", contributions__contribution__session__edition_id=registration.edition_id
    ).distinct()
    for person in speakers:
        if " ".join(f"{person.given_name} {person.family_name}".split()).casefold() == name:
            Person.objects.filter(pk=person.pk).update(email=erased_email)


def anonymise_registration(registration: Registration, counts: dict) -> None:
    if registration.nomination_letter:
        registration.nomination_letter.delete(save=False)
        counts["files"] = counts.get("files", 0) + 1
    counts["certificates"] = (
        counts.get("certificates", 0) + Certificate.objects.filter(registration=registration).delete()[0]
    )
    counts["visa_letter_requests"] = (
        counts.get("visa_letter_requests", 0) + VisaLetterRequest.objects.filter(registration=registration).delete()[0]
    )
    if registration.invitation_id:
        invitation = registration.invitation
        invitation.email = f"erased-invitation-{invitation.pk}@{ERASED_DOMAIN}"
        invitation.given_name = invitation.family_name = ""
        invitation.save(update_fields=["email", "given_name", "family_name"])
    erased_email = f"erased-{registration.pk}@{ERASED_DOMAIN}"
    _keep_speaker_match(registration, erased_email)
    registration.given_name = _("Erased")
    registration.family_name = ""
    registration.email = erased_email
    registration.position = ""
    registration.nomination_letter = ""
    registration.decision_reason = ""
    registration.form_token = None
    registration.save(
        update_fields=[
            "given_name", "family_name", "email", "position", "nomination_letter", "decision_reason", "form_token",
            "updated_at",
        ]
    )  # fmt: skip
    counts["registrations"] = counts.get("registrations", 0) + 1


def _end_sessions(user) -> int:
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get("_auth_user_id") == str(user.pk):
            session.delete()
            ended += 1
    return ended


def _remove_own_rows(user, counts: dict) -> None:
    """Delete every row that exists only for this person: the relations to the user that cascade on delete."""
    for relation in get_user_model()._meta.related_objects:
        if relation.many_to_many or relation.on_delete is not models.CASCADE:
            continue
        deleted, _by_model = relation.related_model._base_manager.filter(**{relation.field.name: user}).delete()
        if deleted:
            counts[relation.related_model._meta.label_lower] = deleted
    user.groups.clear()
    user.user_permissions.clear()


@transaction.atomic
def erase_person(user, *, reason: str, edition=None) -> ErasureRecord:
    """Erase everything about `user` everywhere. Callers check who may ask (`erase_for_organiser`, platform staff)."""
    email = (user.email or "").strip().lower()
    counts: dict = {}
    erased_addresses = []
    for registration in Registration.objects.filter(email=email).select_related("invitation"):
        anonymise_registration(registration, counts)
        erased_addresses.append(registration.email)
    people = Person.objects.filter(Q(user=user) | Q(email__iexact=email)) if email else Person.objects.filter(user=user)
    counts["people"] = 0
    for person in people:
        # The report counts a speaker once across the programme and the registrations by matching addresses: the
        # erased person keeps an opaque address of their own (their registration's, when they have one), so the
        # published figures stay exactly the same.
        person.given_name, person.family_name, person.title = _("Erased person"), "", ""
        person.email = erased_addresses[0] if erased_addresses else f"erased-person-{person.pk}@{ERASED_DOMAIN}"
        person.position = person.biography = ""
        person.user = None
        person.save(update_fields=["given_name", "family_name", "title", "email", "position", "biography", "user"])
        counts["people"] += 1
    counts["sign_in_links"] = SignInToken.objects.filter(Q(user=user) | Q(email__iexact=email)).delete()[0]
    SignInAttempt.objects.filter(email__iexact=email).delete()
    counts["e-mails"] = OutboxMessage.objects.filter(to__iexact=email).delete()[0]
    counts["sessions"] = _end_sessions(user)
    ErasureRequest.objects.filter(user=user, completed_at__isnull=True).update(completed_at=timezone.now(), user=None)
    _remove_own_rows(user, counts)
    user.email = user.username = f"erased-{user.pk}@{ERASED_DOMAIN}"
    user.first_name = user.last_name = ""
    user.is_active = user.is_staff = user.is_superuser = False
    user.set_unusable_password()
    user.save()
    record = ErasureRecord.objects.create(reason=reason, edition=edition, counts=counts)
    audit.record("person.erased", record, summary=f"Erasure {record.pk}")
    return record


@transaction.atomic
def request_erasure(user, *, actor) -> ErasureRequest:
    """The person asks to be erased; organisers of their editions see the request and carry it out."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themself may ask for their erasure."))
    existing = ErasureRequest.objects.filter(user=user, completed_at__isnull=True).first()
    return existing or ErasureRequest.objects.create(user=user)


def pending_requests(edition, *, actor):
    """Pending erasure requests of people registered for the edition."""
    require_organiser(actor, edition)
    emails = Registration.objects.filter(edition=edition).values("email")
    return ErasureRequest.objects.filter(completed_at__isnull=True, user__email__in=emails).select_related("user")


@transaction.atomic
def erase_for_organiser(edition, registration_id: int, *, actor) -> ErasureRecord:
    """An organiser erases a person of their edition: their registration here, and everything else about them if
    they asked for erasure themself."""
    require_organiser(actor, edition)
    registration = Registration.objects.filter(edition=edition, pk=registration_id).first()
    if registration is None or is_erased(registration):
        raise PermissionDenied(_("There is no such person to erase in this edition."))
    user = get_user_model().objects.filter(email__iexact=registration.email).first()
    if user is not None and ErasureRequest.objects.filter(user=user, completed_at__isnull=True).exists():
        return erase_person(user, reason=ErasureRecord.Reason.REQUEST, edition=edition)
    counts: dict = {}
    anonymise_registration(registration, counts)
    return ErasureRecord.objects.create(reason=ErasureRecord.Reason.ORGANISER, edition=edition, counts=counts)
