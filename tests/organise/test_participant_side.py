"""Applicants meet the policy as set: a cancelled person applies again, repeats say nothing untrue, a registered
person sees their status, and the window is told in the right tense."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from rendezvous.core.models import AuditEntry, OutboxMessage
from rendezvous.registration import services
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule, Route, Status
from rendezvous.registration.services.policy import window_text
from tests.factories import EditionFactory, RegistrationFactory, make_user

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def edition():
    edition = EditionFactory(
        start_date=datetime.date(2099, 12, 7), end_date=datetime.date(2099, 12, 10), contact_email="oosa@un.example"
    )
    policy = RegistrationPolicy.objects.create(edition=edition, moderated=True)
    RegistrationRule.objects.create(policy=policy, countries=["CN"], route=Route.INVITATION, allowed_modes="in_person")
    RegistrationRule.objects.create(policy=policy, all_other_countries=True, route=Route.OPEN)
    return edition


def application(**changes):
    fields = {
        "given_name": "Jeanne",
        "family_name": "Martin",
        "email": "jeanne@example.org",
        "gender": "female",
        "country": "FR",
        "organisation_name": "CNES",
        "organisation_type": "space_agency",
        "position": "Engineer",
        "head_of_agency": False,
        "attendance": "online",
        "consent": True,
    }
    fields.update(changes)
    return services.ApplicationData(**fields)


def test_a_person_who_cancelled_applies_again(edition):
    first = services.submit_application(edition, application()).registration
    services.cancel_registration(first)
    again = services.submit_application(edition, application(attendance="in_person"))
    assert again.created and again.registration.status == Status.PENDING
    assert Registration.objects.filter(edition=edition).count() == 1
    assert AuditEntry.objects.filter(action="registration.reapplied", edition=edition).exists()


def test_a_repeat_from_another_form_gets_the_same_page_and_a_true_email(client, edition):
    RegistrationFactory(edition=edition, email="known@example.org", status="pending")
    page = reverse("registration:register", args=[edition.slug])

    def post(email):
        data = {
            "given_name": "X",
            "family_name": "Y",
            "email": email,
            "gender": "male",
            "country": "FR",
            "organisation_name": "Org",
            "organisation_type": "academia",
            "position": "P",
            "attendance": "online",
            "consent": "on",
            "form_token": "6f1c2b9e-3c57-4d5c-9a51-0a3c1f1f1f1f" if email == "known@example.org" else "",
        }
        return client.post(page, data).content.decode()

    known = post("known@example.org")
    assert "We have sent an e-mail" in known
    assert OutboxMessage.objects.filter(to="known@example.org", kind="registration.repeat").count() == 1


def test_a_registered_person_sees_their_status_not_a_form(client, edition):
    RegistrationFactory(edition=edition, email="jeanne@example.org", status="pending", attendance="online")
    client.force_login(make_user("jeanne@example.org"))
    body = client.get(reverse("registration:register", args=[edition.slug]) + "?country=FR").content.decode()
    assert "You have already applied" in body and 'name="given_name"' not in body
    assert reverse("registration:mine", args=[edition.slug]) in body


def test_a_cancelled_registration_never_shows_attendance_confirmed(client, edition):
    registration = RegistrationFactory(edition=edition, email="jeanne@example.org", status="approved")
    services.confirm_attendance(registration)
    services.cancel_registration(Registration.objects.get(pk=registration.pk))
    client.force_login(make_user("jeanne@example.org"))
    body = client.get(reverse("registration:mine", args=[edition.slug])).content.decode()
    assert "Attendance confirmed" not in body


def test_invitation_only_applicants_are_told_whom_to_ask(client, edition):
    body = client.get(reverse("registration:register", args=[edition.slug]) + "?country=CN").content.decode()
    assert "by invitation only" in body and "write to oosa@un.example" in body


def test_the_window_is_told_in_the_tense_of_the_clock(edition):
    policy = RegistrationPolicy.objects.get(edition=edition)
    policy.opens_at = datetime.datetime(2022, 9, 1, tzinfo=SHANGHAI)
    policy.closes_at = datetime.datetime(2022, 11, 18, tzinfo=SHANGHAI)
    assert window_text(policy).startswith(
        "Registration opened on 1 September 2022"
    ) and "; closed on 18" in window_text(policy)
    early = datetime.datetime(2022, 1, 1, tzinfo=SHANGHAI)
    assert window_text(policy, now=early).startswith("Registration opens on") and "; closes on" in window_text(
        policy, now=early
    )


def test_my_registration_from_the_header(client, edition):
    RegistrationFactory(edition=edition, email="jeanne@example.org")
    client.force_login(make_user("jeanne@example.org"))
    home = client.get("/").content.decode()
    assert 'href="/my-registrations/"' in home
    response = client.get("/my-registrations/")
    assert response.status_code == 302 and response.url == reverse("registration:mine", args=[edition.slug])
    client.force_login(make_user("nobody@example.org"))
    assert "No application is registered" in client.get("/my-registrations/").content.decode()


def test_changing_mode_follows_the_rule(edition):
    registration = RegistrationFactory(edition=edition, country="CN", attendance="in_person", status="approved")
    with pytest.raises(services.RouteRefused, match="in person only"):
        services.change_attendance(registration, "online")
