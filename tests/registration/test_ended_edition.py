"""An edition that has ended takes no more applications, even when its policy sets no closing date (the demo
`haikou-2022` stayed open): the page says so, the service refuses, the API answers 409 with the reason. A closing
date the organisers set after the end is an explicit rule, and it still decides."""

import datetime
import json

import pytest
from django.utils import timezone

from rendezvous.registration import services
from rendezvous.registration.models import Registration
from tests.factories import PublicEditionFactory, application, application_json, policy_for
from tests.registration.test_pages import form_data

pytestmark = pytest.mark.django_db

ENDED = "Registration is closed: this edition ended on 24 November 2022."


@pytest.fixture
def ended():
    """Haikou, 21–24 November 2022, with the seed's policy and no closing date."""
    edition = PublicEditionFactory(slug="ended-2022", timezone="Asia/Shanghai")
    policy_for(edition, moderated=True)
    return edition


def test_the_service_refuses_an_application_to_an_ended_edition(ended):
    policy = services.get_policy(ended)
    assert policy.closes_at is None
    assert services.window_state(policy) == "closed"
    assert services.window_text(policy) == ENDED
    with pytest.raises(services.WindowClosed, match="this edition ended on 24 November 2022"):
        services.submit_application(ended, application(email="late@example.org"))
    assert not Registration.objects.exists()


def test_the_edition_is_open_until_its_last_day_ends_in_its_own_zone(ended):
    policy = services.get_policy(ended)
    shanghai = ended.zone
    last_evening = datetime.datetime(2022, 11, 24, 23, 30, tzinfo=shanghai)
    next_morning = datetime.datetime(2022, 11, 25, 0, 30, tzinfo=shanghai)
    assert services.window_state(policy, now=last_evening) == "open"
    assert services.window_state(policy, now=next_morning) == "closed"
    # 25 November 00:30 in Haikou is still 24 November in UTC: the edition's zone decides.
    assert next_morning.astimezone(datetime.UTC).date() == datetime.date(2022, 11, 24)


def test_a_closing_date_set_after_the_end_is_the_rule_that_decides(ended):
    policy = services.get_policy(ended)
    policy.closes_at = timezone.now() + datetime.timedelta(days=30)
    policy.save()
    result = services.submit_application(ended, application(email="late@example.org"))
    assert result.created and result.registration.status == "pending"


def test_the_page_says_registration_is_closed_and_refuses_the_form(client, ended):
    page = client.get(f"/events/{ended.slug}/register/?country=FR").content.decode()
    assert "Registration is closed." in page and ENDED in page

    data = form_data(email="late@example.org", attendance="online")
    refused = client.post(f"/events/{ended.slug}/register/", data)
    assert refused.status_code == 200 and ENDED in refused.content.decode()
    assert not Registration.objects.exists()


def test_the_api_answers_409_with_the_reason(client, ended):
    response = client.post(
        f"/api/editions/{ended.slug}/registrations",
        data=json.dumps(application_json(email="late@example.org", country="fr")),
        content_type="application/json",
    )
    assert response.status_code == 409
    assert response.json()["detail"] == ENDED
    route = client.get(f"/api/editions/{ended.slug}/registration/route?country=FR").json()
    assert route["window"] == "closed"
    assert not Registration.objects.exists()
