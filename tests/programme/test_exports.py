"""Programme feeds: iCalendar, frab XML and frab JSON, as URLs and as the export_programme command."""

import datetime
import io
import json
import uuid
from pathlib import Path

import factory
import icalendar
import jsonschema
import pytest
import xmlschema
from django.core.cache import cache
from django.core.management import CommandError, call_command, execute_from_command_line
from django.urls import reverse

from rendezvous.events.models import Edition, Room, Venue
from rendezvous.programme import cache as programme_cache
from rendezvous.programme import exports
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair
from tests.factories import (
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    SessionFactory,
    haikou,
    make_organiser,
)

pytestmark = pytest.mark.django_db

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED_SCHEMAS = REPO_ROOT.parent / "shared" / "schemas" / "frab"
VENDORED_SCHEMAS = Path(__file__).resolve().parent / "frab_schemas"
SCHEMAS = SHARED_SCHEMAS if (SHARED_SCHEMAS / "schema.json").exists() else VENDORED_SCHEMAS


class FeedEditionFactory(EditionFactory):
    """The workshop under its full and short titles, in Haikou, China: the feeds show both titles and the place."""

    title = "United Nations/China Global Partnership Workshop on Space Exploration and Innovation"
    short_title = "Global Partnership Workshop 2022"
    slug = factory.Sequence(lambda n: f"feed-workshop-{n}")
    city = "Haikou"
    country = "CN"


class NamedOrganisationFactory(OrganisationFactory):
    """One organisation per name, with an acronym."""

    class Meta:
        django_get_or_create = ("name",)

    acronym = factory.Sequence(lambda n: f"SA{n}")


class SpeakerFactory(PersonFactory):
    family_name = "Speaker"
    organisation = factory.SubFactory(NamedOrganisationFactory)


class FeedSessionFactory(SessionFactory):
    """A technical session of 90 minutes on 22 November."""

    edition = factory.SubFactory(FeedEditionFactory)
    kind = "technical"
    start = factory.LazyFunction(lambda: haikou(22, 9))
    end = factory.LazyAttribute(lambda session: session.start + datetime.timedelta(minutes=90))


def build_edition(**edition_fields) -> Edition:
    """Four days in Haikou: an opening, a technical session with three kinds of speaker, a break, a panel without
    a room, and a closing on the last day."""
    edition = FeedEditionFactory(**edition_fields)
    venue = Venue.objects.create(edition=edition, name="Haikou International Convention Center", city="Haikou")
    hall = Room.objects.create(venue=venue, name="Hall A", capacity=400)
    side_room = Room.objects.create(venue=venue, name="Room 3", capacity=80)
    FeedSessionFactory(
        edition=edition, kind="opening", title="Opening ceremony", slug="opening", start=haikou(21, 9), room=hall
    )
    technical = FeedSessionFactory(
        edition=edition,
        kind="technical",
        code="1(a)",
        title="Lunar exploration",
        slug="session-1a",
        description="International cooperation on the Moon.",
        start=haikou(21, 10, 30),
        end=haikou(21, 12, 15),
        room=hall,
    )
    chair_org = NamedOrganisationFactory(name="Office for Outer Space Affairs", acronym="UNOOSA")
    SessionChair.objects.create(session=technical, organisation=chair_org)
    keynote = Contribution.objects.create(session=technical, kind="keynote", title="Chang'e-7 payloads", order=1)
    ContributionSpeaker.objects.create(contribution=keynote, person=SpeakerFactory(given_name="Wei", family_name="Li"))
    video = Contribution.objects.create(
        session=technical, kind="technical", title="A lunar rover", delivery="pre_recorded", order=2
    )
    ContributionSpeaker.objects.create(
        contribution=video, organisation=NamedOrganisationFactory(name="Egyptian Space Agency", acronym="EgSA")
    )
    FeedSessionFactory(
        edition=edition, kind="break", title="Coffee break", slug="coffee", start=haikou(21, 12, 15), room=hall
    )
    FeedSessionFactory(
        edition=edition, kind="panel", title="Emerging space nations", slug="panel", start=haikou(22, 14)
    )
    FeedSessionFactory(
        edition=edition, kind="side_event", title="Side event", slug="side", start=haikou(23, 15), room=side_room
    )
    FeedSessionFactory(
        edition=edition, kind="closing", title="Closing", slug="closing", start=haikou(24, 16), room=hall
    )
    return Edition.objects.get(pk=edition.pk)


@pytest.fixture
def edition():
    return build_edition()


def feed_url(edition, name, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": edition.slug, **kwargs})


def parse_calendar(content: bytes) -> icalendar.Calendar:
    return icalendar.Calendar.from_ical(content)


# --- iCalendar -----------------------------------------------------------------------------------------------------


def test_programme_ics_is_a_calendar_in_the_edition_zone(client, edition):
    response = client.get(feed_url(edition, "programme_ics"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{edition.slug}.ics"'
    assert response.content.startswith(b"BEGIN:VCALENDAR\r\n")
    assert max(len(line) for line in response.content.split(b"\r\n")) <= 75  # folded in octets, per RFC 5545
    calendar = parse_calendar(response.content)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    assert calendar["CALSCALE"] == "GREGORIAN"
    assert calendar["METHOD"] == "PUBLISH"
    assert calendar["X-WR-CALNAME"] == edition.title
    assert calendar["X-WR-TIMEZONE"] == "Asia/Shanghai"
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Asia/Shanghai"]
    assert calendar.get_missing_tzids() == set()

    events = calendar.events
    sessions = {str(session.uuid): session for session in edition.sessions.exclude(kind="break")}
    assert len(events) == len(sessions) == 5  # the break is left out of calendars
    for event in events:
        session = sessions[str(event["UID"])]
        assert event["DTSTART"].params["TZID"] == "Asia/Shanghai"
        assert event["DTEND"].params["TZID"] == "Asia/Shanghai"
        assert event.start == session.start  # the same instant as stored in UTC
        assert event.end == session.end
        assert event.start.utcoffset() == datetime.timedelta(hours=8)
        assert event["DTSTAMP"]
        assert event["SUMMARY"] == session.display_title
        assert event["URL"] == f"http://127.0.0.1:8000/events/{edition.slug}/sessions/{session.slug}/"
        assert event.categories == [session.get_kind_display()]


def test_ics_describes_place_and_contributions(client, edition):
    calendar = parse_calendar(client.get(feed_url(edition, "programme_ics")).content)
    by_summary = {str(event["SUMMARY"]): event for event in calendar.events}

    technical = by_summary["Session 1(a). Lunar exploration"]
    assert technical["LOCATION"] == "Hall A, Haikou International Convention Center, Haikou"
    description = str(technical["DESCRIPTION"])
    assert description.startswith("International cooperation on the Moon.")
    assert "Chair: Office for Outer Space Affairs (UNOOSA)" in description
    assert "Keynote speech: Chang'e-7 payloads — Wei Li (SA" in description
    # An organisation-only speaker is named by the organisation.
    assert "Technical presentation: A lunar rover — Egyptian Space Agency (EgSA) (pre-recorded video)" in description
    # A session without a room is placed at the venue.
    assert by_summary["Emerging space nations"]["LOCATION"] == "Haikou International Convention Center, Haikou"


def test_ics_uids_are_stable_across_exports_and_unique(edition):
    first = parse_calendar(exports.build_programme_ics(edition))
    cache.clear()
    second = parse_calendar(exports.build_programme_ics(Edition.objects.get(pk=edition.pk)))

    first_uids = [str(event["UID"]) for event in first.events]
    assert first_uids == [str(event["UID"]) for event in second.events]
    assert len(set(first_uids)) == len(first_uids)
    assert exports.build_programme_ics(edition) == exports.build_programme_ics(edition)


def test_session_ics_has_one_event_with_the_same_uid(client, edition):
    session = edition.sessions.get(slug="session-1a")
    response = client.get(feed_url(edition, "session_ics", session_slug="session-1a"))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert f'filename="{edition.slug}-session-1a.ics"' in response["Content-Disposition"]
    calendar = parse_calendar(response.content)
    [event] = calendar.events
    assert str(event["UID"]) == str(session.uuid)
    assert event.start == session.start
    assert [timezone.tz_name for timezone in calendar.timezones] == ["Asia/Shanghai"]


def test_unknown_session_is_404(client, edition):
    other = build_edition()
    FeedSessionFactory(edition=other, slug="only-elsewhere")

    assert client.get(feed_url(edition, "session_ics", session_slug="no-such-session")).status_code == 404
    assert client.get(feed_url(edition, "session_ics", session_slug="only-elsewhere")).status_code == 404


# --- frab ----------------------------------------------------------------------------------------------------------


def test_schedule_xml_is_valid_frab(client, edition):
    response = client.get(feed_url(edition, "schedule_xml"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    schema = xmlschema.XMLSchema(SCHEMAS / "schedule.xml.xsd")
    schema.validate(response.content.decode("utf-8"))

    document = schema.to_dict(response.content.decode("utf-8"))
    days = document["day"]
    assert [day["@date"] for day in days] == ["2022-11-21", "2022-11-22", "2022-11-23", "2022-11-24"]
    assert days[0]["@start"] == "2022-11-21T00:00:00+08:00"
    first_day_rooms = {room["@name"]: room for room in days[0]["room"]}
    assert list(first_day_rooms) == ["Hall A"]
    events = first_day_rooms["Hall A"]["event"]
    assert [event["title"] for event in events] == [
        "Opening ceremony",
        "Session 1(a). Lunar exploration",
        "Coffee break",
    ]
    technical = events[1]
    assert technical["date"] == "2022-11-21T10:30:00+08:00"
    assert technical["start"] == "10:30"
    assert technical["duration"] == "01:45"
    assert technical["type"] == technical["track"] == "Technical session"
    assert technical["@guid"] == str(edition.sessions.get(slug="session-1a").uuid)
    assert [person["$"] for person in technical["persons"]["person"]] == ["Wei Li", "Egyptian Space Agency"]
    assert "Chang'e-7 payloads" in technical["description"]
    # The panel has no room: it goes to a room named after the venue.
    second_day_rooms = [room["@name"] for room in days[1]["room"]]
    assert second_day_rooms == ["Haikou International Convention Center"]


def test_schedule_xml_without_venue_uses_main_hall(client):
    edition = FeedEditionFactory()
    FeedSessionFactory(edition=edition, slug="keynote")

    response = client.get(feed_url(edition, "schedule_xml"))

    xmlschema.XMLSchema(SCHEMAS / "schedule.xml.xsd").validate(response.content.decode("utf-8"))
    assert b'<room name="Main hall"' in response.content


def test_schedule_json_is_valid_frab(client, edition):
    response = client.get(feed_url(edition, "schedule_json"))

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    document = json.loads(response.content)
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER).validate(document)

    conference = document["schedule"]["conference"]
    # Draft 6 leaves uuid and date-time formats unchecked: check them here.
    events = [event for day in conference["days"] for room in day["rooms"].values() for event in room]
    assert len(events) == 6
    for event in events:
        assert str(uuid.UUID(event["guid"])) == event["guid"]
        assert datetime.datetime.fromisoformat(event["date"]).utcoffset() == datetime.timedelta(hours=8)
        assert datetime.datetime.fromisoformat(event["end"]) > datetime.datetime.fromisoformat(event["date"])
    assert conference["time_zone_name"] == "Asia/Shanghai"
    assert conference["daysCount"] == 4
    assert [room["name"] for room in conference["rooms"]] == [
        "Hall A",
        "Room 3",
        "Haikou International Convention Center",
    ]
    [technical] = [
        event for event in conference["days"][0]["rooms"]["Hall A"] if event["title"].startswith("Session 1(a)")
    ]
    assert technical["date"] == "2022-11-21T10:30:00+08:00"
    assert technical["start"] == "10:30"
    assert technical["duration"] == "01:45"
    assert technical["language"] == "en"
    assert [person["name"] for person in technical["persons"]] == ["Wei Li", "Egyptian Space Agency"]


def test_frab_guids_are_session_uuids_and_stable(edition):
    first = json.loads(exports.build_frab_json(edition))
    second = json.loads(exports.build_frab_json(Edition.objects.get(pk=edition.pk)))
    guids = [
        event["guid"]
        for day in first["schedule"]["conference"]["days"]
        for events in day["rooms"].values()
        for event in events
    ]
    assert sorted(guids) == sorted(str(guid) for guid in edition.sessions.values_list("uuid", flat=True))
    assert first == second


def edition_with_sessions(count: int) -> Edition:
    edition = FeedEditionFactory()
    room = Room.objects.create(venue=Venue.objects.create(edition=edition, name="Venue"), name="Hall")
    for number in range(count):
        session = FeedSessionFactory(edition=edition, room=room, start=haikou(21 + number, 9))
        SessionChair.objects.create(session=session, person=SpeakerFactory())
        contribution = Contribution.objects.create(session=session, title=f"Talk {number}")
        ContributionSpeaker.objects.create(contribution=contribution, person=SpeakerFactory())
        ContributionSpeaker.objects.create(contribution=contribution, organisation=NamedOrganisationFactory())
    return Edition.objects.get(pk=edition.pk)


@pytest.mark.parametrize(
    ("build", "queries"),
    # sessions, chairs, contributions, speakers, venues (+ rooms for the frab room list)
    [(exports.build_frab_json, 6), (exports.build_frab_xml, 6), (exports.build_programme_ics, 5)],
)
def test_building_a_feed_costs_the_same_queries_for_one_or_many_sessions(django_assert_num_queries, build, queries):
    one, three = edition_with_sessions(1), edition_with_sessions(3)

    with django_assert_num_queries(queries) as queries_for_one:
        build(one)
    with django_assert_num_queries(len(queries_for_one.captured_queries)):
        build(three)


# --- the command ---------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "url_name"), [("ics", "programme_ics"), ("frab-xml", "schedule_xml"), ("json", "schedule_json")]
)
def test_command_prints_what_the_url_serves(client, edition, fmt, url_name):
    stdout = io.StringIO()
    call_command("export_programme", edition.slug, "--format", fmt, stdout=stdout)

    assert stdout.getvalue() == client.get(feed_url(edition, url_name)).content.decode("utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["no-such-edition", "--format", "ics"], "CommandError: No edition with slug 'no-such-edition'.\n"),
        (["{slug}", "--format", "pdf"], "CommandError: Unknown format 'pdf': use one of ics, frab-xml, json.\n"),
    ],
)
@pytest.mark.django_db(transaction=True)
def test_command_errors_exit_non_zero_with_one_line(capsys, argv, message):
    edition = FeedEditionFactory()
    argv = [part.format(slug=edition.slug) for part in argv]

    with pytest.raises(SystemExit) as exit_info:
        execute_from_command_line(["rendezvous", "export_programme", *argv])

    assert exit_info.value.code != 0
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err == message


def test_command_error_names_the_problem(edition):
    with pytest.raises(CommandError, match="No edition with slug 'missing'"):
        call_command("export_programme", "missing", "--format", "json")


# --- who may see, and caching --------------------------------------------------------------------------------------


@pytest.mark.parametrize("url_name", ["programme_ics", "schedule_xml", "schedule_json"])
def test_draft_edition_is_404_for_anonymous_readers(client, url_name):
    draft = build_edition(status="draft")

    assert client.get(feed_url(draft, url_name)).status_code == 404
    assert client.get(feed_url(draft, "session_ics", session_slug="opening")).status_code == 404


def test_draft_edition_is_served_privately_to_its_organisers(client):
    draft = build_edition(status="draft")
    organiser = make_organiser(draft, "organiser@example.org")
    client.force_login(organiser)

    response = client.get(feed_url(draft, "schedule_json"))

    assert response.status_code == 200
    assert "private" in response["Cache-Control"]
    assert "public" not in response["Cache-Control"]


def test_unknown_edition_is_404(client):
    assert client.get("/events/no-such-edition/programme.ics").status_code == 404


@pytest.mark.parametrize("url_name", ["programme_ics", "schedule_xml", "schedule_json"])
def test_etag_answers_304(client, edition, url_name):
    first = client.get(feed_url(edition, url_name))
    assert first["Cache-Control"] == "public, max-age=300"
    etag = first["ETag"]

    again = client.get(feed_url(edition, url_name), headers={"if-none-match": etag})

    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(feed_url(edition, url_name), headers={"if-none-match": '"other"'}).status_code == 200


def test_feed_is_cached_until_the_programme_version_changes(client, edition):
    url = feed_url(edition, "schedule_json")
    before = client.get(url)
    # A raw update changes the row without bumping the version: the cached bytes are still served.
    Session.objects.filter(edition=edition, slug="opening").update(title="Welcome ceremony")
    assert client.get(url).content == before.content

    Edition.objects.filter(pk=edition.pk).update(programme_version=edition.programme_version + 1)
    after = client.get(url)

    assert b"Welcome ceremony" in after.content
    assert after["ETag"] != before["ETag"]
    assert client.get(url, headers={"if-none-match": before["ETag"]}).status_code == 200


def test_cached_export_builds_once_per_version(edition):
    builds = []

    def build():
        builds.append(1)
        return "content"

    first = programme_cache.cached_export(edition, "json", build)
    second = programme_cache.cached_export(edition, "json", build)
    edition.programme_version += 1
    third = programme_cache.cached_export(edition, "json", build)

    assert len(builds) == 2
    assert first == second
    assert first.content == third.content == b"content"
    assert programme_cache.cached_export(edition, "json", build, session=edition.sessions.first()) is not None
    assert len(builds) == 3


def test_an_empty_programme_still_gives_valid_feeds():
    edition = FeedEditionFactory()

    calendar = parse_calendar(exports.build_programme_ics(edition))
    assert calendar.events == []
    xmlschema.XMLSchema(SCHEMAS / "schedule.xml.xsd").validate(exports.build_frab_xml(edition).decode("utf-8"))
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    jsonschema.Draft6Validator(schema).validate(json.loads(exports.build_frab_json(edition)))


def test_head_is_answered_and_writes_are_refused(client, edition):
    url = feed_url(edition, "programme_ics")

    assert client.head(url).status_code == 200
    assert client.post(url).status_code == 405


DEMO_PACKAGE = REPO_ROOT / "src" / "rendezvous" / "demo"


@pytest.mark.skipif(not DEMO_PACKAGE.exists(), reason="the demo edition is not there yet")
def test_demo_edition_exports_are_valid(client):
    call_command("load_demo", stdout=io.StringIO())
    demo = Edition.objects.get(slug="haikou-2022")

    calendar = parse_calendar(client.get(feed_url(demo, "programme_ics")).content)
    assert calendar.events
    assert {event["DTSTART"].params["TZID"] for event in calendar.events} == {demo.timezone}
    xml = client.get(feed_url(demo, "schedule_xml")).content.decode("utf-8")
    xmlschema.XMLSchema(SCHEMAS / "schedule.xml.xsd").validate(xml)
    schema = json.loads((SCHEMAS / "schema.json").read_text())
    document = json.loads(client.get(feed_url(demo, "schedule_json")).content)
    jsonschema.Draft6Validator(schema, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER).validate(document)
