"""Periodic jobs on a schedule kept in the database, one run at a time across workers (issue 19, item 4)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from rendezvous.core import schedule
from rendezvous.core.models import ScheduledJob


@pytest.fixture
def jobs(monkeypatch):
    """Only the jobs a test registers (the apps' own jobs are tested by what they do)."""
    monkeypatch.setattr(schedule, "JOBS", {})
    return schedule.JOBS


@pytest.mark.django_db
def test_the_apps_register_the_outbox_sweep_and_sign_in_pruning():
    assert {"outbox-safety-sweep", "prune-sign-in", "prune-rate-limits"} <= set(schedule.JOBS)


@pytest.mark.django_db
def test_a_due_job_runs_and_is_scheduled_again(jobs):
    runs = []
    schedule.register("count", lambda: runs.append(1) or "counted", every=timedelta(minutes=5))
    now = timezone.now()
    assert schedule.run_due_jobs(now=now, runner="w1") == ["count"]
    row = ScheduledJob.objects.get(name="count")
    assert row.last_outcome == "counted" and not row.last_failed and row.running_until is None
    assert row.next_run_at > now + timedelta(minutes=4)
    # Not due again before its interval.
    assert schedule.run_due_jobs(now=now + timedelta(minutes=1), runner="w1") == []
    assert schedule.run_due_jobs(now=row.next_run_at + timedelta(seconds=1), runner="w1") == ["count"]
    assert len(runs) == 2


@pytest.mark.django_db
def test_a_failing_job_is_recorded_and_the_others_still_run(jobs):
    def broken():
        raise RuntimeError("SMTP refused")

    schedule.register("broken", broken, every=timedelta(minutes=1))
    schedule.register("fine", lambda: "ok", every=timedelta(minutes=1))
    assert schedule.run_due_jobs(runner="w1") == ["broken", "fine"]
    broken_row = ScheduledJob.objects.get(name="broken")
    assert broken_row.last_failed and "SMTP refused" in broken_row.last_outcome
    assert broken_row.running_until is None


@pytest.mark.django_db
def test_a_job_held_by_another_worker_is_not_run_until_its_lease_expires(jobs):
    schedule.register("sweep", lambda: "swept", every=timedelta(minutes=1), lease=timedelta(minutes=10))
    now = timezone.now()
    schedule.run_due_jobs(now=now, runner="setup")
    # Another worker claimed it and died mid-run: its lease is still running.
    ScheduledJob.objects.filter(name="sweep").update(
        next_run_at=now, running_until=now + timedelta(minutes=10), running_on="dead-worker"
    )
    assert schedule.run_due_jobs(now=now + timedelta(minutes=2), runner="w2") == []
    assert schedule.run_due_jobs(now=now + timedelta(minutes=11), runner="w2") == ["sweep"]


@pytest.mark.django_db
def test_a_job_cut_short_by_a_database_outage_runs_again_on_its_runners_next_round(jobs):
    schedule.register("sweep", lambda: "swept", every=timedelta(seconds=1), lease=timedelta(minutes=10))
    now = timezone.now()
    schedule.run_due_jobs(now=now, runner="w1")
    # The outage struck mid-run: the job's finish was never written, so the row still holds w1's lease.
    ScheduledJob.objects.filter(name="sweep").update(
        next_run_at=now, running_until=now + timedelta(minutes=10), running_on="w1"
    )
    assert schedule.run_due_jobs(now=now + timedelta(seconds=2), runner="w2") == []
    assert schedule.run_due_jobs(now=now + timedelta(seconds=2), runner="w1") == ["sweep"]
    assert ScheduledJob.objects.get(name="sweep").running_until is None


@pytest.mark.django_db(transaction=True)
def test_workers_looking_at_the_same_moment_run_a_job_once(jobs):
    runs = []
    lock = threading.Lock()
    started = threading.Barrier(4)

    def slow_job():
        with lock:
            runs.append(threading.get_ident())
        return "done"

    schedule.register("once", slow_job, every=timedelta(hours=1))
    now = timezone.now()
    schedule._ensure_rows(now)
    errors = []

    def worker(index):
        try:
            started.wait()
            schedule.run_due_jobs(now=now, runner=f"worker-{index}")
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker, args=(index,)) for index in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    assert len(runs) == 1
