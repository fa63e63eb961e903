"""Reports (rendezvous.reports): the seed CSV of A/AC.105/1294's figures, imported into an edition."""

import contextlib

from django.core.management import call_command

from rendezvous.core.models import Organisation
from tests.data import make_haikou_csv

from .events import HaikouEditionFactory

SEED_CSV = make_haikou_csv.TARGET


@contextlib.contextmanager
def seeded_edition(django_db_blocker, slug: str):
    """An edition with the seed imported, kept for a whole module (the import is the slow part) and removed after,
    with the organisations the import created, so other tests' databases look as if it never happened."""
    with django_db_blocker.unblock():
        organisations_before = set(Organisation.objects.values_list("id", flat=True))
        edition = HaikouEditionFactory(slug=slug)
        import_seed(edition)
    try:
        yield edition
    finally:
        with django_db_blocker.unblock():
            edition.delete()
            Organisation.objects.exclude(id__in=organisations_before).delete()


def import_seed(edition) -> None:
    """The 520 approved registrations whose totals are the report's, through the import command."""
    call_command("import_registrations", edition.slug, str(SEED_CSV))
