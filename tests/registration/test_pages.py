"""The participant pages through Django's test client: routes told before the form, idempotent submit, denials."""

import re
import uuid

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from rendezvous.core.models import OutboxMessage, User
from rendezvous.events.models import EditionStatus
from rendezvous.registration import services
from rendezvous.registration.models import Registration, Status
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import application, policy_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition():
    edition = EditionFactory(slug="haikou-test")
    policy_for(edition, moderated=True, in_person=1)
    return edition


def form_data(**overrides):
    data = {
        "given_name": "Jeanne",
        "family_name": "Martin",
        "email": "jeanne@example.fr",
        "gender": "female",
        "country": "FR",
        "organisation_name": "CNES",
        "organisation_type": "space_agency",
        "position": "Director",
        "head_of_agency": "on",
        "attendance": "in_person",
        "consent": "on",
        "form_token": str(uuid.uuid4()),
    }
    data.update(overrides)
    return data


def test_register_asks_country_first_and_shows_the_rules(client, edition):
    response = client.get("/events/haikou-test/register/")
    body = response.content.decode()
    assert response.status_code == 200
    assert "Where are you based?" in body and "Invitation only" in body and "All other countries" in body
    assert 'name="given_name"' not in body


def test_china_based_applicant_is_told_before_any_form(client, edition):
    body = client.get("/events/haikou-test/register/?country=CN").content.decode()
    assert "by invitation only" in body
    assert 'name="given_name"' not in body


def test_open_route_shows_the_form_and_a_submit_is_received(client, edition):
    body = client.get("/events/haikou-test/register/?country=FR").content.decode()
    assert 'name="given_name"' in body and 'name="form_token"' in body
    data = form_data()
    response = client.post("/events/haikou-test/register/", data)
    assert "Application received" in response.content.decode()
    again = client.post("/events/haikou-test/register/", data)  # double click
    assert "Pending review" in again.content.decode()
    assert Registration.objects.filter(edition=edition).count() == 1
    registration = Registration.objects.get()
    assert registration.head_of_agency and registration.organisation.name == "CNES"


def test_someone_typing_another_persons_address_learns_nothing(client, edition):
    services.submit_application(edition, application(email="jeanne@example.fr"))
    body = client.post("/events/haikou-test/register/", form_data()).content.decode()
    assert "Check your e-mail" in body and "Pending review" not in body


def test_changing_the_country_to_an_invitation_route_in_the_form_is_refused(client, edition):
    body = client.post("/events/haikou-test/register/", form_data(country="CN")).content.decode()
    assert "by invitation only" in body
    assert 'value="Jeanne"' in body  # nothing typed is lost
    assert not Registration.objects.exists()


def test_bad_pdf_is_a_clear_error(client, edition):
    fake = SimpleUploadedFile("letter.pdf", b"GIF89a", content_type="application/pdf")
    body = client.post("/events/haikou-test/register/", {**form_data(), "nomination_letter": fake}).content.decode()
    assert "must be a PDF" in body
    assert not Registration.objects.exists()


def test_draft_edition_registration_is_not_found(client):
    draft = EditionFactory(status=EditionStatus.DRAFT)
    assert client.get(f"/events/{draft.slug}/register/").status_code == 404


def _sign_in(client, email):
    user, _ = User.objects.get_or_create(email=email)
    client.force_login(user)
    return user


def test_my_registration_requires_sign_in(client, edition):
    response = client.get("/events/haikou-test/my-registration/")
    assert response.status_code == 302 and "/accounts/sign-in/" in response["Location"]


def test_link_hidden_before_approval_and_shown_after(client, edition):
    registration = services.submit_application(edition, application(email="a@example.org")).registration
    _sign_in(client, "a@example.org")
    body = client.get("/events/haikou-test/my-registration/").content.decode()
    assert "Pending review" in body and edition.online_meeting_url not in body
    services.approve_registration(registration)
    body = client.get("/events/haikou-test/my-registration/").content.decode()
    assert "/join/" in body and edition.online_meeting_url not in body  # the personal join link (participation)


def test_the_link_is_never_on_public_pages(client, edition):
    registration = services.submit_application(edition, application()).registration
    services.approve_registration(registration)
    for url in ("/events/haikou-test/register/", "/events/haikou-test/register/?country=FR"):
        assert edition.online_meeting_url not in client.get(url).content.decode()


def test_nobody_sees_or_changes_another_persons_registration(client, edition):
    theirs = services.submit_application(edition, application(email="a@example.org")).registration
    services.approve_registration(theirs)
    _sign_in(client, "b@example.org")
    response = client.get(f"/events/haikou-test/my-registration/?id={theirs.pk}&registration={theirs.pk}")
    assert response.status_code == 404
    assert "a@example.org" not in response.content.decode()
    client.post("/events/haikou-test/my-registration/", {"action": "cancel", "sure": "on", "id": theirs.pk})
    theirs.refresh_from_db()
    assert theirs.status == Status.APPROVED


def test_participant_changes_mode_and_cancels_which_promotes(client, edition):
    mine = services.submit_application(edition, application(email="a@example.org")).registration
    waiting = services.submit_application(edition, application()).registration
    _sign_in(client, "a@example.org")
    client.post("/events/haikou-test/my-registration/", {"action": "cancel"})  # without "sure": nothing happens
    mine.refresh_from_db()
    assert mine.status == Status.PENDING
    client.post("/events/haikou-test/my-registration/", {"action": "attendance", "attendance": "online"})
    mine.refresh_from_db()
    waiting.refresh_from_db()
    assert mine.attendance == "online" and waiting.status == Status.PENDING
    client.post("/events/haikou-test/my-registration/", {"action": "cancel", "sure": "on"})
    mine.refresh_from_db()
    assert mine.status == Status.CANCELLED


def test_invitation_redeem_guessed_revoked_and_used(client, edition):
    assert client.get("/events/haikou-test/register/invitation/guessed/").status_code == 404
    services.invite(edition, email="li@example.cn")
    body = OutboxMessage.objects.get(kind="registration.invited").body
    path = re.search(r"https?://[^/]+(/events/\S+)", body).group(1)
    page = client.get(path)
    assert page.status_code == 200 and "li@example.cn" in page.content.decode()
    response = client.post(path, form_data(country="CN", email="someone-else@example.org"))
    assert "You are registered" in response.content.decode()
    registration = Registration.objects.get(edition=edition)
    assert registration.email == "li@example.cn"  # the invitation's address, whatever was typed
    assert client.get(path).status_code == 404  # used
    other = services.invite(edition, email="x@example.org")
    other_path = re.search(r"https?://[^/]+(/events/\S+)", OutboxMessage.objects.filter(to="x@example.org")[0].body)
    services.revoke_invitation(other)
    response = client.get(other_path.group(1))
    assert response.status_code == 404 and "withdrawn" in response.content.decode()
