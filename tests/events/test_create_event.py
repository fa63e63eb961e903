"""`rendezvous create_event`: a draft edition from the command line; every bad argument is one clear line."""

import datetime
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from rendezvous.core.models import AuditEntry
from rendezvous.events.models import Edition, Series
from rendezvous.events.services import EditionError, create_edition

pytestmark = pytest.mark.django_db

RENDEZVOUS = Path(sys.executable).parent / "rendezvous"
GOOD = ["--title", "Third Global Partnership Workshop", "--start", "2025-10-14", "--end", "2025-10-16"]


def test_creates_an_empty_draft_edition(capsys):
    call_command("create_event", "third-workshop", *GOOD, "--timezone", "Asia/Shanghai")

    edition = Edition.objects.get(slug="third-workshop")
    assert edition.title == "Third Global Partnership Workshop"
    assert (edition.start_date, edition.end_date) == (datetime.date(2025, 10, 14), datetime.date(2025, 10, 16))
    assert edition.timezone == "Asia/Shanghai"
    assert edition.status == "draft" and edition.format == "hybrid"
    assert not edition.sessions.exists() and edition.series is None
    assert "Created draft edition third-workshop" in capsys.readouterr().out
    assert AuditEntry.objects.filter(action="edition.created", object_id=str(edition.pk)).exists()


def test_series_and_format_are_optional():
    Series.objects.create(name="Global Partnership Workshops", slug="gpw")
    call_command(
        "create_event", "amman-2019", *GOOD, "--timezone", "Asia/Amman", "--series", "gpw", "--format", "online"
    )
    edition = Edition.objects.get(slug="amman-2019")
    assert edition.series.slug == "gpw" and edition.format == "online"


@pytest.mark.parametrize(
    ("changes", "reason"),
    [
        ({"start": "2025-13-01"}, "Bad start date '2025-13-01': expected YYYY-MM-DD."),
        ({"end": "16/10/2025"}, "Bad end date '16/10/2025': expected YYYY-MM-DD."),
        ({"end": "2025-10-13"}, "The edition cannot end (2025-10-13) before it starts (2025-10-14)."),
        ({"timezone": "Mars/Jezero"}, "Unknown time zone 'Mars/Jezero'"),
        ({"slug": "third workshop!"}, "Invalid slug 'third workshop!'"),
        ({"series": "no-such-series"}, "No series with slug 'no-such-series'."),
        ({"title": "  "}, "The title must not be empty."),
    ],
)
def test_bad_arguments_are_refused_with_a_reason(changes, reason):
    arguments = {
        "slug": "third-workshop",
        "title": "Third workshop",
        "start": "2025-10-14",
        "end": "2025-10-16",
        "timezone": "Asia/Shanghai",
        **changes,
    }
    with pytest.raises(EditionError) as error:
        create_edition(**arguments)
    assert str(error.value).startswith(reason)
    assert "\n" not in str(error.value)
    assert not Edition.objects.exists()


def test_a_taken_slug_is_refused_by_the_command():
    call_command("create_event", "third-workshop", *GOOD, "--timezone", "UTC")
    with pytest.raises(CommandError, match="The slug 'third-workshop' is already taken by another edition."):
        call_command("create_event", "third-workshop", *GOOD, "--timezone", "UTC")
    assert Edition.objects.count() == 1


def database_url():
    """The test database as a URL, so a subprocess works on the very database this test sees."""
    db = connection.settings_dict
    if db["ENGINE"].endswith("sqlite3"):
        return f"sqlite:///{db['NAME']}"
    return f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST']}:{db['PORT']}/{db['NAME']}"


def run_command(*arguments):
    env = {**os.environ, "DATABASE_URL": database_url()}
    return subprocess.run(
        [str(RENDEZVOUS), *arguments], env=env, capture_output=True, text=True, timeout=120, check=False
    )


@pytest.mark.django_db(transaction=True)
def test_the_console_command_exits_non_zero_with_one_line():
    created = run_command("create_event", "third-workshop", *GOOD, "--timezone", "Asia/Shanghai")
    assert created.returncode == 0, created.stderr
    assert "Created draft edition third-workshop" in created.stdout
    assert Edition.objects.filter(slug="third-workshop").exists()

    taken = run_command("create_event", "third-workshop", *GOOD, "--timezone", "Asia/Shanghai")
    assert taken.returncode != 0
    assert taken.stderr.strip() == "CommandError: The slug 'third-workshop' is already taken by another edition."

    bad_zone = run_command("create_event", "other", *GOOD, "--timezone", "Mars/Jezero")
    assert bad_zone.returncode != 0
    assert len(bad_zone.stderr.strip().splitlines()) == 1
    assert "Unknown time zone 'Mars/Jezero'" in bad_zone.stderr
