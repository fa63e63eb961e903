"""Registration burst: N applicants post the form at once (concurrency C) against a small in-person capacity.

Reports submissions/s and latency, and checks the outcome in the database: exactly CAPACITY approved, everyone else
waitlisted, one application per applicant. Target: ≥ 300 submissions/s on 2 cores, zero errors, zero overbooking.
wrk loads one URL for a duration; a burst of N distinct POSTs needs distinct bodies and an exact count, so this
scenario drives it with a small thread pool of plain HTTP clients instead (their CPU share is in the figures).
BENCH_REGISTRATION_N and BENCH_REGISTRATION_CONCURRENCY override N and C.
"""

import http.client
import json
import os
import re
import threading
import time
import urllib.parse
import uuid

from bench.harness import BenchError, say

EDITION = "bench-registration"
APPLICANTS = int(os.environ.get("BENCH_REGISTRATION_N", "2000"))
CONCURRENCY = int(os.environ.get("BENCH_REGISTRATION_CONCURRENCY", "50"))
CAPACITY = 200
TARGET_PER_S = 300
OUTCOME_MARKERS = ("<h1>You are registered</h1>", "<h1>You are on the waiting list</h1>")

SETUP = f"""
import datetime
from rendezvous.events.models import Edition
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule
edition, _ = Edition.objects.update_or_create(slug={EDITION!r}, defaults=dict(
    title="Registration burst", status="published", start_date=datetime.date(2030, 1, 1),
    end_date=datetime.date(2030, 1, 2), timezone="UTC"))
Registration.objects.filter(edition=edition).delete()
policy, _ = RegistrationPolicy.objects.update_or_create(edition=edition, defaults=dict(
    moderated=False, in_person_capacity={CAPACITY}, online_capacity=None, opens_at=None, closes_at=None))
policy.rules.all().delete()
RegistrationRule.objects.create(policy=policy, order=1, countries=["CN"], route="invitation")
RegistrationRule.objects.create(policy=policy, order=2, all_other_countries=True, route="open")
"""

OUTCOME = f"""
import json
from django.db.models import Count
from rendezvous.registration.models import Registration
rows = Registration.objects.filter(edition__slug={EDITION!r})
by_status = dict(rows.values_list("status").annotate(n=Count("id")))
print(json.dumps({{"total": rows.count(), "emails": rows.values("email").distinct().count(), **by_status}}))
"""


def _csrf(ctx) -> tuple[str, str]:
    host, port = urllib.parse.urlsplit(ctx.base_url).netloc.split(":")
    connection = http.client.HTTPConnection(host, int(port), timeout=30)
    connection.request("GET", f"/events/{EDITION}/register/?country=FR")
    response = connection.getresponse()
    body = response.read().decode()
    if response.status != 200:
        raise BenchError(f"the registration form answered {response.status}")
    cookie = re.search(r"csrftoken=([^;]+)", response.getheader("Set-Cookie") or "")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
    if not cookie or not token:
        raise BenchError("no CSRF cookie or token on the registration form")
    return cookie.group(1), token.group(1)


def _burst(ctx, cookie: str, token: str) -> tuple[list[float], list[str], float]:
    host, port = urllib.parse.urlsplit(ctx.base_url).netloc.split(":")
    path = f"/events/{EDITION}/register/"
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "Cookie": f"csrftoken={cookie}",
        "Referer": ctx.base_url + path,
    }
    next_index = iter(range(APPLICANTS))
    lock = threading.Lock()
    latencies: list[float] = []
    errors: list[str] = []

    def body(index: int) -> str:
        return urllib.parse.urlencode(
            {
                "csrfmiddlewaretoken": token,
                "form_token": str(uuid.uuid4()),
                "given_name": "Applicant",
                "family_name": f"{index:05d}",
                "email": f"applicant{index:05d}@bench.example.org",
                "gender": ("female", "male", "other", "undisclosed")[index % 4],
                "country": ("FR", "KE", "BR", "IN", "DE", "NG", "MX", "JP")[index % 8],
                "organisation_name": f"Bench organisation {index % 40}",
                "organisation_type": "academia",
                "position": "Researcher",
                "attendance": "in_person",
                "consent": "on",
            }
        )

    def worker():
        while True:
            with lock:
                index = next(next_index, None)
            if index is None:
                return
            payload = body(index)
            started = time.perf_counter()
            try:
                connection = http.client.HTTPConnection(host, int(port), timeout=30)
                connection.request("POST", path, body=payload, headers=headers)
                response = connection.getresponse()
                text = response.read().decode()
                connection.close()
                ok = response.status == 200 and any(marker in text for marker in OUTCOME_MARKERS)
                snippet = " ".join(re.sub(r"<[^>]+>", " ", text).split())[:160]
                problem = None if ok else f"HTTP {response.status}: {snippet}"
            except OSError as error:
                problem = f"{type(error).__name__}: {error}"
            elapsed = time.perf_counter() - started
            with lock:
                latencies.append(elapsed)
                if problem:
                    errors.append(problem)

    threads = [threading.Thread(target=worker) for _ in range(CONCURRENCY)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies, errors, time.perf_counter() - started


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def run(ctx) -> list[dict]:
    ctx.rendezvous("shell", "-c", SETUP)
    cookie, token = _csrf(ctx)
    say(f"registration burst: {APPLICANTS} applicants, concurrency {CONCURRENCY}, in-person capacity {CAPACITY}")
    latencies, errors, seconds = _burst(ctx, cookie, token)
    outcome = json.loads(ctx.rendezvous("shell", "-c", OUTCOME).stdout.strip().splitlines()[-1])
    approved, waitlisted = outcome.get("approved", 0), outcome.get("waitlisted", 0)
    exact = approved == CAPACITY and waitlisted == APPLICANTS - CAPACITY and outcome["total"] == APPLICANTS
    rate = len(latencies) / seconds
    note = (
        f"N={APPLICANTS} c={CONCURRENCY}: {approved} approved of capacity {CAPACITY}, {waitlisted} waitlisted, "
        f"{outcome['total']} rows — {'exact' if exact else 'WRONG'}; target ≥ {TARGET_PER_S}/s "
        f"{'met' if rate >= TARGET_PER_S and not errors and exact else 'NOT met'}"
    )
    if errors:
        note += f"; first error: {errors[0]}"
    return [
        {
            "scenario": "registration burst",
            "requests": len(latencies),
            "requests_per_s": rate,
            "p50_ms": _percentile(latencies, 0.50),
            "p99_ms": _percentile(latencies, 0.99),
            "errors": len(errors),
            "note": note,
        }
    ]
