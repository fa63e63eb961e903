"""Health endpoints, request ids, JSON logs and metrics (issue 19, item 5)."""

import json
import logging
from datetime import timedelta

import pytest
from django.utils import timezone

from rendezvous.core import health
from rendezvous.core.models import OutboxMessage, WorkerHeartbeat

pytestmark = pytest.mark.django_db


def test_live_answers_without_touching_anything(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/health/live")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


def test_ready_when_database_migrations_and_cache_answer(client, settings):
    settings.HEALTH_REQUIRE_WORKER = False
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["checks"] == {"database": True, "migrations": True, "cache": True, "worker": True}


def test_ready_wants_a_recent_worker_heartbeat(client, settings):
    settings.HEALTH_REQUIRE_WORKER = True
    settings.HEALTH_WORKER_MAX_AGE_SECONDS = 60
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["worker"]

    WorkerHeartbeat.objects.create(name="old", beat_at=timezone.now() - timedelta(minutes=5))
    assert client.get("/health/ready").status_code == 503

    health.beat("worker-1")
    response = client.get("/health/ready")
    assert response.status_code == 200
    assert response.json()["failing"] == []


def test_ready_reveals_only_check_names(client, settings):
    settings.HEALTH_REQUIRE_WORKER = True
    body = client.get("/health/ready").content.decode()
    assert set(json.loads(body)) == {"status", "checks", "failing"}
    assert "sqlite" not in body.lower() and "postgres" not in body.lower()


def test_a_failing_check_is_reported_not_raised(client, settings, monkeypatch):
    settings.HEALTH_REQUIRE_WORKER = False

    def broken():
        raise ConnectionError("cache server gone")

    monkeypatch.setitem(health.READINESS_CHECKS, "cache", broken)
    response = client.get("/health/ready")
    assert response.status_code == 503
    assert response.json()["failing"] == ["cache"]
    assert "gone" not in response.content.decode()


def test_health_refuses_unsafe_methods(client):
    assert client.post("/health/live").status_code == 405
    assert client.post("/health/ready").status_code == 405


def test_every_response_carries_a_request_id_and_keeps_a_well_formed_one(client):
    made = client.get("/health/live")["X-Request-ID"]
    assert len(made) == 32
    assert client.get("/health/live", headers={"X-Request-ID": "proxy-id-12345"})["X-Request-ID"] == "proxy-id-12345"
    # A malformed id (could forge log lines) is replaced.
    assert client.get("/health/live", headers={"X-Request-ID": "bad\nid"})["X-Request-ID"] != "bad\nid"


def test_json_log_lines_carry_the_request_id(settings):
    from pythonjsonlogger.json import JsonFormatter

    from rendezvous.core.observability import RequestIdFilter, set_request_id

    formatter = JsonFormatter(
        "%(asctime)s %(levelname)s %(name)s %(message)s %(request_id)s",
        rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
    )
    record = logging.LogRecord("rendezvous.test", logging.WARNING, __file__, 1, "mail failed", None, None)
    token = set_request_id("abcdef0123456789")
    try:
        RequestIdFilter().filter(record)
    finally:
        from rendezvous.core.observability import _request_id

        _request_id.reset(token)
    line = json.loads(formatter.format(record))
    assert line["request_id"] == "abcdef0123456789"
    assert line["level"] == "WARNING" and line["message"] == "mail failed" and line["logger"] == "rendezvous.test"


def test_metrics_are_off_by_default(client, settings):
    settings.METRICS_TOKEN = ""
    assert client.get("/metrics").status_code == 404


def test_metrics_want_the_token(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    assert client.get("/metrics").status_code == 401
    assert client.get("/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401


def test_metrics_report_requests_queue_depth_and_registrations(client, settings):
    settings.METRICS_TOKEN = "scrape-secret-0123456789"
    OutboxMessage.objects.create(to="a@example.org", subject="s", body="b")
    client.get("/health/live")
    response = client.get("/metrics", headers={"Authorization": "Bearer scrape-secret-0123456789"})
    assert response.status_code == 200
    text = response.content.decode()
    assert 'rendezvous_http_requests_total{method="GET",status="200"}' in text
    assert "rendezvous_http_request_duration_seconds_bucket" in text
    assert 'rendezvous_outbox_messages{status="queued"} 1.0' in text
    assert "# TYPE rendezvous_registrations gauge" in text


@pytest.mark.django_db(transaction=True)
def test_mail_queued_in_a_request_carries_its_id_into_the_worker_task(settings):
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    from rendezvous.core import outbox
    from rendezvous.core.observability import _request_id, current_request_id, request_id_of, set_request_id

    settings.OUTBOX_SEND_ON_COMMIT = False
    token = set_request_id("request-0123456789")
    try:
        with transaction.atomic():
            outbox.queue_email(to="a@example.org", subject="s", body="b")
    finally:
        _request_id.reset(token)
    task = DBTaskResult.objects.get()
    assert "request-0123456789" in str(task.args_kwargs)
    # The worker runs the task under that id; a task without one gets a fresh id of its own.
    with request_id_of("request-0123456789"):
        assert current_request_id() == "request-0123456789"
    with request_id_of(""):
        assert current_request_id().startswith("task-")
    assert current_request_id() == ""
