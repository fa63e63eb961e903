from django.core.management.base import BaseCommand

from rendezvous.documents import visa


class Command(BaseCommand):
    help = "Re-encrypt every stored passport with the first key of PASSPORT_ENCRYPTION_KEYS (after adding a new key)."

    def handle(self, *args, **options):
        self.stdout.write(f"Re-encrypted {visa.rotate_keys()} visa letter request(s) with the newest key.")
