"""Compile the message catalogues (.po → .mo) with Babel, so running the site needs no GNU gettext tools.

Extraction (`make messages`, Django's makemessages) needs xgettext; compiling does not. The .mo files are build
output (not committed): `make run` and the test session compile them, and only when a .po is newer.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def compile_catalogues(*, force: bool = False) -> list[Path]:
    """Write each LOCALE_PATHS/<lang>/LC_MESSAGES/django.mo from its .po; return the files written."""
    written = []
    for root in settings.LOCALE_PATHS:
        for po_path in sorted(Path(root).glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if not force and mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            with po_path.open("rb") as source:
                catalogue = read_po(source, locale=po_path.parent.parent.name)
            with mo_path.open("wb") as target:
                # Fuzzy entries are left out, as msgfmt does: an unchecked translation is worse than English.
                write_mo(target, catalogue, use_fuzzy=False)
            written.append(mo_path)
    return written


class Command(BaseCommand):
    help = "Compile the translation catalogues (.po to .mo) without GNU gettext."

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="Recompile even when the .mo is up to date.")

    def handle(self, *args, force=False, **options):
        written = compile_catalogues(force=force)
        self.stdout.write(f"{len(written)} catalogue(s) compiled.")
