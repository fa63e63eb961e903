"""Registration over the API: applying (validation, refusals, idempotency), one's own registration, moderation, and
who may not do what."""

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from rendezvous.core.models import AuditEntry, User
from rendezvous.events.models import EditionStatus
from rendezvous.registration import services
from rendezvous.registration.models import Registration, Status
from tests.factories import PUBLIC_EDITION_MEETING_URL as MEETING_URL
from tests.factories import UpcomingPublicEditionFactory as EditionFactory
from tests.factories import application, application_json, make_organiser, policy_for

pytestmark = pytest.mark.django_db

APPLY = "/api/editions/haikou-api/registrations"


@pytest.fixture
def edition():
    edition = EditionFactory(slug="haikou-api")
    policy_for(edition, moderated=True)
    return edition


def post(client, url, body, **headers):
    return client.post(url, data=json.dumps(body), content_type="application/json", headers=headers)


# --- Applying ---------------------------------------------------------------------------------------------------------


def test_apply_creates_a_pending_application(client, edition):
    response = post(client, APPLY, application_json(email="Amina.Diallo@Example.org", country="fr"))

    assert response.status_code == 201
    data = response.json()
    assert data["status"] == "pending" and data["status_label"] == "Pending review"
    assert data["email"] == "amina.diallo@example.org" and data["country"] == "FR"
    assert data["organisation"] == "Centre national d'études spatiales" and data["edition"] == "haikou-api"
    assert Registration.objects.get(pk=data["id"]).status == Status.PENDING
    assert MEETING_URL not in response.content.decode()


def test_an_approved_application_still_gets_no_meeting_link_from_the_anonymous_endpoint(client, edition):
    policy_for(edition, moderated=False)
    response = post(client, APPLY, application_json())
    assert response.status_code == 201 and response.json()["status"] == "approved"
    assert MEETING_URL not in response.content.decode()


def test_a_retry_with_the_same_idempotency_key_returns_the_same_application(client, edition):
    first = post(client, APPLY, application_json(), **{"Idempotency-Key": "try-1"})
    again = post(client, APPLY, application_json(), **{"Idempotency-Key": "try-1"})

    assert (first.status_code, again.status_code) == (201, 200)
    assert again.json() == first.json()
    assert Registration.objects.filter(edition=edition).count() == 1


def test_same_address_without_the_key_reveals_nothing(client, edition):
    post(client, APPLY, application_json(), **{"Idempotency-Key": "mine"})

    for headers in ({}, {"Idempotency-Key": "someone-elses"}):
        response = post(client, APPLY, application_json(given_name="Impostor"), **headers)
        assert response.status_code == 409
        assert response.json() == {
            "detail": "An application with this e-mail address has already been made for this edition. "
            "Sign in to see it."
        }
    assert Registration.objects.get(edition=edition).given_name == "Amina"


def test_the_same_key_for_another_address_is_another_application(client, edition):
    first = post(client, APPLY, application_json(), **{"Idempotency-Key": "k"})
    second = post(client, APPLY, application_json(email="other@example.org"), **{"Idempotency-Key": "k"})
    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["id"] != second.json()["id"]


def test_invalid_fields_get_field_level_messages(client, edition):
    body = application_json(email="not-an-address", country="ZZ", gender="unknown", consent=False)
    del body["given_name"]

    response = post(client, APPLY, body)

    assert response.status_code == 422
    errors = {error["loc"][-1]: error["msg"] for error in response.json()["detail"]}
    assert set(errors) == {"given_name", "email", "country", "gender", "consent"}
    assert errors["given_name"] == "Field required"
    assert "not a valid e-mail address" in errors["email"]
    assert "unknown country code 'ZZ'" in errors["country"]
    assert not Registration.objects.exists()


def test_blank_names_are_refused(client, edition):
    response = post(client, APPLY, application_json(given_name="   "))
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"][-1] == "given_name"


def test_invitation_only_route_is_refused_with_the_service_message(client, edition):
    response = post(client, APPLY, application_json(country="CN"))

    assert response.status_code == 403
    assert response.json()["detail"].startswith(
        "Participation for applicants based in this country is by invitation only."
    )
    assert not Registration.objects.exists()


def test_closed_window_is_a_conflict_with_the_date(client, edition):
    policy = services.get_policy(edition)
    policy.closes_at = timezone.now() - datetime.timedelta(days=1)
    policy.save()

    response = post(client, APPLY, application_json())

    assert response.status_code == 409
    assert response.json()["detail"].startswith("Registration closed on ")
    assert "(Asia/Shanghai)" in response.json()["detail"]


def test_a_draft_edition_takes_no_applications(client):
    EditionFactory(slug="draft-api", status=EditionStatus.DRAFT)
    response = post(client, "/api/editions/draft-api/registrations", application_json())
    assert response.status_code == 404


# --- My registration --------------------------------------------------------------------------------------------------

MINE = "/api/editions/haikou-api/registrations/me"


def test_my_registration_needs_a_signed_in_person(client, edition):
    response = client.get(MINE)
    assert response.status_code == 401
    assert response.json() == {"detail": "Unauthorized"}


def test_my_registration_shows_the_link_only_once_approved(client, edition):
    registration = services.submit_application(edition, application(email="amina@example.org")).registration
    other = services.submit_application(edition, application(email="other@example.org")).registration
    client.force_login(User.objects.create_user("Amina@example.org"))

    pending = client.get(MINE).json()
    assert pending["id"] == registration.pk and pending["status"] == "pending"
    assert pending["online_link"] == "" and MEETING_URL not in json.dumps(pending)
    assert "other@example.org" not in json.dumps(pending)

    services.approve_registration(registration)
    approved = client.get(MINE).json()
    assert approved["status"] == "approved" and approved["online_link"] == MEETING_URL
    assert other.pk != approved["id"]


def test_my_registration_when_there_is_none(client, edition):
    client.force_login(User.objects.create_user("nobody@example.org"))
    response = client.get(MINE)
    assert response.status_code == 404
    assert "have not applied" in response.json()["detail"]


# --- Organisers -------------------------------------------------------------------------------------------------------

QUEUE = "/api/editions/haikou-api/registrations"


@pytest.fixture
def applications(edition):
    """Three applications: two from France (one online), one from Kenya."""
    return [
        services.submit_application(
            edition, application(given_name=name, country=country, attendance=mode)
        ).registration
        for name, country, mode in (("Amina", "FR", "in_person"), ("Jean", "FR", "online"), ("Wanjiru", "KE", "online"))
    ]


def test_organisers_list_filter_and_page_applications(client, edition, applications):
    client.force_login(make_organiser(edition))

    everything = client.get(QUEUE).json()
    assert everything["count"] == 3
    assert [item["given_name"] for item in everything["items"]] == ["Amina", "Jean", "Wanjiru"]
    assert everything["items"][0]["gender"] == "female" and everything["items"][0]["has_nomination_letter"] is False

    assert [i["given_name"] for i in client.get(QUEUE, {"country": "fr", "attendance": "online"}).json()["items"]] == [
        "Jean"
    ]
    assert client.get(QUEUE, {"q": "wanjiru"}).json()["count"] == 1
    assert client.get(QUEUE, {"status": "approved"}).json()["count"] == 0

    page_two = client.get(QUEUE, {"page": 2, "page_size": 2}).json()
    assert page_two["count"] == 3 and [i["given_name"] for i in page_two["items"]] == ["Wanjiru"]

    bad = client.get(QUEUE, {"status": "maybe"})
    assert bad.status_code == 422 and bad.json()["detail"][0]["loc"][-1] == "status"


def test_organisers_approve_and_reject_with_a_reason(client, edition, applications):
    organiser = make_organiser(edition)
    client.force_login(organiser)
    amina, jean, _ = applications

    approved = post(client, f"{QUEUE}/{amina.pk}/approve", {})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    rejected = post(client, f"{QUEUE}/{jean.pk}/reject", {"reason": "The session is full."})
    assert rejected.status_code == 200
    assert rejected.json()["status"] == "rejected" and rejected.json()["decision_reason"] == "The session is full."
    assert AuditEntry.objects.filter(action="registration.rejected", actor=organiser).exists()


def test_an_impossible_decision_is_a_conflict(client, edition, applications):
    client.force_login(make_organiser(edition))
    amina = applications[0]
    services.cancel_registration(amina)

    response = post(client, f"{QUEUE}/{amina.pk}/approve", {})

    assert response.status_code == 409
    assert response.json() == {"detail": "An application that is cancelled cannot become approved."}


def test_who_may_not_moderate(client, edition, applications):
    amina = applications[0]
    urls = [("get", QUEUE), ("post", f"{QUEUE}/{amina.pk}/approve"), ("post", f"{QUEUE}/{amina.pk}/reject")]

    def call(method, url):
        return client.get(url) if method == "get" else post(client, url, {})

    for method, url in urls:
        assert call(method, url).status_code == 401, url

    other_edition = EditionFactory(slug="elsewhere")
    for user in (
        User.objects.create_user(amina.email),  # the applicant herself
        User.objects.create_user("staff@example.org", is_staff=True),  # staff, but organises nothing
        make_organiser(other_edition, "other-organiser@example.org"),
    ):
        client.force_login(user)
        for method, url in urls:
            response = call(method, url)
            assert response.status_code == 403, (user, url)
            assert response.json() == {"detail": "Only the edition's organisers may do this."}
    amina.refresh_from_db()
    assert amina.status == Status.PENDING


def test_an_organiser_cannot_decide_on_another_editions_application(client, edition, applications):
    other_edition = EditionFactory(slug="elsewhere")
    client.force_login(make_organiser(other_edition))
    response = post(client, f"/api/editions/elsewhere/registrations/{applications[0].pk}/approve", {})
    assert response.status_code == 404
    assert Registration.objects.get(pk=applications[0].pk).status == Status.PENDING


def test_session_posts_need_the_csrf_token(edition, applications):
    client = Client(enforce_csrf_checks=True)
    client.force_login(make_organiser(edition))
    response = post(client, f"{QUEUE}/{applications[0].pk}/approve", {})
    assert response.status_code == 403
    assert Registration.objects.get(pk=applications[0].pk).status == Status.PENDING

    # The anonymous application endpoint reads no session, so it needs no token.
    assert post(Client(enforce_csrf_checks=True), APPLY, application_json()).status_code == 201
