"""`rendezvous create_event SLUG --title T --start YYYY-MM-DD --end YYYY-MM-DD --timezone ZONE [--organiser EMAIL]`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse

from rendezvous.events.models import EditionFormat
from rendezvous.events.services import EditionError, create_edition
from rendezvous.organise.editions import make_organiser
from rendezvous.organise.staff import StaffError


class Command(BaseCommand):
    # System checks import every URL and view; a report or an export needs none of them.
    requires_system_checks = []
    help = "Create an empty draft edition, to be filled in on its organisers' pages."

    def add_arguments(self, parser):
        parser.add_argument("slug", help="Short name used in addresses, e.g. haikou-2022.")
        parser.add_argument("--title", required=True)
        parser.add_argument("--start", required=True, help="First day, YYYY-MM-DD.")
        parser.add_argument("--end", required=True, help="Last day, YYYY-MM-DD.")
        parser.add_argument("--timezone", required=True, help="IANA zone of the venue, e.g. Asia/Shanghai.")
        parser.add_argument("--series", help="Slug of an existing series.")
        parser.add_argument("--format", default=EditionFormat.HYBRID, choices=EditionFormat.values)
        parser.add_argument(
            "--organiser", action="append", default=[], metavar="EMAIL", help="Make this person an organiser."
        )

    def handle(self, *args, **options):
        try:
            with transaction.atomic():
                edition = create_edition(
                    slug=options["slug"],
                    title=options["title"],
                    start=options["start"],
                    end=options["end"],
                    timezone=options["timezone"],
                    series=options["series"],
                    format=options["format"],
                )
                for email in options["organiser"]:
                    make_organiser(edition, email)
        except (EditionError, StaffError) as error:
            raise CommandError(str(error)) from None
        page = settings.SITE_URL + reverse("events:organise", args=[edition.slug])
        self.stdout.write(
            f"Created draft edition {edition.slug}: {edition.title}, {edition.start_date} to {edition.end_date} "
            f"({edition.timezone}). Its organisers fill it in at {page}"
        )
