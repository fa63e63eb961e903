"""An organiser writes to a filtered list of participants in a real browser: preview, count, confirmation; the outbox
then holds exactly those recipients."""

import pytest

from rendezvous.core.models import OutboxMessage
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import EditionFactory, RegistrationFactory, make_organiser

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / f"messages_{name}.png"), full_page=True)


def test_an_organiser_writes_to_online_participants_in_france(page, live_server, settings):
    settings.OUTBOX_SEND_ON_COMMIT = False  # keep the mail in the outbox, where the test reads it
    edition = EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop", short_title="Haikou 2022")
    RegistrationFactory(edition=edition, given_name="Luc", email="luc@example.org", country="FR", attendance="online")
    RegistrationFactory(edition=edition, given_name="Zoé", email="zoe@example.org", country="FR", attendance="online")
    RegistrationFactory(edition=edition, email="amina@example.org", country="FR", attendance="in_person")
    RegistrationFactory(edition=edition, email="li@example.cn", country="CN", attendance="online")
    RegistrationFactory(
        edition=edition, email="pending@example.org", country="FR", attendance="online", status="pending"
    )
    sign_in_browser(page, live_server, make_organiser(edition, "secretariat@example.org"))

    page.goto(f"{live_server.url}/events/haikou-2022/organise/")
    page.get_by_role("link", name="Messages", exact=True).click()
    page.get_by_label("Status").select_option("approved")
    page.get_by_label("Mode").select_option("online")
    page.get_by_label("Country").select_option("FR")
    page.get_by_label("Subject").fill("Zoom test for {given_name}")
    page.get_by_label("Text").fill("Dear {full_name},\n\nThe Zoom test is on Monday at 09:00 Haikou time.")
    page.get_by_role("button", name="Preview").click()

    page.get_by_text("2 recipients").wait_for()
    assert "Zoom test for Luc" in page.locator(".msg-sample").inner_text()
    assert not OutboxMessage.objects.filter(kind="registration.message").exists()
    shot(page, "preview")

    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    shot(page, "preview_phone")
    page.set_viewport_size({"width": 1280, "height": 900})
    page.get_by_role("button", name="Send to 2 people").click()
    page.get_by_text("The message is on its way to 2 people.").wait_for()
    shot(page, "sent")

    messages = OutboxMessage.objects.filter(kind="registration.message", edition=edition)
    assert sorted(messages.values_list("to", flat=True)) == ["luc@example.org", "zoe@example.org"]
    assert sorted(messages.values_list("subject", flat=True)) == ["Zoom test for Luc", "Zoom test for Zoé"]
