"""Uploads are what they claim (core.uploads): parsed, never judged by name; active content refused; stored under a
generated name; served with the detected type, a Content-Disposition, nosniff and a sandboxing CSP — at every upload
site (nomination letters, hub attachments, presentation materials)."""

import datetime
import io

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from rendezvous.core import uploads
from rendezvous.partnerships import services as hub_services
from rendezvous.partnerships.models import Application, Attachment, Call, OrganisationMember, Programme
from rendezvous.programme.material_services import MaterialError, add_material
from rendezvous.programme.models import Material
from rendezvous.registration import services as registration_services
from rendezvous.registration.forms import ApplicationForm
from tests.factories import (
    ContributionFactory,
    EditionFactory,
    OrganisationFactory,
    RegistrationFactory,
    SessionFactory,
    make_organiser,
    make_user,
)
from tests.support.uploads import HTML_AS_PDF, PDF, PNG, POLYGLOT, SVG, TRUNCATED_PDF

pytestmark = pytest.mark.django_db

IMPOSTORS = {
    "html-as-pdf": HTML_AS_PDF,
    "svg": SVG,
    "polyglot %PDF after junk": POLYGLOT,
    "truncated pdf": TRUNCATED_PDF,
    "real png (not a pdf)": PNG,
}


def sent(content: bytes, name: str = "letter.pdf") -> SimpleUploadedFile:
    """As a browser sends it: the name and the declared type are the sender's claim only."""
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def assert_served_safely(response, content_type: str, disposition: str):
    assert response.status_code == 200
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"].startswith(disposition)
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"


# The facility itself


@pytest.mark.parametrize(("content", "expected"), [(PDF, uploads.PDF), (PNG, uploads.PNG)])
def test_real_files_are_recognised_by_parsing(content, expected):
    assert uploads.detect(io.BytesIO(content)).content_type == expected


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (HTML_AS_PDF, "Web pages, SVG, XML and script files are not accepted"),
        (SVG, "Web pages, SVG, XML and script files are not accepted"),
        (b'<?xml version="1.0"?><x/>', "Web pages, SVG, XML and script files are not accepted"),
        (b"\xef\xbb\xbf  <script>alert(1)</script>", "Web pages, SVG, XML and script files are not accepted"),
        (POLYGLOT, "Web pages, SVG, XML and script files are not accepted"),
        (b" " + PDF, "could not be recognised"),
        (TRUNCATED_PDF, "cannot be read as one"),
        (PNG[:40], "cannot be decoded"),
    ],
)
def test_impostors_and_damaged_files_are_refused_with_a_clear_message(content, message):
    with pytest.raises(uploads.UploadRefused, match=message):
        uploads.detect(io.BytesIO(content))


def test_only_accepted_types_pass_and_the_message_says_what_is_accepted():
    with pytest.raises(uploads.UploadRefused, match="This file is a PNG image; only PDF is accepted here"):
        uploads.check(sent(PNG, "photo.pdf"), (uploads.PDF,))
    assert uploads.check(sent(PDF, "anything.exe"), (uploads.PDF,)).extension == "pdf"


def test_an_empty_file_or_one_over_the_limit_is_refused_before_parsing():
    with pytest.raises(uploads.UploadRefused, match="the one sent was empty"):
        uploads.check(sent(b""), (uploads.PDF,))
    with pytest.raises(uploads.UploadRefused, match="the limit is 1 MB"):
        uploads.check(sent(PDF + b"\n" * 1_048_576), (uploads.PDF,), max_bytes=1_048_576)


def test_generated_names_keep_only_a_known_extension():
    name = uploads.generated_name("folder/sub", uploads.Detected(uploads.PDF))
    assert name.startswith("folder/sub/") and name.endswith(".pdf") and len(name.rsplit("/", 1)[1]) == 36
    assert uploads.generated_name("f", "html").endswith(".bin")
    assert uploads.content_type_of_name("x/evil.html") == "application/octet-stream"


# Nomination letters (registration)


@pytest.mark.parametrize("content", IMPOSTORS.values(), ids=IMPOSTORS.keys())
def test_nomination_letter_impostors_are_refused(content):
    with pytest.raises(registration_services.InvalidDocument, match="must be a PDF file"):
        registration_services.check_nomination_letter(sent(content))


def test_a_real_nomination_letter_is_stored_under_a_generated_name_and_served_safely(client, media):
    edition = EditionFactory(slug="letters")
    registration_services.check_nomination_letter(sent(PDF, "evil.html"))
    name = uploads.generated_name("registration/nominations", "pdf")
    stored = registration_with_letter(edition, name, PDF)
    assert "evil" not in stored.nomination_letter.name and stored.nomination_letter.name.endswith(".pdf")
    client.force_login(make_organiser(edition))
    response = client.get(f"/events/letters/organise/registrations/{stored.pk}/nomination-letter/")
    assert_served_safely(response, "application/pdf", "inline")
    assert f'filename="nomination-letter-{stored.pk}.pdf"' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_a_letter_stored_before_the_checks_is_never_served_as_a_page(client, media):
    edition = EditionFactory(slug="old-letters")
    stored = registration_with_letter(edition, "registration/nominations/2022/evil.html", HTML_AS_PDF)
    client.force_login(make_organiser(edition))
    response = client.get(f"/events/old-letters/organise/registrations/{stored.pk}/nomination-letter/")
    assert_served_safely(response, "application/octet-stream", "attachment")


def registration_with_letter(edition, name: str, content: bytes):
    registration = RegistrationFactory(edition=edition)
    saved = registration.nomination_letter.storage.save(name, ContentFile(content))
    registration.nomination_letter.name = saved
    registration.save(update_fields=["nomination_letter"])
    return registration


def test_the_web_form_shows_a_letter_refusal_as_a_form_error():
    form = ApplicationForm(data={}, files={"nomination_letter": sent(HTML_AS_PDF, "evil.pdf")})
    form.is_valid()
    assert "must be a PDF file" in " ".join(form.errors.get("nomination_letter", []))


# Hub attachments (partnerships)


@pytest.mark.parametrize("content", IMPOSTORS.values(), ids=IMPOSTORS.keys())
def test_hub_attachment_impostors_are_refused(content):
    with pytest.raises(hub_services.HubError, match="The attachment must be a PDF file"):
        hub_services.check_attachment(sent(content, "evil.svg"))


def hub_application():
    organisation = OrganisationFactory()
    programme = Programme.objects.create(name="Lunar", slug="lunar", destination="moon", phase="in_development")
    call = Call.objects.create(
        programme=programme,
        organisation=organisation,
        title="Payloads",
        slug="payloads",
        kind="payload_hosting",
        status="open",
    )
    applicant = make_user()
    OrganisationMember.objects.create(user=applicant, organisation=organisation)
    application = Application.objects.create(
        call=call, organisation=organisation, title="Sensor", summary="S.", submitted_by=applicant
    )
    return application, applicant


def test_a_hub_attachment_drops_the_uploaded_name_and_is_served_safely(client):
    application, applicant = hub_application()
    hub_services.check_attachment(sent(PDF, "evil.html"))
    item = Attachment.objects.create(application=application, file=sent(PDF, "attachment.pdf"))
    assert item.file.name.startswith(f"partnerships/applications/{application.pk}/")
    assert item.file.name.endswith(".pdf") and "attachment" not in item.file.name.rsplit("/", 1)[1]
    client.force_login(applicant)
    response = client.get(f"/hub/applications/{application.pk}/attachments/{item.pk}/")
    assert_served_safely(response, "application/pdf", "inline")
    assert b"".join(response.streaming_content) == PDF


def test_an_attachment_stored_as_evil_html_before_the_checks_is_a_download_of_octets(client):
    application, applicant = hub_application()
    item = Attachment.objects.create(application=application, file="placeholder")
    item.file.name = item.file.storage.save(f"partnerships/applications/{application.pk}/evil.html", ContentFile(SVG))
    item.save()
    client.force_login(applicant)
    response = client.get(f"/hub/applications/{application.pk}/attachments/{item.pk}/")
    assert_served_safely(response, "application/octet-stream", "attachment")


# Presentation materials (programme)


def material_site():
    edition = EditionFactory()
    end = timezone.now() - datetime.timedelta(hours=1)
    session = SessionFactory(edition=edition, start=end - datetime.timedelta(hours=1), end=end)
    return ContributionFactory(session=session), make_organiser(edition)


@pytest.mark.parametrize("content", IMPOSTORS.values(), ids=IMPOSTORS.keys())
def test_material_impostors_are_refused(content):
    contribution, organiser = material_site()
    with pytest.raises(MaterialError, match="not a PDF, a PowerPoint presentation"):
        add_material(contribution, sent(content, "slides.pdf"), kind="slides", actor=organiser)
    assert not Material.objects.exists()


def test_a_real_pdf_material_is_stored_under_a_generated_name_and_served_safely(client):
    contribution, organiser = material_site()
    material = add_material(contribution, sent(PDF, "evil.html"), kind="slides", actor=organiser)
    assert material.file.name.endswith(".pdf") and "evil" not in material.file.name
    assert material.original_filename == "evil.pdf"
    client.force_login(organiser)
    edition = contribution.session.edition
    response = client.get(
        reverse("programme:material_download", kwargs={"slug": edition.slug, "material_uuid": material.uuid})
    )
    assert_served_safely(response, "application/pdf", "inline")
