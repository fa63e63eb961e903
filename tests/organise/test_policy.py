"""The registration policy page: exclusive rules with attendance modes, a window on the edition's clock, bounded
capacities; and applicants offered only the modes their rule allows."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse

from rendezvous.core.models import AuditEntry
from rendezvous.registration import services
from rendezvous.registration.models import RegistrationPolicy, RegistrationRule, Route
from rendezvous.registration.services.editing import PolicyError, RuleInput, edition_end, save_policy
from tests.factories import EditionFactory, RegistrationFactory, make_organiser

pytestmark = pytest.mark.django_db
SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


@pytest.fixture
def edition():
    return EditionFactory(slug="third", start_date=datetime.date(2099, 12, 7), end_date=datetime.date(2099, 12, 10))


@pytest.fixture
def organiser(edition):
    return make_organiser(edition, "lead@example.org")


SEED_RULES = [
    RuleInput(countries=["CN"], route=Route.INVITATION, modes=["in_person"]),
    RuleInput(all_other_countries=True, route=Route.OPEN, modes=["online"]),
]


def save(edition, organiser, **changes):
    fields = {
        "actor": organiser,
        "opens_at": None,
        "closes_at": None,
        "moderated": True,
        "in_person_capacity": 200,
        "online_capacity": None,
        "rules": SEED_RULES,
    }
    fields.update(changes)
    return save_policy(edition, **fields)


def test_seed_rules_are_saved_and_no_closing_date_means_the_edition_end(edition, organiser):
    policy = save(edition, organiser)
    assert policy.closes_at == datetime.datetime(2099, 12, 11, tzinfo=SHANGHAI) == edition_end(edition)
    assert [(r.route, r.modes) for r in policy.rules.all()] == [("invitation", ["in_person"]), ("open", ["online"])]
    assert AuditEntry.objects.filter(action="registration.policy_changed", edition=edition, actor=organiser).exists()


@pytest.mark.parametrize(
    ("rules", "message"),
    [
        ([RuleInput(countries=["AT"]), RuleInput(countries=["AT", "FR"])], "Austria is in rule 1 and in rule 2"),
        ([RuleInput(countries=["AT"], all_other_countries=True)], "Rule 1 lists countries and also"),
        ([RuleInput(all_other_countries=True), RuleInput(all_other_countries=True)], "both cover"),
        ([RuleInput(countries=[])], "covers no country"),
        ([RuleInput(countries=["XX"])], "unknown country code"),
        ([RuleInput(countries=["FR"], modes=[])], "at least one attendance mode"),
        ([RuleInput(countries=["FR"], route="vip")], "unknown route"),
    ],
)
def test_rules_must_be_exclusive_and_complete(edition, organiser, rules, message):
    with pytest.raises(PolicyError, match=message):
        save(edition, organiser, rules=rules)
    assert not RegistrationRule.objects.exists()


def test_window_and_capacity_limits(edition, organiser):
    late = datetime.datetime(2099, 12, 1, tzinfo=SHANGHAI)
    with pytest.raises(PolicyError, match="must open before it closes"):
        save(edition, organiser, opens_at=late, closes_at=late - datetime.timedelta(days=1))
    with pytest.raises(PolicyError, match="cannot close after the edition ends"):
        save(edition, organiser, closes_at=datetime.datetime(2099, 12, 12, tzinfo=SHANGHAI))
    with pytest.raises(PolicyError, match="from 0 to 1,000,000"):
        save(edition, organiser, in_person_capacity=10**20)


def test_lowering_capacity_below_seats_held_needs_confirmation(edition, organiser):
    RegistrationFactory.create_batch(3, edition=edition, status="approved", attendance="in_person")
    with pytest.raises(PolicyError) as error:
        save(edition, organiser, in_person_capacity=2)
    assert error.value.needs_confirmation and "3 seats are already held" in str(error.value)
    assert save(edition, organiser, in_person_capacity=2, confirm_capacity=True).in_person_capacity == 2


def test_past_editions_registration_is_closed_when_saved_without_a_closing_date(organiser):
    past = EditionFactory()  # November 2022
    make_organiser(past, "old@example.org")
    policy = save(past, past.staff.get().user)
    assert services.window_state(policy) == "closed"


# The page ---------------------------------------------------------------------------------------------------------


def form_data(**changes):
    data = {
        "opens_at": "2099-11-01T09:00",
        "closes_at": "",
        "moderated": "on",
        "in_person_capacity": "200",
        "online_capacity": "",
        "rules-TOTAL_FORMS": "3",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "50",
        "rules-0-countries": ["CN"],
        "rules-0-route": "invitation",
        "rules-0-modes": ["in_person"],
        "rules-0-note": "Ask the China National Space Administration.",
        "rules-1-all_other_countries": "on",
        "rules-1-route": "open",
        "rules-1-modes": ["online"],
        "rules-2-route": "open",
        "rules-2-modes": [],
    }
    data.update(changes)
    return data


def test_page_reads_times_on_the_editions_clock(client, edition, organiser):
    client.force_login(organiser)
    url = reverse("registration:organise_policy", args=[edition.slug])
    page = client.get(url)
    assert page.status_code == 200 and b"Asia/Shanghai" in page.content and b"data-country-filter" in page.content
    response = client.post(url, form_data())
    assert response.status_code == 302, response.content.decode()[:3000]
    policy = RegistrationPolicy.objects.get(edition=edition)
    assert policy.opens_at == datetime.datetime(2099, 11, 1, 9, tzinfo=SHANGHAI)
    assert RegistrationRule.objects.filter(policy=policy).count() == 2
    again = client.get(url).content.decode()
    assert 'value="2099-11-01T09:00"' in again


@pytest.mark.parametrize(
    "changes",
    [
        {"in_person_capacity": "99999999999999999999"},
        {"in_person_capacity": "-1"},
        {"online_capacity": "lots"},
        {"opens_at": "yesterday"},
        {"opens_at": "99999-01-01T00:00"},
        {"opens_at": "2099-12-05T00:00", "closes_at": "2099-12-01T00:00"},
        {"rules-1-countries": ["AT"]},
        {"rules-0-countries": ["ZZ"]},
        {"rules-0-note": "n" * 301},
        {"rules-0-modes": ["teleport"]},
        {"rules-0-route": ""},
        {"rules-TOTAL_FORMS": "100000"},
        {"rules-TOTAL_FORMS": "many"},
        {"rules-0-countries": ["AT"], "rules-1-countries": ["AT"], "rules-1-all_other_countries": ""},
    ],
)
def test_page_answers_bad_input_with_a_message(client, edition, organiser, changes):
    client.force_login(organiser)
    response = client.post(reverse("registration:organise_policy", args=[edition.slug]), form_data(**changes))
    assert response.status_code == 400
    assert b"errorlist" in response.content
    assert not RegistrationRule.objects.exists()


def test_empty_post_is_a_message_too(client, edition, organiser):
    client.force_login(organiser)
    response = client.post(reverse("registration:organise_policy", args=[edition.slug]), {})
    assert response.status_code == 400


def test_queue_capacity_with_a_huge_number_is_a_message(client, edition, organiser):
    client.force_login(organiser)
    response = client.post(
        reverse("registration:organise_capacity", args=[edition.slug]),
        {"in_person": "99999999999999999999", "online": ""},
        follow=True,
    )
    assert response.status_code == 200
    assert b"less than or equal to 1000000" in response.content


# Applicants -------------------------------------------------------------------------------------------------------


def test_applicants_are_offered_and_allowed_only_their_rules_modes(client, edition, organiser):
    save(edition, organiser)
    page = client.get(reverse("registration:register", args=[edition.slug]) + "?country=FR").content.decode()
    assert 'value="online"' in page and 'value="in_person"' not in page
    data = services.ApplicationData(
        given_name="Jeanne",
        family_name="Martin",
        email="jeanne@example.org",
        gender="female",
        country="FR",
        organisation_name="CNES",
        organisation_type="space_agency",
        position="Engineer",
        head_of_agency=False,
        attendance="in_person",
        consent=True,
    )
    with pytest.raises(services.RouteRefused, match="online only"):
        services.submit_application(edition, data)
    data.attendance = "online"
    assert services.submit_application(edition, data).registration.attendance == "online"
