"""The hub digest's unsubscribe link in a real browser, on a phone and in Arabic: opening it changes nothing, one
press stops the digest, and another undoes it."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from rendezvous.partnerships.models import HubProfile
from rendezvous.partnerships.services import digest
from tests.e2e.test_partnerships import shot
from tests.factories import UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def in_arabic(text: str) -> str:
    with translation.override("ar"):
        return translation.gettext(text)


def wants_digest(user) -> bool:
    return HubProfile.objects.get(user=user).digest


def test_the_link_stops_the_digest_only_when_asked_and_the_page_can_undo_it(page, live_server):
    reader = UserFactory()
    HubProfile.objects.create(user=reader, digest=True)
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])

    page.goto(live_server.url + reverse("partnerships:unsubscribe", kwargs={"token": digest.unsubscribe_token(reader)}))
    assert page.locator("html").get_attribute("dir") == "rtl"
    stop = page.get_by_role("button", name=in_arabic("Stop the digest"))
    stop.wait_for()
    assert wants_digest(reader)  # a mail scanner opening the link stops nothing
    shot(page, "unsubscribe_ar_phone")

    stop.click()
    page.get_by_text(in_arabic("You are unsubscribed: the hub sends you no more digests.")).wait_for()
    assert not wants_digest(reader)

    page.get_by_role("button", name=in_arabic("Undo: keep sending me the digest")).click()
    page.get_by_text(in_arabic("You will receive the weekly digest again.")).wait_for()
    assert wants_digest(reader)
