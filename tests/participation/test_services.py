"""Check-in and join rules, against the real database."""

import datetime
import threading

import pytest
from django.db import connection
from django.utils import timezone, translation

from rendezvous.core.models import AuditEntry
from rendezvous.participation import services
from rendezvous.participation.models import CheckIn, OnlineJoin, ParticipantPass
from rendezvous.programme.models import Session, SessionKind
from rendezvous.registration.models import Attendance, Status
from tests.factories import MEETING_URL, staff
from tests.factories import CnesRegistrationFactory as RegistrationFactory
from tests.factories import EditionWithMeetingFactory as EditionFactory

pytestmark = pytest.mark.django_db

DAY1 = datetime.date(2022, 11, 21)
DAY2 = datetime.date(2022, 11, 22)


@pytest.fixture
def edition():
    return EditionFactory()


def code_of(registration) -> str:
    return services.pass_for(registration).badge_code


# --- codes ----------------------------------------------------------------------------------------------------------


def test_codes_are_created_once_unguessable_and_distinct(edition):
    registration = RegistrationFactory(edition=edition)
    first = services.pass_for(registration)
    again = services.pass_for(type(registration).objects.get(pk=registration.pk))
    assert first.pk == again.pk and ParticipantPass.objects.count() == 1
    assert len(first.badge_code) == 16 and set(first.badge_code) <= set(services.CODE_ALPHABET)
    assert len(first.join_code) >= 32 and first.join_code != first.badge_code
    others = {services.pass_for(RegistrationFactory(edition=edition)).badge_code for _ in range(20)}
    assert len(others) == 20 and first.badge_code not in others


@pytest.mark.parametrize(
    "typed",
    [
        "ABCD0FGH1JKM2PQR",
        "abcd-0fgh-1jkm-2pqr",
        "  ABCD 0FGH 1JKM 2PQR ",
        "ABCDOFGHIJKM2PQR",  # O for 0 and I for 1, as people type them
        "https://rendezvous.example.org/events/x/check-in/?code=ABCD-0FGH-1JKM-2PQR",
        "https://rendezvous.example.org/badge/ABCD0FGH1JKM2PQR",
    ],
)
def test_normalise_code_accepts_what_people_and_scanners_type(typed):
    assert services.normalise_code(typed) == "ABCD0FGH1JKM2PQR"


@pytest.mark.parametrize("typed", ["", "   ", "ABC", "ABCD0FGH1JKM2PQRX", "ABCD0FGH1JKM2PQ!", "https://x.org/"])
def test_normalise_code_rejects_what_is_not_a_code(typed):
    assert services.normalise_code(typed) == ""


# --- check-in -------------------------------------------------------------------------------------------------------


def test_check_in_records_the_day_the_person_and_the_audit(edition):
    registration = RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Martin")
    volunteer = staff(edition)
    result = services.check_in(edition, code_of(registration), day=DAY1, by=volunteer)
    assert result.message == "Checked in: Jeanne Martin (CNES) — day 1"
    entry = CheckIn.objects.get()
    assert (entry.registration, entry.day, entry.checked_in_by) == (registration, DAY1, volunteer)
    assert AuditEntry.objects.filter(action="participation.checked_in", actor=volunteer, edition=edition).count() == 1


def test_the_desk_is_told_in_its_own_language(edition):
    registration = RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Martin")
    online = RegistrationFactory(edition=edition, given_name="Li", family_name="Wei", attendance=Attendance.ONLINE)
    with translation.override("fr"):
        result = services.check_in(edition, code_of(registration), day=DAY1)
        assert result.message == "Entrée enregistrée : Jeanne Martin (CNES) — jour 1"
        with pytest.raises(services.AlreadyCheckedIn, match="Entrée déjà enregistrée le jour 1 à "):
            services.check_in(edition, code_of(registration), day=DAY1)
        with pytest.raises(services.UnknownCode, match="Code inconnu"):
            services.check_in(edition, "ZZZZZZZZZZZZZZZZ", day=DAY1)
    with translation.override("zh-hans"):
        assert result.message == "已签到：Jeanne Martin（CNES）——第 1 天"
        with pytest.raises(services.OnlineOnly, match="在线注册——不可用于现场入场：Li Wei"):
            services.check_in(edition, code_of(online), day=DAY1)


def test_unknown_code_and_rubbish_are_refused(edition):
    RegistrationFactory(edition=edition)
    for typed in ("ZZZZZZZZZZZZZZZZ", "hello", ""):
        with pytest.raises(services.UnknownCode, match="Unknown code"):
            services.check_in(edition, typed, day=DAY1)
    assert not CheckIn.objects.exists()


def test_a_code_from_another_edition_is_unknown_here(edition):
    elsewhere = RegistrationFactory()
    with pytest.raises(services.UnknownCode):
        services.check_in(edition, code_of(elsewhere), day=DAY1)


@pytest.mark.parametrize(
    ("status", "message"),
    [
        (Status.CANCELLED, "Registration cancelled"),
        (Status.PENDING, "Registration not approved"),
        (Status.WAITLISTED, "Registration not approved"),
        (Status.REJECTED, "Registration not approved"),
    ],
)
def test_only_approved_registrations_pass(edition, status, message):
    registration = RegistrationFactory(edition=edition, status=status)
    with pytest.raises(services.NotApproved, match=message):
        services.check_in(edition, code_of(registration), day=DAY1)
    assert not CheckIn.objects.exists()


def test_online_registration_is_not_valid_for_entry(edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    with pytest.raises(services.OnlineOnly, match="Online registration — not valid for in-person entry"):
        services.check_in(edition, code_of(registration), day=DAY1)


def test_second_scan_the_same_day_is_refused_with_the_time_next_day_allowed(edition):
    registration = RegistrationFactory(edition=edition)
    code = code_of(registration)
    services.check_in(edition, code, day=DAY1)
    first = CheckIn.objects.get()
    first.checked_in_at = datetime.datetime(2022, 11, 21, 1, 5, tzinfo=datetime.UTC)  # 09:05 in Haikou
    first.save()
    with pytest.raises(services.AlreadyCheckedIn, match="Already checked in on day 1 at 09:05"):
        services.check_in(edition, code, day=DAY1)
    services.check_in(edition, code, day=DAY2)
    assert CheckIn.objects.count() == 2


def test_already_checked_in_today_says_today(edition):
    today = timezone.localdate(timezone=edition.zone)
    edition.start_date, edition.end_date = today, today + datetime.timedelta(days=1)
    edition.save()
    code = code_of(RegistrationFactory(edition=edition))
    services.check_in(edition, code, day=today)
    with pytest.raises(services.AlreadyCheckedIn, match=r"Already checked in today at \d\d:\d\d"):
        services.check_in(edition, code, day=today)


def test_a_day_outside_the_edition_is_refused(edition):
    code = code_of(RegistrationFactory(edition=edition))
    with pytest.raises(services.DayOutsideEdition):
        services.check_in(edition, code, day=datetime.date(2022, 11, 25))


def test_default_day_is_today_clamped_to_the_edition(edition):
    today = timezone.localdate(timezone=edition.zone)
    assert services.default_check_in_day(edition) == edition.end_date  # the 2022 edition is over: its last day
    edition.start_date, edition.end_date = today + datetime.timedelta(days=3), today + datetime.timedelta(days=6)
    assert services.default_check_in_day(edition) == edition.start_date
    edition.start_date = today - datetime.timedelta(days=1)
    assert services.default_check_in_day(edition) == today


def test_day_counts_only_this_edition_and_day(edition):
    people = [RegistrationFactory(edition=edition) for _ in range(3)]
    RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    RegistrationFactory(edition=edition, status=Status.CANCELLED)
    for person in people[:2]:
        services.check_in(edition, code_of(person), day=DAY1)
    services.check_in(edition, code_of(people[2]), day=DAY2)
    other = RegistrationFactory()
    services.check_in(other.edition, code_of(other), day=DAY1)
    assert services.day_counts(edition, DAY1) == services.DayCounts(checked_in=2, expected=3)


@pytest.mark.django_db(transaction=True)
def test_a_double_scan_at_the_same_moment_creates_one_check_in():
    edition = EditionFactory()
    code = code_of(RegistrationFactory(edition=edition))
    barrier = threading.Barrier(2)
    outcomes = []

    def scan():
        try:
            barrier.wait()
            services.check_in(edition, code, day=DAY1)
            outcomes.append("ok")
        except services.AlreadyCheckedIn:
            outcomes.append("already")
        finally:
            connection.close()

    threads = [threading.Thread(target=scan) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already", "ok"]
    assert CheckIn.objects.count() == 1


# --- online joins ---------------------------------------------------------------------------------------------------


def test_join_records_and_returns_the_meeting_link(edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    secret = services.pass_for(registration).join_code
    assert services.record_join(edition, secret) == MEETING_URL
    join = OnlineJoin.objects.get()
    assert join.registration == registration and join.session is None


def test_join_names_the_session_asked_for_or_the_one_running(edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    secret = services.pass_for(registration).join_code
    start = datetime.datetime(2022, 11, 21, 1, 0, tzinfo=datetime.UTC)
    running = Session.objects.create(
        edition=edition, title="Plenary", slug="plenary", start=start, end=start + datetime.timedelta(hours=2)
    )
    Session.objects.create(
        edition=edition,
        kind=SessionKind.BREAK,
        title="Coffee",
        slug="coffee",
        start=start,
        end=start + datetime.timedelta(hours=2),
    )
    asked = Session.objects.create(
        edition=edition,
        title="Panel",
        slug="panel",
        start=start + datetime.timedelta(days=1),
        end=start + datetime.timedelta(days=1, hours=1),
    )
    services.record_join(edition, secret, at=start + datetime.timedelta(minutes=30))
    services.record_join(edition, secret, session_slug="panel", at=start + datetime.timedelta(minutes=45))
    services.record_join(edition, secret, session_slug="nonsense", at=start + datetime.timedelta(minutes=50))
    assert [join.session for join in OnlineJoin.objects.order_by("joined_at")] == [running, asked, running]


def test_refreshing_within_a_minute_records_one_join(edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    secret = services.pass_for(registration).join_code
    now = timezone.now()
    for seconds in (0, 10, 59):
        assert services.record_join(edition, secret, at=now + datetime.timedelta(seconds=seconds)) == MEETING_URL
    services.record_join(edition, secret, at=now + datetime.timedelta(seconds=61))
    assert OnlineJoin.objects.count() == 2


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.PENDING, Status.WAITLISTED, Status.REJECTED])
def test_join_refused_unless_approved_and_never_names_the_link(edition, status):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE, status=status)
    secret = services.pass_for(registration).join_code
    with pytest.raises(services.JoinRefused) as refused:
        services.record_join(edition, secret)
    assert MEETING_URL not in str(refused.value)
    assert not OnlineJoin.objects.exists()


def test_unknown_or_foreign_join_secret_is_refused(edition):
    elsewhere = RegistrationFactory(attendance=Attendance.ONLINE)
    for secret in ("nope", services.pass_for(elsewhere).join_code, services.pass_for(elsewhere).badge_code):
        with pytest.raises(services.JoinRefused, match="not valid"):
            services.record_join(edition, secret)


def test_the_badge_code_does_not_open_the_meeting(edition):
    registration = RegistrationFactory(edition=edition)
    with pytest.raises(services.JoinRefused):
        services.record_join(edition, code_of(registration))


def test_join_path_only_for_approved(edition):
    pending = RegistrationFactory(edition=edition, status=Status.PENDING)
    approved = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    assert services.join_path(pending) == ""
    assert services.join_path(approved) == f"/events/{edition.slug}/join/{services.pass_for(approved).join_code}/"
