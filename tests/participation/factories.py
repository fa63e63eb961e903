"""Builders for participation tests: an edition, registrations in any status and mode, staff users."""

import itertools

import factory

from rendezvous.core.models import User
from rendezvous.events.models import Edition, EditionStaff, StaffRole
from tests import factories
from tests.factories import make_user

_counter = itertools.count(1)
MEETING_URL = "https://meet.example.org/j/very-secret-room-7731"


class EditionFactory(factories.EditionFactory):
    title = factory.Sequence(lambda n: f"United Nations/China Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"participation-{n}")
    city = "Haikou"
    online_meeting_url = MEETING_URL


class OrganisationFactory(factories.OrganisationFactory):
    """The same organisation every time: CNES."""

    class Meta:
        django_get_or_create = ("name",)

    name = "Centre national d’études spatiales"
    acronym = "CNES"


class RegistrationFactory(factories.RegistrationFactory):
    edition = factory.SubFactory(EditionFactory)
    family_name = factory.LazyFunction(lambda: f"Diallo {next(_counter)}")
    email = factory.LazyFunction(lambda: f"person{next(_counter)}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_type = "space_agency"


def staff(edition: Edition, role: str = StaffRole.CHECKIN) -> User:
    """A check-in volunteer (no admin access) or an organiser (admin access, as `is_organiser` asks)."""
    person = make_user(staff=role == StaffRole.ORGANISER)
    EditionStaff.objects.create(edition=edition, user=person, role=role)
    return person
