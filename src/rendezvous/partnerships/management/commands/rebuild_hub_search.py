"""Fill the hub's search index again from the programmes, calls, board posts and organisations."""

from django.core.management.base import BaseCommand

from rendezvous.partnerships.search import rebuild_index


class Command(BaseCommand):
    help = "Rebuild the partnership hub's search index (after a bulk load that bypassed save signals)."

    def handle(self, *args, **options):
        self.stdout.write(f"{rebuild_index()} entries indexed.")
