"""The front door (core/front_door.py): anonymous visits to the busiest public pages are answered from the page the
stack gave the first visitor, with the same headers, never with anything personal, and never once the page changed."""

import datetime
import re
import uuid

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client
from django.urls import resolve, reverse
from django.utils import timezone

from rendezvous.core import front_door
from rendezvous.registration.models import Registration, RegistrationPolicy
from tests.factories import (
    PublicEditionFactory,
    UpcomingEditionFactory,
    UserFactory,
    application_form,
    full_session,
    policy_for,
)

pytestmark = pytest.mark.django_db

# Set afresh for every answer by the middlewares in front of the door.
PER_ANSWER = {"X-Request-ID", "Content-Security-Policy"}


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def programme_page():
    edition = PublicEditionFactory()
    session = full_session(edition, 0)
    return reverse("programme:programme", kwargs={"slug": edition.slug}), session


@pytest.fixture
def registration_page():
    edition = UpcomingEditionFactory(slug="front-door")
    policy_for(edition, moderated=False, in_person=5)
    return "/events/front-door/register/"


def headers_of(response) -> dict:
    return {name: value for name, value in response.items() if name not in PER_ANSWER}


def test_the_second_anonymous_visit_gets_the_first_visitors_page_with_the_same_headers(client, programme_page):
    url, _session = programme_page
    first = client.get(url)
    second = client.get(url)
    assert not getattr(first, "from_front_door", False)
    assert second.from_front_door
    assert second.content == first.content
    assert headers_of(second) == headers_of(first)
    assert second["Content-Security-Policy"] and second["X-Request-ID"] != first["X-Request-ID"]


def test_a_programme_change_shows_at_once(client, programme_page):
    url, session = programme_page
    client.get(url)
    assert client.get(url).from_front_door
    session.title = "Renamed at the front door"
    session.save()
    changed = client.get(url)
    assert not getattr(changed, "from_front_door", False)
    assert "Renamed at the front door" in changed.content.decode()
    assert "Renamed at the front door" in client.get(url).content.decode()


def test_each_language_has_its_own_page(programme_page):
    url, _session = programme_page
    english, french = Client(), Client()
    french.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    by_browser = Client(HTTP_ACCEPT_LANGUAGE="zh-hans")
    for visitor in (english, french, by_browser):
        visitor.get(url)
    pages = [visitor.get(url) for visitor in (english, french, by_browser)]
    assert all(page.from_front_door for page in pages)
    assert [page["Content-Language"] for page in pages] == ["en", "fr", "zh-hans"]
    assert 'lang="fr"' in pages[1].content.decode() and 'lang="zh-hans"' in pages[2].content.decode()


def test_visitors_with_a_session_a_message_or_htmx_go_through_the_whole_stack(client, programme_page):
    url, _session = programme_page
    client.get(url)
    assert client.get(url).from_front_door
    assert not getattr(client.get(url, HTTP_HX_REQUEST="true"), "from_front_door", False)
    with_messages = Client()
    with_messages.cookies["messages"] = "anything"
    assert not getattr(with_messages.get(url), "from_front_door", False)
    client.force_login(UserFactory())
    signed_in = client.get(url)
    assert not getattr(signed_in, "from_front_door", False)
    assert "Sign out" in signed_in.content.decode()


def test_a_kept_page_is_given_for_the_doors_seconds_only(client, programme_page, monkeypatch):
    url, _session = programme_page
    client.get(url)
    assert client.get(url).from_front_door
    later = front_door.time.monotonic() + 11
    monkeypatch.setattr(front_door.time, "monotonic", lambda: later)
    assert not getattr(client.get(url), "from_front_door", False)


def test_a_page_that_set_a_cookie_of_its_own_is_not_kept(rf):
    response = front_door.offer(front_door.HttpResponse(b"page"), "key:a", b"page")
    response.set_cookie(settings.SESSION_COOKIE_NAME, "someone")
    door = front_door.Door("test", re.compile("^/never/$"), lambda request: "key:a")
    front_door._keep(rf.get("/never/"), response, door)
    assert front_door._answer(rf.get("/never/"), door, {}) is None


def test_each_anonymous_applicant_gets_their_own_csrf_cookie_and_tokens_and_can_send_the_form(registration_page):
    form_page = registration_page + "?country=FR"
    Client().get(form_page)  # the first visitor's page is kept
    applicants = [Client(enforce_csrf_checks=True) for _ in range(2)]
    answers = [applicant.get(form_page) for applicant in applicants]
    assert all(answer.from_front_door for answer in answers)
    cookies = [applicant.cookies[settings.CSRF_COOKIE_NAME].value for applicant in applicants]
    bodies = [answer.content.decode() for answer in answers]
    tokens = [re.search(r'name="form_token" value="([^"]+)"', body).group(1) for body in bodies]
    csrf = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1) for body in bodies]
    assert cookies[0] != cookies[1] and tokens[0] != tokens[1] and csrf[0] != csrf[1]
    assert not any("Marker" in body for body in bodies)
    # A visitor who has a CSRF cookie keeps it (Django sends it again, to renew its expiry).
    again = applicants[1].get(form_page)
    assert again.from_front_door and again.cookies[settings.CSRF_COOKIE_NAME].value == cookies[1]
    sent = applicants[1].post(
        registration_page, {**application_form(), "csrfmiddlewaretoken": csrf[1], "form_token": tokens[1]}
    )
    assert sent.status_code == 200
    assert Registration.objects.get(email="jeanne.martin@example.org").form_token == uuid.UUID(tokens[1])


def test_a_registration_page_for_a_made_up_address_is_never_kept(client, registration_page):
    for _ in range(2):
        answer = client.get(registration_page + "?country=FR&utm=x")
        assert answer.status_code == 200 and not getattr(answer, "from_front_door", False)
    assert client.get(registration_page + "?country=zz").status_code == 200
    assert front_door._kept == {}
    assert client.get("/events/no-such-edition/register/").status_code == 404


def test_a_closed_registration_shows_at_once(client, registration_page):
    client.get(registration_page)
    assert client.get(registration_page).from_front_door
    policy = RegistrationPolicy.objects.get(edition__slug="front-door")
    policy.closes_at = timezone.now() - datetime.timedelta(minutes=1)
    policy.save()
    closed = client.get(registration_page)
    assert not getattr(closed, "from_front_door", False)
    assert "Registration is closed." in closed.content.decode()


@pytest.mark.parametrize(
    ("path", "view_name"),
    [
        ("/events/some-slug/programme/", "programme:programme"),
        ("/events/some-slug/speakers/", "programme:speakers"),
        ("/events/some-slug/sessions/opening_1/", "programme:session"),
        ("/events/some-slug/register/", "registration:register"),
    ],
)
def test_every_door_answers_only_for_its_views_address(path, view_name):
    _door, arguments = front_door._door_for(path)
    match = resolve(path)
    assert match.view_name == view_name
    assert arguments == match.kwargs
    assert front_door._door_for(path + "extra/") is None


@pytest.fixture
def key_workings(monkeypatch):
    """How many times the registration page's front-door key was worked out from the edition, rules and address."""
    from rendezvous.registration import page_cache

    calls = []
    key_for = page_cache.key_for

    def counted(*arguments):
        calls.append(arguments)
        return key_for(*arguments)

    monkeypatch.setattr(page_cache, "key_for", counted)
    return calls


def door_key(rf, path: str, language: str = "en"):
    from django.utils import translation

    from rendezvous.registration.views import front_door_key

    with translation.override(language):
        return front_door_key(rf.get(path), "front-door")


def front_door_cache_reset():
    """Forget what this process read of editions and policies (as a save does in every process)."""
    from rendezvous.events.services import forget_recent_edition
    from rendezvous.registration.services.public_page import forget_recent_policies

    forget_recent_edition(None, None)
    forget_recent_policies(None)


def test_the_registration_pages_key_is_worked_out_once_per_address_language_and_state(
    rf, registration_page, key_workings
):
    french = door_key(rf, registration_page + "?country=FR")
    assert door_key(rf, registration_page + "?country=FR") == french
    assert len(key_workings) == 1
    # Another country, language or way of writing the address is another page.
    others = {
        door_key(rf, registration_page + "?country=KE"),
        door_key(rf, registration_page + "?country=FR", "fr"),
        door_key(rf, registration_page + "?country=F%52"),
    }
    assert len(key_workings) == 4 and french not in others and len(others) == 3
    # A seat taken in this process gives the page a new state: the key is worked out again.
    from rendezvous.events.models import Edition
    from rendezvous.registration.services.public_page import seats_counted

    seats_counted(Edition.objects.get(slug="front-door"), {"in_person": 5, "online": 0})
    assert door_key(rf, registration_page + "?country=FR") != french
    assert len(key_workings) == 5


def test_the_registration_pages_key_follows_the_window_and_the_edition(
    rf, registration_page, key_workings, monkeypatch
):
    policy = RegistrationPolicy.objects.get(edition__slug="front-door")
    now = timezone.now()
    RegistrationPolicy.objects.filter(pk=policy.pk).update(closes_at=now + datetime.timedelta(minutes=5))
    front_door_cache_reset()
    open_key = door_key(rf, registration_page)
    assert door_key(rf, registration_page) == open_key
    # The window closes with no save: the phase is part of what the key is found under.
    monkeypatch.setattr(timezone, "now", lambda: now + datetime.timedelta(minutes=6))
    closed_key = door_key(rf, registration_page)
    assert closed_key != open_key and len(key_workings) == 2
    edition = policy.edition
    edition.title = "Renamed"
    edition.save()
    assert door_key(rf, registration_page) not in (open_key, closed_key)


def test_addresses_that_are_no_page_of_their_own_are_not_remembered(rf, registration_page):
    from rendezvous.events.models import Edition
    from rendezvous.registration.services.public_page import page_state

    for query in ("?country=FR&utm=x", "?country=zz", "?country=fr", "?other=1"):
        assert door_key(rf, registration_page + query) is None
    state = page_state(Edition.objects.get(slug="front-door"), max_age=60)
    assert not [key for key in state.derived if key[0] == "front_door_key"]


def test_the_keys_remembered_for_one_state_are_bounded(rf, registration_page, monkeypatch):
    from rendezvous.events.models import Edition
    from rendezvous.registration import views
    from rendezvous.registration.services.public_page import page_state

    monkeypatch.setattr(views, "MAX_DERIVED_KEYS", 3)
    # The same address written five ways: five pages, the last ones worked out each time.
    keys = [door_key(rf, registration_page + "?country=FR" + "&" * extra) for extra in range(5)]
    assert None not in keys
    state = page_state(Edition.objects.get(slug="front-door"), max_age=60)
    assert len(state.derived) == 3


def test_an_edition_changed_by_another_process_gives_a_new_key_while_the_page_state_is_kept(
    rf, registration_page, key_workings
):
    """With a cache in each process's memory, another process's save reaches this one only as the edition is read
    again: the page state it keeps is the same, but the key follows the edition."""
    from rendezvous.events import services as edition_services
    from rendezvous.events.models import Edition

    before = door_key(rf, registration_page)
    Edition.objects.filter(slug="front-door").update(updated_at=timezone.now() + datetime.timedelta(seconds=1))
    edition_services._recent_public_editions.clear()  # read again, as after RECENT_EDITION_SECONDS
    assert door_key(rf, registration_page) != before
    assert len(key_workings) == 2
