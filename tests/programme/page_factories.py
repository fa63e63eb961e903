"""Builders for the public pages' tests: a published edition in Haikou's zone (UTC+8), its sessions and speakers."""

import datetime
import zoneinfo

import factory

from rendezvous.core.models import Organisation, Person
from rendezvous.events.models import Edition, EditionOrganiser, Room, Series, Venue
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair

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

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Second Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"page-workshop-{n}")
    start_date = datetime.date(2022, 11, 21)
    end_date = datetime.date(2022, 11, 24)
    timezone = "Asia/Shanghai"
    status = "published"
    format = "hybrid"
    city = "Haikou"
    country = "CN"
    online_platform = "Zoom"
    online_meeting_url = "https://zoom.example.org/j/secret-meeting-123"
    summary = "A platform for stakeholders to exchange space exploration and innovation plans."
    objectives = "(a) Raise awareness of space exploration and innovation."


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Page Space Agency {n}")
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
    organisation = factory.SubFactory(OrganisationFactory)


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
    kind = "technical"
    code = factory.Sequence(lambda n: f"{n}(a)")
    title = factory.Sequence(lambda n: f"Space exploration and innovation perspective {n}")
    slug = factory.Sequence(lambda n: f"session-{n}")
    start = haikou(21, 9)
    end = haikou(21, 10, 30)


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
    kind = "technical"
    delivery = "in_person"


class ContributionSpeakerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ContributionSpeaker

    contribution = factory.SubFactory(ContributionFactory)
    person = factory.SubFactory(PersonFactory)
    organisation = factory.SelfAttribute("person.organisation")


def full_session(edition: Edition, index: int, room: Room | None = None) -> Session:
    """A session with a chair and two contributions: one by a named speaker, one by an organisation alone."""
    session = SessionFactory(
        edition=edition, room=room, start=haikou(21, 9 + 2 * index), end=haikou(21, 10 + 2 * index, 30)
    )
    SessionChairFactory(session=session)
    first = ContributionFactory(session=session, order=1)
    ContributionSpeakerFactory(contribution=first)
    second = ContributionFactory(session=session, order=2, delivery="pre_recorded")
    ContributionSpeakerFactory(contribution=second, person=None, organisation=OrganisationFactory())
    return session
