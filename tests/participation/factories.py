"""Builders for participation tests: an edition, registrations in any status and mode, staff users."""

import datetime
import itertools

import factory

from rendezvous.core.models import Organisation, User
from rendezvous.events.models import Edition, EditionStaff, EditionStatus, StaffRole
from rendezvous.registration.models import Attendance, Registration, Role, Status

_counter = itertools.count(1)
MEETING_URL = "https://meet.example.org/j/very-secret-room-7731"


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"United Nations/China Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"participation-{n}")
    start_date = datetime.date(2022, 11, 21)
    end_date = datetime.date(2022, 11, 24)
    timezone = "Asia/Shanghai"
    city = "Haikou"
    status = EditionStatus.PUBLISHED
    online_meeting_url = MEETING_URL


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation
        django_get_or_create = ("name",)

    name = "Centre national d’études spatiales"
    acronym = "CNES"
    type = "space_agency"


class RegistrationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Registration

    edition = factory.SubFactory(EditionFactory)
    given_name = "Amina"
    family_name = factory.LazyFunction(lambda: f"Diallo {next(_counter)}")
    email = factory.LazyFunction(lambda: f"person{next(_counter)}@example.org")
    gender = "female"
    country = "FR"
    organisation = factory.SubFactory(OrganisationFactory)
    organisation_type = "space_agency"
    role = Role.PARTICIPANT
    attendance = Attendance.IN_PERSON
    status = Status.APPROVED


def user(email: str | None = None, **fields) -> User:
    return User.objects.create_user(email or f"user{next(_counter)}@example.org", **fields)


def staff(edition: Edition, role: str = StaffRole.CHECKIN) -> User:
    """A check-in volunteer (no admin access) or an organiser (admin access, as `is_organiser` asks)."""
    person = user(is_staff=role == StaffRole.ORGANISER)
    EditionStaff.objects.create(edition=edition, user=person, role=role)
    return person
