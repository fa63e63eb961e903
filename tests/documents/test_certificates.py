"""Certificates of attendance: who gets one, the PDF, the e-mail, verification and revocation, and who may not."""

import io

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from pypdf import PdfReader

from rendezvous.core.models import OutboxMessage
from rendezvous.documents import certificates
from rendezvous.documents.certificates import DocumentError
from rendezvous.documents.models import Certificate, DocumentSettings
from rendezvous.documents.pdf import certificate_pdf
from rendezvous.participation.models import CheckIn, OnlineJoin
from tests.factories import (
    ContributionFactory,
    ContributionSpeakerFactory,
    EditionFactory,
    PersonFactory,
    RegistrationFactory,
    make_organiser,
    make_user,
)

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.fixture
def edition():
    edition = EditionFactory(slug="cert-2026", title="Third Global Partnership Workshop", city="Haikou", country="CN")
    DocumentSettings.objects.create(
        edition=edition, signatory_name="Aarti Holla-Maini", signatory_title="Director, UNOOSA",
        issuing_organisations="UNOOSA and CNSA",
    )  # fmt: skip
    return edition


@pytest.fixture
def attendees(edition):
    checked_in = RegistrationFactory(edition=edition, given_name="李", family_name="华", email="li@example.org")
    CheckIn.objects.create(registration=checked_in, day=edition.start_date)
    joined = RegistrationFactory(edition=edition, given_name="Ana", family_name="Silva", attendance="online")
    OnlineJoin.objects.create(registration=joined)
    absent = RegistrationFactory(edition=edition, given_name="Absent", family_name="Person")
    return checked_in, joined, absent


def test_bulk_issue_covers_checked_in_and_joined_but_not_absent(edition, attendees):
    checked_in, joined, absent = attendees
    organiser = make_organiser(edition)
    issued = certificates.issue_all(edition, actor=organiser)
    assert {c.registration_id for c in issued} == {checked_in.pk, joined.pk}
    assert Certificate.objects.get(registration=checked_in).mode == "in_person"
    assert Certificate.objects.get(registration=joined).mode == "online"
    assert not Certificate.objects.filter(registration=absent).exists()
    mails = OutboxMessage.objects.filter(kind="certificate_issued")
    assert sorted(mails.values_list("to", flat=True)) == sorted([checked_in.email, joined.email])
    # Issuing again adds nobody twice.
    assert certificates.issue_all(edition, actor=organiser) == []


def test_one_by_one_refuses_the_absent(edition, attendees):
    checked_in, _joined, absent = attendees
    organiser = make_organiser(edition)
    assert certificates.issue_one(edition, checked_in.pk, actor=organiser).registration == checked_in
    with pytest.raises(DocumentError, match="did not check in"):
        certificates.issue_one(edition, absent.pk, actor=organiser)
    with pytest.raises(DocumentError, match="already has"):
        certificates.issue_one(edition, checked_in.pk, actor=organiser)


def test_only_organisers_issue(edition, attendees):
    with pytest.raises(PermissionDenied):
        certificates.issue_all(edition, actor=make_user())


def test_pdf_carries_the_facts_and_the_name_in_its_script(edition, attendees):
    checked_in, _joined, _absent = attendees
    certificate = certificates.issue_one(edition, checked_in.pk, actor=make_organiser(edition))
    text = pdf_text(certificate_pdf(certificate))
    for expected in (
        "Certificate of attendance",
        "Third Global Partnership Workshop",
        "Haikou",
        "China",
        "in person",
        "UNOOSA and CNSA",
        "Aarti Holla-Maini",
        "Director, UNOOSA",
        certificate.reference,
    ):
        assert expected in text, expected  # fmt: skip
    assert "华" in text


def test_speakers_certificate_names_the_contribution(edition):
    speaker = RegistrationFactory(edition=edition, role="speaker", email="speaker@example.org")
    CheckIn.objects.create(registration=speaker, day=edition.start_date)
    contribution = ContributionFactory(session__edition=edition, title="Lunar payloads for emerging nations")
    ContributionSpeakerFactory(contribution=contribution, person=PersonFactory(email="speaker@example.org"))
    certificate = certificates.issue_one(edition, speaker.pk, actor=make_organiser(edition))
    assert certificate.contribution == "Lunar payloads for emerging nations"
    assert "Lunar payloads for emerging nations" in pdf_text(certificate_pdf(certificate))


def test_verification_valid_revoked_unknown(client, edition, attendees):
    checked_in, _joined, _absent = attendees
    organiser = make_organiser(edition)
    certificate = certificates.issue_one(edition, checked_in.pk, actor=organiser)
    url = reverse("documents:verify", args=[certificate.reference])

    page = client.get(url)
    assert page.status_code == 200
    content = page.content.decode()
    assert 'data-verification="valid"' in content and "华李" in content and edition.title in content
    assert checked_in.email not in content  # the name, the edition, the validity, and nothing else

    certificates.revoke(edition, certificate.pk, actor=organiser, reason="Issued by mistake")
    assert 'data-verification="revoked"' in client.get(url).content.decode()

    guessed = certificate.reference[:-1] + ("A" if certificate.reference[-1] != "A" else "B")
    unknown = client.get(reverse("documents:verify", args=[guessed]))
    assert unknown.status_code == 404
    assert 'data-verification="unknown"' in unknown.content.decode() and "李" not in unknown.content.decode()


def test_verification_is_rate_limited(client, settings, edition):
    settings.RATE_LIMITS = {**settings.RATE_LIMITS, "document_verification": (3, 600)}
    for _attempt in range(3):
        assert client.get(reverse("documents:verify", args=["guess"])).status_code == 404
    assert client.get(reverse("documents:verify", args=["guess"])).status_code == 429


def test_participant_downloads_only_their_own(client, edition, attendees):
    checked_in, joined, _absent = attendees
    certificates.issue_all(edition, actor=make_organiser(edition))
    edition.status = "published"
    edition.save()
    client.force_login(make_user(checked_in.email))
    page = client.get(reverse("registration:mine", args=[edition.slug]))
    assert reverse("documents:my_certificate", args=[edition.slug]) in page.content.decode()
    response = client.get(reverse("documents:my_certificate", args=[edition.slug]))
    assert response["Content-Type"] == "application/pdf"
    assert "华李" in pdf_text(response.content) and "Silva" not in pdf_text(response.content)
    with pytest.raises(PermissionDenied):
        certificates.certificate_of(joined, actor=make_user(checked_in.email.replace("li", "li2")))


def test_organiser_page_issues_and_revokes(client, edition, attendees):
    checked_in, _joined, absent = attendees
    client.force_login(make_organiser(edition))
    url = reverse("documents:organise_certificates", args=[edition.slug])
    page = client.get(url).content.decode()
    assert "Silva" in page and "Absent" not in page
    client.post(url, {"action": "issue_all"})
    assert Certificate.objects.filter(edition=edition).count() == 2
    certificate = Certificate.objects.get(registration=checked_in)
    client.post(url, {"action": "revoke", "certificate": certificate.pk, "reason": "wrong"})
    certificate.refresh_from_db()
    assert not certificate.is_valid
    assert client.post(url, {"action": "issue", "registration": "nonsense"}).status_code == 302
    assert client.post(url, {"action": "issue", "registration": absent.pk}).status_code == 302
    assert not Certificate.objects.filter(registration=absent).exists()


def test_non_organiser_gets_403(client, edition):
    client.force_login(make_user())
    assert client.get(reverse("documents:organise_certificates", args=[edition.slug])).status_code in (403, 404)
