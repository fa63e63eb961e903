"""Several web servers, one truth (issue 19, item 3): nginx, two web servers (rendezvous-web), two workers, PostgreSQL
and Redis on the loopback, started for real (tests/support/scale_out.py)."""

import http.client
import json
import re
import threading
import time
import urllib.parse
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.scale_out import deployment

pytestmark = pytest.mark.system

EDITION = "scale-out"
CAPACITY = 40
APPLICANTS = 100

SETUP = f"""
import datetime
from rendezvous.events.models import Edition
from rendezvous.registration.models import RegistrationPolicy, RegistrationRule
edition, _ = Edition.objects.update_or_create(slug={EDITION!r}, defaults=dict(
    title="Scale-out", status="published", start_date=datetime.date(2030, 1, 1),
    end_date=datetime.date(2030, 1, 2), timezone="UTC"))
policy, _ = RegistrationPolicy.objects.update_or_create(edition=edition, defaults=dict(
    moderated=False, in_person_capacity={CAPACITY}, online_capacity=None, opens_at=None, closes_at=None))
policy.rules.all().delete()
RegistrationRule.objects.create(policy=policy, order=1, all_other_countries=True, route="open")
"""

OUTCOME = f"""
import json
from django.db.models import Count
from rendezvous.registration.models import Registration
rows = Registration.objects.filter(edition__slug={EDITION!r})
print(json.dumps({{"total": rows.count(), "emails": sorted(rows.values_list("email", flat=True)),
                  **dict(rows.values_list("status").annotate(n=Count("id")))}}))
"""

RENAME = """
from rendezvous.programme.models import Session
session = Session.objects.filter(edition__slug="haikou-2022").order_by("start", "id").first()
session.title = "{title}"
session.save()
print(session.pk)
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with deployment(tmp_path_factory.mktemp("scale-out")) as running:
        yield running


def get(url: str) -> tuple[int, str]:
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    try:
        connection.request("GET", parts.path + (f"?{parts.query}" if parts.query else ""))
        response = connection.getresponse()
        return response.status, response.read().decode()
    finally:
        connection.close()


def test_a_programme_change_is_seen_at_once_by_every_server(site):
    first, second = list(site.servers)
    page = "/events/haikou-2022/programme/"
    for url in (first, second, site.nginx_url):  # every server has the page cached before the change
        assert get(url + page)[0] == 200
    # Readers keep both servers' caches warm while the change is made, so no server can rely on a cache that has
    # simply expired: the change must reach them through the shared cache.
    reading = threading.Event()
    reading.set()

    def keep_reading():
        while reading.is_set():
            for url in (first, second):
                get(url + page)
            time.sleep(0.02)

    reader = threading.Thread(target=keep_reading)
    reader.start()
    try:
        title = f"Renamed opening {uuid.uuid4().hex[:8]}"
        site.rendezvous("shell", "-c", RENAME.format(title=title))
        for url in (second, first, site.nginx_url):
            status, body = get(url + page)
            assert status == 200
            assert title in body, f"{url} still serves the programme from before the change"
    finally:
        reading.clear()
        reader.join()


def _apply(base: str, cookie: str, token: str, number: int, answers: dict, lock: threading.Lock) -> None:
    """One applicant: posts until an outcome page comes back, retrying with the same form token after a failure
    (as a person pressing the button again would), which the server answers with the same outcome, never a second
    application."""
    parts = urllib.parse.urlsplit(base)
    form_token = str(uuid.uuid4())
    body = urllib.parse.urlencode(
        {
            "csrfmiddlewaretoken": token,
            "form_token": form_token,
            "given_name": "Applicant",
            "family_name": str(number),
            "email": f"applicant-{number}@scale-out.example.org",
            "gender": "female",
            "country": "FR",
            "organisation_name": "Scale-out University",
            "organisation_type": "academia",
            "position": "Researcher",
            "attendance": "in_person",
            "consent": "on",
        }
    )
    headers = {"Content-Type": "application/x-www-form-urlencoded", "Cookie": f"csrftoken={cookie}"}
    for _attempt in range(20):
        connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
        try:
            connection.request("POST", f"/events/{EDITION}/register/", body=body, headers=headers)
            response = connection.getresponse()
            text = response.read().decode()
        except (ConnectionError, http.client.HTTPException, TimeoutError):
            time.sleep(0.2)
            continue
        finally:
            connection.close()
        if response.status == 200 and ("You are registered" in text or "You are on the waiting list" in text):
            with lock:
                answers[number] = "approved" if "You are registered" in text else "waitlisted"
            return
        time.sleep(0.2)  # 502/503 while a server goes away: try again


def test_a_burst_across_two_servers_gives_exactly_the_seats_and_loses_nothing_when_one_stops(site):
    site.rendezvous("shell", "-c", SETUP)
    status, form = get(f"{site.nginx_url}/events/{EDITION}/register/?country=FR")
    assert status == 200
    parts = urllib.parse.urlsplit(site.nginx_url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=30)
    connection.request("GET", f"/events/{EDITION}/register/?country=FR")
    response = connection.getresponse()
    form = response.read().decode()
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "").group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    connection.close()

    answers: dict[int, str] = {}
    lock = threading.Lock()
    doomed = list(site.servers)[0]
    with ThreadPoolExecutor(max_workers=16) as pool:
        futures = [pool.submit(_apply, site.nginx_url, cookie, token, n, answers, lock) for n in range(APPLICANTS)]
        deadline = time.monotonic() + 60
        while len(answers) < APPLICANTS // 3 and time.monotonic() < deadline:
            time.sleep(0.02)
        site.kill_server(doomed)  # mid-burst: one web server dies with requests in flight
        for future in futures:
            future.result()

    assert len(answers) == APPLICANTS, "every applicant got an outcome page through the remaining server"
    outcome = json.loads(site.rendezvous("shell", "-c", OUTCOME).stdout.strip().splitlines()[-1])
    assert outcome["total"] == APPLICANTS  # one application per applicant, none lost, none twice
    assert len(set(outcome["emails"])) == APPLICANTS
    assert outcome.get("approved", 0) == CAPACITY  # exactly the seats there are
    assert outcome.get("waitlisted", 0) == APPLICANTS - CAPACITY
    assert sum(1 for status in answers.values() if status == "approved") == CAPACITY
