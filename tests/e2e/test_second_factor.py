"""An organiser enrols an authenticator app in a real browser, because their edition requires one, and then signs in
with its code instead of an e-mailed link."""

import base64
import re

import pytest
from django.contrib.auth import get_user_model
from django.db.models import F
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rendezvous.core.models import OutboxMessage, SecurityKey
from rendezvous.events.models import EditionStaff
from tests.conftest import ARTIFACTS
from tests.factories import EditionFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 2022"
EMAIL = "organiser@unoosa.example"


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = live_server.url
    return live_server.url


def code_from(secret_shown: str) -> str:
    """What the person's app computes from the key shown on the page (RFC 6238, 30 s, 6 digits)."""
    secret = secret_shown.replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{totp(key):06d}"


def password_step(page, site, next_path: str):
    page.goto(f"{site}/accounts/sign-in/organiser/?next={next_path}")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()


def test_an_organiser_enrols_an_app_as_the_edition_requires_and_signs_in_with_its_code(page, site):
    edition = EditionFactory(slug="strong-2026", organisers_require_strong_second_factor=True)
    user = get_user_model().objects.create_user(EMAIL, PASSWORD, is_staff=True)
    EditionStaff.objects.create(edition=edition, user=user, role="organiser")
    dashboard = "/events/strong-2026/organise/"

    # Without an app, the e-mailed link is the second factor; the organiser pages then ask for an app first.
    password_step(page, site, dashboard)
    page.get_by_text("Your password was accepted").wait_for()
    message = OutboxMessage.objects.filter(to=EMAIL).latest("id")
    page.goto(re.search(r"http://\S+/accounts/sign-in/link/[\w-]+/", message.body).group(0))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Account security").wait_for()
    page.get_by_text("An edition you organise requires an authenticator app").wait_for()

    page.get_by_label("Name of the device (optional)").fill("Work phone")
    page.get_by_role("button", name="Add an authenticator app").click()
    page.get_by_text("Scan this code with your authenticator app").wait_for()
    assert page.locator(".qr svg").count() == 1
    page.screenshot(path=str(ARTIFACTS / "second_factor_enrol.png"))
    secret = page.locator("code[data-secret]").inner_text()
    page.get_by_label("Code from your authenticator app").fill(code_from(secret))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url(site + dashboard)
    assert TOTPDevice.objects.filter(user=user, confirmed=True, name="Work phone").exists()

    page.get_by_role("button", name="Sign out").click()
    # A code works once per 30-second step; rather than wait, the enrolment is moved one step into the past.
    TOTPDevice.objects.filter(user=user).update(last_t=F("last_t") - 1)
    mails_before = OutboxMessage.objects.filter(to=EMAIL).count()
    password_step(page, site, dashboard)
    page.get_by_role("heading", name="Enter your code").wait_for()
    page.get_by_label("Code from your authenticator app").fill("000000" if code_from(secret) != "000000" else "111111")
    page.get_by_role("button", name="Sign in").click()
    page.get_by_text("That code is not right").wait_for()
    TOTPDevice.objects.filter(user=user).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    page.get_by_label("Code from your authenticator app").fill(code_from(secret))
    page.screenshot(path=str(ARTIFACTS / "second_factor_sign_in.png"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + dashboard)
    assert OutboxMessage.objects.filter(to=EMAIL).count() == mails_before, "no link was mailed"


def virtual_security_key(page) -> None:
    """Chromium's virtual authenticator (DevTools WebAuthn domain): a real CTAP2 key in software, touched at once."""
    session = page.context.new_cdp_session(page)
    session.send("WebAuthn.enable")
    session.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "usb",
                "hasResidentKey": False,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )


def test_an_organiser_enrols_a_security_key_and_signs_in_with_it(page, site):
    edition = EditionFactory(slug="keys-2026", organisers_require_strong_second_factor=True)
    user = get_user_model().objects.create_user(EMAIL, PASSWORD, is_staff=True)
    EditionStaff.objects.create(edition=edition, user=user, role="organiser")
    dashboard = "/events/keys-2026/organise/"
    virtual_security_key(page)

    password_step(page, site, dashboard)
    message = OutboxMessage.objects.filter(to=EMAIL).latest("id")
    page.goto(re.search(r"http://\S+/accounts/sign-in/link/[\w-]+/", message.body).group(0))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("heading", name="Account security").wait_for()
    page.get_by_label("Name of the key (optional)").fill("Desk key")
    page.get_by_role("button", name="Add a security key").click()
    page.wait_for_url(site + dashboard)
    key = SecurityKey.objects.get(user=user)
    assert key.name == "Desk key"

    page.get_by_role("button", name="Sign out").click()
    password_step(page, site, dashboard)
    page.get_by_role("heading", name="Use your security key").wait_for()
    page.screenshot(path=str(ARTIFACTS / "second_factor_security_key.png"))
    page.get_by_role("button", name="Use a security key").click()
    page.wait_for_url(site + dashboard)
    key.refresh_from_db()
    assert key.last_used_at is not None
