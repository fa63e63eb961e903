"""Queue the partnership hub's weekly digest for everyone who opted in (run daily; each person gets one a week)."""

from django.core.management.base import BaseCommand

from rendezvous.partnerships.services.digest import send_digests


class Command(BaseCommand):
    help = "Queue the partnership hub's weekly digest for everyone who opted in and had none for a week."

    def handle(self, *args, **options):
        sent = send_digests()
        self.stdout.write(f"{sent} digest{'s' if sent != 1 else ''} queued.")
