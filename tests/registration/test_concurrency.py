"""Many applicants at once against a small capacity: never more seats than capacity, one application per form.

Each thread uses its own database connection (Django opens one per thread) and closes it at the end. The control
case replaces the seat lock with nothing and shows the overbooking the lock prevents, so this test would catch its
removal.
"""

import threading
import time
import uuid
from contextlib import contextmanager

import pytest
from django.db import connection

from rendezvous.registration import services
from rendezvous.registration.models import Registration, Status
from rendezvous.registration.services import single
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import application, policy_for

pytestmark = pytest.mark.django_db(transaction=True)

THREADS = 12
CAPACITY = 3


@pytest.fixture
def seat_lock_removed(monkeypatch, settings):
    """One application at a time, with no seat lock and no transaction around the seat count, and a pause between
    deciding and writing, so that racing requests all see the same free seats."""
    settings.REGISTRATION_GROUP_COMMIT = False

    @contextmanager
    def no_lock(edition):
        yield services.get_policy(edition)

    decide = single.starting_status

    def decide_then_pause(*args, **kwargs):
        status = decide(*args, **kwargs)
        time.sleep(0.05)
        return status

    monkeypatch.setattr(single, "seat_lock", no_lock)
    monkeypatch.setattr(single, "starting_status", decide_then_pause)


def _fire(edition, payloads):
    barrier = threading.Barrier(len(payloads))
    errors, results = [], []

    def apply(data):
        try:
            barrier.wait()
            results.append(services.submit_application(edition, data))
        except Exception as error:  # collected and asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(data,)) for data in payloads]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results, errors


def _unmoderated_edition():
    edition = EditionFactory()
    policy_for(edition, moderated=False, in_person=CAPACITY)
    return edition


def test_concurrent_submissions_never_overbook():
    edition = _unmoderated_edition()
    results, errors = _fire(edition, [application() for _ in range(THREADS)])
    assert errors == []
    statuses = list(Registration.objects.filter(edition=edition).values_list("status", flat=True))
    assert len(statuses) == THREADS
    assert statuses.count(Status.APPROVED) == CAPACITY
    assert statuses.count(Status.WAITLISTED) == THREADS - CAPACITY


def test_without_the_lock_the_race_overbooks(seat_lock_removed):
    """Control case: the same burst with the lock switched off gives away more seats than there are."""
    edition = _unmoderated_edition()
    results, errors = _fire(edition, [application() for _ in range(THREADS)])
    assert errors == []
    approved = Registration.objects.filter(edition=edition, status=Status.APPROVED).count()
    assert approved > CAPACITY


def test_the_same_form_submitted_concurrently_creates_one_application():
    edition = _unmoderated_edition()
    token = uuid.uuid4()
    data = application(form_token=token)
    twins = [application(form_token=token, email=data.email) for _ in range(6)]
    results, errors = _fire(edition, twins)
    assert errors == []
    assert Registration.objects.filter(edition=edition).count() == 1
    assert len({result.registration.pk for result in results}) == 1
    assert sum(result.created for result in results) == 1
