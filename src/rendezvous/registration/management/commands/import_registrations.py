"""`rendezvous import_registrations EVENT_SLUG FILE.csv`: all or nothing, bad rows reported by line number."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from rendezvous.events.models import Edition
from rendezvous.registration import services


class Command(BaseCommand):
    # System checks import every URL and view; a report or an export needs none of them.
    requires_system_checks = []
    help = (
        "Import registrations into an edition from a UTF-8 CSV file with the header given_name,family_name,email,"
        "gender,country,organization,organization_type,role,attendance,status,head_of_agency (values: "
        "docs/csv-formats.md). Any bad row aborts the whole import (nothing is written) and every problem is "
        "reported with its line number. Rows keep the status given in the file; no e-mail is sent."
    )

    def add_arguments(self, parser):
        parser.add_argument("event_slug")
        parser.add_argument("csv_file")

    def handle(self, *args, event_slug, csv_file, **options):
        try:
            edition = Edition.objects.get(slug=event_slug)
        except Edition.DoesNotExist:
            raise CommandError(f"No edition with the slug {event_slug!r}.") from None
        path = Path(csv_file)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            raise CommandError(f"No such file: {csv_file}") from None
        except UnicodeDecodeError as error:
            raise CommandError(f"{csv_file} is not UTF-8 text ({error.reason} at byte {error.start}).") from None
        try:
            count = services.import_registrations(edition, text)
        except services.ImportFailed as failure:
            raise CommandError(f"{failure}; nothing imported.") from None
        self.stdout.write(f"Imported {count} registrations into {edition.slug} (no e-mail sent).")
