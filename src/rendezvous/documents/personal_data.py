"""Everything the system holds about a person, as JSON with their uploaded files, in one ZIP.

`SOURCES` names, for every model that holds personal data, the fields that tie a row to the person; `EXCLUDED`
names the models deliberately left out, with the reason. tests/documents/test_personal_data.py walks every installed
model with a relation to the user model, to a registration or a person, or an e-mail field, and fails when one is in
neither: a new model with personal data cannot be forgotten silently. Secrets (`SECRET_FIELDS`) are never exported:
they are keys, not data about the person, and passport details stay sealed (they are the consulate's business and
are erased after the edition anyway).
"""

import datetime
import io
import json
import zipfile
from pathlib import PurePosixPath

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from rendezvous.core import audit
from rendezvous.core.models import Person
from rendezvous.registration.models import Registration

# label -> "field:kind", kind being what the field holds: the user, their address, one of their registrations or
# their person record (speaker, chair).
SOURCES: dict[str, tuple[str, ...]] = {
    "core.user": ("pk:user",),
    "core.person": ("user:user", "email:email"),
    "core.auditentry": ("actor:user",),
    "core.outboxmessage": ("to:email",),
    "core.signintoken": ("user:user", "email:email"),
    "core.signinattempt": ("email:email",),
    "core.securitykey": ("user:user",),
    "otp_totp.totpdevice": ("user:user",),
    "events.editionstaff": ("user:user",),
    "programme.sessionchair": ("person:person",),
    "programme.contributionspeaker": ("person:person",),
    "programme.material": ("uploaded_by:user",),
    "registration.invitation": ("email:email", "invited_by:user"),
    "registration.registration": ("email:email",),
    "participation.participantpass": ("registration:registration",),
    "participation.checkin": ("registration:registration", "checked_in_by:user"),
    "participation.onlinejoin": ("registration:registration",),
    "outcomes.amendment": ("proposer:user", "decided_by:user"),
    "outcomes.documentversion": ("created_by:user",),
    "partnerships.application": ("submitted_by:user",),
    "partnerships.organisationmember": ("user:user",),
    "partnerships.callteammember": ("user:user",),
    "partnerships.review": ("reviewer:user",),
    "partnerships.selection": ("decided_by:user",),
    "partnerships.follow": ("user:user",),
    "partnerships.hubprofile": ("user:user",),
    "partnerships.boardpost": ("author:user",),
    "partnerships.relaymessage": ("sender:user", "recipient:user"),
    "documents.visaletterofficer": ("user:user",),
    "documents.certificate": ("registration:registration", "issued_by:user"),
    "documents.visaletterrequest": ("registration:registration", "decided_by:user"),
    "documents.erasurerequest": ("user:user",),
    "events.seriessecretariat": ("user:user",),
    "registration.emailtext": ("updated_by:user",),
    "partnerships.representationrequest": ("user:user", "decided_by:user"),
    "partnerships.postreport": ("reporter:user",),
    "webhooks.endpoint": ("created_by:user",),
    "api.apitoken": ("user:user",),
    "api.idempotentresponse": ("user:user",),
}

EXCLUDED: dict[str, str] = {
    "admin.logentry": "Platform staff's own work log in the admin; its object descriptions name other people.",
    "events.edition": "Its contact address is the secretariat's published address, not a person's own data.",
}

SECRET_FIELDS = frozenset(
    {
        "password",
        "token_hash",
        "key",
        "public_key",
        "credential_id",
        "sealed_passport",
        "feed_token",
        "join_code",
        "secret",
    }
)


class FreshSignInRequired(PermissionDenied):
    """The export needs a sign-in of the last few minutes: a left-open session must not hand over everything."""


def require_fresh_sign_in(user, *, now: datetime.datetime | None = None) -> None:
    now = now or timezone.now()
    limit = datetime.timedelta(minutes=settings.PERSONAL_DATA_FRESH_SIGN_IN_MINUTES)
    if not getattr(user, "is_authenticated", False) or user.last_login is None or now - user.last_login > limit:
        raise FreshSignInRequired(
            _("For your safety, downloading your data needs a recent sign-in: ask for a new sign-in link first.")
        )


def _filter(model, lookups, *, user, email, registrations, people) -> Q:
    condition = Q(pk__in=[])
    for lookup in lookups:
        field, kind = lookup.split(":")
        if kind == "user":
            condition |= Q(**{field: user.pk})
        elif kind == "email" and email:
            condition |= Q(**{f"{field}__iexact": email})
        elif kind == "registration":
            condition |= Q(**{f"{field}__in": registrations})
        elif kind == "person":
            condition |= Q(**{f"{field}__in": people})
    return condition


def _value(field, row):
    value = field.value_from_object(row)
    if isinstance(field, models.FileField):
        return value.name or ""
    if isinstance(value, (datetime.date, datetime.datetime, datetime.time)):
        return value.isoformat()
    if isinstance(value, (bytes, memoryview)):
        return None
    if isinstance(value, (str, int, float, bool, dict, list)) or value is None:
        return value
    return str(value)


def rows_of(user) -> dict[str, list]:
    """The person's rows, by model label: (row, serialised fields) pairs."""
    email = (user.email or "").strip().lower()
    registrations = list(Registration.objects.filter(email=email).values_list("pk", flat=True)) if email else []
    same_address = Q(email__iexact=email) if email else Q(pk__in=[])
    people = list(Person.objects.filter(Q(user=user) | same_address).values_list("pk", flat=True))
    found = {}
    for label, lookups in SOURCES.items():
        try:
            model = apps.get_model(label)
        except LookupError:
            continue
        queryset = model._base_manager.filter(
            _filter(model, lookups, user=user, email=email, registrations=registrations, people=people)
        ).order_by("pk")
        found[label] = list(queryset)
    return found


def serialise(row) -> dict:
    return {
        field.attname if field.is_relation else field.name: _value(field, row)
        for field in row._meta.concrete_fields
        if field.name not in SECRET_FIELDS and not isinstance(field, models.BinaryField)
    }


def _document(found: dict[str, list]) -> dict:
    return {
        "exported_at": timezone.now().isoformat(),
        "records": {label: [serialise(row) for row in rows] for label, rows in found.items()},
    }


def as_json(user, *, actor) -> dict:
    """The same data as the ZIP's data.json (the API's answer; files are in the ZIP only)."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themself may download their data."))
    require_fresh_sign_in(actor)
    audit.record("personal_data.exported", user, actor=actor)
    return _document(rows_of(user))


def export(user, *, actor) -> bytes:
    """The ZIP of the person's own data: data.json, and files/ with every file they uploaded or that is about them."""
    if actor is None or actor.pk != user.pk:
        raise PermissionDenied(_("Only the person themself may download their data."))
    require_fresh_sign_in(actor)
    found = rows_of(user)
    data = _document(found)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for label, rows in found.items():
            for row in rows:
                for field in row._meta.concrete_fields:
                    if isinstance(field, models.FileField):
                        stored = getattr(row, field.name)
                        if stored and stored.name and stored.storage.exists(stored.name):
                            with stored.open("rb") as handle:
                                name = PurePosixPath(stored.name).name
                                archive.writestr(f"files/{label}/{row.pk}/{name}", handle.read())
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True))
    audit.record("personal_data.exported", user, actor=actor)
    return buffer.getvalue()
