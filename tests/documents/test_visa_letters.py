"""Visa invitation letters: the request, the officers' review, the letter, the sealed passport and its erasure."""

import datetime
import io

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.db import connection
from django.urls import reverse
from pypdf import PdfReader

from rendezvous.core.models import AuditEntry
from rendezvous.documents import crypto, visa
from rendezvous.documents.certificates import DocumentError
from rendezvous.documents.checks import passport_key_configured
from rendezvous.documents.models import DocumentSettings, VisaLetterOfficer, VisaLetterRequest
from rendezvous.documents.pdf import visa_letter_pdf
from tests.factories import EditionFactory, RegistrationFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db

PASSPORT_NUMBER = "A12345678"
DETAILS = visa.PassportDetails(
    passport_name="OKAFOR Chinwe Adaeze",
    nationality="Nigerian",
    date_of_birth=datetime.date(1988, 4, 2),
    passport_number=PASSPORT_NUMBER,
    passport_expiry=datetime.date(2031, 1, 1),
    consulate="Consulate General of the People's Republic of China, Lagos",
)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def edition():
    edition = EditionFactory(
        slug="visa-2026", title="Third Workshop", city="Haikou", country="CN",
        start_date=datetime.date(2026, 11, 16), end_date=datetime.date(2026, 11, 19),
    )  # fmt: skip
    DocumentSettings.objects.create(
        edition=edition, letterhead="China National Space Administration\n8A Fucheng Road, Beijing",
        costs_statement="The host covers accommodation; the participant covers travel.",
        signatory_name="Li Guoping", signatory_title="Director-General",
    )  # fmt: skip
    return edition


@pytest.fixture
def participant(edition):
    registration = RegistrationFactory(edition=edition, email="chinwe@example.org", given_name="Chinwe")
    return registration, make_user("chinwe@example.org")


@pytest.fixture
def officer(edition):
    user = make_organiser(edition)
    VisaLetterOfficer.objects.create(edition=edition, user=user)
    return user


def request(registration, user):
    return visa.request_letter(
        registration, DETAILS, needed_from=datetime.date(2026, 11, 10), needed_until=datetime.date(2026, 11, 25),
        actor=user,
    )  # fmt: skip


def test_passport_is_unreadable_in_the_database_and_without_the_key(edition, participant, settings):
    letter = request(*participant)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM documents_visaletterrequest WHERE id = %s", [letter.pk])
        raw = " ".join(str(value) for value in cursor.fetchone())
    assert PASSPORT_NUMBER not in raw and "Nigerian" not in raw and "1988" not in raw
    # Another key (the production key absent, a different one configured): nothing opens.
    settings.PASSPORT_ENCRYPTION_KEYS = [crypto.Fernet.generate_key().decode()]
    with pytest.raises(crypto.PassportKeyError):
        crypto.unseal(VisaLetterRequest.objects.get(pk=letter.pk).sealed_passport)


def test_key_rotation_keeps_letters_readable(edition, participant, settings):
    old = crypto.Fernet.generate_key().decode()
    settings.PASSPORT_ENCRYPTION_KEYS = [old]
    letter = request(*participant)
    new = crypto.Fernet.generate_key().decode()
    settings.PASSPORT_ENCRYPTION_KEYS = [new, old]
    call_command("rotate_passport_keys", stdout=io.StringIO())
    settings.PASSPORT_ENCRYPTION_KEYS = [new]
    letter.refresh_from_db()
    assert crypto.unseal(letter.sealed_passport)["passport_number"] == PASSPORT_NUMBER


def test_only_approved_in_person_participants_request_for_themselves(edition, participant):
    registration, user = participant
    with pytest.raises(PermissionDenied):
        request(registration, make_user("someone-else@example.org"))
    online = RegistrationFactory(edition=edition, attendance="online", email="online@example.org")
    with pytest.raises(DocumentError, match="in person"):
        request(online, make_user("online@example.org"))
    pending = RegistrationFactory(edition=edition, status="pending", email="pending@example.org")
    with pytest.raises(DocumentError):
        request(pending, make_user("pending@example.org"))
    request(registration, user)
    with pytest.raises(DocumentError, match="already"):
        request(registration, user)


def test_only_visa_officers_review_and_every_view_is_audited(edition, participant, officer):
    letter = request(*participant)
    plain_organiser = make_organiser(edition)
    with pytest.raises(PermissionDenied):
        visa.passport_details(letter, actor=plain_organiser)
    with pytest.raises(PermissionDenied):
        visa.approve(edition, letter.pk, actor=plain_organiser)
    assert visa.passport_details(letter, actor=officer).passport_number == PASSPORT_NUMBER
    viewed = AuditEntry.objects.filter(action="passport.viewed", object_id=str(letter.pk))
    assert viewed.count() == 1 and viewed.get().actor == officer
    assert PASSPORT_NUMBER not in str(viewed.get().data) + viewed.get().summary


def test_decline_needs_a_reason_and_the_participant_may_ask_again(edition, participant, officer):
    letter = request(*participant)
    with pytest.raises(DocumentError, match="why"):
        visa.decline(edition, letter.pk, actor=officer, reason=" ")
    visa.decline(edition, letter.pk, actor=officer, reason="The passport expires too soon.")
    letter = request(*participant)
    assert letter.status == "requested"


def test_approved_letter_is_in_the_usual_form(edition, participant, officer):
    letter = visa.approve(edition, request(*participant).pk, actor=officer)
    assert letter.reference and len(letter.reference) >= 40
    text = pdf_text(visa_letter_pdf(letter, visa.passport_details(letter, actor=officer)))
    for expected in (
        "China National Space Administration",
        "Consulate General of the People's Republic of China",
        "OKAFOR Chinwe Adaeze",
        "Nigerian",
        PASSPORT_NUMBER,
        "Third Workshop",
        "2026-11-16",
        "2026-11-19",
        "participant",
        "The host covers accommodation",
        "Li Guoping",
        letter.reference,
    ):
        assert expected in text, expected  # fmt: skip


def test_passport_never_in_the_admin(admin_client, edition, participant):
    letter = request(*participant)
    response = admin_client.get("/admin/")
    assert "visaletterrequest" not in response.content.decode().lower()
    assert admin_client.get(f"/admin/documents/visaletterrequest/{letter.pk}/change/").status_code == 404


def test_retention_erases_the_passport_and_keeps_the_fact(edition, participant, officer):
    letter = visa.approve(edition, request(*participant).pk, actor=officer)
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    letter.refresh_from_db()
    assert letter.sealed_passport  # the edition has not ended long enough ago... or at all
    # 30 days after the end by default: move the edition to the past.
    edition.start_date, edition.end_date = datetime.date(2026, 1, 1), datetime.date(2026, 1, 3)
    edition.save()
    out = io.StringIO()
    call_command("purge_personal_data", "--dry-run", stdout=out)
    assert "would remove passport details of 1" in out.getvalue()
    letter.refresh_from_db()
    assert letter.sealed_passport
    out = io.StringIO()
    call_command("purge_personal_data", stdout=out)
    assert "removed passport details of 1" in out.getvalue()
    letter.refresh_from_db()
    assert letter.sealed_passport == "" and letter.passport_erased_at is not None
    assert letter.status == "approved" and letter.reference  # that a letter was issued stays
    assert visa.passport_details(letter, actor=officer) is None
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM documents_visaletterrequest")
        assert PASSPORT_NUMBER not in str(cursor.fetchall())


def test_queue_page_is_for_officers_only(client, edition, participant, officer):
    request(*participant)
    client.force_login(make_organiser(edition))
    assert client.get(reverse("documents:visa_queue", args=[edition.slug])).status_code == 403
    client.force_login(officer)
    assert "Chinwe" in client.get(reverse("documents:visa_queue", args=[edition.slug])).content.decode()


def test_production_needs_a_key(settings):
    settings.PRODUCTION = True
    settings.PASSPORT_ENCRYPTION_KEYS = []
    assert [error.id for error in passport_key_configured(None)] == ["documents.E001"]
    settings.PASSPORT_ENCRYPTION_KEYS = ["not-a-key"]
    assert [error.id for error in passport_key_configured(None)] == ["documents.E002"]
    settings.PASSPORT_ENCRYPTION_KEYS = [crypto.Fernet.generate_key().decode()]
    assert passport_key_configured(None) == []
