"""The partnership hub in a real browser: call page → letter of interest → review → selection → published result."""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from rendezvous.partnerships.models import CallRole
from tests.conftest import sign_in_browser
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories.partnerships import representative_of, team_member
from tests.partnerships.test_pages import future_call

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def shot(page, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"partnerships_{name}.png"), full_page=True)


def test_letter_of_interest_to_published_result(page, live_server):
    call = future_call(title="Lunar lander payloads", description="10 kg on the lander, 15 kg on the orbiter.")
    organisation = OrganisationFactory(name="Institute of Lunar Dust", acronym="ILD")
    representative = representative_of(organisation)
    officer = team_member(call, CallRole.SELECTING_OFFICER)
    team_member(call, CallRole.REVIEWER)
    call.team.create(user=officer, role=CallRole.REVIEWER)
    call_url = f"{live_server.url}/hub/calls/{call.slug}/"

    sign_in_browser(page, live_server, representative)
    page.goto(call_url)
    shot(page, "call")
    page.get_by_role("link", name="Submit a letter of interest").click()
    page.get_by_label("Title").fill("Lunar dust <b>sensor</b>")
    page.get_by_label("Summary").fill("Measures dust levitation near the south pole.")
    page.get_by_label("Lander: mass (kg)").fill("11")
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Lander is over budget by 1 kg of mass").wait_for()
    assert page.get_by_label("Title").input_value() == "Lunar dust <b>sensor</b>"
    page.get_by_label("Lander: mass (kg)").fill("4.5")
    shot(page, "apply")
    page.get_by_role("button", name="Submit").click()
    page.get_by_text("Your letter of interest was submitted.").wait_for()
    expect(page.get_by_role("heading", name="Lunar dust <b>sensor</b>")).to_be_visible()  # escaped, shown as typed

    sign_in_browser(page, live_server, officer)
    page.goto(call_url)
    page.get_by_role("link", name="Lunar dust <b>sensor</b>").click()
    page.get_by_label("Score").fill("8")
    page.get_by_role("button", name="Save score").click()
    page.get_by_text("Your score was saved.").wait_for()
    page.goto(call_url)
    page.get_by_role("link", name="Review and selection").click()
    page.get_by_text("1 application, total score 8").wait_for()
    page.get_by_label("Lunar dust <b>sensor</b>").check()
    page.get_by_role("button", name="Save selection").click()
    page.get_by_text("it fits every budget").wait_for()
    shot(page, "selection")
    page.get_by_role("button", name="Publish results").click()
    page.get_by_text("The results are published").wait_for()

    page.context.clear_cookies()
    page.goto(call_url)
    results = page.locator(".hub-results")
    assert "Lunar dust <b>sensor</b> — ILD" in results.inner_text()
    shot(page, "results")


def test_find_a_programme_and_its_open_call(page, live_server):
    call = future_call(title="Orbiter payloads")
    call.programme.name, call.programme.summary = "Lunar Gateway Station", "A station in lunar orbit."
    call.programme.save()
    call.programme.owners.add(OrganisationFactory(name="Agency of the Moon", country="CN"))
    other = future_call().programme
    other.name, other.destination = "Red Planet Rover", "mars"
    other.save()

    page.goto(f"{live_server.url}/hub/")
    page.get_by_label("Destination").select_option("moon")
    page.get_by_role("button", name="Filter").click()
    expect(page.get_by_role("link", name="Red Planet Rover")).to_have_count(0)  # once the filtered page is shown
    shot(page, "programmes")
    page.get_by_role("link", name="Lunar Gateway Station").click()
    page.get_by_role("link", name="Orbiter payloads").click()
    page.get_by_role("link", name="Sign in to apply").wait_for()
    assert "Lander" in page.locator(".hub-budgets").inner_text()
