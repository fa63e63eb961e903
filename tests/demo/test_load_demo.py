"""`rendezvous load_demo`: the series and both editions as the official report A/AC.105/1294 describes them."""

import datetime
import io
from collections import defaultdict

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction

from rendezvous.core.models import Organisation, Person
from rendezvous.core.permissions import is_organiser
from rendezvous.demo.loader import _demo_module, load_demo
from rendezvous.events.models import Edition, EditionOrganiser, EditionStaff, Room, Series, Venue
from rendezvous.programme.models import (
    Contribution,
    ContributionSpeaker,
    Delivery,
    Session,
    SessionChair,
    SessionKind,
)

MODELS = [
    Organisation,
    Person,
    Series,
    Edition,
    EditionOrganiser,
    EditionStaff,
    Venue,
    Room,
    Session,
    SessionChair,
    Contribution,
    ContributionSpeaker,
    get_user_model(),
]


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The demo, loaded once for this module and rolled back after it (each test runs in a savepoint)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo()
        yield
        transaction.set_rollback(True)


@pytest.fixture
def haikou(loaded, db):
    return Edition.objects.get(slug="haikou-2022")


def session(edition, slug):
    return Session.objects.get(edition=edition, slug=slug)


def speaking_organisations(session):
    return [
        speaker.organisation.name
        for speaker in ContributionSpeaker.objects.filter(contribution__session=session)
        .select_related("organisation")
        .order_by("contribution__order", "order")
    ]


def test_running_twice_changes_nothing(haikou):
    counts = {model: model.objects.count() for model in MODELS}
    version = haikou.programme_version
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    assert {model: model.objects.count() for model in MODELS} == counts
    haikou.refresh_from_db()
    assert haikou.programme_version == version, "an unchanged demo must not invalidate cached programme pages"
    lines = out.getvalue().splitlines()
    assert len(lines) == 1 and "0 rows created, 0 updated, 0 removed" in lines[0]


def test_series_has_both_editions_in_order(haikou):
    series = Series.objects.get(slug="global-partnership-workshop")
    assert series.name == "Global Partnership Workshop on Space Exploration and Innovation"
    assert list(series.editions.order_by("number").values_list("slug", flat=True)) == ["amman-2019", "haikou-2022"]


def test_amman_edition_is_archived_with_its_dates_and_organisers(loaded, db):
    amman = Edition.objects.get(slug="amman-2019")
    assert amman.status == "archived" and amman.format == "in_person"
    assert (amman.start_date, amman.end_date) == (datetime.date(2019, 3, 25), datetime.date(2019, 3, 28))
    assert (amman.timezone, amman.city, amman.country.code) == ("Asia/Amman", "Amman", "JO")
    assert amman.document_symbol == "A/AC.105/1208"
    assert [link.organisation.acronym for link in amman.organiser_links.all()] == ["UNOOSA", "RCSSTEWA"]


def test_haikou_edition_facts(haikou):
    assert haikou.title == "United Nations/China Second Global Partnership Workshop on Space Exploration and Innovation"
    assert (haikou.start_date, haikou.end_date) == (datetime.date(2022, 11, 21), datetime.date(2022, 11, 24))
    assert (haikou.timezone, haikou.format, haikou.status) == ("Asia/Shanghai", "hybrid", "published")
    assert (haikou.city, haikou.country.code, haikou.languages) == ("Haikou", "CN", ["English"])
    assert haikou.document_symbol == "A/AC.105/1294"
    assert haikou.online_platform == "Zoom" and haikou.online_meeting_url.startswith("https://zoom.example.org/")
    assert haikou.summary and haikou.objectives and "invitation" in haikou.how_to_take_part
    roles = [(link.organisation.acronym or link.organisation.name, link.role) for link in haikou.organiser_links.all()]
    assert roles == [
        ("UNOOSA", "organiser"),
        ("CNSA", "organiser"),
        ("People\u2019s Government of Hainan Province", "host"),
    ]
    rooms = Room.objects.filter(venue__edition=haikou).values_list("name", flat=True)
    assert set(rooms) == {"Main hall", "Side event room"}


def test_every_session_kind_is_used(haikou):
    kinds = set(Session.objects.filter(edition=haikou).values_list("kind", flat=True))
    assert kinds == set(SessionKind.values)
    for item in Session.objects.filter(edition=haikou):
        assert item.contributions.exists() == (item.kind != SessionKind.BREAK), item.slug


def test_session_1a_has_the_nine_agencies_and_the_pre_recorded_videos(haikou):
    speakers = ContributionSpeaker.objects.filter(contribution__session=session(haikou, "session-1a")).select_related(
        "organisation", "contribution"
    )
    by_agency = {speaker.organisation.acronym: speaker for speaker in speakers}
    assert list(by_agency) == ["CNSA", "CNES", "ROSCOSMOS", "SUPARCO", "NASA", "ESA", "CONAE", "KARI", "ABAE"]
    videos = {acronym for acronym, speaker in by_agency.items() if speaker.contribution.delivery == "pre_recorded"}
    assert videos == {"CNES", "ROSCOSMOS", "SUPARCO", "NASA", "ESA", "CONAE"}
    assert by_agency["CNES"].position == "Head of agency" and by_agency["NASA"].position == "Representative"
    assert by_agency["KARI"].contribution.delivery == Delivery.ONLINE_LIVE


def test_session_2_follows_the_report_order(haikou):
    assert speaking_organisations(session(haikou, "session-2")) == [
        "Keio University Law School",
        "Space Treaty Project",
        "European Space Agency",
        "European Centre for Space Law",
        "Space Law Centre of CNSA",
        "Federal Institute of Technology in Lausanne",
        "Leiden University",
    ]


def test_panel_is_chaired_by_the_china_institute_of_space_law(haikou):
    panel = session(haikou, "panel-long-term-sustainability")
    assert panel.kind == SessionKind.PANEL
    chairs = list(SessionChair.objects.filter(session=panel))
    assert [(chair.person, chair.organisation.name) for chair in chairs] == [(None, "China Institute of Space Law")]
    assert set(panel.contributions.values_list("kind", flat=True)) == {"panel"}


def test_session_3_is_two_parts_with_the_reports_speakers(haikou):
    assert speaking_organisations(session(haikou, "session-3-part-one")) == [
        "Office for Outer Space Affairs",
        "Asia-Pacific Space Cooperation Organization",
        "Keldysh Institute of Applied Mathematics of the Russian Academy of Sciences",
        "Thales Services",
        "Earth Observation and Data Centre of CNSA",
        "Deep Space Exploration Laboratory",
    ]
    assert speaking_organisations(session(haikou, "session-3-part-two")) == [
        "Office for Outer Space Affairs",
        "Polytechnic University of Milan",
        "National Institute for Aerospace Technology",
    ]


def test_special_event_carries_the_change_7_call(haikou):
    special = session(haikou, "special-event-lunar-deep-space")
    assert special.kind == SessionKind.SPECIAL_EVENT
    text = " ".join(f"{c.title} {c.abstract}" for c in special.contributions.all())
    for figure in ("Chang\u2019e-7", "25 kg", "10 kg on the lander", "15 kg on the orbiter", "1 February 2023"):
        assert figure in text
    assert "Pakistan" in text and "ESA/Sweden" in text


def test_only_the_people_the_report_names_exist(haikou):
    assert sorted(person.full_name for person in Person.objects.all()) == ["Anna Kikina", "Liu He", "Yaping Wang"]
    women = session(haikou, "side-event-women").contributions.get(order=1)
    assert women.delivery == Delivery.PRE_RECORDED
    assert [speaker.person.full_name for speaker in women.speakers.all()] == ["Yaping Wang", "Anna Kikina"]
    opening = session(haikou, "opening-ceremony").contributions.get(order=1)
    assert opening.delivery == Delivery.PRE_RECORDED and opening.speakers.get().person.full_name == "Liu He"


def test_unnamed_speakers_stay_unnamed(haikou):
    transport = session(haikou, "session-1b").contributions.get(order=1)
    assert not transport.speakers.exists() and "speakers from China" in transport.abstract
    administrator = session(haikou, "opening-ceremony").contributions.get(order=2).speakers.get()
    assert (administrator.person, administrator.organisation.acronym, administrator.position) == (
        None,
        "CNSA",
        "Administrator",
    )


def test_programme_lies_within_the_editions_local_dates(haikou):
    zone = haikou.zone
    for item in Session.objects.filter(edition=haikou):
        assert item.start.tzinfo is not None
        assert haikou.start_date <= item.start.astimezone(zone).date() <= haikou.end_date, item.slug
        assert haikou.start_date <= item.end.astimezone(zone).date() <= haikou.end_date, item.slug
    first = Session.objects.filter(edition=haikou).first()
    assert first.slug == "opening-ceremony"
    assert first.start == datetime.datetime(2022, 11, 21, 1, 30, tzinfo=datetime.UTC)


def test_no_room_is_double_booked(haikou):
    by_room = defaultdict(list)
    for item in Session.objects.filter(edition=haikou, room__isnull=False):
        by_room[item.room_id].append(item)
    for sessions in by_room.values():
        sessions.sort(key=lambda s: s.start)
        for earlier, later in zip(sessions, sessions[1:], strict=False):
            assert earlier.end <= later.start, f"{earlier.slug} overlaps {later.slug}"


def test_organisations_have_types_and_countries(haikou):
    agencies = set(Organisation.objects.filter(type="space_agency").values_list("acronym", flat=True))
    assert agencies == {
        "CONAE",
        "CNSA",
        "EgSA",
        "CNES",
        "KARI",
        "NASRDA",
        "SUPARCO",
        "ROSCOSMOS",
        "TUA",
        "NASA",
        "ABAE",
        "ESA",
    }
    international = Organisation.objects.filter(acronym__in=["UNOOSA", "ESA", "APSCO", "COSPAR", "SGAC"])
    assert {org.country.code or "" for org in international} == {""}
    assert Organisation.objects.get(acronym="UNOOSA").type == "intergovernmental"
    assert set(Organisation.objects.filter(type="ngo").values_list("acronym", flat=True)) >= {"COSPAR", "SGAC", "SWF"}
    assert Organisation.objects.get(acronym="RCSSTEAP").country.code == "CN"


def test_demo_accounts(haikou):
    User = get_user_model()
    organiser = User.objects.get(email="organiser@rendezvous.localhost")
    assert organiser.is_staff and not organiser.is_superuser
    assert organiser.check_password("demo-organiser-2022")
    assert is_organiser(organiser, haikou)
    assert not is_organiser(organiser, Edition.objects.get(slug="amman-2019"))
    admin = User.objects.get(email="admin@rendezvous.localhost")
    assert admin.is_superuser and admin.check_password("demo-admin-2022")


def test_a_changed_password_survives_a_reload(haikou):
    organiser = get_user_model().objects.get(email="organiser@rendezvous.localhost")
    organiser.set_password("chosen-by-the-organiser")
    organiser.save()

    load_demo()

    organiser.refresh_from_db()
    assert organiser.check_password("chosen-by-the-organiser")


def test_a_reload_restores_edited_demo_rows(haikou):
    opening = session(haikou, "opening-ceremony")
    Contribution.objects.create(session=opening, order=99, title="Added by hand")
    Session.objects.filter(pk=opening.pk).update(title="Renamed")

    load_demo()

    opening.refresh_from_db()
    assert opening.title == "Opening ceremony"
    assert not opening.contributions.filter(order=99).exists()


def test_apps_without_demo_data_are_skipped():
    assert _demo_module("no_such_app") is None
    assert _demo_module("outcomes") is not None
