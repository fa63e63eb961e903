"""Connecting stakeholders in a real browser: a participant follows the Chang'e-7 call with consent and posts an offer;
the CNSA representative sees the follower and invites them."""

import pytest

from rendezvous.core.models import OutboxMessage
from tests.conftest import sign_in_browser
from tests.e2e.test_partnerships import shot
from tests.factories import AcademicOrganisationFactory as OrganisationFactory
from tests.factories.partnerships import participant, payload_call, representative_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_follow_post_and_invite(page, live_server):
    cnsa = OrganisationFactory(name="China National Space Administration", acronym="CNSA", type="space_agency")
    call = payload_call(organisation=cnsa, title="Chang\u2019e-7 international cooperation: science payloads")
    call.programme.name = "Chang\u2019e-7"
    call.programme.save()
    call.programme.owners.add(cnsa)
    lab = OrganisationFactory(name="Lagos Space Lab", country="NG")
    person = participant(country="NG", organisation=lab, email="amaka@example.org", first_name="Amaka", last_name="Obi")
    cnsa_rep = representative_of(cnsa)

    sign_in_browser(page, live_server, person)
    page.goto(f"{live_server.url}/hub/calls/{call.slug}/")
    consent = page.get_by_label("Let the programme\u2019s owner see that I follow it and contact me")
    assert not consent.is_checked()
    consent.check()
    page.get_by_role("button", name="Follow").click()
    page.get_by_text("its owner may see that you follow it and contact you").wait_for()
    shot(page, "follow")

    page.get_by_role("link", name="Look for partners for this call").click()
    page.get_by_label("Offer").check()
    page.get_by_label("Title").fill("Ground station passes over West Africa")
    page.get_by_label("Text").fill("Two S-band passes a day.\nData shared within the hour.")
    page.get_by_label("Topic").select_option("ground_segment")
    assert page.get_by_label("Organisation", exact=True).input_value() == "Lagos Space Lab"
    shot(page, "post_form")
    page.get_by_role("button", name="Post").click()
    page.get_by_text("Your post is on the board.").wait_for()

    page.get_by_role("link", name="Partners wanted").first.click()
    page.get_by_label("Country").select_option("NG")
    page.get_by_role("button", name="Filter").click()
    post = page.locator(".hub-post")
    assert post.count() == 1
    assert "Ground station passes over West Africa" in post.inner_text()
    assert "amaka@example.org" not in page.content()
    shot(page, "board")

    sign_in_browser(page, live_server, cnsa_rep)
    page.goto(f"{live_server.url}/hub/calls/{call.slug}/")
    page.get_by_role("link", name="Followers of this programme").click()
    follower = page.locator(".hub-follower")
    assert "Amaka Obi" in follower.inner_text() and "Nigeria" in follower.inner_text()
    assert "amaka@example.org" not in page.content()
    follower.get_by_text("Invite Amaka Obi").click()
    page.get_by_label("Invitation to Amaka Obi").fill("Would you support Chang\u2019e-7 with your ground station?")
    shot(page, "followers")
    page.get_by_role("button", name="Send invitation").click()
    page.get_by_text("Your invitation is on its way.").wait_for()
    assert OutboxMessage.objects.filter(kind="hub_invitation", to="amaka@example.org").count() == 1
    shot(page, "invited")
