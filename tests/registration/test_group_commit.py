"""Open-route applications through the group commit: one transaction for a burst, same answers as one by one.

`burst._submit_open_group` is called directly for the rules of a group; `submit_application` from threads for the burst.
Interleavings with another server process are injected by wrapping one service step so that, right after it, another
thread (so another database connection) commits a competing change. A plain django_db test runs inside a
transaction, where `submit_application` never uses the group committer, so every test of that path is transactional.
"""

import datetime
import threading
import time
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from django.utils.translation import gettext

from rendezvous.core.models import AuditEntry, Organisation, OutboxMessage
from rendezvous.registration import services
from rendezvous.registration.models import Attendance, Registration, RegistrationPolicy, Status
from rendezvous.registration.services import application as applications
from rendezvous.registration.services import burst, seating, single
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import VenueFactory, application, policy_for
from tests.support.uploads import PDF as REAL_PDF

pytestmark = pytest.mark.django_db

BOUND = 15.0  # seconds; only reached if something is stuck
transactional = pytest.mark.django_db(transaction=True)


def open_edition(*, in_person=3, online=None, moderated=False):
    edition = EditionFactory()
    policy_for(edition, moderated=moderated, in_person=in_person, online=online)
    return edition


def group(edition, *applications):
    return burst._submit_open_group(edition, [(data, None) for data in applications])


def statuses(edition):
    return list(Registration.objects.filter(edition=edition).order_by("id").values_list("status", flat=True))


def kinds_sent_to(email):
    return list(OutboxMessage.objects.filter(to=email).order_by("id").values_list("kind", flat=True))


@pytest.fixture(autouse=True)
def committer_left_idle():
    yield
    committer = burst._open_submissions
    assert not committer._leading and not committer._pending, "a test left the registration committer busy"


# ---------------------------------------------------------------------------------------------------------------------
# The rules of a group, called directly


def test_a_group_beyond_capacity_is_seated_then_waitlisted_in_arrival_order():
    edition = open_edition(in_person=3)
    applicants = [application() for _ in range(5)]
    outcomes = group(edition, *applicants)
    assert [outcome.created for outcome in outcomes] == [True] * 5
    assert [outcome.registration.email for outcome in outcomes] == [data.email for data in applicants]
    assert [outcome.registration.status for outcome in outcomes] == [Status.APPROVED] * 3 + [Status.WAITLISTED] * 2
    assert statuses(edition) == [Status.APPROVED] * 3 + [Status.WAITLISTED] * 2
    waiting = services.waiting_list(edition, Attendance.IN_PERSON)
    assert [registration.email for registration in waiting] == [data.email for data in applicants[3:]]


def _venue_reads(queries: CaptureQueriesContext) -> int:
    return sum('"events_venue"' in query["sql"] for query in queries.captured_queries)


def test_a_group_costs_the_same_queries_whatever_its_size():
    """The venue line and the calendar file its approved applicants' e-mails carry are read once, then kept with the
    policy state for the groups that follow."""
    edition = open_edition(in_person=10)
    VenueFactory(edition=edition)
    with CaptureQueriesContext(connection) as first:
        group(edition, application())  # the organisation exists from now on
    with CaptureQueriesContext(connection) as two:
        group(edition, application(), application())
    with CaptureQueriesContext(connection) as six:
        outcomes = group(edition, *(application() for _ in range(6)))
    assert len(six) == len(two)
    assert [_venue_reads(first), _venue_reads(two), _venue_reads(six)] == [1, 0, 0]
    [calendar] = OutboxMessage.objects.filter(to=outcomes[-1].registration.email).get().attachments
    assert "LOCATION:Haikou International Convention Center" in calendar["content"]


def test_the_next_group_after_a_venue_is_saved_mails_the_new_venue():
    edition = open_edition(in_person=10)
    venue = VenueFactory(edition=edition)
    group(edition, application())
    venue.name = "Hainan Convention Hall"
    venue.save()
    with CaptureQueriesContext(connection) as after:
        [outcome] = group(edition, application())
    assert _venue_reads(after) == 1
    [calendar] = OutboxMessage.objects.filter(to=outcome.registration.email).get().attachments
    assert "LOCATION:Hainan Convention Hall" in calendar["content"]
    assert "Hainan Convention Hall" in OutboxMessage.objects.filter(to=outcome.registration.email).get().body


def test_a_group_right_after_another_counts_the_seats_once_and_stays_exact_when_they_changed_meanwhile(monkeypatch):
    """The seats counted under the lock after a group are the next group's starting point for a moment; seats taken
    meanwhile by another route only make the next group decide again under the lock."""
    edition = open_edition(in_person=3)
    group(edition, application())
    counts = _callers_of(monkeypatch, "held_by_mode")
    group(edition, application())
    assert len(counts) == 1  # under the lock only
    single.submit_one(edition, application(), None, None)  # the last seat, taken by another route
    outcomes = group(edition, application(), application())
    assert [outcome.registration.status for outcome in outcomes] == [Status.WAITLISTED] * 2
    assert statuses(edition) == [Status.APPROVED] * 3 + [Status.WAITLISTED] * 2


def test_each_attendance_mode_has_its_own_seats():
    edition = open_edition(in_person=1, online=1)
    outcomes = group(
        edition,
        application(attendance=Attendance.IN_PERSON),
        application(attendance=Attendance.ONLINE),
        application(attendance=Attendance.IN_PERSON),
        application(attendance=Attendance.ONLINE),
    )
    assert [outcome.registration.status for outcome in outcomes] == [
        Status.APPROVED,
        Status.APPROVED,
        Status.WAITLISTED,
        Status.WAITLISTED,
    ]


def test_a_group_counts_the_seats_already_held():
    edition = open_edition(in_person=2)
    [first] = group(edition, application())
    outcomes = group(edition, application(), application())
    assert first.registration.status == Status.APPROVED
    assert [outcome.registration.status for outcome in outcomes] == [Status.APPROVED, Status.WAITLISTED]


def test_a_moderated_group_is_pending():
    edition = open_edition(in_person=3, moderated=True)
    outcomes = group(edition, application(), application())
    assert [outcome.registration.status for outcome in outcomes] == [Status.PENDING, Status.PENDING]


def test_one_audit_entry_and_one_mail_of_the_right_kind_per_stored_application():
    edition = open_edition(in_person=1)
    moderated = open_edition(in_person=5, moderated=True)
    seated, waiting = group(edition, application(), application())
    [received] = group(moderated, application())
    for outcome, kind in (
        (seated, "registration.approved"),
        (waiting, "registration.waitlisted"),
        (received, "registration.received"),
    ):
        registration = outcome.registration
        assert registration.pk is not None
        assert kinds_sent_to(registration.email) == [kind]
        entries = AuditEntry.objects.filter(object_type="registration.registration", object_id=str(registration.pk))
        assert [(entry.action, entry.edition_id) for entry in entries] == [
            ("registration.submitted", registration.edition_id)
        ]
        assert entries[0].data["status"] == registration.status
    assert AuditEntry.objects.filter(action="registration.submitted").count() == 3
    assert OutboxMessage.objects.filter(kind__startswith="registration.").count() == 3


def test_twins_in_one_group_make_one_application():
    edition = open_edition(in_person=5)
    by_mail = application()
    same_mail = application(email=by_mail.email)  # a new form (new token), same person
    by_token = application()
    same_token = application(form_token=by_token.form_token, email=f"other-{uuid.uuid4().hex[:6]}@example.org")
    outcomes = group(edition, by_mail, by_token, same_mail, same_token)
    assert [outcome.created for outcome in outcomes] == [True, True, False, False]
    assert outcomes[2].registration.pk == outcomes[0].registration.pk
    assert outcomes[3].registration.pk == outcomes[1].registration.pk
    assert Registration.objects.filter(edition=edition).count() == 2
    assert AuditEntry.objects.filter(action="registration.submitted").count() == 2
    assert kinds_sent_to(by_mail.email) == ["registration.approved"]


def test_an_application_already_stored_is_returned_not_repeated():
    edition = open_edition(in_person=5)
    stored = application()
    [first] = group(edition, stored)
    again_same_form = application(form_token=stored.form_token, email=stored.email)
    again_new_form = application(email=stored.email)
    newcomer = application()
    outcomes = group(edition, again_same_form, newcomer, again_new_form)
    assert [outcome.created for outcome in outcomes] == [False, True, False]
    assert outcomes[0].registration.pk == first.registration.pk
    assert outcomes[2].registration.pk == first.registration.pk
    assert Registration.objects.filter(edition=edition).count() == 2
    assert kinds_sent_to(stored.email) == ["registration.approved"]


def test_a_country_on_the_invitation_route_is_refused_and_the_others_are_stored():
    edition = open_edition(in_person=5)
    french, chinese, german = application(country="FR"), application(country="CN"), application(country="DE")
    outcomes = group(edition, french, chinese, german)
    assert isinstance(outcomes[1], services.RouteRefused)
    assert "invitation only" in str(outcomes[1])
    assert outcomes[0].created and outcomes[2].created
    assert sorted(Registration.objects.filter(edition=edition).values_list("email", flat=True)) == sorted(
        [french.email, german.email]
    )
    assert kinds_sent_to(chinese.email) == []


def test_each_refused_applicant_of_a_group_is_told_in_their_own_language():
    """A group is decided in the thread of the applicant leading it, in that applicant's language."""
    edition = open_edition(in_person=5)
    english, french = application(country="CN"), application(country="CN")
    outcomes = burst._submit_open_group(edition, [(english, None), (french, None)], ["en", "fr"])
    assert "by invitation only" in str(outcomes[0])
    assert "sur invitation seulement" in str(outcomes[1])


@pytest.mark.parametrize("leader", ["en", "fr"])
def test_a_window_closed_for_the_whole_group_is_told_in_each_applicants_language(leader):
    edition = open_edition(in_person=5)
    policy = services.get_policy(edition)
    policy.closes_at = timezone.now() - datetime.timedelta(hours=1)
    policy.save()
    entries = [(application(), None), (application(), None), (application(country="CN"), None)]
    with translation.override(leader):
        outcomes = burst._submit_open_group(edition, entries, ["en", "fr", "fr"])
    assert all(isinstance(outcome, services.WindowClosed) for outcome in outcomes)
    assert "Registration closed on" in str(outcomes[0])
    # The refused route is not what the applicant hears first: the window is checked before the route.
    assert all("Les inscriptions ont été closes le" in str(outcome) for outcome in outcomes[1:])


@pytest.mark.parametrize("leader", ["en", "fr"])
def test_a_busy_lock_is_told_in_each_applicants_language(monkeypatch, leader):
    edition = open_edition(in_person=5)

    def busy(*args):
        raise services.RegistrationBusy(gettext(services.BUSY_MESSAGE))

    monkeypatch.setattr(burst, "_store_open_group", busy)
    with translation.override(leader):
        outcomes = burst._submit_open_group(edition, [(application(), None), (application(), None)], ["fr", "en"])
    assert all(isinstance(outcome, services.RegistrationBusy) for outcome in outcomes)
    assert str(outcomes[1]) == services.BUSY_MESSAGE
    with translation.override("fr"):
        assert str(outcomes[0]) == gettext(services.BUSY_MESSAGE) != services.BUSY_MESSAGE


@pytest.mark.parametrize("window", ["closed", "not_yet"])
def test_outside_the_window_every_applicant_is_told_and_nothing_is_stored(window):
    edition = open_edition(in_person=5)
    policy = services.get_policy(edition)
    now = timezone.now()
    if window == "closed":
        policy.closes_at = now - datetime.timedelta(hours=1)
    else:
        policy.opens_at = now + datetime.timedelta(days=1)
    policy.save()
    applicants = [application(), application(), application(country="CN")]
    outcomes = burst._submit_open_batch([(edition, data, None, "en") for data in applicants])
    assert len(outcomes) == 3 and all(isinstance(outcome, services.WindowClosed) for outcome in outcomes)
    assert not Registration.objects.filter(edition=edition).exists()
    assert not AuditEntry.objects.filter(action="registration.submitted").exists()
    assert not OutboxMessage.objects.exists()


def test_a_closed_window_refuses_its_editions_applicants_and_not_another_editions_in_the_same_batch():
    edition = open_edition(in_person=5)
    other = open_edition(in_person=5)
    policy = services.get_policy(edition)
    policy.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    policy.save()
    items = [
        (edition, application(), None, "en"),
        (other, application(), None, "en"),
        (edition, application(), None, "en"),
    ]
    outcomes = burst._submit_open_batch(items)
    assert isinstance(outcomes[0], services.WindowClosed) and isinstance(outcomes[2], services.WindowClosed)
    assert "Registration closed on" in str(outcomes[0])
    # Another edition in the same batch has its own transaction and is not affected.
    assert outcomes[1].created and outcomes[1].registration.edition_id == other.pk
    assert not Registration.objects.filter(edition=edition).exists()


def test_a_repeat_after_the_window_closed_gets_its_application_even_in_a_group():
    edition = open_edition(in_person=5)
    stored = application()
    [first] = group(edition, stored)
    policy = services.get_policy(edition)
    policy.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    policy.save()
    # Alone (a batch of one), the repeat gets its application back, as submit_application promises.
    [alone] = group(edition, application(form_token=stored.form_token, email=stored.email))
    assert alone.registration.pk == first.registration.pk and not alone.created
    # In a group with a newcomer the window's refusal is raised for the whole group, the repeat included.
    outcomes = burst._submit_open_batch(
        [
            (edition, application(form_token=stored.form_token, email=stored.email), None, "en"),
            (edition, application(), None, "en"),
        ]
    )
    assert isinstance(outcomes[1], services.WindowClosed)
    assert isinstance(outcomes[0], services.SubmissionResult) and outcomes[0].registration.pk == first.registration.pk


def test_a_twin_of_a_refused_application_is_judged_on_its_own():
    edition = open_edition(in_person=5)
    refused = application(country="CN")
    corrected = application(email=refused.email, country="FR")  # the same person, the country put right
    # Control, one by one in another edition (with forms of their own: a form token is unique across editions).
    one_by_one = open_edition(in_person=5)
    with pytest.raises(services.RouteRefused):
        single.submit_one(one_by_one, application(email=refused.email, country="CN"), None, None)
    assert single.submit_one(one_by_one, application(email=refused.email, country="FR"), None, None).created
    outcomes = group(edition, refused, corrected)
    assert isinstance(outcomes[0], services.RouteRefused)
    # One by one, the corrected form would be stored (nothing was stored for the refused one).
    assert isinstance(outcomes[1], services.SubmissionResult) and outcomes[1].created


def test_organisation_names_differing_in_case_and_spaces_share_one_row():
    edition = open_edition(in_person=5)
    known = Organisation.objects.create(name="European Space Agency", type="space_agency")
    outcomes = group(
        edition,
        application(organisation_name="ESA"),
        application(organisation_name=" esa "),
        application(organisation_name="european  space agency"),
        application(organisation_name=""),
    )
    esa = Organisation.objects.get(name__iexact="esa")
    assert Organisation.objects.filter(name__iexact="esa").count() == 1
    assert esa.name == "ESA" and esa.type == "space_agency"
    assert outcomes[0].registration.organisation_id == esa.pk
    assert outcomes[1].registration.organisation_id == esa.pk
    assert outcomes[2].registration.organisation_id == known.pk
    assert outcomes[3].registration.organisation_id is None
    assert Organisation.objects.filter(name__iexact="european space agency").count() == 1


# ---------------------------------------------------------------------------------------------------------------------
# A burst through submit_application, from threads


def _fire(edition, payloads):
    """Submit every payload from its own thread at once; return (results, errors)."""
    barrier = threading.Barrier(len(payloads))
    results, errors = [], []

    def apply(data):
        try:
            barrier.wait(BOUND)
            results.append(services.submit_application(edition, data))
        except Exception as error:  # asserted on by the caller
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(data,), daemon=True) for data in payloads]
    for thread in threads:
        thread.start()
    _join(threads)
    return results, errors


def _join(threads):
    deadline = time.monotonic() + BOUND
    for thread in threads:
        thread.join(max(deadline - time.monotonic(), 0))
    assert not [thread for thread in threads if thread.is_alive()], "a submission never returned"


group_commit_on_and_off = pytest.mark.parametrize("group_commit", [True, False], ids=["group commit", "one by one"])


@transactional
@group_commit_on_and_off
def test_a_burst_never_overbooks(settings, group_commit):
    settings.REGISTRATION_GROUP_COMMIT = group_commit
    edition = open_edition(in_person=3)
    results, errors = _fire(edition, [application() for _ in range(12)])
    assert errors == []
    assert len(results) == 12 and all(result.created for result in results)
    held = statuses(edition)
    assert len(held) == 12
    assert held.count(Status.APPROVED) == 3
    assert held.count(Status.WAITLISTED) == 9


@transactional
@group_commit_on_and_off
def test_a_form_submitted_many_times_at_once_makes_one_application(settings, group_commit):
    settings.REGISTRATION_GROUP_COMMIT = group_commit
    edition = open_edition(in_person=3)
    data = application()
    results, errors = _fire(edition, [application(form_token=data.form_token, email=data.email) for _ in range(6)])
    assert errors == []
    assert Registration.objects.filter(edition=edition).count() == 1
    assert len({result.registration.pk for result in results}) == 1
    assert sum(result.created for result in results) == 1
    assert kinds_sent_to(data.email) == ["registration.approved"]


def _queued():
    with burst._open_submissions._mutex:
        return len(burst._open_submissions._pending)


def _wait_until(condition, what):
    deadline = time.monotonic() + BOUND
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting until {what}"
        time.sleep(0.001)


class _HeldFirstGroup:
    """Wraps `_submit_open_group`: records each group's e-mails and holds the first one until released."""

    def __init__(self, monkeypatch):
        self.original = burst._submit_open_group
        self.groups: list[list[str]] = []
        self.entered, self.release = threading.Event(), threading.Event()
        monkeypatch.setattr(burst, "_submit_open_group", self)

    def __call__(self, edition, entries, languages):
        self.groups.append([data.email for data, _actor in entries])
        if len(self.groups) == 1:
            self.entered.set()
            assert self.release.wait(BOUND)
        return self.original(edition, entries, languages)


@transactional
def test_applicants_arriving_during_a_batch_share_the_next_transaction(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3)
    held = _HeldFirstGroup(monkeypatch)
    leader, followers = application(), [application() for _ in range(8)]
    twin = application(form_token=followers[0].form_token, email=followers[0].email)
    results, errors = {}, []

    def apply(data):
        try:
            results.setdefault(data.email, []).append(services.submit_application(edition, data))
        except Exception as error:  # asserted on below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=apply, args=(leader,), daemon=True)]
    threads[0].start()
    assert held.entered.wait(BOUND)
    for data in [*followers, twin]:
        threads.append(threading.Thread(target=apply, args=(data,), daemon=True))
        threads[-1].start()
    _wait_until(lambda: _queued() == len(followers) + 1, "the followers are queued")
    held.release.set()
    _join(threads)

    assert errors == []
    assert [len(emails) for emails in held.groups] == [1, len(followers) + 1]
    assert results[leader.email][0].registration.status == Status.APPROVED
    # Each caller got its own application back, the twin its first's.
    for data in followers:
        assert all(result.registration.email == data.email for result in results[data.email])
    assert sorted(result.created for result in results[followers[0].email]) == [False, True]
    assert len({result.registration.pk for result in results[followers[0].email]}) == 1
    held_seats = statuses(edition)
    assert len(held_seats) == 1 + len(followers)
    assert held_seats.count(Status.APPROVED) == 3 and held_seats.count(Status.WAITLISTED) == len(followers) - 2


@transactional
def test_an_applicant_never_taken_into_a_batch_is_told_to_retry_and_nothing_is_stored(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    monkeypatch.setattr(burst._open_submissions, "_wait_timeout", 0.05)
    edition = open_edition(in_person=3)
    held = _HeldFirstGroup(monkeypatch)
    leader, late = application(), application()
    errors = []

    def lead():
        try:
            services.submit_application(edition, leader)
        except Exception as error:  # asserted on below
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=lead, daemon=True)
    thread.start()
    assert held.entered.wait(BOUND)
    with pytest.raises(services.RegistrationBusy, match="try again"):
        services.submit_application(edition, late)
    held.release.set()
    _join([thread])
    assert errors == []
    assert list(Registration.objects.filter(edition=edition).values_list("email", flat=True)) == [leader.email]
    assert held.groups == [[leader.email]]


# ---------------------------------------------------------------------------------------------------------------------
# Another server process commits while a group is being decided


def _in_other_connection(action):
    """Run `action` in a thread of its own, hence on a database connection of its own, and wait for it."""
    outcome = {}

    def target():
        try:
            outcome["value"] = action()
        except BaseException as error:  # re-raised in the test's thread
            outcome["error"] = error
        finally:
            connection.close()

    thread = threading.Thread(target=target, daemon=True)
    thread.start()
    _join([thread])
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def _after_step(monkeypatch, name, action):
    """Make `action` commit from another connection right after the group route's step `name` first returns."""
    original = getattr(burst, name)
    fired = []

    def step(*args, **kwargs):
        value = original(*args, **kwargs)
        if not fired:
            fired.append(_in_other_connection(action))
        return value

    monkeypatch.setattr(burst, name, step)
    return fired


def _while_seats_are_decided(monkeypatch, edition, action):
    """Make `action` commit from another connection after the group read the seats and before it takes the lock.

    PostgreSQL: literally so, from inside `_policy_with_held_seats`. SQLite's BEGIN IMMEDIATE takes the write lock
    when the transaction starts, so no other connection can commit in that gap (it would wait for us, and we for it):
    the same interleaving is made by reading the seats first, letting the other connection commit, and handing the
    group the read from before.
    """
    if connection.vendor == "postgresql":
        return _after_step(monkeypatch, "_policy_with_held_seats", action)
    read_before = burst._policy_with_held_seats(edition, services.get_policy(edition))
    fired = [_in_other_connection(action)]
    original = burst._policy_with_held_seats

    def stale_once(edition_, recent_policy):
        if read_before[0].edition.pk == edition_.pk and not fired[1:]:
            fired.append("read handed over")
            return read_before
        return original(edition_, recent_policy)

    monkeypatch.setattr(burst, "_policy_with_held_seats", stale_once)
    return fired


def _callers_of(monkeypatch, name):
    """Record the thread of every call the group route makes to the step `name` (a spy: the step still runs)."""
    original, threads = getattr(burst, name), []

    def step(*args, **kwargs):
        threads.append(threading.get_ident())
        return original(*args, **kwargs)

    monkeypatch.setattr(burst, name, step)
    return threads


def _take_last_seat(edition):
    return lambda: single.submit_one(edition, application(), None, None)


def _cancel(registration):
    return lambda: services.cancel_registration(Registration.objects.get(pk=registration.pk))


def _raise_capacity(edition, to):
    return lambda: services.set_capacity(edition, in_person=to, online=None)


def _close_window(edition):
    def close():
        policy = services.get_policy(edition)
        policy.closes_at = timezone.now() - datetime.timedelta(seconds=1)
        policy.save()

    return close


@transactional
@pytest.mark.parametrize(
    ("capacity", "taken", "meanwhile", "expected"),
    [
        pytest.param(2, 1, "take the last seat", Status.WAITLISTED, id="last seat taken meanwhile"),
        pytest.param(1, 1, "cancel", Status.APPROVED, id="seat freed meanwhile"),
        pytest.param(1, 1, "raise capacity", Status.APPROVED, id="capacity raised meanwhile"),
    ],
)
def test_seats_that_no_longer_add_up_under_the_lock_are_decided_again(
    settings, monkeypatch, capacity, taken, meanwhile, expected
):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=capacity)
    holders = [single.submit_one(edition, application(), None, None).registration for _ in range(taken)]
    action = {
        "take the last seat": _take_last_seat(edition),
        "cancel": _cancel(holders[0]),
        "raise capacity": _raise_capacity(edition, capacity + 1),
    }[meanwhile]
    fired = _while_seats_are_decided(monkeypatch, edition, action)
    pessimistic = _callers_of(monkeypatch, "seat_lock")
    data = application()

    result = services.submit_application(edition, data)

    assert fired, "the interleaving was not injected"
    assert result.created and result.registration.status == expected
    assert pessimistic.count(threading.get_ident()) == 1  # decided again, under the lock (the other thread's differ)
    policy = services.get_policy(edition)
    assert Registration.objects.filter(edition=edition, status__in=[Status.APPROVED, Status.PENDING]).count() <= (
        policy.in_person_capacity
    )
    # Nothing was lost or doubled by the rolled-back first attempt.
    assert Registration.objects.filter(edition=edition, email=data.email).count() == 1
    assert Registration.objects.filter(edition=edition).count() == taken + 1 + (meanwhile == "take the last seat")
    assert kinds_sent_to(data.email) == [f"registration.{services.SUBMISSION_EMAILS[expected]}"]
    assert (
        AuditEntry.objects.filter(action="registration.submitted", object_id=str(result.registration.pk)).count() == 1
    )


@transactional
def test_the_last_seat_taken_meanwhile_waitlists_the_group_without_overbooking(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3)
    single.submit_one(edition, application(), None, None)
    _while_seats_are_decided(monkeypatch, edition, _take_last_seat(edition))
    applicants = [application() for _ in range(3)]
    outcomes = group(edition, *applicants)
    assert [outcome.registration.status for outcome in outcomes] == [Status.APPROVED] + [Status.WAITLISTED] * 2
    assert statuses(edition).count(Status.APPROVED) == 3
    assert Registration.objects.filter(edition=edition).count() == 5
    assert OutboxMessage.objects.filter(to__in=[data.email for data in applicants]).count() == 3


@transactional
def test_a_window_closed_meanwhile_refuses_the_group(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3)
    _while_seats_are_decided(monkeypatch, edition, _close_window(edition))
    with pytest.raises(services.WindowClosed):
        services.submit_application(edition, application())
    assert not Registration.objects.filter(edition=edition).exists()
    assert not OutboxMessage.objects.exists()


@transactional
@pytest.mark.parametrize("dated", [False, True], ids=["open now", "open between two dates"])
def test_a_commit_that_changes_nothing_for_the_group_keeps_the_optimistic_decision(settings, monkeypatch, dated):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3, online=None)
    if dated:
        # The window's dates, read under the lock, must compare equal to those the group was decided on.
        now = timezone.now()
        RegistrationPolicy.objects.filter(edition=edition).update(
            opens_at=now - datetime.timedelta(days=1, microseconds=1), closes_at=now + datetime.timedelta(days=1)
        )
    fired = _while_seats_are_decided(
        monkeypatch, edition, lambda: single.submit_one(edition, application(attendance="online"), None, None)
    )
    pessimistic = _callers_of(monkeypatch, "seat_lock")
    result = services.submit_application(edition, application())
    assert fired and result.registration.status == Status.APPROVED
    assert threading.get_ident() not in pessimistic
    assert Registration.objects.filter(edition=edition).count() == 2


@transactional
def test_a_nomination_letter_is_stored_once_when_the_group_is_decided_again(settings, monkeypatch, tmp_path):
    settings.REGISTRATION_GROUP_COMMIT = True
    settings.MEDIA_ROOT = str(tmp_path)
    edition = open_edition(in_person=2)
    single.submit_one(edition, application(), None, None)
    _while_seats_are_decided(monkeypatch, edition, _take_last_seat(edition))
    letter = SimpleUploadedFile("nomination.pdf", REAL_PDF, content_type="application/pdf")

    result = services.submit_application(edition, application(nomination_letter=letter))

    assert result.registration.status == Status.WAITLISTED
    kept = result.registration.nomination_letter.name
    # Nobody's personal document may be left behind without an application that points to it.
    assert [path.relative_to(tmp_path).as_posix() for path in tmp_path.rglob("*.pdf")] == [kept]


def _inject_points():
    return [
        pytest.param("_organisations_for", id="after the repeat check"),
        # SQLite takes its write lock at BEGIN: no other connection can commit inside the transaction there.
        pytest.param("_policy_with_held_seats", id="inside the seat transaction", marks=pytest.mark.postgres_only),
    ]


@transactional
@pytest.mark.parametrize("point", _inject_points())
@pytest.mark.parametrize("same", ["e-mail", "form token"])
def test_a_twin_committed_elsewhere_meanwhile_is_returned_and_the_group_is_stored(monkeypatch, point, same):
    edition = open_edition(in_person=5)
    applicants = [application() for _ in range(3)]
    repeated = applicants[1]
    if same == "e-mail":
        twin = application(email=repeated.email)
    else:
        twin = application(form_token=repeated.form_token, email=f"twin-{uuid.uuid4().hex[:6]}@example.org")
    fired = _after_step(monkeypatch, point, lambda: single.submit_one(edition, twin, None, None).registration)
    one_by_one = _callers_of(monkeypatch, "submit_one")

    outcomes = group(edition, *applicants)

    assert fired, "the twin was not injected"
    elsewhere = fired[0]
    assert [type(outcome) for outcome in outcomes] == [services.SubmissionResult] * 3
    assert outcomes[0].created and outcomes[2].created
    assert not outcomes[1].created and outcomes[1].registration.pk == elsewhere.pk
    stored = set(Registration.objects.filter(edition=edition).values_list("email", flat=True))
    assert stored == {applicants[0].email, elsewhere.email, applicants[2].email}
    assert AuditEntry.objects.filter(action="registration.submitted").count() == 3
    # The group's insert lost the race on a unique constraint, so each application was submitted on its own.
    assert one_by_one.count(threading.get_ident()) == 3


@transactional
def test_inside_a_callers_transaction_the_group_committer_is_not_used(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3)
    calls = []
    original_run = burst._open_submissions.run

    def run(item):
        calls.append(item)
        return original_run(item)

    monkeypatch.setattr(burst._open_submissions, "run", run)
    outside = services.submit_application(edition, application())
    assert len(calls) == 1 and outside.created  # the control: outside a transaction it is used

    def must_not_run(item):
        pytest.fail("the group committer would commit other people's applications with the caller's transaction")

    monkeypatch.setattr(burst._open_submissions, "run", must_not_run)
    with transaction.atomic():
        inside = services.submit_application(edition, application())
        assert inside.created and inside.registration.status == Status.APPROVED
    assert Registration.objects.filter(pk=inside.registration.pk).exists()
    assert kinds_sent_to(inside.registration.email) == ["registration.approved"]


# ---------------------------------------------------------------------------------------------------------------------
# A seat lock held too long elsewhere


@transactional
@pytest.mark.postgres_only
@pytest.mark.parametrize("group_commit", [True, False], ids=["group commit", "one by one"])
def test_a_seat_lock_held_elsewhere_too_long_answers_busy_and_stores_nothing(settings, group_commit):
    settings.REGISTRATION_GROUP_COMMIT = group_commit
    edition = open_edition(in_person=5)
    services.get_policy(edition)
    locked, release = threading.Event(), threading.Event()

    def hold_the_seat_lock():
        try:
            with transaction.atomic():
                seating.lock_policy(edition)
                locked.set()
                release.wait(BOUND)
        finally:
            connection.close()

    holder = threading.Thread(target=hold_the_seat_lock, daemon=True)
    holder.start()
    assert locked.wait(BOUND)
    try:
        with connection.cursor() as cursor:
            # The settings give every connection a 3-second lock timeout; a short one keeps the test fast.
            cursor.execute("SHOW lock_timeout")
            assert cursor.fetchone()[0] == "3s"
            cursor.execute("SET lock_timeout = '150ms'")
        with pytest.raises(services.RegistrationBusy, match="try again"):
            services.submit_application(edition, application())
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET lock_timeout")
        release.set()
        _join([holder])
    assert not Registration.objects.filter(edition=edition).exists()
    assert not OutboxMessage.objects.filter(edition=edition).exists()


@transactional
def test_a_capacity_lowered_below_the_seats_held_does_not_make_every_group_decide_twice(settings, monkeypatch):
    settings.REGISTRATION_GROUP_COMMIT = True
    edition = open_edition(in_person=3)
    for _ in range(3):
        single.submit_one(edition, application(), None, None)
    policy = services.get_policy(edition)
    policy.in_person_capacity = 1  # organisers may lower it; nobody already seated loses their seat
    policy.save()
    pessimistic = _callers_of(monkeypatch, "seat_lock")
    result = services.submit_application(edition, application())
    assert result.registration.status == Status.WAITLISTED
    assert pessimistic == []  # the optimistic decision stood: the group gave no seat
    # A group that would give a seat beyond the lowered capacity is still caught (here: nobody can get one).
    assert Registration.objects.filter(edition=edition, status=Status.APPROVED).count() == 3


@transactional
@pytest.mark.postgres_only
def test_two_groups_inserting_the_same_people_in_opposite_orders_end_without_an_error(monkeypatch):
    """The other server process inserts the same two people in the opposite order: PostgreSQL breaks the deadlock by
    ending one transaction. If that is the group's, it submits each application on its own and finds its twin."""
    edition = open_edition(in_person=5)
    services.get_policy(edition)
    first, second = application(), application()
    inserted, errors = threading.Event(), []

    def store(data):
        applications.new_registration(edition, data, Status.APPROVED, None, None, timezone.now()).save()

    def someone_waits_for_a_row():
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM pg_locks WHERE NOT granted")
            return cursor.fetchone()[0] > 0

    def other_process():
        try:
            with transaction.atomic():
                store(application(email=second.email))
                inserted.set()
                deadline = time.monotonic() + BOUND
                while not someone_waits_for_a_row() and time.monotonic() < deadline:
                    time.sleep(0.01)
                store(application(email=first.email))
        except Exception as error:  # asserted on below: PostgreSQL may end this transaction instead
            errors.append(error)
        finally:
            connection.close()

    thread = threading.Thread(target=other_process, daemon=True)
    thread.start()
    assert inserted.wait(BOUND)
    one_by_one = _callers_of(monkeypatch, "submit_one")
    outcomes = burst._submit_open_batch([(edition, first, None, "en"), (edition, second, None, "en")])
    _join([thread])

    assert all(isinstance(outcome, services.SubmissionResult) for outcome in outcomes)
    if errors:  # the other transaction was ended: the group stored both
        assert services.is_deadlock(errors[0]) and all(outcome.created for outcome in outcomes)
    else:  # the group's was ended: each application found the other process's row
        assert len(one_by_one) == 2 and not any(outcome.created for outcome in outcomes)
    assert sorted(Registration.objects.filter(edition=edition).values_list("email", flat=True)) == sorted(
        [first.email, second.email]
    )


@transactional
def test_the_registration_page_shows_at_once_the_seats_a_group_just_took(client):
    """The group reads the policy state the page keeps for a moment; once it has counted the seats under the lock,
    the state this process keeps shows them."""
    edition = open_edition(in_person=1)
    url = f"/events/{edition.slug}/register/"
    assert "all taken" not in client.get(url).content.decode()
    assert services.submit_application(edition, application()).registration.status == Status.APPROVED
    assert "in-person places are all taken" in client.get(url).content.decode()
