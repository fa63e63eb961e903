"""Materials in Chromium: an organiser uploads slides after the session; the public finds and downloads them;
a pre-recorded video stays unlisted; a speaker uploads from their own page and is told why a bad file is refused."""

import pytest
from django.core.cache import cache
from playwright.sync_api import expect

from rendezvous.programme import material_services
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import AffiliatedPersonFactory as PersonFactory
from tests.factories import PublicEditionFactory as EditionFactory
from tests.factories import make_organiser, make_user
from tests.factories.programme import (
    HTML_BYTES,
    MP4_BYTES,
    PDF_BYTES,
    contribution_by,
    ended_session,
    future_session,
    upload,
)
from tests.factories.registration import register

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    cache.clear()
    yield tmp_path
    cache.clear()


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"materials_{name}.png"), full_page=True)


def test_slides_uploaded_after_the_session_are_public_and_videos_are_not(page, browser, live_server, media):
    edition = EditionFactory(slug="materials-e2e", title="Second Global Partnership Workshop", short_title="Haikou")
    session = ended_session(edition, code="2", title="Lunar exploration", slug="lunar")
    contribution_by(session, title="Chang'e-7: payload opportunities", person=PersonFactory(given_name="Wu"))
    recorded = contribution_by(session, title="Greetings from orbit", delivery="pre_recorded")
    organiser = make_organiser(edition, "organiser@example.org")
    material_services.add_material(
        recorded, upload("greetings.mp4", MP4_BYTES), kind="video", title="Greetings video", actor=organiser
    )

    sign_in_browser(page, live_server, organiser)
    page.goto(f"{live_server.url}/events/{edition.slug}/organise/materials/")
    page.get_by_label("Contribution").select_option(
        label="Session 2. Lunar exploration — Chang'e-7: payload opportunities"
    )
    page.get_by_label("What it is").select_option("slides")
    page.get_by_label("Title (optional)").fill("Chang'e-7 slides")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "change7.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("was added to").wait_for()
    row = page.locator("tr", has_text="Chang'e-7 slides")
    assert row.locator("[data-visibility]").inner_text() == "Public"
    video_row = page.locator("tr", has_text="Greetings video")
    assert video_row.locator("[data-visibility]").inner_text() == "Organisers only"
    shot(page, "organiser")

    visitor = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        public = visitor.new_page()
        public.goto(f"{live_server.url}/events/{edition.slug}/programme/")
        contribution = public.locator("li.contribution", has_text="Chang'e-7: payload opportunities")
        link = contribution.get_by_role("link", name="Chang'e-7 slides")
        expect(link).to_be_visible()
        assert "Greetings video" not in public.content()
        shot(public, "programme")

        response = visitor.request.get(live_server.url + link.get_attribute("href"))
        assert response.status == 200
        assert response.body() == PDF_BYTES
        assert response.headers["content-type"] == "application/pdf"
        assert response.headers["content-security-policy"] == "sandbox; default-src 'none'"

        public.goto(f"{live_server.url}/events/{edition.slug}/materials/")
        public.get_by_role("link", name="Chang'e-7 slides").wait_for()
        assert "Greetings video" not in public.content()
        shot(public, "index")
    finally:
        visitor.close()


def test_a_speaker_uploads_their_paper_from_their_own_page(page, live_server):
    edition = EditionFactory(slug="materials-speaker", title="Second Global Partnership Workshop")
    speaker = make_user("speaker@example.org")
    register(edition, "speaker@example.org", role="speaker")
    contribution_by(
        future_session(edition, title="Space law", code="3"),
        title="Registration of space objects",
        person=PersonFactory(email="speaker@example.org"),
    )
    sign_in_browser(page, live_server, speaker)
    page.goto(f"{live_server.url}/events/{edition.slug}/my-registration/")
    page.get_by_role("link", name="My presentation materials").click()
    page.get_by_role("heading", name="Registration of space objects").wait_for()

    page.get_by_label("What it is").select_option("paper")
    page.get_by_label("Title (optional)").fill("Registration paper")
    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "paper.pdf", "mimeType": "application/pdf", "buffer": HTML_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("not a PDF, a PowerPoint presentation").wait_for()
    assert page.get_by_label("Title (optional)").input_value() == "Registration paper"
    shot(page, "speaker_refused")

    page.get_by_label("File", exact=True).set_input_files(
        files=[{"name": "paper.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.get_by_role("button", name="Upload").click()
    page.get_by_text("was added to").wait_for()
    expect(page.get_by_role("link", name="Registration paper")).to_be_visible()
    expect(page.get_by_text("Registered participants", exact=True)).to_be_visible()  # the session has not ended yet
    shot(page, "speaker")
