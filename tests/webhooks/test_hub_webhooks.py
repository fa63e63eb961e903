"""Webhooks of the hub (issue 18, item 3): an organisation that publishes calls registers endpoints for its calls'
`application.submitted` and `selection.published`, sent signed by the worker to a real HTTP receiver on the loopback,
retried and disabled as an edition's are; nobody else sees or changes those endpoints or their deliveries."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import override_settings
from django.utils import timezone

from rendezvous.core.models import OutboxMessage
from rendezvous.partnerships import services as hub
from rendezvous.partnerships.models import CallRole
from rendezvous.webhooks import services
from rendezvous.webhooks.models import Delivery, DeliveryState, Endpoint
from tests.factories import AcademicOrganisationFactory, PublicEditionFactory, make_organiser, make_user
from tests.factories.partnerships import representative_of, team_member
from tests.partnerships.test_pages import future_call
from tests.partnerships.test_pages import letter as submitted_letter
from tests.webhooks.test_webhooks import Receiver, is_genuine

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.usefixtures("loopback_allowed")]


@pytest.fixture
def loopback_allowed():
    cache.clear()  # which endpoints listen is cached per owner id, and ids are reused between these tests
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=True, WEBHOOKS_REQUIRE_HTTPS=False):
        yield
    cache.clear()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def call():
    return future_call(title="Lunar lander payloads")


@pytest.fixture
def manager(call):
    """A representative of the organisation publishing the call: one of its hub managers."""
    return representative_of(call.organisation)


def letter(call, organisation=None, **fields):
    application, _representative = submitted_letter(call, organisation, **fields)
    return application


def hook(call, manager, url, events=("application.submitted",)):
    return services.create_publisher_endpoint(call.organisation, url=url, events=list(events), actor=manager)


def test_a_submitted_application_is_sent_signed_to_the_publishers_endpoint(call, manager, receiver):
    endpoint = hook(call, manager, receiver.url)
    applicant = AcademicOrganisationFactory(name="Institute of Lunar Dust", acronym="ILD", country="FR")

    application = letter(call, applicant, title="Secret sensor design")
    assert receiver.received == []  # nothing is sent inside the change
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.event == "application.submitted" and delivery.state == DeliveryState.PENDING

    assert services.deliver_due() == "1 webhook deliveries sent, 0 failed"
    [(headers, body)] = receiver.received
    assert headers["Rendezvous-Event"] == "application.submitted"
    assert is_genuine(endpoint.secret, headers, body)
    assert not is_genuine("another secret", headers, body)
    message = json.loads(body)
    assert message["id"] == str(delivery.uuid)
    assert message["edition"] is None
    assert message["publisher"] == {"id": call.organisation.pk, "name": call.organisation.name}
    assert message["object"] == {"type": "partnerships.application", "id": str(application.pk)}
    assert message["data"]["call"] == {
        "slug": call.slug,
        "title": "Lunar lander payloads",
        "url": f"{settings.SITE_URL}/hub/calls/{call.slug}/",
    }
    sent = message["data"]["application"]
    assert sent["id"] == application.pk and sent["stage"] == "letter_of_interest"
    assert sent["organisation"] == {
        "id": applicant.pk,
        "name": "Institute of Lunar Dust",
        "acronym": "ILD",
        "country": "FR",
    }
    assert datetime.datetime.fromisoformat(sent["submitted_at"]) == application.submitted_at
    # What the application says is for the call's team on the site, not for every system the publisher runs.
    assert "Secret sensor design" not in body.decode()


def test_editing_a_submitted_application_is_not_a_new_submission(call, manager, receiver):
    hook(call, manager, receiver.url)
    application, author = submitted_letter(call)
    lander = call.budgets.get(platform="Lander")
    hub.update_application(
        application,
        author,
        title="Lunar dust sensor, revised",
        summary="Dust.",
        requests=[hub.RequestedResources(platform=lander, mass_kg=3)],
    )
    assert Delivery.objects.count() == 1


def test_a_published_selection_is_sent_with_its_results(call, manager, receiver):
    endpoint = hook(call, manager, receiver.url, events=["selection.published"])
    first = letter(call, AcademicOrganisationFactory(acronym="ILD"), kg="4", title="Dust sensor")
    letter(call, AcademicOrganisationFactory(acronym="RAD"), kg="3", title="Radiation monitor")
    assert not Delivery.objects.exists()  # this endpoint did not ask for submissions
    officer = team_member(call, CallRole.SELECTING_OFFICER)

    with pytest.raises(hub.HubError):
        hub.publish_results(call, officer)  # nothing selected yet: refused, and nothing announced
    assert not Delivery.objects.exists()
    hub.select_applications(call, officer, [first.pk])
    assert not Delivery.objects.exists()  # choosing is not publishing
    hub.publish_results(call, officer)

    assert services.deliver_due() == "1 webhook deliveries sent, 0 failed"
    [(headers, body)] = receiver.received
    assert is_genuine(endpoint.secret, headers, body)
    message = json.loads(body)
    assert message["event"] == "selection.published"
    assert message["object"] == {"type": "partnerships.call", "id": str(call.pk)}
    assert message["data"]["selected"] == [{"application": first.pk, "title": "Dust sensor", "partner": "ILD"}]
    call.refresh_from_db()
    assert datetime.datetime.fromisoformat(message["data"]["results_published_at"]) == call.results_published_at


def test_another_publishers_calls_are_not_sent(call, manager, receiver):
    other_call = future_call()
    hook(call, manager, receiver.url)
    letter(other_call)
    assert not Delivery.objects.exists()


def test_a_failing_receiver_is_retried_then_the_endpoint_disabled_and_its_manager_told(call, manager, receiver):
    endpoint = hook(call, manager, receiver.url)
    receiver.status = 500
    letter(call)
    assert services.deliver_due() == "0 webhook deliveries sent, 1 failed"
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.PENDING and delivery.attempts == 1
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)

    receiver.status = 204
    assert services.deliver_due(now=delivery.next_attempt_at + datetime.timedelta(seconds=1)) == (
        "1 webhook deliveries sent, 0 failed"
    )
    assert receiver.received[0][1] == receiver.received[1][1]

    receiver.status = 503
    Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - datetime.timedelta(hours=25))
    letter(call)
    services.deliver_due()
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    mail = OutboxMessage.objects.get(kind="webhook_disabled")
    assert mail.to == manager.email and receiver.url in mail.body and call.organisation.name in mail.body
    letter(call)
    assert Delivery.objects.filter(endpoint=endpoint).count() == 2  # a disabled endpoint queues nothing more


def test_each_owner_offers_only_its_own_events(call, manager, receiver):
    with pytest.raises(ValidationError, match="Choose at least one event"):
        hook(call, manager, receiver.url, events=["registration.approved"])
    edition = PublicEditionFactory()
    with pytest.raises(ValidationError, match="Choose at least one event"):
        services.create_endpoint(
            edition, url=receiver.url, events=["application.submitted"], actor=make_organiser(edition, "o@example.org")
        )
    assert not Endpoint.objects.exists()


def test_production_refuses_a_private_address_for_a_publisher_too(call, manager):
    with (
        override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=False, WEBHOOKS_REQUIRE_HTTPS=True),
        pytest.raises(ValidationError, match="public"),
    ):
        hook(call, manager, "https://10.1.2.3/hook")


def test_only_the_publishers_representatives_manage_its_endpoints(call, manager, receiver):
    other_manager = representative_of(future_call().organisation)
    applicant_representative = representative_of(AcademicOrganisationFactory())  # represents, publishes no call
    for outsider in (other_manager, applicant_representative, make_user("someone@example.org")):
        with pytest.raises(PermissionDenied, match="representatives of an organisation that publishes calls"):
            hook(call, outsider, receiver.url)
    endpoint = hook(call, manager, receiver.url)
    letter(call)
    delivery = Delivery.objects.get()
    with pytest.raises(PermissionDenied):
        services.set_active(endpoint, False, actor=other_manager)
    with pytest.raises(PermissionDenied):
        services.redeliver(delivery, actor=other_manager)
    assert Endpoint.objects.get().active and Delivery.objects.count() == 1


def page_of(organisation) -> str:
    return f"/hub/organisations/{organisation.pk}/webhooks/"


def test_the_publishers_page_adds_endpoints_logs_and_redelivers(client, call, manager, receiver):
    client.force_login(manager)
    my_hub = client.get("/hub/me/").content.decode()
    assert page_of(call.organisation) in my_hub

    added = client.post(
        page_of(call.organisation), {"action": "create", "url": receiver.url, "events": ["application.submitted"]}
    )
    assert added.status_code == 302
    endpoint = Endpoint.objects.get(publisher=call.organisation)
    assert endpoint.created_by == manager
    assert endpoint.secret in client.get(added["Location"]).content.decode()
    assert endpoint.secret not in client.get(added["Location"]).content.decode()
    letter(call)
    services.deliver_due()
    page = client.get(page_of(call.organisation)).content.decode()
    delivery = Delivery.objects.get()
    assert f'data-delivery="{delivery.pk}"' in page and "application.submitted" in page
    assert "Registration approved" not in page  # an edition's events are not offered here
    client.post(page_of(call.organisation), {"action": "redeliver", "delivery": delivery.pk})
    services.deliver_due()
    assert len(receiver.received) == 2
    client.post(page_of(call.organisation), {"action": "pause", "endpoint": endpoint.pk})
    endpoint.refresh_from_db()
    assert not endpoint.active


def test_a_manager_of_another_organisation_cannot_see_or_change_these_endpoints(client, call, manager, receiver):
    endpoint = hook(call, manager, receiver.url)
    letter(call)
    delivery = Delivery.objects.get()
    other_call = future_call()
    other_manager = representative_of(other_call.organisation)
    client.force_login(other_manager)

    refused = client.get(page_of(call.organisation))
    assert refused.status_code == 403
    assert receiver.url not in refused.content.decode() and endpoint.secret not in refused.content.decode()
    assert page_of(call.organisation) not in client.get("/hub/me/").content.decode()
    created = client.post(
        page_of(call.organisation), {"action": "create", "url": receiver.url, "events": ["application.submitted"]}
    )
    assert created.status_code == 403
    # On their own page, the other organisation's endpoint and delivery are simply not found.
    own = page_of(other_call.organisation)
    assert receiver.url not in client.get(own).content.decode()
    assert client.post(own, {"action": "pause", "endpoint": endpoint.pk}).status_code == 404
    assert client.post(own, {"action": "redeliver", "delivery": delivery.pk}).status_code == 404
    assert Endpoint.objects.get().active and Delivery.objects.count() == 1 and Endpoint.objects.count() == 1

    assert client.get("/hub/organisations/999999/webhooks/").status_code == 404

    client.logout()
    anonymous = client.get(page_of(call.organisation))
    assert anonymous.status_code == 302 and "/accounts/" in anonymous["Location"]
