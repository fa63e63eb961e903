"""`rendezvous clone_event SOURCE_SLUG NEW_SLUG --start YYYY-MM-DD [--title T] [--format in_person|online|hybrid]`."""

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse

from rendezvous.events.models import Edition, EditionFormat
from rendezvous.events.services import EditionError
from rendezvous.organise.cloning import clone_edition


class Command(BaseCommand):
    requires_system_checks = []
    help = (
        "Create a draft edition from an existing one: programme moved to the new dates, venues, rooms, registration "
        "and material policies, organisers. Registrations, materials and outcome documents are not copied."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", help="Slug of the edition to copy, e.g. haikou-2022.")
        parser.add_argument("slug", help="Slug of the new edition.")
        parser.add_argument("--start", required=True, help="First day of the new edition, YYYY-MM-DD.")
        parser.add_argument("--title", help="Title of the new edition (default: the source's, marked as a copy).")
        parser.add_argument("--format", choices=EditionFormat.values, help="Default: the source's format.")

    def handle(self, *args, **options):
        source = Edition.objects.filter(slug=options["source"]).first()
        if source is None:
            raise CommandError(f"No edition with slug {options['source']!r}.")
        try:
            edition = clone_edition(
                source, slug=options["slug"], start=options["start"], title=options["title"], format=options["format"]
            )
        except EditionError as error:
            raise CommandError(str(error)) from None
        page = settings.SITE_URL + reverse("events:organise", args=[edition.slug])
        self.stdout.write(
            f"Created draft edition {edition.slug}: {edition.title}, {edition.start_date} to {edition.end_date} "
            f"({edition.timezone}), cloned from {source.slug}. Its organisers fill it in at {page}"
        )
