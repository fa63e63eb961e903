"""Builders for report tests: editions, organisers, registrations, and the seed CSV of A/AC.105/1294's figures."""

import contextlib
import datetime
from pathlib import Path

import factory
from django.core.management import call_command

from rendezvous.core.models import Organisation, User
from rendezvous.events.models import Edition, EditionStaff, EditionStatus
from rendezvous.registration.models import Registration

SEED_CSV = Path(__file__).resolve().parent.parent / "data" / "haikou-2022-registrations.csv"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"United Nations/China Workshop {n}")
    slug = factory.Sequence(lambda n: f"report-workshop-{n}")
    start_date = datetime.date(2022, 11, 21)
    end_date = datetime.date(2022, 11, 24)
    timezone = "Asia/Shanghai"
    city = "Haikou"
    country = "CN"
    status = EditionStatus.PUBLISHED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Example Organisation {n}")
    type = "academia"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    given_name = "Amina"
    family_name = factory.Sequence(lambda n: f"Tester{n}")
    email = factory.Sequence(lambda n: f"person{n}@example.org")
    gender = "female"
    country = "FR"
    organisation_type = "academia"
    role = "participant"
    attendance = "in_person"
    status = "approved"


def make_organiser(edition, email="organiser@example.org") -> User:
    user = User.objects.create_user(email=email, is_staff=True)
    EditionStaff.objects.create(edition=edition, user=user, role="organiser")
    return user


@contextlib.contextmanager
def seeded_edition(django_db_blocker, slug: str):
    """An edition with the seed imported, kept for a whole module (the import is the slow part) and removed after,
    with the organisations the import created, so other tests' databases look as if it never happened."""
    with django_db_blocker.unblock():
        organisations_before = set(Organisation.objects.values_list("id", flat=True))
        edition = EditionFactory(slug=slug)
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
