"""The visa invitation letter in Chromium, end to end: the participant requests it, a visa letter officer reviews and
approves it, the participant downloads the PDF, and its QR code's page says it is valid."""

import datetime
import io
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from rendezvous.core.models import AuditEntry
from rendezvous.documents.models import DocumentSettings, VisaLetterOfficer, VisaLetterRequest
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import EditionFactory, RegistrationFactory, make_organiser, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_visa_letter_from_request_to_verification(page, live_server):
    edition = EditionFactory(
        slug="visa-e2e", title="Third Global Partnership Workshop", status="published", city="Haikou", country="CN",
        start_date=datetime.date(2030, 11, 21), end_date=datetime.date(2030, 11, 24),
    )  # fmt: skip
    DocumentSettings.objects.create(
        edition=edition,
        letterhead="China National Space Administration\nBeijing",
        costs_statement="The host covers accommodation and local transport; the participant covers travel.",
        signatory_name="Wang Wei",
        signatory_title="Secretariat of the workshop",
    )
    RegistrationFactory(edition=edition, email="kemi@example.org", given_name="Kemi", family_name="Adeyemi")
    participant = make_user("kemi@example.org")
    officer = make_organiser(edition)
    VisaLetterOfficer.objects.create(edition=edition, user=officer)
    ARTIFACTS.mkdir(exist_ok=True)

    # The participant asks from their registration page.
    sign_in_browser(page, live_server, participant)
    page.goto(f"{live_server.url}/events/visa-e2e/my-registration/")
    page.get_by_role("link", name="Request a visa invitation letter").click()
    page.get_by_label("Full name exactly as in your passport").fill("ADEYEMI Kemi Folake")
    page.get_by_label("Nationality").fill("Nigerian")
    page.get_by_label("Date of birth").fill("1990-05-17")
    page.get_by_label("Passport number").fill("B07654321")
    page.get_by_label("Passport valid until").fill("2034-02-01")
    page.get_by_label("Embassy or consulate where you will apply").fill("Embassy of China, Abuja")
    page.get_by_label("Visa needed from").fill("2030-11-18")
    page.get_by_label("Visa needed until").fill("2030-11-27")
    page.screenshot(path=str(ARTIFACTS / "visa-request-form.png"), full_page=True)
    page.get_by_role("button", name="Request the letter").click()
    expect(page.locator("[data-visa-status=requested]")).to_be_visible()
    letter = VisaLetterRequest.objects.get()
    assert "B07654321" not in letter.sealed_passport

    # The officer reviews it in the queue and approves it.
    sign_in_browser(page, live_server, officer)
    page.goto(f"{live_server.url}/events/visa-e2e/organise/visa-letters/")
    page.get_by_role("link", name="Kemi Adeyemi").click()
    expect(page.get_by_text("B07654321")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "visa-review.png"), full_page=True)
    assert AuditEntry.objects.filter(action="passport.viewed", actor=officer).count() == 1
    page.get_by_role("button", name="Approve and issue the letter").click()
    expect(page.locator("[data-visa-status=approved]")).to_be_visible()

    # The participant downloads the letter.
    sign_in_browser(page, live_server, participant)
    page.goto(f"{live_server.url}/events/visa-e2e/my-registration/")
    expect(page.locator("[data-visa-status=approved]")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "visa-my-registration.png"), full_page=True)
    page.goto(f"{live_server.url}/events/visa-e2e/my-registration/visa-letter/")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download your letter (PDF)").click()
    content = Path(download_info.value.path()).read_bytes()
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages)
    letter.refresh_from_db()
    for expected in (
        "Embassy of China, Abuja",
        "ADEYEMI Kemi Folake",
        "B07654321",
        "Third Global Partnership Workshop",
        "The host covers accommodation",
        letter.reference,
    ):
        assert expected in text, expected  # fmt: skip

    # Anyone with the reference (the QR code) sees that it is valid, and nothing more.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/documents/verify/{letter.reference}/")
    expect(page.locator("[data-verification=valid]")).to_be_visible()
    body = page.locator("main").inner_text()
    assert "Kemi Adeyemi" in body and "B07654321" not in body and "kemi@example.org" not in body
    page.screenshot(path=str(ARTIFACTS / "visa-verification.png"), full_page=True)
