"""What schedule and calendar clients need from the feeds (issue 18): frab person ids for organisations too, public
files as attachments, the recording fields, valid against the published schemas; iCalendar places without repetition,
DTSTAMP at generation, SEQUENCE and LAST-MODIFIED per event, the refresh hint on feeds only."""

import datetime
import json
import xml.etree.ElementTree as ET

import icalendar
import jsonschema
import pytest
import xmlschema
from django.core.cache import cache
from django.test import override_settings
from django.utils import timezone

from rendezvous.events.models import Edition, Room, Venue
from rendezvous.programme import exports
from rendezvous.programme.models import Contribution, MaterialVisibility, Session
from tests.factories.programme import material
from tests.programme.test_exports import SCHEMAS, build_edition

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    return build_edition()


def technical(edition) -> Session:
    return Session.objects.get(edition=edition, slug="session-1a")


def xml_event(content: bytes, session: Session) -> ET.Element:
    return next(event for event in ET.fromstring(content).iter("event") if event.get("guid") == str(session.uuid))


def json_event(content: bytes, session: Session) -> dict:
    days = json.loads(content)["schedule"]["conference"]["days"]
    return next(
        event
        for day in days
        for events in day["rooms"].values()
        for event in events
        if event["guid"] == str(session.uuid)
    )


def test_every_frab_person_has_a_stable_integer_id_organisations_included(edition):
    session = technical(edition)
    content = exports.build_frab_xml(edition)
    persons = xml_event(content, session).find("persons").findall("person")

    assert [person.text for person in persons] == ["Wei Li", "Egyptian Space Agency"]
    ids = [person.get("id") for person in persons]
    assert all(value and value.isdigit() for value in ids) and len(set(ids)) == 2
    agency = Contribution.objects.get(title="A lunar rover").speakers.get()
    assert ids[1] == str(exports.ORGANISATION_ID_OFFSET + agency.organisation_id)
    cache.clear()
    again = xml_event(exports.build_frab_xml(Edition.objects.get(pk=edition.pk)), session)
    assert [person.get("id") for person in again.find("persons")] == ids
    # The JSON names each with a stable code besides its guid, so a second tool keeps them apart.
    json_persons = json_event(exports.build_frab_json(edition), session)["persons"]
    assert [person["name"] for person in json_persons] == ["Wei Li", "Egyptian Space Agency"]
    assert len({person["code"] for person in json_persons}) == len({person["guid"] for person in json_persons}) == 2


def test_public_materials_are_attachments_and_recording_fields_are_set(edition):
    session = technical(edition)
    session.do_not_record = True
    session.recording_licence = "CC BY 4.0"
    session.save()
    keynote = Contribution.objects.get(title="Chang'e-7 payloads")
    slides = material(keynote, title="Payload slides", visibility_override=MaterialVisibility.PUBLIC)
    material(keynote, kind="paper", title="Private paper", visibility_override=MaterialVisibility.PARTICIPANTS)

    content = exports.build_frab_xml(edition)
    xmlschema.XMLSchema(str(SCHEMAS / "schedule.xml.xsd")).validate(content)
    event = xml_event(content, session)
    attachments = event.find("attachments").findall("attachment")
    assert [(item.text, item.get("type")) for item in attachments] == [("Payload slides", "slides")]
    assert attachments[0].get("href").endswith(f"/materials/{slides.uuid}/download")
    assert event.find("recording/optout").text == "true"
    assert event.find("recording/license").text == "CC BY 4.0"

    document = json.loads(exports.build_frab_json(edition))
    jsonschema.validate(document, json.loads((SCHEMAS / "schema.json").read_text()))
    data = json_event(exports.build_frab_json(edition), session)
    assert data["do_not_record"] is True and data["recording_license"] == "CC BY 4.0"
    assert data["attachments"] == [{"type": "slides", "url": attachments[0].get("href"), "title": "Payload slides"}]


def ics_events(content: bytes) -> dict[str, icalendar.Event]:
    return {str(event["UID"]): event for event in icalendar.Calendar.from_ical(content).events}


def test_ics_location_names_each_place_once(edition):
    venue = Venue.objects.get(edition=edition)
    venue.name = "Main venue, Haikou"
    venue.save()
    room = Room.objects.get(venue=venue, name="Hall A")
    room.name = "Main hall"
    room.save()

    event = ics_events(exports.build_programme_ics(Edition.objects.get(pk=edition.pk)))[str(technical(edition).uuid)]
    assert event["LOCATION"] == "Main hall, Main venue, Haikou"


def test_ics_sequence_and_last_modified_move_only_with_their_own_event(edition):
    session = technical(edition)
    other = Session.objects.get(edition=edition, slug="panel")
    before = ics_events(exports.build_programme_ics(edition))
    start_sequence = int(before[str(session.uuid)]["SEQUENCE"])
    other_sequence = int(before[str(other.uuid)]["SEQUENCE"])
    other_modified = before[str(other.uuid)]["LAST-MODIFIED"].dt

    session.save()  # a save that changes nothing is not a change
    session.refresh_from_db()
    assert session.sequence == start_sequence

    session.title = "Lunar exploration and beyond"
    session.save()
    Contribution.objects.create(session=session, title="A late addition")
    cache.clear()
    after = ics_events(exports.build_programme_ics(Edition.objects.get(pk=edition.pk)))
    changed = after[str(session.uuid)]
    assert int(changed["SEQUENCE"]) == start_sequence + 2
    assert changed["LAST-MODIFIED"].dt >= before[str(session.uuid)]["LAST-MODIFIED"].dt
    assert int(after[str(other.uuid)]["SEQUENCE"]) == other_sequence
    assert after[str(other.uuid)]["LAST-MODIFIED"].dt == other_modified


def test_ics_dtstamp_is_the_generation_time_in_utc(edition):
    before = timezone.now().replace(second=0, microsecond=0)
    events = ics_events(exports.build_programme_ics(edition))
    for event in events.values():
        stamp = event["DTSTAMP"].dt
        assert stamp.utcoffset() == datetime.timedelta(0)
        assert before <= stamp <= timezone.now()


def test_only_feeds_carry_the_refresh_hint(edition):
    feed = icalendar.Calendar.from_ical(exports.build_programme_ics(edition))
    one_off = icalendar.Calendar.from_ical(exports.build_session_ics(technical(edition)))
    assert "REFRESH-INTERVAL" in feed and "X-PUBLISHED-TTL" in feed
    assert "REFRESH-INTERVAL" not in one_off and "X-PUBLISHED-TTL" not in one_off


def test_ics_uids_do_not_depend_on_the_site_address(edition):
    with override_settings(SITE_URL="https://one.example.org"):
        first = set(ics_events(exports.build_programme_ics(edition)))
    cache.clear()
    with override_settings(SITE_URL="https://another.example.net"):
        second = set(ics_events(exports.build_programme_ics(edition)))
    assert first == second


def test_delivery_is_written_once(edition):
    Contribution.objects.filter(title="A lunar rover").update(delivery="online_live")
    events = ics_events(exports.build_programme_ics(Edition.objects.get(pk=edition.pk)))
    description = str(events[str(technical(edition).uuid)]["DESCRIPTION"])
    assert "A lunar rover — Egyptian Space Agency (EgSA) (online, live)" in description
    assert "(online (live))" not in description
