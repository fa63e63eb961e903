"""Rate limits hold under concurrency: parallel requests never get more than the limit through.

Each thread has its own database connection (Django opens one per thread), as parallel web requests do. Under
PostgreSQL (`python -m tests.support.with_postgres ... tests/core/test_ratelimit.py`) the requests really overlap;
a check-then-insert in two statements let 18 of 20 through a limit of 5 there.
"""

import json
import threading

import pytest
from django.db import connection
from django.test import override_settings

from rendezvous.core import ratelimit, services
from rendezvous.core.models import OutboxMessage, RateLimitCounter
from tests.factories import UpcomingEditionFactory, make_user, policy_for
from tests.factories.registration import application_json


def run_in_parallel(calls) -> tuple[int, list[Exception]]:
    """Start every call at the same moment; return how many returned normally and the exceptions of the others."""
    barrier = threading.Barrier(len(calls))
    accepted, refused, lock = [], [], threading.Lock()

    def run(call):
        try:
            barrier.wait()
            call()
            with lock:
                accepted.append(1)
        except Exception as error:  # collected and asserted on below
            with lock:
                refused.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(call,)) for call in calls]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return len(accepted), refused


@pytest.mark.django_db(transaction=True)
def test_parallel_sign_in_link_requests_for_one_address_never_pass_the_limit():
    attempts = 20
    accepted, refused = run_in_parallel(
        [lambda i=i: services.request_sign_in_link("target@example.org", ip=f"198.51.100.{i}") for i in range(attempts)]
    )
    print(
        f"\nsign-in per address: {attempts} parallel attempts, {accepted} accepted (limit {services.MAX_PER_ADDRESS})"
    )
    assert accepted == services.MAX_PER_ADDRESS
    assert all(isinstance(error, services.RateLimited) for error in refused), refused
    assert OutboxMessage.objects.filter(to="target@example.org").count() == services.MAX_PER_ADDRESS


@pytest.mark.django_db(transaction=True)
def test_parallel_sign_in_link_requests_from_one_ip_never_pass_the_limit():
    attempts = 40
    accepted, refused = run_in_parallel(
        [lambda i=i: services.request_sign_in_link(f"p{i}@example.org", ip="203.0.113.9") for i in range(attempts)]
    )
    print(f"\nsign-in per IP: {attempts} parallel attempts, {accepted} accepted (limit {services.MAX_PER_IP})")
    assert accepted == services.MAX_PER_IP
    assert all(isinstance(error, services.RateLimited) for error in refused), refused


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("scope", sorted(ratelimit.DEFAULT_LIMITS))
def test_parallel_hits_of_every_limit_never_pass_it(scope):
    limit, _seconds = ratelimit.limit_for(scope)
    attempts = limit + 20
    accepted, refused = run_in_parallel([lambda: ratelimit.hit(scope, "ip:192.0.2.1") for _ in range(attempts)])
    print(f"\n{scope}: {attempts} parallel attempts, {accepted} accepted (limit {limit})")
    assert accepted == limit
    assert all(isinstance(error, ratelimit.RateLimitExceeded) for error in refused), refused
    # Another key has its own count.
    ratelimit.hit(scope, "ip:192.0.2.2")


@pytest.mark.django_db
def test_the_limit_lifts_in_the_next_window_and_old_counters_are_pruned():
    for _ in range(3):
        ratelimit.hit("amendment", "user:1", limit=3, per_seconds=60, now=1_000_000.0)
    with pytest.raises(ratelimit.RateLimitExceeded) as refused:
        ratelimit.hit("amendment", "user:1", limit=3, per_seconds=60, now=1_000_010.0)
    assert refused.value.retry_after == 1_000_020 - 1_000_010
    ratelimit.hit("amendment", "user:1", limit=3, per_seconds=60, now=1_000_020.0)
    assert ratelimit.prune(now=1_000_000.0 + 3 * 86400) == 2
    assert not RateLimitCounter.objects.exists()


@pytest.mark.django_db
def test_a_limit_of_zero_switches_the_scope_off():
    with override_settings(RATE_LIMITS={"registration": (0, 600)}):
        for _ in range(200):
            ratelimit.hit("registration", "ip:127.0.0.1")
    assert not RateLimitCounter.objects.exists()


@pytest.fixture
def open_edition():
    edition = UpcomingEditionFactory(slug="limited")
    policy_for(edition, moderated=True)
    return edition


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"registration": (2, 600)})
def test_registration_api_answers_429_with_retry_after_past_the_per_ip_limit(client, open_edition):
    url = "/api/editions/limited/registrations"
    answers = [
        client.post(url, data=json.dumps(application_json(email=f"a{i}@example.org")), content_type="application/json")
        for i in range(3)
    ]
    assert [answer.status_code for answer in answers] == [201, 201, 429]
    assert 0 < int(answers[2]["Retry-After"]) <= 600
    assert "Too many requests" in answers[2].json()["detail"]
    # Another network is not affected.
    other = client.post(
        url,
        data=json.dumps(application_json(email="b@example.org")),
        content_type="application/json",
        REMOTE_ADDR="198.51.100.20",
    )
    assert other.status_code == 201


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"registration": (2, 600)})
def test_registration_form_answers_429_with_a_clear_page_past_the_per_ip_limit(client, open_edition):
    url = "/events/limited/register/?country=FR"
    statuses = [client.post(url, {"email": "not-complete@example.org"}).status_code for _ in range(2)]
    assert 429 not in statuses
    refused = client.post(url, {"email": "not-complete@example.org"})
    assert refused.status_code == 429 and "Retry-After" in refused
    assert b"Too many requests" in refused.content
    # Reading the form is never limited.
    assert client.get(url).status_code == 200


@pytest.mark.django_db
@override_settings(RATE_LIMITS={"amendment": (1, 3600), "hub_application": (1, 3600), "hub_contact_sender": (1, 3600)})
@pytest.mark.parametrize(
    "url", ["/events/limited/outcome/paragraphs/1/amend/", "/hub/calls/any/apply/", "/hub/board/1/contact/"]
)
def test_amendments_applications_and_the_relay_are_limited_per_person(client, url):
    client.force_login(make_user("sender@example.org"))
    first = client.post(url, {})
    assert first.status_code != 429
    assert client.post(url, {}).status_code == 429
