"""Deliver due outbox mail; with --loop, keep doing it: the mail worker that outlives database and SMTP outages."""

import logging
import time

from django.core.management.base import BaseCommand
from django.db import InterfaceError, OperationalError

from rendezvous.core.outbox import close_old_connections_now, deliver_pending

logger = logging.getLogger(__name__)

# Longest wait between rounds while the database is unreachable.
MAX_OUTAGE_PAUSE = 30.0


class Command(BaseCommand):
    help = "Send the e-mails in the outbox that are due. Works without the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, sending due mail every --interval.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between rounds with --loop.")
        parser.add_argument("--limit", type=int, default=100, help="At most this many messages per round.")

    def handle(self, *args, loop, interval, limit, **options):
        if not loop:
            self.stdout.write(f"Outbox: {self._drain(limit)} message(s) sent.")
            return
        pause = interval
        while True:
            try:
                self._drain(limit)
                pause = interval
            except (OperationalError, InterfaceError) as error:
                # A database restart must not end the worker (issue 11): drop the dead connections, wait longer
                # each time the database is still away, and try again. SMTP failures never get here: they are
                # recorded on the message and retried by its backoff.
                logger.warning("Outbox worker: database unavailable (%s); retrying in %.1fs", error, pause)
                close_old_connections_now()
                pause = min(max(pause * 2, 1.0), MAX_OUTAGE_PAUSE)
            time.sleep(pause)

    def _drain(self, limit: int) -> int:
        total = sent = deliver_pending(limit=limit)
        while sent == limit:  # more may be waiting: drain before sleeping
            sent = deliver_pending(limit=limit)
            total += sent
        return total
