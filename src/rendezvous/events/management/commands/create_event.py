"""`rendezvous create_event SLUG --title T --start YYYY-MM-DD --end YYYY-MM-DD --timezone ZONE`."""

from django.core.management.base import BaseCommand, CommandError

from rendezvous.events.models import EditionFormat
from rendezvous.events.services import EditionError, create_edition


class Command(BaseCommand):
    # System checks import every URL and view; a report or an export needs none of them.
    requires_system_checks = []
    help = "Create an empty draft edition, to be filled in through the organisers' admin."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in addresses, e.g. haikou-2022.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--timezone", required=True, help="IANA zone of the venue, e.g. Asia/Shanghai.")
        parser.add_argument("--series", help="Slug of an existing series.")
        parser.add_argument("--format", default=EditionFormat.HYBRID, choices=EditionFormat.values)

    def handle(self, *args, **options):
        try:
            edition = create_edition(
                slug=options["slug"],
                title=options["title"],
                start=options["start"],
                end=options["end"],
                timezone=options["timezone"],
                series=options["series"],
                format=options["format"],
            )
        except EditionError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Created draft edition {edition.slug}: {edition.title}, {edition.start_date} to {edition.end_date} "
            f"({edition.timezone}). Fill it in at /admin/events/edition/{edition.pk}/change/."
        )
