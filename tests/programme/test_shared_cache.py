"""Several web servers, one truth: with CACHE_URL pointing at Redis, a programme change made through one process is
seen by another at once (pages, the programme version, the recently read edition), and CACHE_URL is parsed as
documented.

"Another web server" is a real second Python process with its own cache client, reading the same database.
"""

import json
import os
import subprocess
import sys
from urllib.parse import quote

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.http import Http404
from django.urls import reverse

from rendezvous import settings as project_settings
from rendezvous.events import services as event_services
from rendezvous.programme import cache as programme_cache
from tests.factories import EditionFactory, SessionFactory
from tests.support.redis_server import running_redis

# The second web server: one JSON command per line in, one JSON answer per line out.
SERVER = r"""
import json, sys
import django
django.setup()
from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.test import Client
from rendezvous.events.models import Edition
from rendezvous.events.services import get_visible_edition
from rendezvous.programme import cache as programme_cache

client = Client()
for line in sys.stdin:
    command = json.loads(line)
    if "get" in command:
        response = client.get(command["get"])
        answer = {"status": response.status_code, "body": response.content.decode()}
    elif "state" in command:
        state = programme_cache.programme_state(command["state"])
        answer = {"version": state.version if state else None}
    elif "edition" in command:
        try:
            answer = {"title": get_visible_edition(AnonymousUser(), command["edition"], max_age=60).title}
        except Http404:
            answer = {"title": None}
    elif "unpublish" in command:
        edition = Edition.objects.get(slug=command["unpublish"])
        edition.status = "draft"
        edition.save()
        answer = {"done": True}
    print(json.dumps(answer), flush=True)
"""


def _database_url() -> str:
    """The test database as a DATABASE_URL, so the second process reads the same rows."""
    config = connection.settings_dict
    if config["ENGINE"] == "django.db.backends.sqlite3":
        return f"sqlite:///{config['NAME']}"
    user, password = quote(config["USER"], safe=""), quote(config["PASSWORD"], safe="")
    return f"postgres://{user}:{password}@{config['HOST']}:{config['PORT']}/{config['NAME']}"


class OtherServer:
    def __init__(self, cache_url: str):
        environment = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "rendezvous.settings",
            "DATABASE_URL": _database_url(),
            "CACHE_URL": cache_url,
        }
        self.process = subprocess.Popen(
            [sys.executable, "-c", SERVER],
            env=environment,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )

    def ask(self, **command) -> dict:
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        line = self.process.stdout.readline()
        assert line, self.process.stderr.read()
        return json.loads(line)

    def stop(self) -> None:
        self.process.stdin.close()
        self.process.wait(timeout=30)


@pytest.fixture(scope="module")
def redis_url():
    with running_redis() as url:
        yield url


@pytest.fixture
def shared_cache(settings, redis_url):
    """This process uses the Redis cache too (pytest-django's settings fixture resets the cache connections)."""
    settings.CACHES = {"default": project_settings.cache_from_url(redis_url)}
    from django.core.cache import cache

    cache.clear()
    event_services._recent_public_editions.clear()
    yield redis_url
    cache.clear()
    event_services._recent_public_editions.clear()


@pytest.fixture
def other_server(shared_cache):
    server = OtherServer(shared_cache)
    yield server
    server.stop()


@pytest.mark.django_db(transaction=True)
def test_a_programme_change_through_one_server_is_read_through_the_other_at_once(client, other_server):
    session = SessionFactory(title="Opening of the workshop")
    edition = session.edition
    url = reverse("programme:programme", kwargs={"slug": edition.slug})
    assert "Opening of the workshop" in client.get(url).content.decode()
    # The other server has read the version (and so keeps it for STATE_SECONDS) before the change.
    version = other_server.ask(state=edition.slug)["version"]
    assert version == programme_cache.programme_state(edition.slug).version
    assert "Opening of the workshop" in other_server.ask(get=url)["body"]

    session.title = "Welcome ceremony"
    session.save()

    assert other_server.ask(state=edition.slug)["version"] == version + 1
    seen = other_server.ask(get=url)
    assert seen["status"] == 200
    assert "Welcome ceremony" in seen["body"]
    assert "Opening of the workshop" not in seen["body"]


@pytest.mark.django_db(transaction=True)
def test_a_bump_in_one_server_reaches_the_other_servers_cache_client(other_server):
    edition = EditionFactory()
    version = other_server.ask(state=edition.slug)["version"]
    programme_cache.bump_programme_version(edition)
    assert other_server.ask(state=edition.slug)["version"] == version + 1


@pytest.mark.django_db(transaction=True)
def test_an_edition_unpublished_through_another_server_is_gone_here_at_once(client, other_server):
    edition = EditionFactory(title="Haikou 2022")
    url = reverse("programme:programme", kwargs={"slug": edition.slug})
    assert event_services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60).title == "Haikou 2022"
    assert client.get(url).status_code == 200

    assert other_server.ask(unpublish=edition.slug) == {"done": True}

    # This process remembered the edition for 60 s and the page for an hour: neither outlives the change.
    with pytest.raises(Http404):
        event_services.get_visible_edition(AnonymousUser(), edition.slug, max_age=60)
    assert client.get(url).status_code == 404
    assert other_server.ask(edition=edition.slug) == {"title": None}


# --- CACHE_URL ------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "backend", "location"),
    [
        ("", "django.core.cache.backends.locmem.LocMemCache", "rendezvous"),
        (
            "redis://cache.internal:6380/2",
            "django.core.cache.backends.redis.RedisCache",
            "redis://cache.internal:6380/2",
        ),
        (
            "redis://:secret@cache.internal",
            "django.core.cache.backends.redis.RedisCache",
            "redis://:secret@cache.internal:6379/0",
        ),
        (
            "memcached://a.internal:11211,b.internal:11211",
            "django.core.cache.backends.memcached.PyMemcacheCache",
            "a.internal:11211;b.internal:11211",
        ),
        ("pymemcache://a.internal:11211", "django.core.cache.backends.memcached.PyMemcacheCache", "a.internal:11211"),
    ],
)
def test_cache_url_chooses_the_backend(url, backend, location):
    config = project_settings.cache_from_url(url)
    assert (config["BACKEND"], config["LOCATION"]) == (backend, location)
    if url:
        assert config["KEY_PREFIX"] == "rendezvous"
    else:
        assert config["OPTIONS"] == {"MAX_ENTRIES": 5000}


def test_cache_url_key_prefix_can_be_chosen():
    assert project_settings.cache_from_url("redis://h:6379/0?key_prefix=staging")["KEY_PREFIX"] == "staging"


def test_an_unknown_cache_url_stops_the_start_with_a_clear_error():
    environment = {**os.environ, "CACHE_URL": "mongodb://cache.internal"}
    result = subprocess.run(
        [sys.executable, "-c", "import rendezvous.settings"],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode != 0
    assert "ImproperlyConfigured: CACHE_URL 'mongodb'" in result.stderr
    assert "redis://host:6379/0" in result.stderr


def test_the_configured_url_is_what_settings_use():
    environment = {**os.environ, "CACHE_URL": "redis://cache.internal:6379/1"}
    code = "from rendezvous import settings; print(settings.CACHES['default']['BACKEND'])"
    result = subprocess.run(
        [sys.executable, "-c", code], env=environment, capture_output=True, text=True, check=False, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "django.core.cache.backends.redis.RedisCache"
