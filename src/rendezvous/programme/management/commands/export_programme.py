"""`rendezvous export_programme EVENT_SLUG --format ics|frab-xml|json`: the programme feed on standard output."""

from django.core.management.base import BaseCommand, CommandError

from rendezvous.events.models import Edition
from rendezvous.programme.exports import FORMATS, build_export


class Command(BaseCommand):
    # System checks import every URL and view; a report or an export needs none of them.
    requires_system_checks = []
    help = "Write an edition's programme to standard output as iCalendar, frab schedule XML or frab JSON."

    def add_arguments(self, parser):
        parser.add_argument("event_slug", help="The edition's slug, e.g. haikou-2022.")
        # Checked by hand rather than with argparse `choices`, so a wrong value gives one line, not a usage block.
        parser.add_argument("--format", default="ics", help=f"One of: {', '.join(FORMATS)} (default: ics).")

    def handle(self, *args, **options):
        event_slug, fmt = options["event_slug"], options["format"]
        if fmt not in FORMATS:
            raise CommandError(f"Unknown format '{fmt}': use one of {', '.join(FORMATS)}.")
        try:
            edition = Edition.objects.get(slug=event_slug)
        except Edition.DoesNotExist:
            raise CommandError(f"No edition with slug '{event_slug}'.") from None
        self.stdout.write(build_export(edition, fmt).decode("utf-8"), ending="")
