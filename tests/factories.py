"""One builder per model for every test folder (pretix/pretalx style), plus helpers for people with a role.

Defaults describe a published four-day edition in Haikou's zone (UTC+8), 21–24 November 2022. A folder whose tests
depend on other defaults subclasses these factories and names only what differs.
"""

import datetime
import itertools
import zoneinfo

import factory

from rendezvous.core.models import Organisation, Person, User
from rendezvous.events.models import (
    Edition,
    EditionOrganiser,
    EditionStaff,
    EditionStatus,
    Room,
    Series,
    StaffRole,
    Venue,
)
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair
from rendezvous.registration.models import Registration

_user_numbers = itertools.count(1)
HAIKOU = zoneinfo.ZoneInfo("Asia/Shanghai")


def haikou(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in November 2022 on Haikou's clock."""
    return datetime.datetime(2022, 11, day, hour, minute, tzinfo=HAIKOU)


class SeriesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Series

    name = factory.Sequence(lambda n: f"Global Partnership Workshops {n}")
    slug = factory.Sequence(lambda n: f"gpw-{n}")


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    start_date = datetime.date(2022, 11, 21)
    end_date = datetime.date(2022, 11, 24)
    timezone = "Asia/Shanghai"
    status = EditionStatus.PUBLISHED


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Space Agency {n}")
    type = "space_agency"


class EditionOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionOrganiser

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "organiser"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")


class UserFactory(factory.django.DjangoModelFactory):
    """A signed-up person without a password (hashing one is slow; tests sign in with `force_login`)."""

    class Meta:
        model = User

    email = factory.Sequence(lambda n: f"person{n}@example.org")
    first_name = "Amina"
    last_name = factory.Sequence(lambda n: f"Participant{n}")


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    edition = factory.SubFactory(EditionFactory)
    name = "Haikou International Convention Center"


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    edition = factory.SubFactory(EditionFactory)
    title = factory.Sequence(lambda n: f"Technical session {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = haikou(22, 9)
    end = haikou(22, 10, 30)


class SessionChairFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionChair

    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Presentation {n}")


class ContributionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContributionSpeaker

    contribution = factory.SubFactory(ContributionFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")


class RegistrationFactory(factory.django.DjangoModelFactory):
    """An approved in-person participant based in France."""

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


def make_user(email: str | None = None, *, superuser=False, staff=False, organiser_of=None, **fields) -> User:
    """A user as `create_user` makes one (e-mail lower-cased, no password: tests sign in with `force_login`);
    `organiser_of` adds the organiser role for that edition, and `is_organiser` also asks for admin access (`staff`)."""
    email = email or f"user{next(_user_numbers)}@example.org"
    user = User.objects.create_user(email, is_staff=staff or superuser, is_superuser=superuser, **fields)
    if organiser_of is not None:
        EditionStaff.objects.create(edition=organiser_of, user=user, role=StaffRole.ORGANISER)
    return user


def make_organiser(edition, email: str | None = None, **fields) -> User:
    """Someone `is_organiser` accepts for `edition`: admin access and the organiser role."""
    return make_user(email, staff=True, organiser_of=edition, **fields)


def add_chair(session, person=None, organisation=None) -> SessionChair:
    return SessionChair.objects.create(session=session, person=person, organisation=organisation)


def add_speaker(session, person=None, organisation=None) -> Contribution:
    """A new contribution to `session` given by `person` and/or `organisation`."""
    contribution = ContributionFactory(session=session)
    ContributionSpeaker.objects.create(contribution=contribution, person=person, organisation=organisation)
    return contribution


# New tests import every builder from here, as they will from the tests/factories/ package (which re-exports these).
from tests.registration.factories import application, policy_for  # noqa: E402, F401
