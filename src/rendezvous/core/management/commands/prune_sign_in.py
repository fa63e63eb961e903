"""Housekeeping: forget old sign-in links and rate-limit counts (run daily, e.g. from cron)."""

from django.core.management.base import BaseCommand

from rendezvous.core.services import prune_sign_in_records


class Command(BaseCommand):
    help = "Delete sign-in links and rate-limit records older than a day."

    def handle(self, *args, **options):
        self.stdout.write(f"Sign-in records deleted: {prune_sign_in_records()}.")
