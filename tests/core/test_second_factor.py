"""Organisers' authenticator apps (TOTP): enrolment with a confirming code, sign-in with a code instead of a link,
and an edition that requires one of its organisers."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.db import models
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from rendezvous.core import second_factor
from rendezvous.core.models import AuditEntry, OutboxMessage
from tests.factories import EditionFactory, make_organiser

pytestmark = pytest.mark.django_db

ORGANISER_SIGN_IN = "/accounts/sign-in/organiser/"
CODE_PAGE = "/accounts/sign-in/code/"
SECURITY = "/accounts/security/"
PASSWORD = "correct horse battery staple 2022"


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app would show now, computed from the secret (RFC 6238), not by the device."""
    device.refresh_from_db()
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):0{device.digits}d}"


def wrong_code_for(device: TOTPDevice) -> str:
    return f"{(int(code_for(device)) + 1) % 10**device.digits:0{device.digits}d}"


def as_if_enrolled_a_step_ago(device: TOTPDevice) -> None:
    """A code works once per time step; the tests that sign in right after enrolling move enrolment one step back."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=models.F("last_t") - 1)


def enrolled_device(user) -> TOTPDevice:
    device = second_factor.start_enrolment(user, name="Phone")
    second_factor.confirm_enrolment(user, code_for(device))
    device.refresh_from_db()
    return device


@pytest.fixture
def organiser():
    return get_user_model().objects.create_user("organiser@unoosa.example", PASSWORD, is_staff=True)


def signed_in_email(client) -> str | None:
    user_id = client.session.get("_auth_user_id")
    return get_user_model().objects.get(pk=user_id).email if user_id else None


# Enrolment


def test_enrolment_shows_a_qr_code_and_counts_only_after_a_right_code(client, organiser):
    client.force_login(organiser)
    page = client.get(SECURITY).content.decode()
    assert "Add an authenticator app" in page
    response = client.post(SECURITY, {"action": "start", "name": "My phone"}, follow=True)
    body = response.content.decode()
    assert "<svg" in body and "Scan this code" in body
    device = TOTPDevice.objects.get(user=organiser)
    assert not device.confirmed and not second_factor.has_strong_device(organiser)
    secret = re.search(r"<code data-secret>([A-Z2-7 ]+)</code>", body).group(1).replace(" ", "")
    assert secret and "otpauth://totp/" in device.config_url

    wrong = client.post(SECURITY, {"action": "confirm", "code": wrong_code_for(device)})
    assert wrong.status_code == 400 and "That code is not right" in wrong.content.decode()
    assert not second_factor.has_strong_device(organiser)

    # The wrong code started django-otp's throttle; an app user would wait a second or two before retrying.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    right = client.post(SECURITY, {"action": "confirm", "code": code_for(device)}, follow=True)
    assert "Your authenticator app is set up" in right.content.decode()
    assert second_factor.has_strong_device(organiser)
    assert AuditEntry.objects.filter(action="account.second_factor_enrolled", actor=organiser).exists()


def test_the_security_page_needs_sign_in(client):
    response = client.get(SECURITY)
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_a_device_of_someone_else_cannot_be_removed(client, organiser):
    other = get_user_model().objects.create_user("other@unoosa.example", PASSWORD, is_staff=True)
    theirs = enrolled_device(other)
    client.force_login(organiser)
    response = client.post(SECURITY, {"action": "remove", "device": theirs.pk})
    assert response.status_code == 400 and "not one of yours" in response.content.decode()
    assert TOTPDevice.objects.filter(pk=theirs.pk).exists()
    mine = enrolled_device(organiser)
    client.post(SECURITY, {"action": "remove", "device": mine.pk})
    assert not TOTPDevice.objects.filter(pk=mine.pk).exists()


# Sign-in with a code


def password_step(client, next_url="/"):
    return client.post(ORGANISER_SIGN_IN, {"email": "organiser@unoosa.example", "password": PASSWORD, "next": next_url})


def test_with_an_app_the_password_step_asks_for_a_code_and_sends_no_link(client, organiser):
    device = enrolled_device(organiser)
    response = password_step(client, "/events/")
    assert response.status_code == 302 and response["Location"] == CODE_PAGE
    assert not OutboxMessage.objects.filter(to=organiser.email).exists(), "no link: the code is the second factor"
    assert signed_in_email(client) is None

    bad = client.post(CODE_PAGE, {"code": "12345x"})
    assert bad.status_code == 400 and "That code is not right" in bad.content.decode()
    assert signed_in_email(client) is None

    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    as_if_enrolled_a_step_ago(device)
    good = client.post(CODE_PAGE, {"code": code_for(device)})
    assert good.status_code == 302 and good["Location"] == "/events/"
    assert signed_in_email(client) == organiser.email


def test_a_wrong_code_does_not_sign_in_and_a_used_code_does_not_work_twice(client, organiser):
    device = enrolled_device(organiser)
    password_step(client)
    assert client.post(CODE_PAGE, {"code": wrong_code_for(device)}).status_code == 400
    assert signed_in_email(client) is None
    # The enrolment code of this time step was already used: replaying it is refused too.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0, throttling_failure_timestamp=None)
    assert client.post(CODE_PAGE, {"code": code_for(device)}).status_code == 400
    assert signed_in_email(client) is None


def test_the_code_page_without_a_password_step_goes_back_to_the_password(client, organiser):
    enrolled_device(organiser)
    response = client.post(CODE_PAGE, {"code": "123456"})
    assert response.status_code == 302 and response["Location"] == ORGANISER_SIGN_IN


def test_without_an_app_the_e_mailed_link_is_still_the_second_factor(client, organiser):
    response = password_step(client)
    assert response.status_code == 200 and b"confirmation link" in response.content
    assert OutboxMessage.objects.filter(to=organiser.email, kind="sign_in_second_factor").exists()


# The edition's requirement


def test_an_edition_that_requires_an_app_sends_organisers_without_one_to_enrol(client):
    edition = EditionFactory(organisers_require_strong_second_factor=True)
    user = make_organiser(edition)
    client.force_login(user)
    dashboard = f"/events/{edition.slug}/organise/"
    response = client.get(dashboard)
    assert response.status_code == 302 and response["Location"].startswith(SECURITY)
    assert "next=" in response["Location"]
    page = client.get(response["Location"]).content.decode()
    assert "requires an authenticator app" in page

    enrolled_device(user)
    assert client.get(dashboard).status_code == 200
    # The last app cannot be removed while the edition requires one.
    device = TOTPDevice.objects.get(user=user)
    refused = client.post(SECURITY, {"action": "remove", "device": device.pk})
    assert refused.status_code == 400 and "requires an authenticator app" in refused.content.decode()
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_an_edition_without_the_requirement_opens_without_an_app(client):
    edition = EditionFactory()
    client.force_login(make_organiser(edition))
    assert client.get(f"/events/{edition.slug}/organise/").status_code == 200


def test_participants_have_no_security_page(client):
    client.force_login(get_user_model().objects.create_user("amina@example.org"))
    assert client.get(SECURITY).status_code == 403
    assert client.post(SECURITY, {"action": "start"}).status_code == 403
    assert not TOTPDevice.objects.exists()
