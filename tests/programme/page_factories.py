"""The public pages' variants of tests/factories.py: a published edition with everything its page shows, in Haikou's
zone (UTC+8), sessions on 21 November with codes, speakers with their organisation."""

import factory

from rendezvous.events.models import Edition, Room
from rendezvous.programme.models import Session
from tests import factories
from tests.factories import HAIKOU, SeriesFactory, haikou  # noqa: F401 - re-exported for the pages' tests


class EditionFactory(factories.EditionFactory):
    """A public edition as its page shows it: series, place, platform, summary and objectives."""

    series = factory.SubFactory(SeriesFactory)
    title = factory.Sequence(lambda n: f"Second Global Partnership Workshop {n}")
    slug = factory.Sequence(lambda n: f"page-workshop-{n}")
    format = "hybrid"
    city = "Haikou"
    country = "CN"
    online_platform = "Zoom"
    online_meeting_url = "https://zoom.example.org/j/secret-meeting-123"
    summary = "A platform for stakeholders to exchange space exploration and innovation plans."
    objectives = "(a) Raise awareness of space exploration and innovation."


class OrganisationFactory(factories.OrganisationFactory):
    name = factory.Sequence(lambda n: f"Page Space Agency {n}")


class EditionOrganiserFactory(factories.EditionOrganiserFactory):
    edition = factory.SubFactory(EditionFactory)
    organisation = factory.SubFactory(OrganisationFactory)


class PersonFactory(factories.PersonFactory):
    organisation = factory.SubFactory(OrganisationFactory)


class VenueFactory(factories.VenueFactory):
    edition = factory.SubFactory(EditionFactory)


class RoomFactory(factories.RoomFactory):
    venue = factory.SubFactory(VenueFactory)


class SessionFactory(factories.SessionFactory):
    edition = factory.SubFactory(EditionFactory)
    kind = "technical"
    code = factory.Sequence(lambda n: f"{n}(a)")
    title = factory.Sequence(lambda n: f"Space exploration and innovation perspective {n}")
    start = haikou(21, 9)
    end = haikou(21, 10, 30)


class SessionChairFactory(factories.SessionChairFactory):
    session = factory.SubFactory(SessionFactory)
    person = factory.SubFactory(PersonFactory)


class ContributionFactory(factories.ContributionFactory):
    session = factory.SubFactory(SessionFactory)
    kind = "technical"
    delivery = "in_person"


class ContributionSpeakerFactory(factories.ContributionSpeakerFactory):
    contribution = factory.SubFactory(ContributionFactory)
    person = factory.SubFactory(PersonFactory)


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
