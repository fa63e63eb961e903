"""A reader finds the edition, reads the programme in their own time zone and takes it to their calendar."""

from pathlib import Path

import pytest
from django.core.cache import cache
from icalendar import Calendar
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS
from tests.factories import AffiliatedPersonFactory as PersonFactory
from tests.factories import PageOrganisationFactory as OrganisationFactory
from tests.factories import PublicContributionFactory as ContributionFactory
from tests.factories import PublicContributionSpeakerFactory as ContributionSpeakerFactory
from tests.factories import PublicEditionFactory, SeriesFactory, haikou
from tests.factories import PublicEditionOrganiserFactory as EditionOrganiserFactory
from tests.factories import PublicRoomFactory as RoomFactory
from tests.factories import PublicSessionChairFactory as SessionChairFactory
from tests.factories import PublicSessionFactory as SessionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def haikou_edition():
    cache.clear()
    series = SeriesFactory(name="United Nations/China Global Partnership Workshops")
    edition = PublicEditionFactory(
        series=series,
        number=2,
        slug="haikou-e2e",
        title="United Nations/China Second Global Partnership Workshop on Space Exploration and Innovation",
        status="archived",
        working_languages="English",
        how_to_take_part="Participants based outside China register online; participants in China are invited.",
    )
    EditionOrganiserFactory(
        edition=edition, organisation=OrganisationFactory(name="Office for Outer Space Affairs", acronym="UNOOSA")
    )
    cnsa = OrganisationFactory(name="China National Space Administration", acronym="CNSA")
    EditionOrganiserFactory(edition=edition, organisation=cnsa)
    EditionOrganiserFactory(
        edition=edition, organisation=OrganisationFactory(name="Government of Hainan Province"), role="co_organiser"
    )
    hall = RoomFactory(venue__edition=edition, name="Main Hall")
    opening = SessionFactory(
        edition=edition,
        kind="opening",
        code="",
        slug="opening",
        title="Opening ceremony",
        start=haikou(21, 9),
        end=haikou(21, 10, 30),
        room=hall,
    )
    SessionChairFactory(session=opening, person=None, organisation=cnsa)
    keynote = ContributionFactory(session=opening, kind="keynote", title="Congratulatory letter", order=1)
    ContributionSpeakerFactory(contribution=keynote, person=None, organisation=cnsa, position="")
    session_1a = SessionFactory(
        edition=edition,
        code="1(a)",
        slug="session-1a",
        title="Space exploration and innovation perspective",
        start=haikou(21, 11),
        end=haikou(21, 12, 30),
        room=hall,
    )
    SessionChairFactory(session=session_1a, person=PersonFactory(title="Dr.", given_name="Wei", family_name="Li"))
    for order, (title, delivery) in enumerate(
        [("China's deep space exploration", "in_person"), ("Future exploration at CNES", "pre_recorded")]
    ):
        contribution = ContributionFactory(session=session_1a, title=title, delivery=delivery, order=order)
        ContributionSpeakerFactory(contribution=contribution)
    SessionFactory(
        edition=edition,
        kind="closing",
        code="",
        slug="closing",
        title="Closing ceremony",
        start=haikou(24, 16),
        end=haikou(24, 17),
        room=hall,
    )
    return edition


def _open_in_paris(browser):
    return browser.new_context(
        viewport={"width": 1280, "height": 900}, timezone_id="Europe/Paris", locale="en-GB", accept_downloads=True
    )


def _shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def test_reader_follows_the_programme_in_their_own_time_zone(browser, live_server, haikou_edition):
    context = _open_in_paris(browser)
    page = context.new_page()
    page.set_default_timeout(10_000)
    try:
        page.goto(live_server.url + "/")
        _shot(page, "programme-home")
        page.get_by_role("link", name=haikou_edition.title).click()
        page.wait_for_url(f"**/events/{haikou_edition.slug}/")
        assert "21–24 November 2022" in page.content()
        assert "Hybrid: in person in Haikou and online via Zoom" in page.inner_text("main")
        assert "secret-meeting" not in page.content()
        _shot(page, "programme-edition")

        page.get_by_role("link", name="View the programme").click()
        page.wait_for_url(f"**/events/{haikou_edition.slug}/programme/")
        opening = page.locator("#session-opening")
        assert opening.locator(".session-time time").first.inner_text() == "09:00"
        assert "Monday, 21 November 2022" in page.locator(".day-heading").first.inner_text()
        assert page.get_by_text("Pre-recorded video").count() == 1
        _shot(page, "programme-in-haikou-time")

        toggle = page.get_by_role("button", name="Show times in my time zone (Europe/Paris)")
        toggle.click()
        assert opening.locator(".session-time time").first.inner_text() == "02:00"
        assert "Europe/Paris" in page.locator("[data-tz-status]").inner_text()
        assert "Monday, 21 November 2022" in page.locator(".day-heading").first.inner_text()
        _shot(page, "programme-in-paris-time")

        # The choice is remembered on the next visit.
        page.reload()
        assert page.locator("#session-opening .session-time time").first.inner_text() == "02:00"
        page.get_by_role("button", name="Show times in Asia/Shanghai").click()
        assert page.locator("#session-opening .session-time time").first.inner_text() == "09:00"

        with page.expect_download() as download_info:
            page.get_by_role("link", name="Download programme (.ics)").click()
        calendar = Calendar.from_ical(Path(download_info.value.path()).read_bytes())
        summaries = [str(event.get("summary")) for event in calendar.walk("VEVENT")]
        assert any("Opening ceremony" in summary for summary in summaries)
        assert len(summaries) == 3

        page.get_by_role("link", name="Space exploration and innovation perspective").click()
        page.wait_for_url("**/sessions/session-1a/")
        expect(page.get_by_role("link", name="Add to calendar (.ics)")).to_be_visible()
        _shot(page, "programme-session")

        page.get_by_role("link", name="Speakers", exact=True).click()
        expect(page.get_by_role("heading", name="China National Space Administration (CNSA)")).to_be_visible()
        _shot(page, "programme-speakers")
    finally:
        context.close()


def test_programme_reads_well_on_a_phone(browser, live_server, haikou_edition):
    context = browser.new_context(viewport={"width": 390, "height": 844}, timezone_id="Asia/Shanghai")
    page = context.new_page()
    try:
        page.goto(f"{live_server.url}/events/{haikou_edition.slug}/programme/")
        # In the edition's own zone there is nothing to switch.
        assert page.locator("[data-tz-toggle]").is_hidden()
        assert "your time zone too" in page.locator("[data-tz-status]").inner_text()
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= 390, "the page scrolls sideways on a phone"
        _shot(page, "programme-phone")
        page.goto(f"{live_server.url}/events/{haikou_edition.slug}/")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        _shot(page, "programme-edition-phone")
    finally:
        context.close()
