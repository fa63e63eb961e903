"""The edition's own record on organiser pages (issue 11/12): details, venues and rooms, organising bodies. Bad input
answers with a message (never 500), other editions' organisers, check-in staff and anonymous visitors are refused, and
every change is in the audit trail."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import AuditEntry
from rendezvous.events.models import Edition, EditionOrganiser, Room, StaffRole, Venue
from rendezvous.organise import details
from tests.factories import (
    EditionFactory,
    EditionOrganiserFactory,
    OrganisationFactory,
    RoomFactory,
    SessionFactory,
    make_organiser,
    staff,
)

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/j/only-for-participants-99"


@pytest.fixture
def edition():
    return EditionFactory(slug="third-2026", title="Third Workshop", online_meeting_url=SECRET_LINK)


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "lead@example.org")


@pytest.fixture
def organiser_client(client, organiser):
    client.force_login(organiser)
    return client


def _details_data(edition, **overrides):
    data = {
        "title": edition.title,
        "short_title": edition.short_title,
        "start_date": edition.start_date.isoformat(),
        "end_date": edition.end_date.isoformat(),
        "timezone": edition.timezone,
        "format": edition.format,
        "working_languages": edition.working_languages,
        "city": edition.city,
        "country": "",
        "online_platform": edition.online_platform,
        "online_meeting_url": edition.online_meeting_url,
        "website": edition.website,
        "contact_email": edition.contact_email,
        "document_symbol": edition.document_symbol,
        "summary": edition.summary,
        "objectives": edition.objectives,
        "how_to_take_part": edition.how_to_take_part,
    }
    data.update(overrides)
    return data


def _url(name, edition, *args):
    return reverse(f"organise:{name}", args=[edition.slug, *args])


# --- Details --------------------------------------------------------------------------------------------------------


def test_the_details_page_shows_the_meeting_link_to_the_organiser(organiser_client, edition):
    page = organiser_client.get(_url("details", edition))
    assert page.status_code == 200
    assert SECRET_LINK in page.content.decode()
    assert '<option value="Asia/Shanghai" selected>' in page.content.decode()


def test_saving_the_details_is_audited_and_rebuilds_the_programme_pages(organiser_client, edition, organiser):
    version = edition.programme_version
    response = organiser_client.post(
        _url("details", edition),
        _details_data(
            edition,
            title="Third Global Partnership Workshop",
            start_date="2026-12-01",
            end_date="2026-12-03",
            timezone="Europe/Vienna",
            city="Vienna",
            country="AT",
            website="https://www.unoosa.org/",
            contact_email="secretariat@example.org",
            online_meeting_url="https://meet.example.org/j/new-room",
            organisers_require_strong_second_factor="on",
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    edition.refresh_from_db()
    assert edition.title == "Third Global Partnership Workshop"
    assert (edition.start_date, edition.end_date) == (datetime.date(2026, 12, 1), datetime.date(2026, 12, 3))
    assert edition.timezone == "Europe/Vienna" and edition.country.code == "AT"
    assert edition.organisers_require_strong_second_factor
    assert edition.programme_version > version
    entry = AuditEntry.objects.get(action="edition.details_changed")
    assert entry.actor == organiser and entry.edition == edition
    assert "title" in entry.summary and "timezone" in entry.summary
    assert entry.data["changes"]["title"]["before"] == "Third Workshop"
    # The trail is read by organisers, but never holds the meeting link.
    assert "new-room" not in str(entry.data) and SECRET_LINK not in str(entry.data)


def test_saving_nothing_changed_records_nothing(organiser_client, edition):
    response = organiser_client.post(_url("details", edition), _details_data(edition))
    assert response.status_code == 302
    assert not AuditEntry.objects.filter(action="edition.details_changed").exists()


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"short_title": "x" * 121}, "at most 120 characters"),
        ({"document_symbol": "x" * 41}, "at most 40 characters"),
        ({"summary": "x" * 20_001}, "at most 20000 characters"),
        ({"start_date": "not a date"}, "Enter a valid date."),
        ({"start_date": "2022-11-25", "end_date": "2022-11-21"}, "The edition cannot end before it starts."),
        ({"timezone": "Mars/Olympus_Mons"}, "Select a valid choice."),
        ({"format": "telepathy"}, "Select a valid choice."),
        ({"country": "XX"}, "Select a valid choice."),
        ({"website": "not a link"}, "Enter a valid URL."),
        ({"online_meeting_url": "javascript:alert(1)"}, "Enter a valid URL."),
        ({"online_meeting_url": "https://example.org/" + "x" * 300}, "at most 200 characters"),
        ({"contact_email": "not an address"}, "Enter a valid email address."),
    ],
)
def test_bad_details_are_refused_with_a_message(organiser_client, edition, overrides, message):
    response = organiser_client.post(_url("details", edition), _details_data(edition, **overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    edition.refresh_from_db()
    assert edition.title == "Third Workshop" and edition.start_date == datetime.date(2022, 11, 21)
    assert not AuditEntry.objects.exists()


def test_the_service_refuses_what_the_form_would_and_fields_it_does_not_own(edition, organiser):
    with pytest.raises(details.DetailsError, match="cannot end before"):
        details.update_details(
            edition,
            {"start_date": datetime.date(2022, 11, 25), "end_date": datetime.date(2022, 11, 20)},
            actor=organiser,
        )
    with pytest.raises(details.DetailsError, match="Unknown time zone|not a valid choice"):
        details.update_details(edition, {"timezone": "Nowhere/Atlantis"}, actor=organiser)
    with pytest.raises(details.DetailsError, match="cannot be changed here"):
        details.update_details(edition, {"slug": "renamed"}, actor=organiser)
    assert Edition.objects.get(pk=edition.pk).slug == "third-2026"


# --- Denials --------------------------------------------------------------------------------------------------------


def _every_page(edition, venue, room, link):
    return [
        ("get", _url("details", edition)),
        ("post", _url("details", edition)),
        ("get", _url("venues", edition)),
        ("post", _url("venues", edition)),
        ("post", _url("change_venue", edition, venue.pk)),
        ("post", _url("delete_venue", edition, venue.pk)),
        ("post", _url("add_room", edition, venue.pk)),
        ("post", _url("change_room", edition, room.pk)),
        ("post", _url("delete_room", edition, room.pk)),
        ("get", _url("bodies", edition)),
        ("post", _url("bodies", edition)),
        ("post", _url("change_body", edition, link.pk)),
        ("post", _url("remove_body", edition, link.pk)),
    ]


@pytest.fixture
def records(edition):
    room = RoomFactory(venue__edition=edition, name="Plenary")
    link = EditionOrganiserFactory(edition=edition)
    return room.venue, room, link


@pytest.mark.parametrize("who", ["organiser of another edition", "check-in staff", "anonymous"])
def test_others_are_refused_and_nothing_changes(client, edition, records, who):
    venue, room, link = records
    if who == "organiser of another edition":
        client.force_login(make_organiser(EditionFactory(), "other@example.org"))
    elif who == "check-in staff":
        client.force_login(staff(edition, StaffRole.CHECKIN))
    for method, url in _every_page(edition, venue, room, link):
        data = {"title": "Taken over", "name": "Taken over", "role": "host", "order": "1"}
        response = getattr(client, method)(url, data if method == "post" else None)
        if who == "anonymous":
            assert response.status_code == 302 and "sign-in" in response.url, (url, response.status_code)
        else:
            assert response.status_code == 403, (url, response.status_code)
            assert SECRET_LINK not in response.content.decode()
    edition.refresh_from_db()
    assert edition.title == "Third Workshop"
    assert Venue.objects.get(pk=venue.pk).name == venue.name and Room.objects.get(pk=room.pk).name == "Plenary"
    assert EditionOrganiser.objects.filter(pk=link.pk).exists()
    assert not AuditEntry.objects.exists()


def test_the_services_refuse_an_organiser_of_another_edition(edition, records):
    venue, room, link = records
    intruder = make_organiser(EditionFactory(), "other@example.org")
    for call in (
        lambda: details.update_details(edition, {"title": "Mine"}, actor=intruder),
        lambda: details.add_venue(edition, actor=intruder, name="Elsewhere"),
        lambda: details.delete_room(edition, room.pk, actor=intruder),
        lambda: details.remove_organising_body(edition, link.pk, actor=intruder),
    ):
        with pytest.raises(PermissionDenied):
            call()


def test_a_room_of_another_edition_cannot_be_reached_through_this_one(organiser_client, edition):
    foreign = RoomFactory(venue__edition=EditionFactory(), name="Not yours")
    response = organiser_client.post(_url("delete_room", edition, foreign.pk))
    assert response.status_code == 400 and "This room no longer exists." in response.content.decode()
    response = organiser_client.post(
        _url("change_venue", edition, foreign.venue.pk), {f"venue-{foreign.venue.pk}-name": "Mine"}
    )
    assert response.status_code == 400
    assert Room.objects.filter(pk=foreign.pk, name="Not yours").exists()
    assert Venue.objects.get(pk=foreign.venue.pk).name != "Mine"


# --- Venues and rooms -----------------------------------------------------------------------------------------------


def test_venues_and_rooms_are_added_renamed_and_deleted(organiser_client, edition, organiser):
    response = organiser_client.post(
        _url("venues", edition), {"new-venue-name": "Vienna International Centre", "new-venue-country": "AT"}
    )
    assert response.status_code == 302
    venue = Venue.objects.get(edition=edition)
    assert venue.country.code == "AT"
    response = organiser_client.post(
        _url("add_room", edition, venue.pk),
        {f"new-room-{venue.pk}-name": "Board Room", f"new-room-{venue.pk}-capacity": "40"},
    )
    assert response.status_code == 302
    room = Room.objects.get(venue=venue)
    assert room.capacity == 40
    response = organiser_client.post(
        _url("change_room", edition, room.pk), {f"room-{room.pk}-name": "Board Room A", f"room-{room.pk}-capacity": ""}
    )
    assert response.status_code == 302
    room.refresh_from_db()
    assert room.name == "Board Room A" and room.capacity is None
    response = organiser_client.post(_url("change_venue", edition, venue.pk), {f"venue-{venue.pk}-name": "VIC"})
    assert response.status_code == 302 and Venue.objects.get(pk=venue.pk).name == "VIC"
    assert organiser_client.post(_url("delete_room", edition, room.pk)).status_code == 302
    assert organiser_client.post(_url("delete_venue", edition, venue.pk)).status_code == 302
    assert not Venue.objects.filter(edition=edition).exists()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["venue.added", "room.added", "room.changed", "venue.changed", "room.deleted", "venue.deleted"]
    assert set(AuditEntry.objects.values_list("actor", flat=True)) == {organiser.pk}


def test_a_room_in_use_is_not_deleted_and_the_reason_is_given(organiser_client, edition):
    room = RoomFactory(venue__edition=edition, name="Plenary")
    SessionFactory(edition=edition, room=room, title="Opening")
    response = organiser_client.post(_url("delete_room", edition, room.pk))
    assert response.status_code == 400
    page = response.content.decode()
    assert "Plenary cannot be deleted: 1 session(s) take place there, e.g. “Opening”." in page
    response = organiser_client.post(_url("delete_venue", edition, room.venue.pk))
    assert response.status_code == 400 and "sessions take place in Plenary" in response.content.decode()
    assert Room.objects.filter(pk=room.pk).exists()
    assert not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 121}, "at most 120 characters"),
        ({"name": "Hall", "capacity": "many"}, "Enter a whole number."),
        ({"name": "Hall", "capacity": "-1"}, "greater than or equal to 0"),
        ({"name": "Hall", "capacity": "99999999999999999999"}, "less than or equal to 100000"),
    ],
)
def test_bad_rooms_are_refused_with_a_message(organiser_client, edition, fields, message):
    venue = Venue.objects.create(edition=edition, name="VIC")
    data = {f"new-room-{venue.pk}-{name}": value for name, value in fields.items()}
    response = organiser_client.post(_url("add_room", edition, venue.pk), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Room.objects.exists()


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ({"name": ""}, "This field is required."),
        ({"name": "x" * 256}, "at most 255 characters"),
        ({"name": "VIC", "address": "x" * 401}, "at most 400 characters"),
        ({"name": "VIC", "country": "Narnia"}, "Select a valid choice."),
    ],
)
def test_bad_venues_are_refused_with_a_message(organiser_client, edition, fields, message):
    data = {f"new-venue-{name}": value for name, value in fields.items()}
    response = organiser_client.post(_url("venues", edition), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Venue.objects.exists()


def test_unknown_rooms_and_venues_answer_with_a_message(organiser_client, edition):
    for name in ("delete_room", "delete_venue"):
        response = organiser_client.post(_url(name, edition, 999999))
        assert response.status_code == 400 and "no longer exists" in response.content.decode()


# --- Organising bodies ----------------------------------------------------------------------------------------------


def test_an_organisation_found_by_search_is_added_changed_and_removed(organiser_client, edition, organiser):
    unoosa = OrganisationFactory(name="United Nations Office for Outer Space Affairs", acronym="UNOOSA")
    OrganisationFactory(name="China National Space Administration", acronym="CNSA")
    page = organiser_client.get(_url("bodies", edition), {"q": "unoosa"}).content.decode()
    assert "United Nations Office for Outer Space Affairs" in page and "China National Space" not in page

    response = organiser_client.post(
        _url("bodies", edition), {"organisation": unoosa.pk, "role": "organiser", "order": "0"}
    )
    assert response.status_code == 302
    link = EditionOrganiser.objects.get(edition=edition)
    assert (link.organisation, link.role, link.order) == (unoosa, "organiser", 0)
    # Already listed: not offered again, and refused if sent anyway.
    assert (
        f'data-found="{unoosa.pk}"'
        not in organiser_client.get(_url("bodies", edition), {"q": "unoosa"}).content.decode()
    )
    again = organiser_client.post(_url("bodies", edition), {"organisation": unoosa.pk, "role": "host", "order": "1"})
    assert again.status_code == 400 and "already an organising body" in again.content.decode()

    response = organiser_client.post(
        _url("change_body", edition, link.pk), {f"body-{link.pk}-role": "host", f"body-{link.pk}-order": "3"}
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert (link.role, link.order) == ("host", 3)
    assert organiser_client.post(_url("remove_body", edition, link.pk)).status_code == 302
    assert not EditionOrganiser.objects.exists()
    actions = list(AuditEntry.objects.order_by("pk").values_list("action", flat=True))
    assert actions == ["edition_organiser.added", "edition_organiser.changed", "edition_organiser.removed"]
    assert set(AuditEntry.objects.values_list("actor", flat=True)) == {organiser.pk}


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"organisation": "", "role": "host", "order": "0"},
        {"organisation": "abc", "role": "host", "order": "0"},
        {"organisation": "999999", "role": "host", "order": "0"},
        {"organisation": "99999999999999999999", "role": "host", "order": "0"},
        {"organisation": "{org}", "role": "emperor", "order": "0"},
        {"organisation": "{org}", "role": "host", "order": "-5"},
        {"organisation": "{org}", "role": "host", "order": "99999999999999999999"},
        {"organisation": "{org}", "role": "host", "order": "first"},
    ],
)
def test_bad_organising_bodies_are_refused_with_a_message(organiser_client, edition, data):
    organisation = OrganisationFactory()
    data = {key: value.replace("{org}", str(organisation.pk)) for key, value in data.items()}
    response = organiser_client.post(_url("bodies", edition), data)
    assert response.status_code == 400
    assert 'class="message message-error"' in response.content.decode() or "errorlist" in response.content.decode()
    assert not EditionOrganiser.objects.exists()


def test_a_search_longer_than_allowed_is_refused_not_run(organiser_client, edition):
    response = organiser_client.get(_url("bodies", edition), {"q": "x" * 201})
    assert response.status_code == 200
    assert "at most 200 characters" in response.content.decode()


def test_the_dashboard_links_the_pages_not_the_admin(organiser_client, edition):
    page = organiser_client.get(reverse("events:organise", args=[edition.slug])).content.decode()
    assert "/admin/" not in page
    for name in ("details", "venues", "bodies"):
        assert f'href="{_url(name, edition)}"' in page
