"""The registration page every applicant loads stays cheap: what is the same for everyone is rendered once (and
shown afresh as soon as it changes), nothing personal is shared, and the seats' state is read without counting the
edition's registrations."""

import datetime
import re
import uuid

import pytest
from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation

from bench.fill import fill_registrations
from rendezvous.core.models import OrganisationType
from rendezvous.registration import page_cache, services, views
from rendezvous.registration.forms import CountryForm
from rendezvous.registration.models import Registration, RegistrationRule, Status
from rendezvous.registration.services import burst
from tests.factories import UpcomingEditionFactory as EditionFactory
from tests.factories import UserFactory, application, application_form, policy_for

pytestmark = pytest.mark.django_db

FORM = "/events/cost-test/register/?country=FR"


@pytest.fixture
def edition():
    edition = EditionFactory(slug="cost-test")
    policy_for(edition, moderated=False, in_person=2)
    return edition


@pytest.fixture(autouse=True)
def policy_read_afresh(monkeypatch):
    """The page may show seats' state RECENT_POLICY_SECONDS old: these tests look at it at once."""
    monkeypatch.setattr(views, "RECENT_POLICY_SECONDS", 0)


def widget_templates(response) -> list[str]:
    return [template.name for template in response.templates if template.name.startswith("django/forms/")]


def test_no_template_renders_an_option_and_the_page_is_rendered_once(client, edition):
    first = client.get(FORM)
    # The organisation type's options only (and its placeholder): none of the ~250 countries'.
    options = widget_templates(first).count("django/forms/widgets/select_option.html")
    assert options == len(OrganisationType.choices) + 1
    second = client.get(FORM)
    assert second.templates == []  # the applicant's own tokens are filled into the page rendered once
    assert second.content.count(b"<option") == first.content.count(b"<option") > 200
    assert b'<option value="FR" selected>' in second.content


def test_the_country_list_is_the_one_djangos_select_would_render(edition):
    form = CountryForm(initial={"country": "FR"})
    widget = forms.Select(choices=list(form.fields["country"].choices))
    for value in ("FR", "", "CI"):
        ours = form.fields["country"].widget.render("country", value, attrs={"id": "id_country", "required": True})
        django = widget.render("country", value, attrs={"id": "id_country", "required": True})
        assert ours == django.replace("\n", "").replace("  ", "")
    with translation.override("fr"):
        french = form.fields["country"].widget.render("country", "DE", attrs={"id": "id_country"})
    assert '<option value="DE" selected>Allemagne</option>' in french


def test_each_applicant_gets_their_own_csrf_and_form_tokens_and_can_send_the_form(edition):
    applicants = [Client(enforce_csrf_checks=True) for _ in range(2)]
    bodies = [applicant.get(FORM).content.decode() for applicant in applicants]
    tokens = [re.search(r'name="form_token" value="([^"]+)"', body).group(1) for body in bodies]
    csrf = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1) for body in bodies]
    assert tokens[0] != tokens[1] and csrf[0] != csrf[1]
    assert "Marker" not in bodies[1]
    response = applicants[1].post(
        "/events/cost-test/register/",
        {**application_form(), "csrfmiddlewaretoken": csrf[1], "form_token": tokens[1]},
    )
    assert response.status_code == 200
    assert Registration.objects.get(edition=edition).form_token == uuid.UUID(tokens[1])


def test_a_changed_policy_or_edition_shows_at_once(client, edition):
    client.get(FORM)
    policy = services.get_policy(edition)
    rule = RegistrationRule.objects.get(policy=policy, all_other_countries=True)
    rule.note = "Bring your passport."
    rule.save()
    assert "Bring your passport." in client.get(FORM).content.decode()
    policy.privacy_notice = "Kept for two years."
    policy.save()
    assert "Kept for two years." in client.get(FORM).content.decode()
    edition.title = "Renamed workshop"
    edition.save()
    assert "Renamed workshop" in client.get(FORM).content.decode()


def test_a_changed_policy_shows_at_once_even_within_the_recent_policy_time(client, edition, monkeypatch):
    monkeypatch.setattr(views, "RECENT_POLICY_SECONDS", 60)
    assert "Registration closed" not in client.get(FORM).content.decode()
    policy = services.get_policy(edition)
    policy.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    policy.save()
    body = client.get(FORM).content.decode()
    assert "Registration is closed." in body and 'name="given_name"' not in body


def test_full_seats_show_at_once(client, edition):
    assert "all taken" not in client.get(FORM).content.decode()
    for _ in range(2):
        services.submit_application(edition, application())
    assert "in-person places are all taken" in client.get(FORM).content.decode()


def test_the_page_differs_by_language_and_country(client, edition):
    state = services.page_state(edition)
    with translation.override("en"):
        english = views._fragment_key(state, "FR")
    with translation.override("fr"):
        french = views._fragment_key(state, "FR")
    assert english != french != views._fragment_key(state, "DE")
    assert b'<option value="DE" selected>' in client.get("/events/cost-test/register/?country=DE").content
    assert b'<option value="FR" selected>' in client.get(FORM).content
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    french_page = client.get(FORM).content.decode()
    assert 'lang="fr"' in french_page and ">Allemagne</option>" in french_page


def test_only_valid_country_codes_as_written_are_kept(client, edition):
    cache.clear()
    for address in ("?country=fr", "?country=ZZ", "?country=FR&x=1", "?country=FR&country=DE", "?country=FR"):
        assert client.get("/events/cost-test/register/" + address).status_code == 200
    kept = [key for key in cache._cache if page_cache.KEY_PREFIX in key]  # noqa: SLF001  locmem's own store
    assert len(kept) == 1


def test_a_signed_in_person_never_gets_the_anonymous_page(client, edition):
    client.get(FORM)
    client.force_login(UserFactory())
    assert "Sign out" in client.get(FORM).content.decode()


def test_a_refused_form_shows_only_this_persons_answers(client, edition):
    client.get(FORM)  # the shared page exists
    data = {"given_name": "Jeanne", "email": "not-an-address", "country": "FR", "form_token": "x"}
    body = client.post("/events/cost-test/register/", data).content.decode()
    assert 'value="Jeanne"' in body
    assert 'value="Jeanne"' not in client.get(FORM).content.decode()
    other = client.post("/events/cost-test/register/", {**data, "given_name": "Karim"}).content.decode()
    assert 'value="Karim"' in other and 'value="Jeanne"' not in other


@override_settings(REGISTRATION_GROUP_COMMIT=False)
def test_full_modes_reads_the_seat_holders_only(edition, django_assert_num_queries):
    policy = services.get_policy(edition)
    for _ in range(3):
        services.submit_application(edition, application())
    assert Registration.objects.filter(status=Status.WAITLISTED).count() == 1
    with django_assert_num_queries(1) as captured:
        assert services.full_modes(policy) == {"in_person"}
    sql = captured.captured_queries[0]["sql"]
    assert "LIMIT 1 OFFSET 1" in sql and "COUNT" not in sql.upper()


def _plans_on_registrations(statements: list[str]) -> list[tuple[str, str]]:
    """(statement, plan as run) for each captured statement that reads the registrations table."""
    found = []
    with connection.cursor() as cursor:
        for sql in statements:
            if '"registration_registration"' not in sql or sql.lstrip().upper().startswith(("INSERT", "SAVEPOINT")):
                continue
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF) " + sql)
            found.append((sql, "\n".join(row[0] for row in cursor.fetchall())))
    return found


@pytest.mark.postgres_only
@pytest.mark.parametrize("statistics", ["up to date", "from before the edition filled"])
def test_a_submission_and_the_form_page_read_only_the_rows_they_need(edition, client, statistics):
    """Cost flat in N: with 20,000 registrations in the edition, every statement of a group submission and of the
    form page that reads the registrations table goes through an index to the rows it needs (the applicants' own
    addresses, the seat holders), never through the edition's other rows. Also when the planner's statistics were
    taken while the edition was empty, as they are in the first minutes of a burst on a new edition."""
    policy = services.get_policy(edition)
    policy.in_person_capacity = 600
    policy.save()
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE registration_registration")
    fill_registrations(edition, 20_000, held=500)
    if statistics == "up to date":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE registration_registration")
    with CaptureQueriesContext(connection) as submission:
        outcomes = burst._submit_open_group(edition, [(application(), None) for _ in range(3)])
    assert all(outcome.created for outcome in outcomes)
    with CaptureQueriesContext(connection) as page:
        assert client.get(FORM).status_code == 200
    plans = _plans_on_registrations([query["sql"] for query in submission.captured_queries + page.captured_queries])
    indexes = set()
    for sql, plan in plans:
        assert not re.search(r"Seq Scan on registration_registration\b", plan), f"{sql}\n{plan}"
        # Rows read and thrown away: the rows of the edition the statement did not need.
        assert "Rows Removed by Filter" not in plan, f"{sql}\n{plan}"
        indexes.update(re.findall(r"Index (?:Only )?Scan (?:using|on) (\w+)", plan))
    # The repeats (an address or a form token already used), the seats decided, the seats checked under the lock,
    # the page's full seats.
    assert len(plans) >= 4
    assert {"one_registration_per_person_and_edition", "registration_seat_holders"} <= indexes


def test_the_received_page_is_rendered_once_per_status_and_shows_each_sender_their_own_address(edition):
    """Capacity 2: two applicants are registered, the third is waitlisted; the second and fourth answers come from
    the page rendered for the first and third, each with its sender's address (escaped) and CSRF token."""
    answers = []
    for name in ("jeanne", "o'brien", "karim", "lin"):
        applicant = Client(enforce_csrf_checks=True)
        body = applicant.get(FORM).content.decode()
        token = re.search(r'name="form_token" value="([^"]+)"', body).group(1)
        csrf = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
        answer = applicant.post(
            "/events/cost-test/register/",
            {**application_form(), "email": f"{name}@example.org", "csrfmiddlewaretoken": csrf, "form_token": token},
        )
        answers.append((answer, answer.content.decode(), applicant.cookies["csrftoken"].value))
    rendered = ["registration/received.html" in [t.name for t in answer.templates] for answer, _body, _c in answers]
    assert rendered == [True, False, True, False]
    bodies = [body for _answer, body, _csrf in answers]
    assert "You are registered" in bodies[0] and "You are registered" in bodies[1]
    assert "waiting list" in bodies[2] and "waiting list" in bodies[3]
    assert "<strong>o&#x27;brien@example.org</strong>" in bodies[1] and "jeanne@" not in bodies[1]
    assert "<strong>lin@example.org</strong>" in bodies[3] and "karim@" not in bodies[3]
    assert not any("Marker" in body for body in bodies)


def test_the_received_page_of_a_repeated_address_tells_nothing_of_the_application(client, edition):
    """Whoever sends the form again with a known address learns only that an e-mail went to it."""
    first = client.post("/events/cost-test/register/", {**application_form(), "form_token": str(uuid.uuid4())})
    assert "You are registered" in first.content.decode()
    for _ in range(2):
        again = client.post("/events/cost-test/register/", {**application_form(), "form_token": str(uuid.uuid4())})
        body = again.content.decode()
        assert "Check your e-mail" in body and "You are registered" not in body and "Status" not in body
        assert "jeanne.martin@example.org" in body


def test_a_signed_in_applicant_gets_a_received_page_rendered_for_them(client, edition):
    client.force_login(UserFactory())
    for number in range(2):
        form = {**application_form(), "email": f"signed-in-{number}@example.org", "form_token": str(uuid.uuid4())}
        answer = client.post("/events/cost-test/register/", form)
        assert "registration/received.html" in [template.name for template in answer.templates]
        assert "Sign out" in answer.content.decode()


def test_the_page_kept_for_a_moment_follows_the_clock_when_registration_opens(client, edition, monkeypatch):
    """The digest kept with a policy state is per window phase: a page read just before the opening time and one
    read just after differ, although the state was read once."""
    monkeypatch.setattr(views, "RECENT_POLICY_SECONDS", 60)
    opening = timezone.now() + datetime.timedelta(hours=1)
    policy = services.get_policy(edition)
    policy.opens_at = opening
    policy.save()
    before = client.get(FORM).content.decode()
    assert "Registration opens on" in before and 'name="given_name"' not in before
    monkeypatch.setattr(timezone, "now", lambda: opening + datetime.timedelta(seconds=1))
    after = client.get(FORM).content.decode()
    assert "Registration opened on" in after and 'name="given_name"' in after


def test_the_window_phase_says_which_dates_have_passed(edition):
    policy = services.get_policy(edition)
    now = timezone.now()
    policy.opens_at, policy.closes_at = now, now + datetime.timedelta(days=1)
    assert services.window_phase(policy, now) == (True, False, False)
    assert services.window_phase(policy, now - datetime.timedelta(seconds=1)) == (False, False, False)
    assert services.window_phase(policy, now + datetime.timedelta(days=1)) == (True, True, False)


def test_a_kept_page_is_filled_in_as_the_bytes_it_is_sent_as(edition):
    """Countries keep their own spelling (U+2019, diacritics) once filled in, and each applicant gets their tokens."""
    cache.clear()
    pages = [Client().get(FORM).content.decode() for _ in range(2)]
    keys = [key.split(":", 2)[-1] for key in cache._cache if page_cache.KEY_PREFIX in key]  # noqa: SLF001
    assert len(keys) == 1 and isinstance(cache.get(keys[0]), bytes)
    for page in pages:
        assert "Côte d’Ivoire</option>" in page and "Marker" not in page
    tokens = [re.search(r'name="form_token" value="([^"]+)"', page).group(1) for page in pages]
    assert tokens[0] != tokens[1]
