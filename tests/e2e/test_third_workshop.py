"""The secretariat runs the third workshop alone, in Chromium: an organiser who is not a superuser clones haikou-2022
into an in-person third workshop, adds a check-in colleague, sets the policy and opens registration; an applicant
registers and is approved; the colleague checks them in by name at the desk, on a phone."""

import datetime

import pytest
from django.utils import timezone

from rendezvous.core.models import User
from rendezvous.events.models import EditionStaff, SeriesSecretariat
from rendezvous.participation.models import CheckIn
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule, Route, Status
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import EditionFactory, RoomFactory, SeriesFactory, SessionFactory, make_user

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"third_workshop_{name}.png"), full_page=True)


@pytest.fixture
def haikou():
    series = SeriesFactory(slug="gpw", name="Global Partnership Workshops")
    edition = EditionFactory(
        slug="haikou-2022", series=series, number=2, title="Second Global Partnership Workshop", format="hybrid"
    )
    SessionFactory(edition=edition, title="Opening", room=RoomFactory(venue__edition=edition, name="Hall A"))
    policy = RegistrationPolicy.objects.create(edition=edition)
    RegistrationRule.objects.create(policy=policy, countries=["CN"], route=Route.INVITATION, allowed_modes="in_person")
    RegistrationRule.objects.create(policy=policy, all_other_countries=True, route=Route.OPEN, allowed_modes="online")
    return edition


def test_the_secretariat_runs_the_third_workshop_alone(page, live_server, haikou):
    secretariat = make_user("secretariat@unoosa.example", staff=True)
    assert not secretariat.is_superuser
    SeriesSecretariat.objects.create(series=haikou.series, user=secretariat)
    start = timezone.localdate() + datetime.timedelta(days=14)
    sign_in_browser(page, live_server, secretariat)

    # Clone.
    page.goto(f"{live_server.url}/organise/")
    page.get_by_role("link", name="Clone Second Global Partnership Workshop").click()
    page.fill("input[name=title]", "Third Global Partnership Workshop")
    page.fill("input[name=slug]", "third-2026")
    page.fill("input[name=start]", start.isoformat())
    page.select_option("select[name=format]", "in_person")
    shot(page, "clone")
    page.get_by_role("button", name="Create the new edition").click()
    page.get_by_role("heading", name="Organise this edition").wait_for()
    assert "created as a draft" in page.inner_text(".messages")

    # A check-in colleague.
    page.get_by_role("link", name="Staff").first.click()
    page.fill("input[name=email]", "desk@unoosa.example")
    page.select_option("select[name=role]", "checkin")
    page.get_by_role("button", name="Add", exact=True).click()
    page.wait_for_selector("text=we e-mailed them")
    shot(page, "staff")

    # The policy: the cloned rules, everyone in person now; capacity bounded.
    page.get_by_role("link", name="Registration policy").click()
    page.get_by_role("heading", name="Registration policy").wait_for()
    assert page.locator("select[name=rules-0-countries] option:checked").inner_text() == "China"
    page.uncheck("input[name=rules-1-modes][value=online]")
    page.check("input[name=rules-1-modes][value=in_person]")
    page.fill("input[name=in_person_capacity]", "99999999999999999999")
    page.get_by_role("button", name="Save the policy").click()
    page.wait_for_selector(".reg-field-error")
    page.fill("input[name=in_person_capacity]", "150")
    # The country picker's search box filters the list.
    page.locator("input.country-filter").nth(2).fill("austr")
    visible = page.locator("select[name=rules-2-countries] option:not([hidden])").all_inner_texts()
    assert "Austria" in visible and "Australia" in visible and "France" not in visible
    page.set_viewport_size({"width": 390, "height": 844})
    shot(page, "policy_phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Save the policy").click()
    page.wait_for_selector("text=Registration policy saved.")
    shot(page, "policy")

    # Open registration: publish the draft.
    page.locator(".org-head").get_by_role("link", name="Organisers").click()
    page.get_by_role("button", name="Publish").click()
    page.wait_for_selector("text=The edition is now published.")

    # An applicant based in France: in person is the only mode offered.
    page.context.clear_cookies()
    page.goto(f"{live_server.url}/events/third-2026/register/")
    page.select_option("select[name=country]", "FR")
    page.click("text=Continue")
    page.wait_for_selector("input[name=given_name]")
    assert page.locator("input[name=attendance][value=online]").count() == 0
    page.fill("input[name=given_name]", "Jeanne")
    page.fill("input[name=family_name]", "Martin")
    page.fill("input[name=email]", "jeanne.martin@example.fr")
    page.fill("input[name=organisation_name]", "Centre national d'études spatiales")
    page.select_option("select[name=organisation_type]", "space_agency")
    page.fill("input[name=position]", "Mission engineer")
    page.check("input[name=gender][value=female]")
    page.check("input[name=attendance][value=in_person]")
    page.check("input[name=consent]")
    page.click("text=Send my application")
    page.wait_for_selector("h1:has-text('Application received')")
    assert Registration.objects.get(email="jeanne.martin@example.fr").status == Status.PENDING

    # The organiser approves.
    sign_in_browser(page, live_server, secretariat)
    page.goto(f"{live_server.url}/events/third-2026/organise/registrations/")
    page.check("input[aria-label='Select Jeanne Martin']")
    page.click("button:has-text('Approve selected')")
    page.wait_for_selector(".message-success")
    assert Registration.objects.get(email="jeanne.martin@example.fr").status == Status.APPROVED

    # The colleague checks her in by name, on a phone; the workshop has not started, so the desk asks first.
    desk = User.objects.get(email="desk@unoosa.example")
    assert EditionStaff.objects.filter(user=desk, edition__slug="third-2026", role="checkin").exists()
    sign_in_browser(page, live_server, desk)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/events/third-2026/check-in/")
    page.fill("input[name=q]", "martin")
    page.get_by_role("button", name="Find").click()
    found = page.locator(".ci-found li", has_text="Jeanne Martin")
    found.locator("input[name=confirm_outside_dates]").check()
    found.get_by_role("button", name="Check in Jeanne Martin").click()
    page.wait_for_selector(".ci-ok")
    assert "Checked in: Jeanne Martin" in page.inner_text(".ci-result")
    shot(page, "checkin_phone")
    assert CheckIn.objects.filter(registration__email="jeanne.martin@example.fr").count() == 1
    # The colleague cannot moderate.
    response = page.goto(f"{live_server.url}/events/third-2026/organise/registrations/")
    assert response.status == 403
    shot(page, "denied_phone")
