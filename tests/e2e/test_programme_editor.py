"""An organiser who is not a superuser edits the programme in a real browser: moves a session onto another one in the
same room, sees the clash at once, adds a speaker found by searching, and the public programme shows the change."""

import pytest

from rendezvous.core.models import Organisation
from rendezvous.programme.models import ContributionSpeaker, Session
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import (
    ContributionFactory,
    EditionFactory,
    RoomFactory,
    SessionFactory,
    make_organiser,
)
from tests.factories import (
    haikou as local,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"programme_editor_{name}.png"), full_page=True)


def test_an_organiser_moves_a_session_sees_the_clash_and_the_public_programme_changes(page, live_server):
    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop", short_title="Haikou 2022")
    hall = RoomFactory(venue__edition=edition, name="Hall A")
    SessionFactory(
        edition=edition, room=hall, code="1(a)", title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30)
    )
    moved = SessionFactory(
        edition=edition, room=hall, code="1(b)", title="Research stations", start=local(22, 14), end=local(22, 15)
    )
    ContributionFactory(session=moved, title="The International Lunar Research Station")
    Organisation.objects.create(name="National Aeronautics and Space Administration", acronym="NASA")
    organiser = make_organiser(edition, "secretariat@example.org")
    assert not organiser.is_superuser
    sign_in_browser(page, live_server, organiser)

    page.goto(f"{live_server.url}/events/haikou-2022/organise/")
    page.get_by_role("link", name="Programme editor").click()
    page.wait_for_url("**/organise/programme/")
    shot(page, "index")
    page.get_by_role("link", name="Session 1(b). Research stations").click()

    assert page.get_by_label("Starts (Asia/Shanghai time)").input_value() == "2022-11-22T14:00"
    page.get_by_label("Title").fill("Research stations on the Moon")
    page.get_by_label("Starts (Asia/Shanghai time)").fill("2022-11-22T10:00")
    page.get_by_label("Ends (Asia/Shanghai time)").fill("2022-11-22T11:00")
    page.get_by_role("button", name="Save the session").click()

    page.get_by_text("The timetable check finds 1 problem with this session").wait_for()
    finding = page.locator(".ed-findings .clash-room")
    assert "Hall A, Haikou International Convention Center is double-booked" in finding.inner_text()
    assert "Lunar exploration" in finding.inner_text()
    shot(page, "clash")

    # A speaker found by searching, not created a second time.
    page.get_by_role("link", name="The International Lunar Research Station").click()
    page.get_by_label("Search people and organisations").fill("nasa")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("button", name="Add as speaker").click()
    page.get_by_text("The speaker is added.").wait_for()
    assert ContributionSpeaker.objects.get().organisation.acronym == "NASA"
    assert Organisation.objects.count() == 1

    # A session outside the edition's dates is refused with the reason.
    page.goto(f"{live_server.url}/events/haikou-2022/organise/programme/sessions/new/")
    page.get_by_label("Title").fill("Excursion")
    page.get_by_label("Starts (Asia/Shanghai time)").fill("2022-11-26T10:00")
    page.get_by_label("Ends (Asia/Shanghai time)").fill("2022-11-26T11:00")
    page.get_by_role("button", name="Save the session").click()
    page.get_by_text("The session must take place within the edition's dates").wait_for()
    assert not Session.objects.filter(title="Excursion").exists()

    page.context.clear_cookies()
    page.goto(f"{live_server.url}/events/haikou-2022/programme/")
    session = page.locator(".session", has_text="Research stations on the Moon")
    assert "10:00" in session.inner_text()
    assert "NASA" in session.inner_text()
    shot(page, "public")


def test_the_editor_on_a_phone(browser, live_server):
    edition = EditionFactory(slug="haikou-phone", title="Second Global Partnership Workshop")
    session = SessionFactory(edition=edition, code="2", title="Space law", start=local(22, 9), end=local(22, 10))
    ContributionFactory(session=session, title="Liability for lunar missions")
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    try:
        sign_in_browser(page, live_server, make_organiser(edition))
        page.goto(f"{live_server.url}/events/haikou-phone/organise/programme/")
        shot(page, "phone_index")
        page.get_by_role("link", name="Session 2. Space law").click()
        page.get_by_role("button", name="Save the session").wait_for()
        # Nothing wider than the screen: the form fits a phone.
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        shot(page, "phone_session")
    finally:
        context.close()
