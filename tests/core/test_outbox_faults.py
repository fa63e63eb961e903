"""The mail worker under real faults: a real SMTP server stopped, started and hung mid-message, a real PostgreSQL
restarted under the worker, and the worker killed mid-send. Every message must arrive exactly once, counted by its
Message-ID at the receiving server.

The worker runs as a separate process (`rendezvous worker`, the production worker, and `rendezvous send_outbox
--loop`, the mail-only loop) against its own database, as in production,
so these tests use no pytest-django test database. Reproduce the figures of issue 11 with:
`.venv/bin/pytest tests/core/test_outbox_faults.py -p no:cacheprovider -q -s` (prints the counts).
"""

import asyncio
import collections
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from email import message_from_bytes, policy
from pathlib import Path

import psycopg
import pytest
from aiosmtpd.controller import Controller

from tests.core.smtp import HOST, free_port
from tests.support.with_postgres import find_pg_bin, throwaway_cluster

RENDEZVOUS = str(Path(sys.executable).with_name("rendezvous"))


class Sink:
    """An SMTP server that counts accepted messages by Message-ID and can refuse connections or hang in DATA."""

    def __init__(self):
        self.port = free_port()
        self.accepted: collections.Counter[str] = collections.Counter()
        self.interrupted: list[str] = []
        self.hang_next = threading.Event()
        self.hanging = threading.Event()
        self.lock = threading.Lock()
        self._controller = None

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 (aiosmtpd's hook name)
        message = message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        message_id = message["Message-ID"]
        if self.hang_next.is_set():
            # The sender is killed while it waits for our answer: this message never counts as accepted.
            self.hang_next.clear()
            with self.lock:
                self.interrupted.append(message_id)
            self.hanging.set()
            await asyncio.sleep(30)
            return "451 Interrupted"
        with self.lock:
            self.accepted[message_id] += 1
        return "250 Message accepted for delivery"

    def start(self):
        if self._controller is None:
            self._controller = Controller(self, hostname=HOST, port=self.port)
            self._controller.start()

    def stop(self):
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    def total(self) -> int:
        with self.lock:
            return sum(self.accepted.values())


def environment(database_url: str, sink: Sink, **extra) -> dict:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "EMAIL_URL": f"smtp://{HOST}:{sink.port}",
        "EMAIL_TIMEOUT": "3",
        "DJANGO_SETTINGS_MODULE": "rendezvous.settings",
        **extra,
    }


QUEUE_SCRIPT = """
import sys, django
django.setup()
from django.db import transaction
from rendezvous.core.outbox import queue_email
for index in range(int(sys.argv[1])):
    with transaction.atomic():  # one registration, one transaction, one mail
        queue_email(to=f"applicant{index}@example.org", subject=f"Registration {index}", body="Received.",
                    kind="registration")
"""

COUNT_SCRIPT = """
import django
django.setup()
from rendezvous.core.models import OutboxMessage
print(OutboxMessage.objects.filter(status="sent").count(), OutboxMessage.objects.count())
"""

STATUS_SCRIPT = """
import django
django.setup()
from django.db.models import Count
from rendezvous.core.models import OutboxMessage, ScheduledJob
print(dict(OutboxMessage.objects.values_list("status").annotate(Count("id"))),
      list(ScheduledJob.objects.values_list("name", "running_until", "running_on", "last_outcome")))
"""


def run(env: dict, *args: str) -> str:
    return subprocess.run(args, env=env, check=True, capture_output=True, text=True, timeout=120).stdout


WORKERS = {
    "worker": ["worker", "--interval", "0.3", "--housekeeping-interval", "0.5"],
    "send_outbox --loop": ["send_outbox", "--loop", "--interval", "0.3"],
}

HEARTBEAT_SCRIPT = """
import django
django.setup()
from rendezvous.core.models import WorkerHeartbeat
from django.utils import timezone
latest = WorkerHeartbeat.objects.order_by("-beat_at").first()
print((timezone.now() - latest.beat_at).total_seconds() if latest else 1e9)
"""


def start_worker(env: dict, command: str = "worker") -> subprocess.Popen:
    return subprocess.Popen(
        [RENDEZVOUS, *WORKERS[command]],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )


def wait_for(condition, timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return condition()


@pytest.fixture
def sink():
    server = Sink()
    server.start()
    yield server
    server.stop()


def stop_process(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def restart_postgres(database_url: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as connection:
        data_directory = connection.execute("SHOW data_directory").fetchone()[0]
    runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run(
        [*runner, str(find_pg_bin() / "pg_ctl"), "-D", data_directory, "-m", "fast", "-w", "restart"],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        timeout=60,
    )


@pytest.mark.system
@pytest.mark.parametrize("command", list(WORKERS))
def test_worker_survives_postgres_and_smtp_restarts_and_delivers_every_mail_exactly_once(sink, command):
    registrations = 20
    with throwaway_cluster() as database_url:
        # Test-sized backoff (1, 2, 4 s) and sweep (1 s) instead of minutes, so failed attempts are retried in time;
        # enough attempts that no message gives up however long the restarts take on a slow machine (with the
        # default 6 attempts, an outage longer than 15 s would rightly end every message as failed).
        env = environment(
            database_url, sink, OUTBOX_RETRY_DELAYS="1,2,4", OUTBOX_SWEEP_SECONDS="1", OUTBOX_MAX_ATTEMPTS="100"
        )
        run(env, RENDEZVOUS, "migrate", "--no-input")
        worker = start_worker(env, command)
        try:
            sink.stop()  # SMTP is down while the registrations arrive
            run(env, sys.executable, "-c", QUEUE_SCRIPT, str(registrations))
            time.sleep(1.5)  # the worker's first attempts fail and back off
            restart_postgres(database_url)
            assert worker.poll() is None, "the worker exited when PostgreSQL restarted"
            sink.start()
            restart_postgres(database_url)
            time.sleep(1)
            restart_postgres(database_url)
            delivered = wait_for(lambda: sink.total() >= registrations, timeout=90)
            if not delivered:  # say why in the failure: the messages' states and the jobs' leases
                print(run(env, sys.executable, "-c", STATUS_SCRIPT))
            time.sleep(1)  # any duplicate would arrive now
            assert worker.poll() is None, "the worker exited during the faults"
            sent, written = map(int, run(env, sys.executable, "-c", COUNT_SCRIPT).split())
            if command == "worker":  # its heartbeat went on after the restarts, so /health/ready sees it
                assert float(run(env, sys.executable, "-c", HEARTBEAT_SCRIPT)) < 5
        finally:
            stop_process(worker)
    duplicated = sum(count - 1 for count in sink.accepted.values())
    print(
        f"\nmail fault test, {command} (PostgreSQL restarted 3 times, SMTP down then up): written {written}, "
        f"accepted by SMTP {sink.total()}, distinct Message-IDs {len(sink.accepted)}, duplicated {duplicated}, "
        f"marked sent {sent}"
    )
    assert delivered
    assert len(sink.accepted) == registrations
    assert duplicated == 0
    assert sent == written == registrations


@pytest.mark.system
def test_worker_killed_mid_send_is_recovered_after_the_lease_with_one_delivery(sink):
    with tempfile.TemporaryDirectory() as folder:
        database_url = f"sqlite:///{folder}/outbox.sqlite3"
        env = environment(database_url, sink, OUTBOX_LEASE_SECONDS="4", OUTBOX_SWEEP_SECONDS="1")
        run(env, RENDEZVOUS, "migrate", "--no-input")
        sink.hang_next.set()
        run(env, sys.executable, "-c", QUEUE_SCRIPT, "1")
        worker = start_worker(env)
        try:
            assert wait_for(sink.hanging.is_set, timeout=30), "the worker never started sending"
            worker.send_signal(signal.SIGKILL)
            worker.wait(timeout=10)
            killed_at = time.monotonic()
            worker = start_worker(env)
            assert wait_for(lambda: sink.total() >= 1, timeout=30)
            recovered_after = time.monotonic() - killed_at
            time.sleep(1.5)
            sent, written = map(int, run(env, sys.executable, "-c", COUNT_SCRIPT).split())
        finally:
            stop_process(worker)
    print(f"\nkilled mid-send: recovered after {recovered_after:.1f}s, accepted {dict(sink.accepted)}")
    assert recovered_after >= 3, "taken over before the lease ran out"
    assert list(sink.accepted.values()) == [1]
    assert list(sink.accepted) == sink.interrupted, "the retry must reuse the Message-ID"
    assert sent == written == 1
