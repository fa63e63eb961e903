from django.core.management.base import BaseCommand

from rendezvous.documents import retention


class Command(BaseCommand):
    help = "Remove personal data whose retention period has ended (passport details, old applications)."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="Report what would be removed; change nothing.")

    def handle(self, *args, dry_run=False, **options):
        report = retention.purge(dry_run=dry_run)
        for line in report.lines():
            self.stdout.write(line)
