"""A person's own data: the export is complete (checked by walking the models), needs a fresh sign-in, and carries
files; the API gives the same to the person themself only."""

import datetime
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.db import models
from django.urls import reverse
from django.utils import timezone

from rendezvous.documents import personal_data, visa
from rendezvous.documents.models import ErasureRequest
from rendezvous.participation.models import CheckIn
from tests.factories import EditionFactory, RegistrationFactory, make_user

PERSONAL_RELATIONS = {"core.user", "core.person", "registration.registration"}


def _holds_personal_data(model) -> bool:
    for field in model._meta.concrete_fields:
        if isinstance(field, models.EmailField):
            return True
        if field.is_relation and field.related_model._meta.label_lower in PERSONAL_RELATIONS:
            return True
    return False


def test_every_model_with_personal_data_is_exported_or_excluded_with_a_reason():
    assert get_user_model()._meta.label_lower in PERSONAL_RELATIONS
    walked = {model._meta.label_lower for model in apps.get_models() if _holds_personal_data(model)}
    missing = walked - set(personal_data.SOURCES) - set(personal_data.EXCLUDED)
    assert not missing, f"Add these models to documents.personal_data.SOURCES or EXCLUDED (with a reason): {missing}"
    assert all(reason.strip() for reason in personal_data.EXCLUDED.values())
    # Every named lookup field exists, so a renamed field cannot silently drop rows from the export.
    for label, lookups in personal_data.SOURCES.items():
        model = apps.get_model(label)
        for lookup in lookups:
            field = lookup.split(":")[0]
            assert field == "pk" or model._meta.get_field(field), (label, field)
    assert len(walked) > 20  # the walk sees the project's models, not nothing


@pytest.mark.django_db
def test_export_holds_the_persons_rows_and_files_and_no_secrets(client):
    edition = EditionFactory()
    registration = RegistrationFactory(edition=edition, email="amina@example.org", given_name="Amina")
    registration.nomination_letter.save("nomination.pdf", ContentFile(b"%PDF-1.4 nomination"), save=True)
    CheckIn.objects.create(registration=registration, day=edition.start_date)
    other = RegistrationFactory(edition=edition, email="other@example.org", given_name="Other")
    user = make_user("amina@example.org")
    visa.request_letter(
        registration,
        visa.PassportDetails("AMINA X", "French", datetime.date(1990, 1, 1), "P999", datetime.date(2035, 1, 1), "C"),
        needed_from=edition.start_date, needed_until=edition.end_date, actor=user,
    )  # fmt: skip
    client.force_login(user)
    response = client.get(reverse("documents:my_data_download"))
    assert response.status_code == 200 and response["Content-Type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    data = json.loads(archive.read("data.json"))
    records = data["records"]
    assert [row["email"] for row in records["registration.registration"]] == ["amina@example.org"]
    assert len(records["participation.checkin"]) == 1
    assert len(records["documents.visaletterrequest"]) == 1
    assert "sealed_passport" not in records["documents.visaletterrequest"][0]
    assert "password" not in records["core.user"][0]
    raw = archive.read("data.json").decode()
    assert "P999" not in raw and other.email not in raw
    files = [name for name in archive.namelist() if name.startswith("files/")]
    assert len(files) == 1 and archive.read(files[0]) == b"%PDF-1.4 nomination"


@pytest.mark.django_db
def test_export_needs_a_fresh_sign_in(client, settings):
    user = make_user("late@example.org")
    client.force_login(user)
    get_user_model().objects.filter(pk=user.pk).update(last_login=timezone.now() - datetime.timedelta(hours=2))
    response = client.get(reverse("documents:my_data_download"))
    assert response.status_code == 302 and response["Location"].startswith(reverse("core:sign_in"))
    assert client.get("/api/me/data").status_code == 403


@pytest.mark.django_db
def test_api_export_and_erasure_request_for_the_person_themself(client):
    user = make_user("api@example.org")
    RegistrationFactory(email="api@example.org")
    assert client.get("/api/me/data").status_code == 401
    client.force_login(user)
    body = client.get("/api/me/data").json()
    assert body["records"]["core.user"][0]["email"] == "api@example.org"
    response = client.post("/api/me/erasure")
    assert response.status_code == 201 and response.json()["pending"] is True
    assert ErasureRequest.objects.filter(user=user, completed_at__isnull=True).count() == 1
    client.post("/api/me/erasure")
    assert ErasureRequest.objects.filter(user=user).count() == 1


@pytest.mark.django_db
def test_account_page_asks_for_erasure(client):
    user = make_user("page@example.org")
    client.force_login(user)
    assert client.get(reverse("documents:my_data")).status_code == 200
    client.post(reverse("documents:my_data"), {"action": "erase"})
    assert not ErasureRequest.objects.exists()  # not without saying they are sure
    client.post(reverse("documents:my_data"), {"action": "erase", "sure": "1"})
    assert 'data-erasure="pending"' in client.get(reverse("documents:my_data")).content.decode()
