"""Organisers are signed out after ORGANISER_SESSION_IDLE_SECONDS without a request; participants stay 14 days."""

import time
from datetime import timedelta

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.utils import timezone

from rendezvous.core.middleware import SESSION_SEEN_KEY
from tests.factories import EditionFactory, make_organiser, make_user

pytestmark = pytest.mark.django_db


def signed_in(client) -> bool:
    return "_auth_user_id" in client.session


def set_last_seen(client, seconds_ago: int) -> None:
    session = client.session
    session[SESSION_SEEN_KEY] = int(time.time()) - seconds_ago
    session.save()


def stored_expiry(client) -> timedelta:
    return Session.objects.get(session_key=client.session.session_key).expire_date - timezone.now()


def test_the_defaults_are_two_hours_for_organisers_and_fourteen_days_for_participants():
    assert settings.ORGANISER_SESSION_IDLE_SECONDS == 2 * 3600
    assert settings.SESSION_COOKIE_AGE == 14 * 24 * 3600


def test_an_organiser_idle_longer_than_the_limit_is_signed_out(client):
    client.force_login(make_organiser(EditionFactory()))
    client.get("/")
    assert signed_in(client)
    # The stored session itself expires after the idle time, not after 14 days.
    assert timedelta(hours=1, minutes=59) < stored_expiry(client) <= timedelta(hours=2)

    set_last_seen(client, settings.ORGANISER_SESSION_IDLE_SECONDS - 60)
    client.get("/")
    assert signed_in(client)

    set_last_seen(client, settings.ORGANISER_SESSION_IDLE_SECONDS + 1)
    response = client.get("/admin/")
    assert response.status_code == 302 and "login" in response["Location"]
    assert not signed_in(client)


def test_the_organiser_idle_time_is_configurable(client, settings):
    settings.ORGANISER_SESSION_IDLE_SECONDS = 600
    client.force_login(make_user("staff@example.org", staff=True))
    client.get("/")
    set_last_seen(client, 601)
    client.get("/")
    assert not signed_in(client)


def test_a_participant_stays_signed_in_for_fourteen_days(client):
    client.force_login(make_user("participant@example.org"))
    client.get("/")
    # Idle longer than an organiser may be: still signed in.
    set_last_seen(client, settings.ORGANISER_SESSION_IDLE_SECONDS * 10)
    client.get("/")
    assert signed_in(client)
    assert timedelta(days=13, hours=23) < stored_expiry(client) <= timedelta(days=14)
