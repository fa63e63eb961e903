"""Periodic jobs run by the background workers, on a schedule kept in the database (no cron).

Apps register their jobs (`register`) when they load; every worker calls `run_due_jobs` on each round of its loop.
A job's row is both its schedule and its lock: a worker claims a due job with one conditional UPDATE that moves
`running_until` (a lease) forward, so across any number of workers one run of a job happens at a time. A worker that
dies mid-run leaves a lease that expires, and the job is run again on time by another. Jobs must be safe to run
again after an interruption (they all are: sweeps and prunes).
"""

import logging
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from .models import ScheduledJob
from .observability import request_id_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Job:
    name: str
    run: Callable[[], object]  # returns a short account of what it did (shown to platform staff)
    every: timedelta
    lease: timedelta  # longer than the longest run: an expired lease means the runner died


JOBS: dict[str, Job] = {}


def register(name: str, run: Callable[[], object], *, every: timedelta, lease: timedelta | None = None) -> None:
    JOBS[name] = Job(name=name, run=run, every=every, lease=lease or max(every, timedelta(minutes=10)))


def worker_name() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


def _ensure_rows(now) -> None:
    known = set(ScheduledJob.objects.values_list("name", flat=True))
    for job in JOBS.values():
        if job.name not in known:
            # ignore_conflicts: two workers starting together both try to create the row.
            ScheduledJob.objects.bulk_create(
                [ScheduledJob(name=job.name, interval_seconds=int(job.every.total_seconds()), next_run_at=now)],
                ignore_conflicts=True,
            )


def _claim(job: Job, now, runner: str) -> bool:
    free = Q(running_until__isnull=True) | Q(running_until__lt=now)
    claimed = ScheduledJob.objects.filter(free, name=job.name, next_run_at__lte=now).update(
        running_until=now + job.lease, running_on=runner[:200], last_started_at=now
    )
    return claimed == 1


def _release_interrupted(runner: str) -> None:
    """Free the leases this runner still holds from a round that a database outage cut short.

    A runner runs its jobs one after the other, so at the start of a round it holds none; a lease left over means
    the job's `_finish` could not be written. Without this, the job (the outbox safety sweep among them) would wait
    for its whole lease after every outage that hit it mid-run.
    """
    ScheduledJob.objects.filter(running_on=runner[:200], running_until__isnull=False).update(
        running_until=None, running_on=""
    )


def _finish(job: Job, outcome: str, failed: bool) -> None:
    finished = timezone.now()
    ScheduledJob.objects.filter(name=job.name).update(
        running_until=None,
        running_on="",
        last_finished_at=finished,
        next_run_at=finished + job.every,
        last_outcome=outcome[:2000],
        last_failed=failed,
        interval_seconds=int(job.every.total_seconds()),
    )


def run_due_jobs(*, now=None, runner: str | None = None) -> list[str]:
    """Run every registered job that is due and not running elsewhere; return the names of those run here."""
    now = now or timezone.now()
    runner = runner or worker_name()
    _ensure_rows(now)
    _release_interrupted(runner)
    ran = []
    for job in JOBS.values():
        if not _claim(job, now, runner):
            continue
        try:
            with request_id_of(""):  # every run gets an id of its own, so its log lines can be found together
                outcome = job.run()  # jobs keep their own transactions short (a sweep must not hold one over SMTP)
        except Exception as error:  # noqa: BLE001 - one failing job must not stop the others or the worker
            logger.exception("Scheduled job %s failed", job.name)
            _finish(job, f"{type(error).__name__}: {error}", failed=True)
        else:
            _finish(job, str(outcome if outcome is not None else "done"), failed=False)
        ran.append(job.name)
    return ran
