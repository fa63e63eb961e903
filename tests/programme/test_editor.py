"""The programme editor: its rules (editing.py), its pages with bad input, and who is refused."""

import pytest
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from rendezvous.core.models import AuditEntry, Organisation, Person
from rendezvous.events.models import EditionStaff, StaffRole
from rendezvous.programme import editing
from rendezvous.programme.models import Contribution, ContributionSpeaker, Session, SessionChair
from rendezvous.programme.timetable import ClashKind
from tests.factories import (
    ContributionFactory,
    EditionFactory,
    OrganisationFactory,
    PersonFactory,
    RoomFactory,
    SessionFactory,
    add_chair,
    add_speaker,
    make_organiser,
    make_user,
)
from tests.factories import (
    haikou as local,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    # EditionFactory: 21-24 November 2022, Asia/Shanghai.
    return EditionFactory(slug="haikou-2022", title="Second Global Partnership Workshop")


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "secretariat@example.org")


@pytest.fixture
def hall(edition):
    return RoomFactory(venue__edition=edition, name="Hall A")


def session_data(**overrides):
    data = {
        "kind": "technical",
        "code": "2(a)",
        "title": "Space weather",
        "start": local(22, 14),
        "end": local(22, 15, 30),
        "room": None,
        "description": "",
    }
    data.update(overrides)
    return data


# --- Services ----------------------------------------------------------------------------------------------------


def test_a_new_session_gets_a_slug_an_audit_entry_and_a_new_programme_version(edition, organiser, hall):
    version = edition.programme_version
    saved = editing.create_session(organiser, edition, **session_data(room=hall))
    session = saved.obj
    assert session.slug == "2a-space-weather"
    assert saved.findings == []
    edition.refresh_from_db()
    assert edition.programme_version > version
    assert AuditEntry.objects.filter(action="programme.session_created", object_id=str(session.pk)).exists()
    # A second session with the same title gets an address of its own.
    assert editing.create_session(
        organiser, edition, **session_data(start=local(23, 9), end=local(23, 10))
    ).obj.slug == ("2a-space-weather-2")


def test_moving_a_session_onto_another_in_the_same_room_reports_the_clash_at_once(edition, organiser, hall):
    SessionFactory(edition=edition, room=hall, title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30))
    other = SessionFactory(
        edition=edition, room=hall, title="Research stations", start=local(22, 11), end=local(22, 12)
    )

    saved = editing.update_session(
        organiser, other, **session_data(title="Research stations", start=local(22, 10), end=local(22, 11), room=hall)
    )

    [finding] = saved.findings
    assert finding.kind == ClashKind.ROOM
    assert "Hall A" in finding.message and "double-booked" in finding.message


def test_a_chair_speaking_elsewhere_at_the_same_time_is_a_finding_of_the_change(edition, organiser):
    person = PersonFactory(given_name="Wu", family_name="Yanhua")
    morning = SessionFactory(edition=edition, start=local(22, 9), end=local(22, 10, 30))
    add_speaker(morning, person=person)
    parallel = SessionFactory(edition=edition, start=local(22, 10), end=local(22, 11))

    saved = editing.add_chair(organiser, parallel, person=person)

    assert [f.kind for f in saved.findings] == [ClashKind.PERSON]
    assert "Wu Yanhua is in two places at once" in saved.findings[0].message


@pytest.mark.parametrize(
    ("start", "end"),
    [
        (local(20, 9), local(20, 10)),  # the day before the edition
        (local(24, 23), local(25, 1)),  # runs past the last day
    ],
)
def test_a_session_outside_the_editions_dates_is_refused(edition, organiser, start, end):
    with pytest.raises(editing.ProgrammeEditError, match="within the edition's dates, 2022-11-21 to 2022-11-24"):
        editing.create_session(organiser, edition, **session_data(start=start, end=end))
    assert not Session.objects.exists()


def test_a_session_ending_before_it_starts_or_in_another_editions_room_is_refused(edition, organiser):
    with pytest.raises(editing.ProgrammeEditError, match="end after it starts"):
        editing.create_session(organiser, edition, **session_data(start=local(22, 10), end=local(22, 9)))
    foreign_room = RoomFactory(venue__edition=EditionFactory())
    with pytest.raises(editing.ProgrammeEditError, match="room of this edition"):
        editing.create_session(organiser, edition, **session_data(room=foreign_room))


def test_only_the_editions_organisers_may_edit_its_programme(edition):
    session = SessionFactory(edition=edition)
    other_organiser = make_organiser(EditionFactory())
    checkin = make_user("desk@example.org")
    EditionStaff.objects.create(edition=edition, user=checkin, role=StaffRole.CHECKIN)
    for intruder in (other_organiser, checkin, make_user()):
        with pytest.raises(PermissionDenied):
            editing.update_session(intruder, session, **session_data())
        with pytest.raises(PermissionDenied):
            editing.create_session(intruder, edition, **session_data())
        with pytest.raises(PermissionDenied):
            editing.delete_session(intruder, session)
    assert Session.objects.filter(pk=session.pk, title=session.title).exists()


def test_contributions_are_created_last_moved_between_sessions_and_reordered(edition, organiser):
    first, second = SessionFactory(edition=edition), SessionFactory(edition=edition)
    a = editing.create_contribution(organiser, first, kind="keynote", delivery="online_live", title="A").obj
    b = editing.create_contribution(organiser, first, kind="technical", delivery="in_person", title="B").obj
    assert (a.order, b.order) == (1, 2)

    editing.move_contribution(organiser, b, up=True)
    assert list(first.contributions.order_by("order").values_list("title", flat=True)) == ["B", "A"]

    editing.update_contribution(
        organiser, a, session=second, kind="keynote", delivery="pre_recorded", title="A, recorded", abstract="x"
    )
    a.refresh_from_db()
    assert (a.session, a.delivery, a.title) == (second, "pre_recorded", "A, recorded")

    editing.delete_contribution(organiser, b)
    assert not Contribution.objects.filter(pk=b.pk).exists()


def test_search_ignores_case_and_accents_and_finds_acronyms(edition):
    nasa = OrganisationFactory(name="National Aeronautics and Space Administration", acronym="NASA")
    OrganisationFactory(name="Société Générale de Surveillance", acronym="")
    PersonFactory(given_name="José", family_name="Ocampo", organisation=nasa)

    assert editing.find_organisations("nasa") == [nasa]
    assert [o.name for o in editing.find_organisations("societe generale")] == ["Société Générale de Surveillance"]
    assert [p.family_name for p in editing.find_people("jose OCAMPO")] == ["Ocampo"]
    assert [p.family_name for p in editing.find_people("NASA")] == ["Ocampo"]
    assert editing.find_people("   ") == []


def test_no_second_nasa(edition, organiser):
    OrganisationFactory(name="National Aeronautics and Space Administration", acronym="NASA")
    for name, acronym in (
        ("N.A.S.A.", ""),
        ("Nasa", ""),
        ("Something else", "nasa"),
        ("national aeronautics and space administration", ""),
    ):
        with pytest.raises(editing.ProgrammeEditError, match="already exists"):
            editing.create_organisation(organiser, edition, name=name, acronym=acronym)
    assert Organisation.objects.count() == 1
    esa = editing.create_organisation(
        organiser, edition, name="European Space Agency", acronym="ESA", type="intergovernmental"
    )
    assert esa.short_name == "ESA"


def test_a_namesake_needs_confirmation(edition, organiser):
    PersonFactory(given_name="Li", family_name="Wei")
    with pytest.raises(editing.ProgrammeEditError, match="already exists"):
        editing.create_person(organiser, edition, given_name="li", family_name="WEI")
    editing.create_person(organiser, edition, given_name="Li", family_name="Wei", namesake_confirmed=True)
    assert Person.objects.filter(family_name="Wei").count() == 2


# --- Pages -------------------------------------------------------------------------------------------------------


def url(name, edition, **kwargs):
    return reverse(f"programme:{name}", kwargs={"slug": edition.slug, **kwargs})


def form_data(**overrides):
    data = {
        "kind": "technical",
        "code": "3",
        "title": "Space law",
        "start": "2022-11-23T09:00",
        "end": "2022-11-23T10:15",
        "room": "",
        "description": "",
    }
    data.update(overrides)
    return data


def test_a_session_typed_in_the_editions_zone_is_stored_in_utc_and_shown_publicly(client, edition, organiser):
    edition.status = "published"
    edition.save()
    client.force_login(organiser)
    public = client.get(reverse("programme:programme", kwargs={"slug": edition.slug})).content.decode()
    assert "Space law" not in public

    response = client.post(url("new_session", edition), form_data())

    session = Session.objects.get(title="Space law")
    assert response.status_code == 302 and response.url == url("edit_session", edition, session_id=session.pk)
    assert session.start.isoformat() == "2022-11-23T01:00:00+00:00"  # 09:00 in Haikou
    page = client.get(response.url).content.decode()
    assert "Starts (Asia/Shanghai time)" in page and 'value="2022-11-23T09:00"' in page
    assert "No clashes" in page
    assert "Space law" in client.get(reverse("programme:programme", kwargs={"slug": edition.slug})).content.decode()
    assert "Space law" in client.get(reverse("programme:programme_ics", kwargs={"slug": edition.slug})).content.decode()


def test_saving_a_clashing_session_shows_the_finding_on_the_page(client, edition, organiser, hall):
    SessionFactory(edition=edition, room=hall, title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30))
    moved = SessionFactory(
        edition=edition, room=hall, title="Research stations", start=local(22, 11), end=local(22, 12)
    )
    client.force_login(organiser)

    response = client.post(
        url("edit_session", edition, session_id=moved.pk),
        form_data(title="Research stations", start="2022-11-22T10:00", end="2022-11-22T11:00", room=hall.pk),
        follow=True,
    )

    page = response.content.decode()
    assert "The timetable check finds 1 problem with this session" in page
    assert "is double-booked" in page and "Lunar exploration" in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"title": ""}, "This field is required."),
        ({"title": "x" * 301}, "at most 300 characters"),
        ({"code": "c" * 17}, "at most 16 characters"),
        ({"start": "tomorrow"}, "Enter a valid date/time."),
        ({"start": "99999999999-01-01T09:00"}, "Enter a valid date/time."),
        ({"start": "9" * 5000}, "Enter a date and time"),
        ({"kind": "party"}, "Select a valid choice."),
        ({"room": "99999999999999999999"}, "Select a valid choice."),
        ({"room": "abc"}, "Select a valid choice."),
        ({"start": "2022-11-25T09:00", "end": "2022-11-25T10:00"}, "within the edition&#x27;s dates"),
        ({"end": "2022-11-23T08:00"}, "must end after it starts"),
    ],
)
def test_bad_session_input_gets_a_message_not_a_500(client, edition, organiser, overrides, message):
    client.force_login(organiser)
    response = client.post(url("new_session", edition), form_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Session.objects.exists()


@pytest.mark.parametrize(
    "overrides",
    [{"title": ""}, {"order": "99999999999999999999"}, {"order": "-1"}, {"order": "two"}, {"session": "0"}],
)
def test_bad_contribution_input_gets_a_message(client, edition, organiser, overrides):
    session = SessionFactory(edition=edition)
    client.force_login(organiser)
    data = {"session": session.pk, "kind": "technical", "delivery": "in_person", "title": "T", "abstract": ""}
    data.update(overrides)
    response = client.post(url("new_contribution", edition, session_id=session.pk), data)
    assert response.status_code == 200
    assert 'class="errorlist' in response.content.decode()
    assert not Contribution.objects.exists()


def test_the_contribution_form_names_sessions_in_the_organisers_language(client, edition, organiser):
    session = SessionFactory(edition=edition, code="3", title="Lunar exploration")
    client.force_login(organiser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    page = client.get(url("new_contribution", edition, session_id=session.pk)).content.decode()
    assert "Séance 3. Lunar exploration</option>" in page and "Session 3." not in page


def test_search_then_add_a_speaker_or_create_one(client, edition, organiser):
    contribution = ContributionFactory(session=SessionFactory(edition=edition))
    OrganisationFactory(name="National Aeronautics and Space Administration", acronym="NASA")
    client.force_login(organiser)
    page_url = url("edit_contribution", edition, contribution_id=contribution.pk)
    add_url = url("add_speaker", edition, contribution_id=contribution.pk)

    page = client.get(page_url, {"q": "nasa"}).content.decode()
    assert "National Aeronautics and Space Administration (NASA)" in page

    nasa = Organisation.objects.get(acronym="NASA")
    client.post(add_url, {"organisation": nasa.pk})
    duplicate = client.post(
        add_url, {"create": "organisation", "organisation-name": "NASA", "organisation-type": "government"}, follow=True
    )
    assert "already exists: choose it from the search results" in duplicate.content.decode()
    client.post(
        add_url,
        {
            "create": "person",
            "person-given_name": "Ana",
            "person-family_name": "Díaz",
            "person-organisation": nasa.pk,
            "person-position": "Engineer",
        },
    )
    speakers = list(ContributionSpeaker.objects.filter(contribution=contribution).order_by("order"))
    assert [str(s) for s in speakers] == ["National Aeronautics and Space Administration (NASA)", "Ana Díaz (NASA)"]
    assert Organisation.objects.count() == 1

    for bad in ({"person": "99999999999999999999"}, {"person": "x"}, {}, {"create": "person", "person-given_name": ""}):
        response = client.post(add_url, bad, follow=True)
        assert response.status_code == 200
        assert 'class="message message-error"' in response.content.decode()
    assert ContributionSpeaker.objects.filter(contribution=contribution).count() == 2


def test_chairs_are_added_and_removed_from_the_session_page(client, edition, organiser):
    session = SessionFactory(edition=edition)
    person = PersonFactory(given_name="Wu", family_name="Yanhua")
    client.force_login(organiser)
    client.post(url("add_chair", edition, session_id=session.pk), {"person": person.pk})
    chair = SessionChair.objects.get(session=session)
    assert "Wu Yanhua" in client.get(url("edit_session", edition, session_id=session.pk)).content.decode()
    client.post(url("remove_chair", edition, session_id=session.pk, chair_id=chair.pk))
    assert not SessionChair.objects.exists()


def test_deleting_asks_first(client, edition, organiser):
    session = SessionFactory(edition=edition, title="Lunar exploration")
    client.force_login(organiser)
    confirm = client.get(url("delete_session", edition, session_id=session.pk))
    assert "Delete “Lunar exploration”?" in confirm.content.decode()
    assert Session.objects.exists()
    client.post(url("delete_session", edition, session_id=session.pk))
    assert not Session.objects.exists()


def test_the_dashboard_links_the_editor(client, edition, organiser):
    client.force_login(organiser)
    page = client.get(reverse("events:organise", kwargs={"slug": edition.slug})).content.decode()
    assert f'href="{url("organise_programme", edition)}"' in page


def test_other_editions_organisers_and_checkin_staff_are_refused(client, edition):
    session = SessionFactory(edition=edition, title="Lunar exploration")
    contribution = add_speaker(session, person=PersonFactory())
    chair = add_chair(session, person=PersonFactory())
    speaker = contribution.speakers.get()
    checkin = make_user("desk@example.org")
    EditionStaff.objects.create(edition=edition, user=checkin, role=StaffRole.CHECKIN)
    pages = [
        ("get", url("organise_programme", edition)),
        ("get", url("new_session", edition)),
        ("post", url("new_session", edition)),
        ("get", url("edit_session", edition, session_id=session.pk)),
        ("post", url("edit_session", edition, session_id=session.pk)),
        ("post", url("delete_session", edition, session_id=session.pk)),
        ("post", url("add_chair", edition, session_id=session.pk)),
        ("post", url("remove_chair", edition, session_id=session.pk, chair_id=chair.pk)),
        ("post", url("new_contribution", edition, session_id=session.pk)),
        ("post", url("edit_contribution", edition, contribution_id=contribution.pk)),
        ("post", url("move_contribution", edition, contribution_id=contribution.pk)),
        ("post", url("delete_contribution", edition, contribution_id=contribution.pk)),
        ("post", url("add_speaker", edition, contribution_id=contribution.pk)),
        ("post", url("remove_speaker", edition, contribution_id=contribution.pk, speaker_id=speaker.pk)),
    ]
    for intruder in (make_organiser(EditionFactory()), checkin):
        client.force_login(intruder)
        for method, address in pages:
            assert getattr(client, method)(address, form_data()).status_code == 403, (intruder, address)
    client.logout()
    assert client.get(url("organise_programme", edition)).status_code == 302
    assert Session.objects.filter(title="Lunar exploration").exists()
    assert SessionChair.objects.exists() and ContributionSpeaker.objects.exists()


def test_a_session_of_another_edition_is_not_found_through_this_one(client, edition, organiser):
    foreign = SessionFactory(edition=EditionFactory())
    client.force_login(organiser)
    assert client.get(url("edit_session", edition, session_id=foreign.pk)).status_code == 404
    assert client.post(url("delete_session", edition, session_id=foreign.pk)).status_code == 404
    assert Session.objects.filter(pk=foreign.pk).exists()


def test_organisers_no_longer_reach_the_programme_admin(client, edition, organiser):
    client.force_login(organiser)
    assert client.get("/admin/programme/session/").status_code == 403
    assert client.get("/admin/programme/contribution/").status_code == 403


def test_the_timetable_check_sends_organisers_to_the_editor_not_the_admin(client, edition, organiser, hall):
    SessionFactory(edition=edition, room=hall, title="Lunar exploration", start=local(22, 9), end=local(22, 10, 30))
    clashing = SessionFactory(
        edition=edition, room=hall, title="Research stations", start=local(22, 10), end=local(22, 11)
    )
    client.force_login(organiser)
    page = client.get(reverse("programme:timetable_check", kwargs={"slug": edition.slug})).content.decode()
    assert f'href="{url("edit_session", edition, session_id=clashing.pk)}"' in page
    assert "/admin/" not in page.split("<main", 1)[1]
