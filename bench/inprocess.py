"""CPU one registration page costs in process, with Django's test client: `python -m bench.inprocess [N]`.

Measures process CPU time (user + system of this process, `time.process_time`), which varies much less than
wall-clock time on a shared machine, for N GETs of the country step and of the form, and N POSTs. Runs on a
throwaway SQLite database in the production profile (DEBUG off, cached templates) unless DATABASE_URL is set.
BENCH_INPROCESS_FILL=100000 first fills the edition with that many registrations (cost flat in N).
"""

import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

WORKDIR = Path(tempfile.mkdtemp(prefix="rendezvous-inprocess-"))
os.environ.setdefault("DATABASE_URL", f"sqlite:///{WORKDIR / 'db.sqlite3'}")
os.environ.update(
    RENDEZVOUS_ENV="production",
    SECRET_KEY="bench-only-secret-key-never-used-in-production-7d41c0a9e8b2f36a5d4c1b0e9f8a7b6c",
    ALLOWED_HOSTS="testserver",
    SECURE_SSL_REDIRECT="0",
    RENDEZVOUS_VAR_DIR=str(WORKDIR / "var"),
    MEDIA_ROOT=str(WORKDIR / "media"),
    EMAIL_URL="dummy://",
    EMAIL_ALLOW_LOCAL_DOMAINS="1",
    RATE_LIMIT_REGISTRATION_PER_IP="0",
    LOG_LEVEL="ERROR",
    DJANGO_SETTINGS_MODULE="rendezvous.settings",
)

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from bench.fill import fill_registrations, settle_database  # noqa: E402

EDITION = "bench-registration"


def setup_edition():
    import datetime

    from rendezvous.events.models import Edition
    from rendezvous.registration.models import RegistrationPolicy, RegistrationRule

    edition, _ = Edition.objects.update_or_create(
        slug=EDITION,
        defaults={
            "title": "Registration burst",
            "status": "published",
            "start_date": datetime.date(2030, 1, 1),
            "end_date": datetime.date(2030, 1, 2),
            "timezone": "UTC",
        },
    )
    policy, _ = RegistrationPolicy.objects.update_or_create(
        edition=edition,
        defaults={
            "moderated": False,
            "in_person_capacity": 200,
            "online_capacity": None,
            "opens_at": None,
            "closes_at": None,
        },
    )
    policy.rules.all().delete()
    RegistrationRule.objects.create(policy=policy, order=1, countries=["CN"], route="invitation")
    RegistrationRule.objects.create(policy=policy, order=2, all_other_countries=True, route="open")
    return edition


def cpu_ms(action, n: int) -> float:
    action(0)  # warm caches and imports once
    start = time.process_time()
    for i in range(1, n + 1):
        action(i)
    return (time.process_time() - start) * 1000 / n


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    call_command("migrate", "--noinput", verbosity=0)
    call_command("collectstatic", "--noinput", verbosity=0)
    edition = setup_edition()
    fill = int(os.environ.get("BENCH_INPROCESS_FILL", "0"))
    if fill:
        fill_registrations(edition, fill)
        settle_database()
        edition.registration_policy.in_person_capacity = 1000 + 200
        edition.registration_policy.save()
    client = Client()
    base = f"/events/{EDITION}/register/"

    def get_country_step(_i):
        assert client.get(base).status_code == 200

    def get_form(_i):
        response = client.get(base + "?country=FR")
        assert response.status_code == 200 and b'name="given_name"' in response.content

    run = uuid.uuid4().hex[:8]

    def post(i):
        token = client.cookies["csrftoken"].value
        response = client.post(
            base,
            {
                "csrfmiddlewaretoken": token,
                "form_token": str(uuid.uuid4()),
                "given_name": "Applicant",
                "family_name": str(i),
                "email": f"inprocess-{run}-{i}@bench.example.org",
                "gender": "female",
                "country": "FR",
                "organisation_name": f"Bench organisation {i % 40}",
                "organisation_type": "academia",
                "position": "Researcher",
                "attendance": "in_person",
                "consent": "on",
            },
        )
        assert response.status_code == 200 and b"<h1>You are" in response.content, response.content[:2000]

    client = Client(enforce_csrf_checks=True)
    client.get(base + "?country=FR")
    figures = {
        "GET country step": cpu_ms(get_country_step, n),
        "GET form": cpu_ms(get_form, n),
        "POST": cpu_ms(post, max(n // 2, 1)),
    }
    database = os.environ["DATABASE_URL"].split(":")[0]
    print(f"in-process CPU per request ({database}, {fill} registrations present, N={n}):")
    for label, value in figures.items():
        print(f"  {label:18} {value:6.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
