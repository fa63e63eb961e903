"""Signing in with a real browser: a participant by e-mailed link, an organiser by password plus link."""

import re

import pytest
from django.contrib.auth import get_user_model

from rendezvous.core.models import OutboxMessage
from tests.conftest import ARTIFACTS

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct horse battery staple 2022"


@pytest.fixture
def site(live_server, settings):
    settings.SITE_URL = live_server.url
    return live_server.url


def link_in_mail(to: str) -> str:
    message = OutboxMessage.objects.filter(to=to).latest("id")
    return re.search(r"http://\S+/accounts/sign-in/link/[\w-]+/", message.body).group(0)


def test_participant_signs_in_with_an_emailed_link(page, site):
    page.goto(site + "/")
    page.get_by_role("link", name="Sign in").click()
    page.get_by_label("E-mail address").fill("amina@example.org")
    page.screenshot(path=str(ARTIFACTS / "sign_in_form.png"))
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()

    page.goto(link_in_mail("amina@example.org"))
    page.get_by_text("Sign in to Rendezvous as amina@example.org?").wait_for()
    page.screenshot(path=str(ARTIFACTS / "sign_in_confirm.png"))
    page.get_by_role("button", name="Sign in").click()
    page.get_by_role("button", name="Sign out").wait_for()
    assert get_user_model().objects.filter(email="amina@example.org").exists()


def test_organiser_needs_password_and_emailed_link_to_reach_the_admin(page, site):
    get_user_model().objects.create_user("organiser@unoosa.example", PASSWORD, is_staff=True, is_superuser=True)
    page.goto(site + "/admin/")
    page.get_by_role("heading", name="Organiser sign-in").wait_for()
    page.get_by_label("E-mail address").fill("organiser@unoosa.example")
    page.get_by_label("Password").fill(PASSWORD)
    page.screenshot(path=str(ARTIFACTS / "organiser_sign_in_form.png"))
    page.get_by_role("button", name="Continue").click()
    page.get_by_text("Your password was accepted").wait_for()
    page.screenshot(path=str(ARTIFACTS / "organiser_check_mail.png"))

    page.goto(site + "/admin/")
    page.get_by_role("heading", name="Organiser sign-in").wait_for()  # the password alone does not open the admin

    page.goto(link_in_mail("organiser@unoosa.example"))
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(site + "/admin/")
    assert page.get_by_text("Site administration").count() or page.get_by_text("Editions, programme").count()
