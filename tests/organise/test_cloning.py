"""Cloning an edition: the programme moves to the new dates; registrations, materials and outcomes stay behind."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import CommandError, call_command
from django.urls import reverse

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.events.models import Edition, EditionOrganiser, EditionStaff, SeriesSecretariat, StaffRole
from rendezvous.organise.cloning import clone_edition
from rendezvous.programme.models import Contribution, MaterialPolicy, Session
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule, Route
from tests.factories import (
    ContributionSpeakerFactory,
    EditionFactory,
    OrganisationFactory,
    RegistrationFactory,
    RoomFactory,
    SeriesFactory,
    SessionChairFactory,
    SessionFactory,
    make_organiser,
    make_user,
)

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def source():
    series = SeriesFactory(slug="gpw")
    edition = EditionFactory(
        slug="haikou-2022", series=series, number=2, city="Haikou", online_meeting_url="https://zoom.example/secret"
    )
    room = RoomFactory(venue__edition=edition, name="Hall A")
    session = SessionFactory(edition=edition, room=room, title="Opening")
    SessionChairFactory(session=session)
    ContributionSpeakerFactory(contribution__session=session, contribution__title="Keynote")
    EditionOrganiser.objects.create(edition=edition, organisation=OrganisationFactory(name="UNOOSA"))
    policy = RegistrationPolicy.objects.create(
        edition=edition, in_person_capacity=200, closes_at=datetime.datetime(2022, 11, 10, 18, tzinfo=SHANGHAI)
    )
    RegistrationRule.objects.create(policy=policy, countries=["CN"], route=Route.INVITATION, allowed_modes="in_person")
    RegistrationRule.objects.create(policy=policy, all_other_countries=True, route=Route.OPEN, allowed_modes="online")
    MaterialPolicy.objects.create(edition=edition, publish_videos=True)
    RegistrationFactory(edition=edition)
    make_organiser(edition, "secretariat@example.org")
    return edition


def test_clone_moves_the_programme_and_copies_policies_but_no_registrations(source):
    clone = clone_edition(source, slug="third-2026", start="2026-12-07", title="Third workshop", format="in_person")

    assert (clone.start_date, clone.end_date) == (datetime.date(2026, 12, 7), datetime.date(2026, 12, 10))
    assert clone.format == "in_person" and clone.number == 3 and clone.city == "Haikou"
    assert clone.online_meeting_url == "" and clone.status == "draft"
    session = Session.objects.get(edition=clone)
    # Same time of day on the edition's clock, 16 days into the edition as before.
    assert session.start.astimezone(SHANGHAI) == datetime.datetime(2026, 12, 8, 9, 0, tzinfo=SHANGHAI)
    assert session.room.venue.edition == clone and session.room.name == "Hall A"
    assert session.uuid != Session.objects.get(edition=source).uuid
    assert session.chairs.count() == 1
    contribution = Contribution.objects.get(session=session)
    assert contribution.title == "Keynote" and contribution.speakers.count() == 1
    rules = list(RegistrationRule.objects.filter(policy__edition=clone))
    assert [(r.route, r.modes) for r in rules] == [("invitation", ["in_person"]), ("open", ["online"])]
    policy = RegistrationPolicy.objects.get(edition=clone)
    assert policy.in_person_capacity == 200
    assert policy.closes_at.astimezone(SHANGHAI) == datetime.datetime(2026, 11, 26, 18, tzinfo=SHANGHAI)
    assert MaterialPolicy.objects.get(edition=clone).publish_videos
    assert list(EditionOrganiser.objects.filter(edition=clone).values_list("organisation__name", flat=True)) == [
        "UNOOSA"
    ]
    assert EditionStaff.objects.filter(edition=clone, user__email="secretariat@example.org", role="organiser").exists()
    assert not Registration.objects.filter(edition=clone).exists()
    assert Session.objects.filter(edition=source).count() == 1, "the source is untouched"
    assert AuditEntry.objects.filter(edition=clone, action="edition.cloned").exists()


def test_only_the_series_secretariat_clones(source):
    outsider = make_user("other@example.org", staff=True)
    with pytest.raises(PermissionDenied):
        clone_edition(source, slug="x", start="2026-12-07", actor=outsider)
    SeriesSecretariat.objects.create(series=source.series, user=outsider)
    clone = clone_edition(source, slug="x", start="2026-12-07", actor=outsider)
    assert EditionStaff.objects.filter(edition=clone, user=outsider, role="organiser").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["nowhere", "x", "--start", "2026-12-07"], "No edition with slug 'nowhere'."),
        (["haikou-2022", "haikou-2022", "--start", "2026-12-07"], "already taken"),
        (["haikou-2022", "x", "--start", "7 December"], "expected YYYY-MM-DD"),
        (["haikou-2022", "not a slug", "--start", "2026-12-07"], "Invalid slug"),
        (["haikou-2022", "x", "--start", "2026-12-07", "--title", "t" * 301], "too long"),
    ],
)
def test_clone_event_errors_are_one_line(source, arguments, message):
    with pytest.raises(CommandError) as error:
        call_command("clone_event", *arguments)
    assert message in str(error.value) and "\n" not in str(error.value)


def test_clone_event_command(source, capsys):
    call_command("clone_event", "haikou-2022", "third-2026", "--start", "2026-12-07", "--format", "in_person")
    out = capsys.readouterr().out
    assert "Created draft edition third-2026" in out and "/events/third-2026/organise/" in out
    assert Edition.objects.get(slug="third-2026").format == "in_person"


def test_create_event_with_an_organiser_invites_them(capsys):
    call_command(
        "create_event",
        "third",
        "--title",
        "Third",
        "--start",
        "2026-12-07",
        "--end",
        "2026-12-10",
        "--timezone",
        "Asia/Shanghai",
        "--organiser",
        "New.Person@Example.org",
    )
    out = capsys.readouterr().out
    assert "/events/third/organise/" in out and "/admin/" not in out
    staff = EditionStaff.objects.get(edition__slug="third")
    assert staff.user.email == "new.person@example.org" and staff.role == StaffRole.ORGANISER and staff.user.is_staff
    mail = OutboxMessage.objects.get(kind="staff_invitation")
    assert "/organise/welcome/" in mail.body


def test_create_event_bad_organiser_address_creates_nothing():
    with pytest.raises(CommandError, match="not a valid e-mail"):
        call_command(
            "create_event",
            "third",
            "--title",
            "T",
            "--start",
            "2026-12-07",
            "--end",
            "2026-12-10",
            "--timezone",
            "UTC",
            "--organiser",
            "not-an-address",
        )
    assert not Edition.objects.filter(slug="third").exists()


# Web pages ------------------------------------------------------------------------------------------------------


def test_secretariat_clones_from_the_web(client, source):
    person = make_user("sec@example.org", staff=True)
    SeriesSecretariat.objects.create(series=source.series, user=person)
    client.force_login(person)
    assert b"Clone" in client.get(reverse("organise:home")).content
    response = client.post(
        reverse("organise:clone", args=["haikou-2022"]),
        {"title": "Third workshop", "slug": "third-2026", "start": "2026-12-07", "format": "in_person"},
    )
    assert response.status_code == 302 and response.url == "/events/third-2026/organise/"
    assert client.get(response.url).status_code == 200


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"title": "", "slug": "", "start": "", "format": ""},
        {"title": "T" * 301, "slug": "ok", "start": "2026-12-07", "format": "in_person"},
        {"title": "T", "slug": "bad slug", "start": "2026-12-07", "format": "in_person"},
        {"title": "T", "slug": "ok", "start": "99999-99-99", "format": "in_person"},
        {"title": "T", "slug": "ok", "start": "2026-12-07", "format": "zoom"},
        {"title": "T", "slug": "haikou-2022", "start": "2026-12-07", "format": "online"},
        {"title": "T", "slug": "s" * 5000, "start": "2026-12-07", "format": "online"},
    ],
)
def test_clone_page_answers_bad_input_with_a_message(client, source, data):
    client.force_login(make_user(superuser=True))
    response = client.post(reverse("organise:clone", args=["haikou-2022"]), data)
    assert response.status_code == 400
    assert b"errorlist" in response.content
    assert Edition.objects.count() == 1


def test_clone_and_new_edition_pages_refuse_others(client, source):
    client.force_login(make_organiser(source, "organiser-only@example.org"))
    assert client.get(reverse("organise:clone", args=["haikou-2022"])).status_code == 403
    assert client.get(reverse("organise:new_edition", args=["gpw"])).status_code == 403


def test_secretariat_creates_an_edition_from_the_web(client, source):
    person = make_user("sec@example.org")
    SeriesSecretariat.objects.create(series=source.series, user=person)
    client.force_login(person)
    bad = client.post(
        reverse("organise:new_edition", args=["gpw"]),
        {
            "title": "Fourth",
            "slug": "fourth",
            "start": "2027-12-10",
            "end": "2027-12-07",
            "timezone": "UTC",
            "format": "online",
        },
    )
    assert bad.status_code == 400 and b"cannot end" in bad.content
    response = client.post(
        reverse("organise:new_edition", args=["gpw"]),
        {
            "title": "Fourth",
            "slug": "fourth",
            "start": "2027-12-07",
            "end": "2027-12-10",
            "timezone": "UTC",
            "format": "online",
        },
    )
    assert response.status_code == 302
    person.refresh_from_db()
    assert (
        person.is_staff and EditionStaff.objects.filter(edition__slug="fourth", user=person, role="organiser").exists()
    )
