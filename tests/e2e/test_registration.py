"""Applicants in a real browser: routes by country, an approved applicant finds the online link, invitations, a full
mode's waiting list."""

import re

import pytest
from playwright.sync_api import expect

from rendezvous.core.models import OutboxMessage
from rendezvous.registration import services
from rendezvous.registration.models import Registration, Status
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import application, policy_for

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def edition():
    edition = EditionFactory(slug="haikou-reg", title="Second Global Partnership Workshop on Space Exploration")
    policy_for(edition, moderated=True, in_person=1, online=None)
    return edition


def fill_application(page, *, given, family, email, attendance="online", skip_email=False):
    page.fill("input[name=given_name]", given)
    page.fill("input[name=family_name]", family)
    if not skip_email:
        page.fill("input[name=email]", email)
    page.fill("input[name=organisation_name]", "Centre national d'études spatiales")
    page.select_option("select[name=organisation_type]", "space_agency")
    page.fill("input[name=position]", "Mission engineer")
    page.check("input[name=gender][value=female]")
    page.check(f"input[name=attendance][value={attendance}]")
    page.check("input[name=consent]")
    page.click("text=Send my application")


def path_in_mail(email, kind):
    body = OutboxMessage.objects.filter(to=email, kind=kind).latest("id").body
    return re.search(r"https?://[^/\s]+(/\S+)", body).group(1)


def test_france_applicant_registers_is_approved_and_sees_the_online_link(page, live_server, edition):
    page.goto(f"{live_server.url}/events/haikou-reg/register/")
    page.select_option("select[name=country]", "FR")
    page.click("text=Continue")
    page.wait_for_selector("input[name=given_name]")
    fill_application(page, given="Jeanne", family="Martin", email="jeanne.martin@example.fr")
    page.wait_for_selector("h1:has-text('Application received')")
    registration = Registration.objects.get(email="jeanne.martin@example.fr")
    assert registration.status == Status.PENDING

    # The mail links to the participant page, which asks for a sign-in and mails a fresh link; before approval the
    # page has no meeting link.
    page.goto(live_server.url + path_in_mail(registration.email, "registration.received"))
    page.get_by_label("E-mail address").fill(registration.email)
    page.get_by_role("button", name="E-mail me a sign-in link").click()
    page.get_by_role("heading", name="Check your e-mail").wait_for()
    page.goto(live_server.url + path_in_mail(registration.email, "sign_in_link"))
    page.click("button:has-text('Sign in')")
    page.wait_for_selector("h1:has-text('My registration')")
    expect(page.locator("[data-status=pending]")).to_be_visible()
    assert edition.online_meeting_url not in page.content()

    services.approve_registration(registration)  # the organiser's decision (their queue is another page)
    page.reload()
    expect(page.locator("[data-status=approved]")).to_be_visible()
    assert "/join/" in page.get_attribute("text=Join the online sessions", "href")  # personal link (participation)
    page.screenshot(path="test-artifacts/registration-approved-participant.png", full_page=True)


def test_china_based_applicant_is_told_then_registers_with_an_invitation(page, live_server, edition):
    page.goto(f"{live_server.url}/events/haikou-reg/register/")
    page.select_option("select[name=country]", "CN")
    page.click("text=Continue")
    assert "by invitation only" in page.locator(".reg-route").inner_text()
    assert page.locator("input[name=given_name]").count() == 0
    page.screenshot(path="test-artifacts/registration-invitation-only.png", full_page=True)

    services.invite(edition, email="li.wei@example.cn", given_name="Wei", family_name="Li")
    page.goto(live_server.url + path_in_mail("li.wei@example.cn", "registration.invited"))
    assert page.locator("input[name=given_name]").input_value() == "Wei"
    page.select_option("select[name=country]", "CN")
    fill_application(page, given="Wei", family="Li", email="", attendance="in_person", skip_email=True)
    page.wait_for_selector("h1:has-text('You are registered')")
    registration = Registration.objects.get(email="li.wei@example.cn")
    assert registration.country == "CN" and registration.status == Status.APPROVED


def test_full_in_person_mode_puts_the_next_applicant_on_the_waiting_list(page, live_server, edition):
    services.submit_application(edition, application(attendance="in_person"))  # takes the only in-person seat
    page.goto(f"{live_server.url}/events/haikou-reg/register/?country=KE")
    assert "in-person places are all taken" in page.content()
    fill_application(page, given="Wanjiru", family="Kamau", email="wanjiru@example.ke", attendance="in_person")
    page.wait_for_selector("h1:has-text('You are on the waiting list')")
    assert Registration.objects.get(email="wanjiru@example.ke").status == Status.WAITLISTED
    page.screenshot(path="test-artifacts/registration-waitlisted.png", full_page=True)
