"""A hub publisher's webhooks page in a real browser: from My hub, add an endpoint for application.submitted, see the
secret once, see the delivery the worker made to a local receiver, and send it again."""

import json

import pytest
from django.core.cache import cache
from django.test import override_settings

from rendezvous.webhooks import services
from rendezvous.webhooks.models import Endpoint
from tests.conftest import ARTIFACTS, sign_in_browser
from tests.factories import AcademicOrganisationFactory
from tests.factories.partnerships import representative_of
from tests.partnerships.test_pages import future_call, letter
from tests.webhooks.test_webhooks import Receiver, is_genuine

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def receiver():
    cache.clear()
    receiver = Receiver()
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=True, WEBHOOKS_REQUIRE_HTTPS=False):
        yield receiver
    receiver.close()
    cache.clear()


def test_a_publisher_adds_an_endpoint_and_sends_a_delivery_again(page, live_server, receiver):
    call = future_call(title="Lunar lander payloads")
    call.organisation.name, call.organisation.acronym = "Agency of the Moon", "AOM"
    call.organisation.save()
    manager = representative_of(call.organisation)

    sign_in_browser(page, live_server, manager)
    page.goto(f"{live_server.url}/hub/me/")
    page.get_by_role("link", name="Webhooks of AOM").click()
    page.get_by_role("heading", name="Webhooks of AOM").wait_for()
    assert page.get_by_label("Registration approved").count() == 0  # an edition's events are not offered here
    page.get_by_label("Address (https)").fill(receiver.url)
    page.get_by_label("Application submitted to a call").check()
    page.get_by_role("button", name="Add").click()
    page.get_by_role("heading", name="Endpoint added").wait_for()
    endpoint = Endpoint.objects.get(publisher=call.organisation)
    assert page.locator("[data-secret]").inner_text() == endpoint.secret

    letter(call, AcademicOrganisationFactory(acronym="ILD"))
    assert services.deliver_due() == "1 webhook deliveries sent, 0 failed"
    page.reload()  # the page after adding is a GET of its own: reloading it adds nothing
    row = page.locator("tr[data-delivery]")
    assert "application.submitted" in row.inner_text() and "200" in row.inner_text()
    assert page.locator("[data-secret]").count() == 0  # the secret is shown only when the endpoint is added
    assert Endpoint.objects.filter(publisher=call.organisation).count() == 1
    row.get_by_role("button", name="Send again").click()
    page.get_by_text("The delivery will be sent again within a minute.").wait_for()
    services.deliver_due()
    assert page.locator("tr[data-delivery]").count() == 2
    (first_headers, first_body), (second_headers, second_body) = receiver.received
    assert is_genuine(endpoint.secret, second_headers, second_body)
    assert json.loads(first_body)["data"] == json.loads(second_body)["data"]

    page.get_by_role("button", name="Pause").click()
    page.get_by_text("Disabled").wait_for()
    endpoint.refresh_from_db()
    assert not endpoint.active


def test_an_organiser_of_one_edition_adds_an_endpoint_on_a_phone_in_arabic(page, live_server, receiver):
    """An organiser of this edition only; the secret is shown once and a reload adds nothing."""
    from django.conf import settings
    from django.utils import translation

    from tests.factories import UpcomingEditionFactory, make_organiser

    def in_arabic(text: str) -> str:
        with translation.override("ar"):
            return translation.gettext(text)

    edition = UpcomingEditionFactory(slug="webhooks-2030")
    organiser = make_organiser(edition, "secretariat@example.org")
    sign_in_browser(page, live_server, organiser)
    page.set_viewport_size({"width": 390, "height": 844})
    page.context.add_cookies([{"name": settings.LANGUAGE_COOKIE_NAME, "value": "ar", "url": live_server.url}])

    page.goto(f"{live_server.url}/events/{edition.slug}/organise/webhooks/")
    page.get_by_label(in_arabic("Address (https)")).fill(receiver.url)
    page.locator("input[name=events][value='registration.approved']").check()
    page.get_by_role("button", name=in_arabic("Add"), exact=True).click()
    page.get_by_role("heading", name=in_arabic("Endpoint added")).wait_for()
    endpoint = Endpoint.objects.get(edition=edition)
    assert page.locator("[data-secret]").inner_text() == endpoint.secret
    page.screenshot(path=str(ARTIFACTS / "webhooks_edition_ar_phone.png"), full_page=True)

    page.reload()
    page.get_by_role("heading", name=in_arabic("Endpoints")).wait_for()
    assert page.locator("[data-secret]").count() == 0
    assert Endpoint.objects.filter(edition=edition).count() == 1
