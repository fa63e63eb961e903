"""An organiser in the admin: opens an edition, follows "Timetable check", and finds the clash to fix."""

import pytest
from playwright.sync_api import expect

from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import (
    EditionFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    add_chair,
    make_user,
)
from tests.factories import (
    haikou as local,
)

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def snapshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"organiser_programme_{name}.png"), full_page=True)


def test_an_organiser_finds_a_room_clash_from_the_edition_page(page, live_server):
    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop", short_title="Haikou 2022")
    hall = RoomFactory(venue__edition=edition, name="Hall A")
    SessionFactory(
        edition=edition, room=hall, code="1(a)", title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30)
    )
    clashing = SessionFactory(
        edition=edition, room=hall, code="1(b)", title="Research stations", start=local(22, 10), end=local(22, 11)
    )
    chair = PersonFactory(title="Dr.", given_name="Wu", family_name="Yanhua")
    add_chair(clashing, person=chair)
    sign_in_browser(page, live_server, make_user("secretariat@example.org", superuser=True))

    page.goto(f"{live_server.url}/admin/")
    page.get_by_role("link", name="Editions").click()
    page.get_by_role("link", name="Second Global Partnership Workshop").click()
    page.wait_for_selector("text=Venues")
    snapshot(page, "edition_change")
    page.get_by_role("link", name="Timetable check").first.click()

    page.wait_for_url("**/events/haikou-2022/organise/timetable-check/")
    clash = page.locator(".clash-room")
    assert clash.count() == 1
    assert "Hall A, Haikou International Convention Center is double-booked" in clash.inner_text()
    assert "(Tue 22 Nov 2022, 10:00–11:00)" in clash.inner_text()
    snapshot(page, "timetable_check")

    # From the clash to the session's admin page, where it can be moved.
    clash.get_by_role("link", name="Session 1(b). Research stations").click()
    page.wait_for_selector("text=Change session")
    assert page.locator("input[name=title]").input_value() == "Research stations"
    snapshot(page, "session_change")

    page.goto(f"{live_server.url}/admin/programme/session/?edition__id__exact={edition.pk}")
    expect(page.get_by_text("Tue 22 Nov 2022, 10:00–11:00 (Asia/Shanghai)")).to_be_visible()
    expect(page.get_by_role("link", name="Timetable check")).to_be_visible()
