"""The check-in desk, badge downloads and join links through HTTP: who may, who may not, and what they see."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from rendezvous.events.models import StaffRole
from rendezvous.participation import services
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.registration.models import Attendance, Role, Status
from tests.factories import MEETING_URL, make_user, staff
from tests.factories import CnesRegistrationFactory as RegistrationFactory
from tests.factories import EditionWithMeetingFactory as EditionFactory

pytestmark = pytest.mark.django_db

DAY2 = datetime.date(2022, 11, 22)


@pytest.fixture
def edition():
    return EditionFactory()


def desk(edition):
    return f"/events/{edition.slug}/check-in/"


def pdf_pages(body: bytes) -> int:
    assert body.startswith(b"%PDF-")
    return len(re.findall(rb"/Type /Page\b(?!s)", body))


# --- the check-in desk ----------------------------------------------------------------------------------------------


def test_desk_sends_anonymous_visitors_to_sign_in(client, edition):
    response = client.get(desk(edition))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    response = client.post(desk(edition), {"code": "X"})
    assert response.status_code == 302 and not CheckIn.objects.exists()


def test_desk_is_forbidden_to_participants_and_other_editions_staff(client, edition):
    participant = RegistrationFactory(edition=edition)
    client.force_login(make_user(participant.email))
    assert client.get(desk(edition)).status_code == 403
    assert client.post(desk(edition), {"code": services.pass_for(participant).badge_code}).status_code == 403
    client.force_login(staff(EditionFactory()))
    assert client.get(desk(edition)).status_code == 403
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("role", [StaffRole.CHECKIN, StaffRole.ORGANISER])
def test_desk_opens_for_check_in_staff_and_organisers(client, edition, role):
    client.force_login(staff(edition, role))
    body = client.get(desk(edition)).content.decode()
    assert 'name="code"' in body and "autofocus" in body
    assert "day 4" in body  # the 2022 edition is over: its last day is chosen


def test_checking_in_through_the_page(client, edition):
    registration = RegistrationFactory(edition=edition, given_name="Jeanne", family_name="Martin")
    volunteer = staff(edition)
    client.force_login(volunteer)
    code = services.pass_for(registration).badge_code
    body = client.post(desk(edition), {"code": code.lower(), "day": "2022-11-22"}).content.decode()
    assert "ci-ok" in body and "Checked in: Jeanne Martin (CNES) — day 2" in body
    assert "1</strong> of 1" in body
    assert CheckIn.objects.get().checked_in_by == volunteer

    body = client.post(desk(edition), {"code": code, "day": "2022-11-22"}).content.decode()
    assert "ci-bad" in body and "Already checked in on day 2 at" in body
    body = client.post(desk(edition), {"code": "nonsense", "day": "2022-11-22"}).content.decode()
    assert "ci-bad" in body and "Unknown code" in body
    assert CheckIn.objects.count() == 1


def test_a_day_outside_the_edition_falls_back_to_the_default_day(client, edition):
    client.force_login(staff(edition))
    code = services.pass_for(RegistrationFactory(edition=edition)).badge_code
    client.post(desk(edition), {"code": code, "day": "1999-01-01"})
    assert CheckIn.objects.get().day == edition.end_date


def test_htmx_gets_only_the_banner_and_counts(client, edition):
    client.force_login(staff(edition))
    code = services.pass_for(RegistrationFactory(edition=edition)).badge_code
    body = client.post(desk(edition), {"code": code}, HTTP_HX_REQUEST="true").content.decode()
    assert "ci-ok" in body and "<html" not in body and 'name="code"' not in body


def test_names_are_escaped_on_the_desk(client, edition):
    client.force_login(staff(edition))
    code = services.pass_for(RegistrationFactory(edition=edition, given_name="<script>x</script>")).badge_code
    body = client.post(desk(edition), {"code": code}).content.decode()
    assert "<script>x</script>" not in body and "&lt;script&gt;" in body


def test_desk_query_count_does_not_grow_with_check_ins(client, edition, django_assert_num_queries):
    client.force_login(staff(edition))
    people = [RegistrationFactory(edition=edition) for _ in range(4)]
    services.check_in(edition, services.pass_for(people[0]).badge_code, day=DAY2)
    with CaptureQueriesContext(connection) as one:
        client.get(desk(edition) + "?day=2022-11-22")
    for person in people[1:]:
        services.check_in(edition, services.pass_for(person).badge_code, day=DAY2)
    with django_assert_num_queries(len(one.captured_queries)):
        body = client.get(desk(edition) + "?day=2022-11-22").content.decode()
    assert "4</strong> of 4" in body


# --- badges ---------------------------------------------------------------------------------------------------------


def badge_url(registration):
    return f"/events/{registration.edition.slug}/badges/{registration.pk}.pdf"


def test_owner_downloads_their_badge(client, edition):
    registration = RegistrationFactory(edition=edition, role=Role.SPEAKER, country="TR")
    client.force_login(make_user(registration.email))
    response = client.get(badge_url(registration))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(b"".join(response.streaming_content)) == 1
    assert "no-store" in response["Cache-Control"]


def test_organiser_downloads_anyones_badge(client, edition):
    registration = RegistrationFactory(edition=edition, given_name="李", family_name="娜", country="CN")
    client.force_login(staff(edition, StaffRole.ORGANISER))
    response = client.get(badge_url(registration))
    assert response.status_code == 200 and pdf_pages(b"".join(response.streaming_content)) == 1


def test_nobody_else_gets_a_badge(client, edition):
    registration = RegistrationFactory(edition=edition)
    response = client.get(badge_url(registration))
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]
    for stranger in (make_user(), staff(edition, StaffRole.CHECKIN), staff(EditionFactory(), StaffRole.ORGANISER)):
        client.force_login(stranger)
        assert client.get(badge_url(registration)).status_code == 404


def test_a_registration_of_another_edition_is_not_found_through_this_one(client, edition):
    elsewhere = RegistrationFactory()
    client.force_login(staff(edition, StaffRole.ORGANISER))
    assert client.get(f"/events/{edition.slug}/badges/{elsewhere.pk}.pdf").status_code == 404


@pytest.mark.parametrize(
    "fields", [{"status": Status.PENDING}, {"status": Status.CANCELLED}, {"attendance": Attendance.ONLINE}]
)
def test_no_badge_unless_approved_in_person(client, edition, fields):
    registration = RegistrationFactory(edition=edition, **fields)
    client.force_login(make_user(registration.email))
    response = client.get(badge_url(registration))
    assert response.status_code == 404 and "No badge" in response.content.decode()


def test_organisers_print_every_approved_in_person_badge_eight_to_a_page(client, edition):
    for _ in range(9):
        RegistrationFactory(edition=edition)
    RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    RegistrationFactory(edition=edition, status=Status.CANCELLED)
    client.force_login(staff(edition, StaffRole.ORGANISER))
    response = client.get(f"/events/{edition.slug}/organise/badges.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert pdf_pages(b"".join(response.streaming_content)) == 2
    assert edition.registrations.filter(participant_pass__isnull=False).count() == 9


def test_badge_sheet_of_an_empty_edition_is_still_a_pdf(client, edition):
    client.force_login(staff(edition, StaffRole.ORGANISER))
    response = client.get(f"/events/{edition.slug}/organise/badges.pdf")
    assert pdf_pages(b"".join(response.streaming_content)) == 1


def test_badge_sheet_is_for_organisers_only(client, edition):
    url = f"/events/{edition.slug}/organise/badges.pdf"
    assert "/accounts/sign-in/" in client.get(url)["Location"]
    for stranger in (make_user(), staff(edition, StaffRole.CHECKIN)):
        client.force_login(stranger)
        assert client.get(url).status_code == 403


# --- personal join links --------------------------------------------------------------------------------------------


def join_url(registration):
    return f"/events/{registration.edition.slug}/join/{services.pass_for(registration).join_code}/"


def test_join_link_records_and_forwards(client, edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    response = client.get(join_url(registration))
    assert response.status_code == 302 and response["Location"] == MEETING_URL
    assert OnlineJoin.objects.get().registration == registration


@pytest.mark.parametrize("status", [Status.CANCELLED, Status.PENDING, Status.REJECTED, Status.WAITLISTED])
def test_join_link_of_a_registration_not_approved_shows_a_page_without_the_meeting_link(client, edition, status):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE, status=status)
    response = client.get(join_url(registration))
    body = response.content.decode()
    assert response.status_code == 403 and "Location" not in response
    assert "This link does not open the meeting" in body
    assert MEETING_URL not in body and "very-secret-room" not in body
    assert not OnlineJoin.objects.exists()


def test_unknown_join_link_shows_a_page_without_the_meeting_link(client, edition):
    RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    response = client.get(f"/events/{edition.slug}/join/made-up-secret/")
    assert response.status_code == 403 and "not valid" in response.content.decode()
    assert MEETING_URL not in response.content.decode()


def test_the_desk_and_badge_pages_never_show_the_meeting_link(client, edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    client.force_login(staff(edition))
    body = client.post(desk(edition), {"code": services.pass_for(registration).badge_code}).content.decode()
    assert "Online registration — not valid for in-person entry" in body and MEETING_URL not in body


# --- the participant's own page -------------------------------------------------------------------------------------


def my_page(client, registration):
    client.force_login(make_user(registration.email))
    return client.get(f"/events/{registration.edition.slug}/my-registration/").content.decode()


def test_approved_in_person_participant_sees_badge_and_personal_join_link_not_the_meeting_url(client, edition):
    registration = RegistrationFactory(edition=edition)
    body = my_page(client, registration)
    assert badge_url(registration) in body and join_url(registration) in body
    assert MEETING_URL not in body
    response = client.get(join_url(registration))
    assert response["Location"] == MEETING_URL


def test_approved_online_participant_sees_the_join_link_and_no_badge(client, edition):
    registration = RegistrationFactory(edition=edition, attendance=Attendance.ONLINE)
    body = my_page(client, registration)
    assert join_url(registration) in body and "/badges/" not in body and MEETING_URL not in body


def test_pending_participant_sees_neither(client, edition):
    registration = RegistrationFactory(edition=edition, status=Status.PENDING)
    body = my_page(client, registration)
    assert "/join/" not in body and "/badges/" not in body and MEETING_URL not in body
    assert "once your registration is approved" in body


def download(client, url) -> bytes:
    return b"".join(client.get(url).streaming_content)  # consumed, so the test client finishes the request


def queries_to_download(client, url) -> int:
    statements = []

    def count(execute, sql, params, many, context):
        statements.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        assert download(client, url).startswith(b"%PDF-")
    return len(statements)


def test_badge_sheet_queries_do_not_grow_with_badges(client, edition):
    client.force_login(staff(edition, StaffRole.ORGANISER))
    url = f"/events/{edition.slug}/organise/badges.pdf"
    RegistrationFactory(edition=edition)
    download(client, url)  # the first download creates the codes
    with_one = queries_to_download(client, url)
    for _ in range(11):
        RegistrationFactory(edition=edition)
    download(client, url)
    assert with_one > 0 and queries_to_download(client, url) == with_one
