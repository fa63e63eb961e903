"""Editions and their places and people (rendezvous.events): one root factory per model, variants as subclasses.

The root edition is a published four-day edition in Haikou's zone (UTC+8), 21–24 November 2022; a variant names only
what differs.
"""

import datetime
import itertools
import zoneinfo

import factory

from rendezvous.core.models import User
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

from .core import OrganisationFactory, PageOrganisationFactory

_user_numbers = itertools.count(1)
HAIKOU = zoneinfo.ZoneInfo("Asia/Shanghai")
# The online link of EditionWithMeetingFactory: only approved participants may ever see it.
MEETING_URL = "https://meet.example.org/j/very-secret-room-7731"
# The online link of PublicEditionFactory: no public page or API response may contain it.
PUBLIC_EDITION_MEETING_URL = "https://zoom.example.org/j/secret-meeting-123"


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


class UpcomingEditionFactory(EditionFactory):
    """An edition in 2030, so registration for it is still open, with an online link for approved participants."""

    start_date = datetime.date(2030, 11, 21)
    end_date = datetime.date(2030, 11, 24)
    online_meeting_url = "https://meet.example.org/secret-room-42"


class PublicEditionFactory(EditionFactory):
    """A public edition as its page shows it: series, place, platform, summary and objectives."""

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Second Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"page-workshop-{n}")
    format = "hybrid"
    city = "Haikou"
    country = "CN"
    online_platform = "Zoom"
    online_meeting_url = PUBLIC_EDITION_MEETING_URL
    summary = "A platform for stakeholders to exchange space exploration and innovation plans."
    objectives = "(a) Raise awareness of space exploration and innovation."


class UpcomingPublicEditionFactory(PublicEditionFactory):
    """A public edition in 2030: an edition that has ended takes no applications, so tests that apply use this."""

    start_date = datetime.date(2030, 11, 21)
    end_date = datetime.date(2030, 11, 24)


class EditionWithMeetingFactory(EditionFactory):
    """A Haikou edition with an online link (MEETING_URL) that check-in and participant pages guard."""

    title = factory.Sequence(lambda n: f"United Nations/China Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"participation-{n}")
    city = "Haikou"
    online_meeting_url = MEETING_URL


class HaikouEditionFactory(EditionFactory):
    """An edition with its host city and country, as reports name them."""

    title = factory.Sequence(lambda n: f"United Nations/China Workshop {n}")
    slug = factory.Sequence(lambda n: f"report-workshop-{n}")
    city = "Haikou"
    country = "CN"


class OutcomesEditionFactory(EditionFactory):
    title = factory.Sequence(lambda n: f"Workshop on Space Exploration {n}")


class EditionOrganiserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = EditionOrganiser

    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "organiser"


class PublicEditionOrganiserFactory(EditionOrganiserFactory):
    edition = factory.SubFactory(PublicEditionFactory)
    organisation = factory.SubFactory(PageOrganisationFactory)


class VenueFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Venue

    edition = factory.SubFactory(EditionFactory)
    name = "Haikou International Convention Center"


class PublicVenueFactory(VenueFactory):
    edition = factory.SubFactory(PublicEditionFactory)


class RoomFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Room

    venue = factory.SubFactory(VenueFactory)
    name = factory.Sequence(lambda n: f"Hall {n}")


class PublicRoomFactory(RoomFactory):
    venue = factory.SubFactory(PublicVenueFactory)


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


def staff(edition: Edition, role: str = StaffRole.CHECKIN) -> User:
    """A check-in volunteer (no admin access) or an organiser (admin access, as `is_organiser` asks)."""
    person = make_user(staff=role == StaffRole.ORGANISER)
    EditionStaff.objects.create(edition=edition, user=person, role=role)
    return person
