"""Taking part in a real browser: a new person asks to represent an organisation, is approved, applies before the
deadline; the calling organisation's reviewer scores, the selecting officer publishes, the applicant sees the result.
Also: another organisation's representative is refused, and the deadline shows in the reader's own zone."""

import pytest

from rendezvous.core.models import OutboxMessage
from rendezvous.partnerships.models import Application, CallRole
from tests.conftest import sign_in_browser
from tests.e2e.test_partnerships import shot
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories import HubUserFactory as UserFactory
from tests.factories.partnerships import representative_of, team_member
from tests.partnerships.test_pages import future_call

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_a_newcomer_represents_an_organisation_applies_and_sees_the_result(page, live_server):
    cnsa = OrganisationFactory(name="China National Space Administration", acronym="CNSA", type="space_agency")
    call = future_call(organisation=cnsa, title="Chang\u2019e-7 payloads")
    lab = OrganisationFactory(name="Lagos Space Lab", acronym="LSL", country="NG")
    lab_representative = representative_of(lab)
    newcomer = UserFactory(email="amaka@example.org", first_name="Amaka", last_name="Obi")
    reviewer = representative_of(cnsa)
    call.team.create(user=reviewer, role=CallRole.REVIEWER)
    officer = team_member(call, CallRole.SELECTING_OFFICER)
    intruder = representative_of(OrganisationFactory(name="Other Agency", acronym="OA"))
    call_url = f"{live_server.url}/hub/calls/{call.slug}/"

    sign_in_browser(page, live_server, newcomer)
    page.goto(call_url)
    box = page.locator(".hub-taking-part")
    assert "You do not represent an organisation on the hub yet." in box.inner_text()
    assert page.get_by_role("link", name="Submit a letter of interest").count() == 0
    box.get_by_role("link", name="Represent an organisation").click()
    page.get_by_label("Find your organisation").fill("lagos")
    page.get_by_role("button", name="Search").click()
    card = page.locator(".hub-organisation", has_text="Lagos Space Lab")
    card.get_by_label("Your role in the organisation").fill("I run the ground station.")
    shot(page, "represent")
    card.get_by_role("button", name="Ask to represent LSL").click()
    page.get_by_text("Your request was sent").wait_for()
    assert "Waiting for a decision" in page.locator(".hub-requests").inner_text()
    page.goto(f"{call_url}apply/")
    page.get_by_text("You cannot apply yet").wait_for()  # an unapproved request is not enough
    assert OutboxMessage.objects.filter(kind="hub_representation_requested", to=lab_representative.email).exists()

    sign_in_browser(page, live_server, lab_representative)
    page.goto(f"{live_server.url}/hub/represent/requests/")
    request_card = page.locator(".hub-request", has_text="amaka@example.org")
    assert "I run the ground station." in request_card.inner_text()
    shot(page, "representation_requests")
    request_card.get_by_role("button", name="Approve").click()
    page.get_by_text("Your decision was sent to amaka@example.org.").wait_for()
    assert OutboxMessage.objects.filter(kind="hub_representation_decided", to="amaka@example.org").exists()

    sign_in_browser(page, live_server, newcomer)
    page.goto(call_url)
    assert "You can apply on behalf of LSL." in page.locator(".hub-taking-part").inner_text()
    assert "Letters of interest open until" in page.locator(".hub-state-text").inner_text()
    shot(page, "call_eligible")
    page.get_by_role("link", name="Submit a letter of interest").click()
    page.get_by_label("Title").fill("Ground station passes for the lander")
    page.get_by_label("Summary").fill("Two S-band passes a day from Lagos.")
    page.get_by_label("Lander: mass (kg)").fill("2")
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Your letter of interest was submitted.").wait_for()
    application = Application.objects.get(call=call)
    assert application.organisation == lab and application.submitted_by == newcomer

    sign_in_browser(page, live_server, intruder)
    response = page.goto(f"{live_server.url}/hub/applications/{application.pk}/")
    assert response.status == 403
    assert "Ground station passes" not in page.content()

    sign_in_browser(page, live_server, reviewer)
    page.goto(f"{live_server.url}/hub/applications/{application.pk}/")
    page.get_by_label("Score").fill("9")
    page.get_by_role("button", name="Save score").click()
    page.get_by_text("Your score was saved.").wait_for()

    sign_in_browser(page, live_server, officer)
    page.goto(f"{call_url}selection/")
    page.get_by_label("Ground station passes for the lander").check()
    page.get_by_role("button", name="Save selection").click()
    page.get_by_text("it fits every budget").wait_for()
    page.get_by_role("button", name="Publish results").click()
    page.get_by_text("The results are published").wait_for()

    sign_in_browser(page, live_server, newcomer)
    page.goto(call_url)
    assert "Ground station passes for the lander — LSL" in page.locator(".hub-results").inner_text()
    assert "Results published" in page.locator(".page-head .badge").inner_text()
    mine = page.locator("li", has=page.get_by_role("link", name="Ground station passes for the lander"))
    assert mine.inner_text().endswith("LSL, letter of interest, selected")
    shot(page, "result_seen_by_applicant")


def test_the_deadline_shows_in_the_readers_zone(browser, live_server):
    call = future_call(title="Orbiter payloads")
    context = browser.new_context(timezone_id="America/Los_Angeles", viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.set_default_timeout(10_000)
        page.goto(f"{live_server.url}/hub/calls/{call.slug}/")
        state = page.locator(".hub-state-text")
        page.get_by_text("in your time zone (America/Los_Angeles)").first.wait_for()
        assert "(Asia/Shanghai)" in state.inner_text()
        page.reload()  # the server now knows the zone from the browser and states it itself
        assert "in your time zone (America/Los_Angeles)" in page.locator(".hub-stages").inner_text()
        shot(page, "call_reader_zone")
    finally:
        context.close()


def test_search_finds_what_people_type_and_highlights_it(page, live_server):
    call = future_call(title="Chang\u2019e-7 international cooperation: science payloads")
    call.programme.name = "Chang\u2019e-7"
    call.programme.save()
    page.goto(f"{live_server.url}/hub/")
    page.get_by_role("link", name="Search the hub").first.click()
    page.get_by_label("Search the hub").fill("Chang'e-7")
    page.get_by_role("button", name="Search").click()
    results = page.locator(".hub-hit")
    assert results.count() == 2
    assert results.locator("mark").first.inner_text() == "Chang\u2019e"
    shot(page, "search")
