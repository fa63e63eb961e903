"""`rendezvous load_demo`: the demo series, editions and programme; safe to run again."""

from django.core.management.base import BaseCommand

from rendezvous.demo.loader import load_demo


class Command(BaseCommand):
    help = "Load the demo workshop series (Amman 2019, Haikou 2022) from the official report. Idempotent."

    def handle(self, *args, **options):
        load_demo(stdout=self.stdout)
