"""Builders for timetable and admin tests: an edition in Haikou's zone with one venue and rooms."""

import datetime
import zoneinfo

import factory

from rendezvous.core.models import Organisation, Person, User
from rendezvous.events.models import Edition, EditionStaff, Room, Venue
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair

HAIKOU = zoneinfo.ZoneInfo("Asia/Shanghai")


def local(day: int, hour: int, minute: int = 0) -> datetime.datetime:
    """A moment in November 2022 in Haikou (UTC+8)."""
    return datetime.datetime(2022, 11, day, hour, minute, tzinfo=HAIKOU)


class EditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Edition

    title = factory.Sequence(lambda n: f"Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"workshop-{n}")
    start_date = datetime.date(2022, 11, 21)
    end_date = datetime.date(2022, 11, 24)
    timezone = "Asia/Shanghai"
    status = "published"


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
    start = local(22, 9)
    end = local(22, 10, 30)


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Space Agency {n}")
    type = "space_agency"


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Person

    given_name = factory.Sequence(lambda n: f"Given{n}")
    family_name = factory.Sequence(lambda n: f"Family{n}")


class ContributionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Contribution

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Presentation {n}")


def add_chair(session, person=None, organisation=None):
    return SessionChair.objects.create(session=session, person=person, organisation=organisation)


def add_speaker(session, person=None, organisation=None):
    contribution = ContributionFactory(session=session)
    ContributionSpeaker.objects.create(contribution=contribution, person=person, organisation=organisation)
    return contribution


def make_user(email, *, superuser=False, staff=False, organiser_of=None):
    if superuser:
        user = User.objects.create_superuser(email=email, password="a-long-test-password-1")
    else:
        user = User.objects.create_user(email=email, password="a-long-test-password-1", is_staff=staff)
    if organiser_of is not None:
        EditionStaff.objects.create(edition=organiser_of, user=user, role="organiser")
    return user
