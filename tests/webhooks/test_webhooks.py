"""Webhooks (issue 18, item 3): queued with the change, signed, sent by the worker's job to a real HTTP receiver on
the loopback (allowed here by setting), retried with backoff, disabled after a day of failures with an e-mail; the
address rules; the organisers' page."""

import datetime
import hashlib
import hmac
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from rendezvous.core import audit
from rendezvous.core.models import OutboxMessage
from rendezvous.registration import services as registration
from rendezvous.webhooks import services
from rendezvous.webhooks.models import Delivery, DeliveryState, Endpoint
from tests.factories import PublicSessionFactory, UpcomingPublicEditionFactory, make_organiser, make_user, policy_for
from tests.factories.registration import application, register

pytestmark = [
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("loopback_allowed"),
]


@pytest.fixture
def loopback_allowed():
    cache.clear()  # which endpoints listen is cached per edition id, and ids are reused between these tests
    with override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=True, WEBHOOKS_REQUIRE_HTTPS=False):
        yield
    cache.clear()


class Receiver:
    """An HTTP server on 127.0.0.1 that records what it is sent and answers with `status`."""

    def __init__(self):
        self.received: list[tuple[dict, bytes]] = []
        self.status = 200
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the http.server name
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                self.send_response(receiver.status)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = HTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    receiver = Receiver()
    yield receiver
    receiver.close()


@pytest.fixture
def edition():
    edition = UpcomingPublicEditionFactory(slug="haikou-hooks")
    policy_for(edition, moderated=True)
    return edition


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "organiser@example.org")


def endpoint_for(edition, organiser, url, events=("registration.approved",)):
    return services.create_endpoint(edition, url=url, events=list(events), actor=organiser)


def is_genuine(secret: str, headers: dict, body: bytes) -> bool:
    """The verification example of docs/webhooks.md."""
    timestamp = headers["Rendezvous-Timestamp"]
    if abs(time.time() - int(timestamp)) > 300:
        return False
    expected = "v1=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, headers["Rendezvous-Signature"])


def test_a_change_queues_a_signed_delivery_that_the_worker_sends(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url)
    applicant = register(edition, "amina@example.org", status="pending")

    registration.approve_registration(applicant, actor=organiser, reason="Welcome")
    assert receiver.received == []  # nothing is sent inside the change
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.PENDING and delivery.event == "registration.approved"

    assert services.deliver_due() == "1 webhook deliveries sent, 0 failed"
    [(headers, body)] = receiver.received
    assert is_genuine(endpoint.secret, headers, body)
    assert not is_genuine("another secret", headers, body)
    assert not is_genuine(endpoint.secret, headers, body + b" ")
    message = json.loads(body)
    assert message["event"] == "registration.approved" and message["edition"] == edition.slug
    assert message["object"] == {"type": "registration.registration", "id": str(applicant.pk)}
    assert message["id"] == headers["Rendezvous-Delivery"] == str(delivery.uuid)
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED and delivery.last_status == 200
    assert delivery.last_response_ms is not None


def test_only_chosen_events_are_sent_and_a_rolled_back_change_sends_nothing(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url, events=["programme.changed"])
    applicant = register(edition, "amina@example.org", status="pending")
    registration.approve_registration(applicant, actor=organiser)
    assert not Delivery.objects.filter(endpoint=endpoint).exists()

    with pytest.raises(RuntimeError), transaction.atomic():
        PublicSessionFactory(edition=edition)
        audit.record("session.created", edition, actor=organiser, edition=edition)
        raise RuntimeError("rolled back")
    assert not Delivery.objects.filter(endpoint=endpoint).exists()


def test_a_failing_receiver_is_retried_with_backoff(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url)
    receiver.status = 500
    registration.approve_registration(register(edition, "amina@example.org", status="pending"), actor=organiser)

    assert services.deliver_due() == "0 webhook deliveries sent, 1 failed"
    delivery = Delivery.objects.get(endpoint=endpoint)
    assert delivery.state == DeliveryState.PENDING and delivery.attempts == 1 and delivery.last_status == 500
    assert delivery.next_attempt_at > timezone.now() + datetime.timedelta(seconds=20)
    assert services.deliver_due() == "0 webhook deliveries sent, 0 failed"  # not due yet

    receiver.status = 204
    later = delivery.next_attempt_at + datetime.timedelta(seconds=1)
    assert services.deliver_due(now=later) == "1 webhook deliveries sent, 0 failed"
    delivery.refresh_from_db()
    assert delivery.state == DeliveryState.DELIVERED and delivery.attempts == 2
    assert len(receiver.received) == 2
    assert receiver.received[0][1] == receiver.received[1][1]  # the same message, the same id
    second_gap = services._backoff(2)
    assert second_gap == 2 * services._backoff(1)


def test_an_endpoint_failing_for_a_day_is_disabled_and_its_owner_told(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url)
    receiver.status = 503
    Endpoint.objects.filter(pk=endpoint.pk).update(failing_since=timezone.now() - datetime.timedelta(hours=25))
    registration.approve_registration(register(edition, "amina@example.org", status="pending"), actor=organiser)

    services.deliver_due()
    endpoint.refresh_from_db()
    assert not endpoint.active and endpoint.disabled_at is not None
    mail = OutboxMessage.objects.get(kind="webhook_disabled")
    assert mail.to == organiser.email and receiver.url in mail.body
    assert Delivery.objects.get(endpoint=endpoint).state == DeliveryState.FAILED


def test_a_failure_of_less_than_a_day_keeps_the_endpoint(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url)
    receiver.status = 500
    registration.approve_registration(register(edition, "amina@example.org", status="pending"), actor=organiser)
    services.deliver_due()
    endpoint.refresh_from_db()
    assert endpoint.active and endpoint.failing_since is not None


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("http://example.org/hook", "https"),
        ("https://127.0.0.1/hook", "public"),
        ("https://10.1.2.3/hook", "public"),
        ("https://169.254.169.254/latest", "public"),
        ("https://[::1]/hook", "public"),
        ("ftp://example.org/hook", "https://"),
    ],
)
def test_production_refuses_plain_http_and_private_addresses(edition, organiser, url, message):
    with (
        override_settings(WEBHOOKS_ALLOW_PRIVATE_ADDRESSES=False, WEBHOOKS_REQUIRE_HTTPS=True),
        pytest.raises(ValidationError, match=message),
    ):
        endpoint_for(edition, organiser, url)
    assert not Endpoint.objects.exists()


def test_only_organisers_register_endpoints(edition, receiver):
    with pytest.raises(Exception, match="organisers"):
        endpoint_for(edition, make_user("someone@example.org"), receiver.url)


def test_the_organisers_page_adds_endpoints_logs_and_redelivers(client, edition, organiser, receiver):
    url = f"/events/{edition.slug}/organise/webhooks/"
    client.force_login(make_user("participant@example.org"))
    assert client.get(url).status_code == 403
    client.force_login(organiser)
    added = client.post(url, {"action": "create", "url": receiver.url, "events": ["registration.approved"]})
    assert added.status_code == 302 and added["Location"] == url
    endpoint = Endpoint.objects.get(edition=edition)
    assert endpoint.secret in client.get(url).content.decode()
    # Shown once: a reload neither shows the secret again nor adds the endpoint twice.
    assert endpoint.secret not in client.get(url).content.decode()
    assert Endpoint.objects.filter(edition=edition).count() == 1
    registration.approve_registration(register(edition, "amina@example.org", status="pending"), actor=organiser)
    services.deliver_due()

    page = client.get(url).content.decode()
    delivery = Delivery.objects.get()
    assert f'data-delivery="{delivery.pk}"' in page and "ms" in page
    client.post(url, {"action": "redeliver", "delivery": delivery.pk})
    assert Delivery.objects.count() == 2
    services.deliver_due()
    assert len(receiver.received) == 2
    assert json.loads(receiver.received[1][1])["id"] != json.loads(receiver.received[0][1])["id"]
    bad = client.post(url, {"action": "create", "url": receiver.url, "events": ["made.up"]})
    assert "Choose at least one event" in bad.content.decode()


def test_an_application_from_the_web_form_queues_registration_created(edition, organiser, receiver):
    endpoint = endpoint_for(edition, organiser, receiver.url, events=["registration.created"])
    policy_for(edition, moderated=True)
    result = registration.submit_application(edition, application(email="wei@example.org"))
    [delivery] = Delivery.objects.filter(endpoint=endpoint)
    assert delivery.event == "registration.created"
    assert delivery.payload["object"]["id"] == str(result.registration.pk)
