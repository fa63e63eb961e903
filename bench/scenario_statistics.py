"""Statistics at scale: the figures, every chart and the report for editions of 10,000 and 100,000 registrations.

Builds both editions with bulk_create (about a third of the participants checked in, a fifth joined online), then
1. in one process, times `edition_statistics` + every chart (SVG) and its CSV table + the Attendance text, and
2. runs `rendezvous report attendance SLUG --format json` (and `--format docx`) as a child of a small wrapper that
   reports the child's wall time and peak RSS (`resource.getrusage(RUSAGE_CHILDREN)`, so each figure is that one
   command's own peak).
Target: < 2 s for 100,000 registrations, with the same peak memory as for 10,000 (flat: nothing is loaded per row).
BENCH_STATISTICS_SIZES overrides the sizes (comma-separated).
"""

import json
import os
import subprocess
import sys

from bench.harness import BIN, REPO, BenchError, say

SIZES = [int(size) for size in os.environ.get("BENCH_STATISTICS_SIZES", "10000,100000").split(",")]
TARGET_SECONDS = 2.0

SETUP = """
import datetime, itertools, random
from django.db import transaction
from django.utils import timezone
from rendezvous.core.models import Organisation
from rendezvous.events.models import Edition
from rendezvous.participation.models import CheckIn, OnlineJoin
from rendezvous.registration.models import Registration
from tests.data.make_haikou_csv import REPORT_COUNTRY_CODES, SPACE_AGENCIES

size, slug = {size}, {slug!r}
random.seed(size)
Edition.objects.filter(slug=slug).delete()
edition = Edition.objects.create(slug=slug, title=f"Statistics bench ({{size:,}})", status="published",
    start_date=datetime.date(2030, 11, 21), end_date=datetime.date(2030, 11, 24), timezone="Asia/Shanghai")
agencies = [Organisation.objects.get_or_create(name=name, defaults=dict(type="space_agency", country=country))[0]
            for name, country, _ in SPACE_AGENCIES]
others = [Organisation.objects.get_or_create(name=f"Bench organisation {{n}}", defaults=dict(type="academia"))[0]
          for n in range(300)]
statuses = ["approved"] * 8 + ["pending", "rejected"]
with transaction.atomic():
    batch = []
    for n in range(size):
        agency = agencies[n % len(agencies)] if n % 50 == 0 else None
        batch.append(Registration(
            edition=edition, given_name="Bench", family_name=f"{{n:06d}}", email=f"bench{{n:06d}}@example.org",
            gender=("female", "male", "male", "other", "undisclosed")[n % 5] if n % 7 else "female",
            country=REPORT_COUNTRY_CODES[(n * 7919) % len(REPORT_COUNTRY_CODES)],
            organisation=agency or others[n % len(others)],
            organisation_type="space_agency" if agency else ("academia", "industry", "government", "ngo")[n % 4],
            head_of_agency=bool(agency) and n % 100 == 0, role="speaker" if n % 40 == 0 else "participant",
            attendance="in_person" if n % 2 else "online", status=statuses[n % len(statuses)], imported=True))
        if len(batch) == 5000:
            Registration.objects.bulk_create(batch)
            batch = []
    Registration.objects.bulk_create(batch)
    ids = list(Registration.objects.filter(edition=edition).order_by("id").values_list("id", flat=True))
    # Spread applications over 90 days, so the time series has 90 points.
    start = timezone.now() - datetime.timedelta(days=90)
    step = max(1, len(ids) // 90)
    for day, first in enumerate(range(0, len(ids), step)):
        Registration.objects.filter(id__gte=ids[first], id__lte=ids[min(first + step, len(ids)) - 1]).update(
            created_at=start + datetime.timedelta(days=day))
    CheckIn.objects.bulk_create(
        [CheckIn(registration_id=i, day=datetime.date(2030, 11, 21 + (i % 3))) for i in ids[1::3]], batch_size=5000)
    OnlineJoin.objects.bulk_create([OnlineJoin(registration_id=i) for i in ids[::5]], batch_size=5000)
print(len(ids))
"""

TIMING = """
import json, time
from rendezvous.events.models import Edition
from rendezvous.reports import charts, services
edition = Edition.objects.get(slug={slug!r})
runs = []
for _ in range(3):
    started = time.perf_counter()
    statistics = services.edition_statistics(edition)
    drawn = charts.edition_charts(statistics)
    svgs = [charts.svg(chart) for chart in drawn.values()]
    tables = [services.chart_table(statistics, name) for name in services.CHARTS]
    text = services.attendance_text(statistics.figures())
    runs.append(time.perf_counter() - started)
print(json.dumps({{"seconds": sorted(runs)[1], "registered": statistics.registered}}))
"""

# Runs one command as its child and reports the child's own wall time and peak RSS.
WRAPPER = """
import json, resource, subprocess, sys, time
started = time.perf_counter()
result = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
elapsed = time.perf_counter() - started
peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
print(json.dumps({"seconds": elapsed, "peak_mb": peak_kb / 1024, "status": result.returncode,
                  "stderr": result.stderr[-300:]}))
"""


def _last_json(output: str) -> dict:
    return json.loads(output.strip().splitlines()[-1])


def _command(ctx, *args: str) -> dict:
    result = subprocess.run(
        [sys.executable, "-c", WRAPPER, str(BIN / "rendezvous"), *args],
        env=ctx.env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    measured = _last_json(result.stdout)
    if measured["status"] != 0:
        raise BenchError(f"rendezvous {' '.join(args)} failed: {measured['stderr']}")
    return measured


EMPTY = """
import datetime
from rendezvous.events.models import Edition
Edition.objects.update_or_create(slug="bench-statistics-empty", defaults=dict(title="Empty", status="published",
    start_date=datetime.date(2030, 11, 21), end_date=datetime.date(2030, 11, 24), timezone="UTC"))
"""


def run(ctx) -> list[dict]:
    # The same command on an empty edition: what starting Python and Django costs, to read the other figures by.
    ctx.rendezvous("shell", "-c", EMPTY)
    baseline = _command(ctx, "report", "attendance", "bench-statistics-empty", "--format", "json")
    rows = [
        {
            "scenario": "statistics: empty edition",
            "p50_ms": baseline["seconds"] * 1000,
            "note": f"`report attendance --format json` on an empty edition (process start): "
            f"{baseline['seconds']:.2f} s, peak RSS {baseline['peak_mb']:.0f} MB",
        }
    ]
    for size in SIZES:
        slug = f"bench-statistics-{size}"
        say(f"statistics: building an edition of {size:,} registrations")
        ctx.rendezvous("shell", "-c", SETUP.format(size=size, slug=slug), timeout=1200)
        timing = _last_json(ctx.rendezvous("shell", "-c", TIMING.format(slug=slug)).stdout)
        as_json = _command(ctx, "report", "attendance", slug, "--format", "json")
        as_docx = _command(
            ctx, "report", "attendance", slug, "--format", "docx", "--output", str(ctx.workdir / f"{slug}.docx")
        )
        work = as_json["seconds"] - baseline["seconds"]
        met = timing["seconds"] < TARGET_SECONDS and work < TARGET_SECONDS
        rows += [
            {
                "scenario": f"statistics {size // 1000}k: figures+charts",
                "p50_ms": timing["seconds"] * 1000,
                "note": f"{timing['registered']:,} participants of {size:,} registrations; figures, 7 SVG charts, "
                f"CSV tables and text (median of 3, in process); target < {TARGET_SECONDS:.0f} s "
                f"{'met' if timing['seconds'] < TARGET_SECONDS else 'NOT met'}",
            },
            {
                "scenario": f"statistics {size // 1000}k: report json",
                "p50_ms": as_json["seconds"] * 1000,
                "note": f"`rendezvous report attendance --format json` as a process: {as_json['seconds']:.2f} s wall, "
                f"{work:.2f} s beyond the empty edition's; peak RSS {as_json['peak_mb']:.0f} MB"
                + ("" if met else " — target NOT met"),
            },
            {
                "scenario": f"statistics {size // 1000}k: report docx",
                "p50_ms": as_docx["seconds"] * 1000,
                "note": f"`--format docx` (5 PNG charts, 82-row table): {as_docx['seconds']:.2f} s wall, "
                f"peak RSS {as_docx['peak_mb']:.0f} MB",
            },
        ]
    return rows
