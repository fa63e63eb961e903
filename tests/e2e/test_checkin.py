"""The check-in desk on a phone-sized screen in Chromium: a valid code, the same code again, an unknown code."""

import datetime

import pytest
from django.utils import timezone

from rendezvous.participation import services
from rendezvous.participation.models import CheckIn
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import CnesRegistrationFactory as RegistrationFactory
from tests.factories import EditionWithMeetingFactory as EditionFactory
from tests.factories import staff

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_check_in_staff_on_a_phone(page, live_server):
    today = timezone.localdate(timezone=datetime.UTC)
    edition = EditionFactory(
        slug="haikou-desk", start_date=today - datetime.timedelta(days=1), end_date=today + datetime.timedelta(days=2)
    )
    edition.timezone = "UTC"
    edition.save()
    registration = RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Martin")
    RegistrationFactory(edition=edition)
    code = services.format_badge_code(services.pass_for(registration).badge_code)
    sign_in_browser(page, live_server, staff(edition))

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/events/haikou-desk/check-in/")
    code_field = page.locator("input[name=code]")
    assert code_field.evaluate("element => element === document.activeElement")
    assert page.locator("#id_day_choice").input_value() == today.isoformat()
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "checkin-phone-empty.png"), full_page=True)

    code_field.fill(code)
    code_field.press("Enter")
    banner = page.locator(".ci-result")
    banner.wait_for()
    assert "ci-ok" in banner.get_attribute("class")
    assert "Checked in: Jeanne Martin (CNES) — day 2" in banner.inner_text()
    assert page.locator("[data-checked-in]").inner_text() == "1"
    assert code_field.input_value() == "" and code_field.evaluate("element => element === document.activeElement")
    page.screenshot(path=str(ARTIFACTS / "checkin-phone-green.png"), full_page=True)

    code_field.fill(code)
    code_field.press("Enter")
    page.locator(".ci-bad").wait_for()
    assert "Already checked in today at" in banner.inner_text()

    code_field.fill("NOT-A-REAL-CODE1")
    code_field.press("Enter")
    page.locator(".ci-bad:has-text('Unknown code')").wait_for()
    page.screenshot(path=str(ARTIFACTS / "checkin-phone-red.png"), full_page=True)
    assert CheckIn.objects.filter(registration=registration, day=today).count() == 1
