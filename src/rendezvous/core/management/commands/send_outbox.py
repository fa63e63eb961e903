"""Deliver due outbox mail; with --loop, keep doing it (the safety net if a delivery task was lost)."""

import time

from django.core.management.base import BaseCommand

from rendezvous.core.outbox import deliver_pending


class Command(BaseCommand):
    help = "Send the e-mails in the outbox that are due. Works without the task worker."

    def add_arguments(self, parser):
        parser.add_argument("--loop", action="store_true", help="Keep running, sending due mail every --interval.")
        parser.add_argument("--interval", type=float, default=30.0, help="Seconds between rounds with --loop.")
        parser.add_argument("--limit", type=int, default=100, help="At most this many messages per round.")

    def handle(self, *args, loop, interval, limit, **options):
        while True:
            total = sent = deliver_pending(limit=limit)
            while sent == limit:  # more may be waiting: drain before sleeping
                sent = deliver_pending(limit=limit)
                total += sent
            if not loop:
                self.stdout.write(f"Outbox: {total} message(s) sent.")
                return
            time.sleep(interval)
