"""`rendezvous worker`: the one background process an installation runs (as many of them as it likes).

It runs the django-tasks queue (mail handed over in the transaction of the change it reports), and beside it, in a
thread of its own, the housekeeping every worker shares: a heartbeat for `/health/ready` and the periodic jobs of
`core.schedule` (the outbox safety sweep, sign-in pruning, and whatever else the apps register), each run once at a
time across all workers. Neither part ends when the database restarts or the mail server is away: both drop their
dead connections, wait longer each time, and carry on. A supervisor still restarts the process if it is killed
(docs/operations.md).
"""

import logging
import threading
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError, close_old_connections, connections
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS
from django_tasks_db.management.commands.db_worker import Worker

from rendezvous.core import health, schedule

logger = logging.getLogger(__name__)

# Longest wait between tries while the database is unreachable.
MAX_OUTAGE_PAUSE = 30.0
OUTAGES = (OperationalError, InterfaceError)


def _drop_connections() -> None:
    for connection in connections.all(initialized_only=True):
        try:
            connection.close()
        except OUTAGES:
            connection.connection = None


class Housekeeping(threading.Thread):
    """Heartbeat and scheduled jobs, every `interval` seconds, for as long as the process lives."""

    def __init__(self, name: str, interval: float):
        super().__init__(name="housekeeping", daemon=True)
        self.worker_name = name
        self.interval = interval
        self.stopped = threading.Event()

    def run(self) -> None:
        pause = self.interval
        while not self.stopped.is_set():
            try:
                close_old_connections()
                health.beat(self.worker_name)
                schedule.run_due_jobs(runner=self.worker_name)
                pause = self.interval
            except OUTAGES as error:
                logger.warning("Worker housekeeping: database unavailable (%s); retrying in %.1fs", error, pause)
                _drop_connections()
                pause = min(max(pause * 2, 1.0), MAX_OUTAGE_PAUSE)
            except Exception:
                # A bug in one round must not end the housekeeping of every round after it.
                logger.exception("Worker housekeeping failed; retrying in %.1fs", pause)
            self.stopped.wait(pause)


class Command(BaseCommand):
    help = (
        "Run the background worker: the task queue (e-mail), the periodic jobs and a heartbeat. Keeps running "
        "through database and mail server outages; run one or more under a supervisor."
    )

    def add_arguments(self, parser):
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between looks at the task queue.")
        parser.add_argument(
            "--housekeeping-interval", type=float, default=15.0, help="Seconds between heartbeats and job rounds."
        )

    def handle(self, *args, interval, housekeeping_interval, **options):
        name = schedule.worker_name()
        housekeeping = Housekeeping(name, housekeeping_interval)
        housekeeping.start()
        tasks = Worker(
            queue_names=["*"],
            interval=interval,
            batch=False,
            backend_name=DEFAULT_TASK_BACKEND_ALIAS,
            startup_delay=True,
            max_tasks=None,
            worker_id=name,
            excluded_queue_names=[],
        )
        tasks.configure_signals()
        pause = interval
        try:
            while tasks.running:
                started = time.monotonic()
                try:
                    tasks.run()  # returns only when asked to stop
                except OUTAGES as error:
                    if time.monotonic() - started > MAX_OUTAGE_PAUSE:
                        pause = interval  # it ran well for a while: a new outage starts with a short wait
                    logger.warning("Worker: database unavailable (%s); retrying in %.1fs", error, pause)
                    _drop_connections()
                    time.sleep(pause)
                    pause = min(max(pause * 2, 1.0), MAX_OUTAGE_PAUSE)
                else:
                    break
        finally:
            housekeeping.stopped.set()
            tasks.reset_signals()
