"""The applicant's whole path under a burst: N applicants each load the country step, then the form for their
country (with their own CSRF cookie and form token), post it and read the outcome page it answers with.

wrk drives each step for all N applicants over C keep-alive connections (bench/registration_journey.lua), step after
step, so the load generator costs little of the 2 cores and every step has its own latency figures; journeys per
second is N over the three steps' time added up. Runs once unmeasured (a warm-up), then at concurrency 50 and 8 on an
empty edition, then at 50 on an edition already holding BENCH_REGISTRATION_FILL (default 100,000) registrations,
each run followed by one on the empty edition again (three pairs; CPU per journey compared median against median).
Before each run the database is settled as its quiet hours leave a database that filled over months (VACUUM
ANALYZE, CHECKPOINT: bench/fill.py), so that neither the previous run's rows nor the bulk fill are cleaned up during
it. Checks the outcome in the database (exactly CAPACITY of the applicants approved, everyone else waitlisted, one
application per applicant, every answer a 200 with the expected page; a 503 "busy" is an error), and the server CPU
one journey and each step's request costs (gunicorn and PostgreSQL process trees), which varies much less than
throughput on a shared host.
Target (issue 15): ≥ 300 journeys/s at concurrency 50 on 2 cores, zero errors, zero overbooking, CPU per journey on
the filled edition within 15 % of the empty one.
BENCH_REGISTRATION_N, BENCH_REGISTRATION_CONCURRENCY (a comma-separated list), BENCH_REGISTRATION_FILL (0: skip) and
BENCH_REGISTRATION_PAIRS (filled and empty runs compared, default 3) override N, C, the fill and the pairs.

History of the POST alone (before the journey), PostgreSQL, 2 cores (the host is shared: ±20% from run to run):
- one transaction per submission, 2 gthread workers x 2 threads: 98-125/s, p50 320-380 ms; 9.7-11.2 ms gunicorn +
  3.3-3.9 ms PostgreSQL CPU per submission. The seat lock was held for five statements per submission.
- group commit (registration/services/burst.py): applications arriving together share one transaction, decided on the
  current counts and checked again under the seat lock, which is then held for two statements per group; the mail's
  delivery task written in the same transaction; the lock timeout set per connection; the edition of a burst read
  once per 2 s per process. 2 workers x 24 threads (gunicorn.conf.py): 330-500/s (most runs 370-450), p50 90-150 ms,
  p99 0.3-0.8 s; 2.8-3.8 ms gunicorn + 0.4-0.8 ms PostgreSQL CPU per submission; groups of about 7.
- threads per worker with group commit: 2: ~100/s, 8: ~140/s, 12: ~320/s, 16: 280-370/s, 24: 330-500/s, 32: ~356/s;
  3 workers x 16 threads 290-430/s; 4 workers x 8-12 threads 170-210/s (more processes, smaller groups).
- tried and dropped: two groups in flight per process (240-270/s: more CPU per application), a 2-5 ms wait before
  a group starts, gc.freeze() with a higher GC threshold, a shorter GIL switch interval (no clear effect in the noise).
The form page (GET), in process on SQLite (`python -m bench.inprocess 100`, process CPU per request): 51.7 ms before
issue 15 (country step 29.9 ms), 9.6 ms with the country options built once per language and shared fragments
cached, 1.6 ms (country step 2.2 ms) with the anonymous page rendered once per policy state, language and country and
only its CSRF and form tokens filled in per request. The journey, 2026-11-30 on the shared 2-core host (load average
9-22 during the runs): 64-70 ms gunicorn CPU per journey before, about 10 ms after (the POST is now most of it);
10 -> 52 journeys/s at c=50, 8 -> 33 at c=8, the POST step at 36-70/s bounding both. 2026-12-01 on the same host,
quiet (load average 0.2-1.0): 141-159 journeys/s at c=50 and 94-117 at c=8, 9-10 ms gunicorn + about 1 ms
PostgreSQL CPU per journey; the form's modes read from the recent policy state (two queries fewer per POST) and the
group's seats read in two plain statements took the POST step from 186-233/s to 246-327/s at c=50. With the filled
edition vacuumed as autovacuum leaves it, its CPU per journey is within about 10 % of the empty one's.
Later on 2026-12-01 (the host busier: a static file 1,973/s instead of 3,889): 164-188 journeys/s at c=50 and 103-107
at c=8, 8.2-9.5 ms gunicorn + 0.8-0.9 ms PostgreSQL CPU per journey; per request 1.2-1.6 ms for each page and 5.3-6.6
ms for the submission (10.4-10.8 at c=8, where groups are smaller). What did it: the anonymous pages answered at the
front of the middleware stack (core/front_door.py), the outcome page rendered once per status and language
(page_cache.received), a group's e-mails reading the venue once, the page digest kept with the policy state, and the
group routed and decided on that state (two statements fewer per group). Tried and dropped: server-side parameter
binding with prepared statements (psycopg prepare_threshold=5): no gain on the web side and twice the PostgreSQL CPU.
With the database settled before each run (VACUUM ANALYZE and CHECKPOINT in bench/fill.py; before, the checkpointer
and autovacuum worked during the filled run: PostgreSQL CPU +88-128 %), the filled edition's web CPU per journey is
13 % lower to 4 % higher than the empty one's and its PostgreSQL CPU 23-48 % higher (under 1 ms per journey; it
counts 1,000 more held seats). A group that follows its process's previous one within 2 s starts from the seats
counted under the lock then (c=8 submission 10.4-10.8 -> 8.2-9.7 ms gunicorn CPU).
Later on 2026-12-01, on another (quiet) 2-core machine, the same code measured 294-309 journeys/s at c=50 and 152-210
at c=8 (one `make bench` and one BENCH_ONLY=registration). The bench's connections were often split unevenly between
the two gunicorn processes, each held to one core by the GIL (with 8 connections opened one after another, all 8 went
to one); with new connections shared evenly (rendezvous/balanced_worker.py), nine runs gave 320-373 journeys/s at
c=50 (one 278) and 181-206 at c=8 (one 160). The filled edition is now compared with the empty one as the median of
three interleaved runs each (single runs differed by -24 % to +4 % in PostgreSQL CPU, in either direction): web -1 to
+2 %, PostgreSQL -12 to +5 %.
On 2026-12-01 (afternoon, the host busy: the country step cost 0.8-1.1 ms of gunicorn CPU instead of 0.7), the group's
four reading statements (its repeats, its organisations, the seat lock and the seat count) were compiled to SQL once
(core/compiled.py): 0.69 + 0.48 + 0.65 + 0.71 ms in process became 0.17 + 0.15 + 0.14 + 0.15. The c=8 journey went
from 154-172/s (7.8-8.8 ms gunicorn CPU) to 169-206/s (6.2-7.7 ms); c=50 from 261-294/s to 217-286/s, as busy as the
host was (5.3-7.1 ms against 5.2-5.9). Tried and dropped: a leader waiting up to 3 ms for requests already in the
view (at c=8 the other connections were not there yet: their answers were on the way back) or for every POST the
process held (groups of 2.1 -> 2.3, no gain, and c=50 slower). The post step then sent the form as a browser does
(multipart/form-data with the letter's empty file part: Django parses it in 0.38 ms, the urlencoded body it sent before
in 0.04); `make bench` right after: 274-306 journeys/s at c=50 (5.0-5.5 ms gunicorn CPU), 185 at c=8 (7.1 ms), the
programme page 98 % of the static file, until the host slowed mid-run (the same journey 167-232/s at 6.6-8.8 ms).
On 2026-12-01 (evening), at the start: 326 journeys/s at c=50 (4.9 ms gunicorn CPU), 186 at c=8 (7.0 ms). Two costs
every applicant paid outside the group went. Django parsed the form's multipart body in 0.41 ms in process, the
`multipart` package 0.10 (core/form_body.py). A new visitor's CSRF token read os.urandom once per character, 64 reads
each releasing the GIL (core/randomness.py); on the experiment server, three interleaved rounds at c=50 gave 287,
305 and 275 journeys/s with Django's function against 361, 330 and 307 with one read (gunicorn CPU 5.1-5.6 ms against
4.3-4.8). A group's e-mails: 111 -> 55 us each (the enums' labels instead of get_FOO_display). `make bench` after:
239-352/s at c=50 (4.3-6.3 ms for the same code), 268-292/s filled (web +4 %, PostgreSQL -12 %), 180 at c=8 (7.2
ms); BENCH_ONLY=registration right after: 308 and 351 at c=50, 220 and 199 at c=8 (5.8-6.5 ms). Tried and dropped:
a shorter GIL switch interval (1 and 0.2 ms: 243-258/s against 311-316 at 5 ms; longer ones were lost in the noise)
and inserting with VALUES instead of Django 5.2's UNNEST (no gain in process). Interleaved BENCH_ONLY=registration runs
on a slower stretch: BENCH_WORKERS=3 281 and 261/s at c=50, 183 and 163 at c=8, against 257 and 301, 178 and 180 with
2; BENCH_THREADS=32 230 and 269 at c=50, 142 and 172 at c=8, against 319 and 293, 226 and 188 with 24.
On 2026-12-01 (night): a page still read os.urandom four or five times (request id, CSP nonce, CSRF secret and mask,
form token), each read a release of the GIL; with them drawn from a per-thread block (core/randomness.py) a
front-door page went from 14-15 context switches to 5-7 (hello-world under the same gunicorn: 6) and from 0.77-0.92
to 0.63-0.74 ms of gunicorn CPU, against a server of the previous code on the same database, interleaved. The
registration page's front-door key is looked up once worked out (0.29 -> 0.24 ms per form page in process) and its
kept pages are filled in as bytes (0.245 -> 0.218: 30 KiB of non-ASCII text replaced and encoded per applicant). The
form step's Lua finds the tokens by plain search (wrk 0.18 -> 0.06 ms CPU per form, on the server's cores). Fifteen
BENCH_ONLY=registration runs: 248-380/s at c=50 (3.9-6.2 ms), thirteen 154-241 at c=8; interleaved with the previous
head (20d5c24) on a slow stretch: 319, 368, 265 against 237, 331, 350 at c=50, 181, 154, 164 against 160, 191, 171 at
c=8. Tried and dropped: sockets kept blocking in the poller and gunicorn's drain skipped for a body read to its end
(ioctl calls 4.8 -> 1.0 per request, CPU within the noise); gunicorn's C parser (gunicorn_h1c, an sdist needing a
compiler: 0.02-0.035 ms less per request with a hello-world app); a bulk insert by JSON or by hand-prepared arrays
(0.045 ms less per applicant in process, not worth bypassing the ORM).

On 2026-12-01 (late evening): a group's fixed cost had become most of a submission's at c=8 (groups of about two), and
three of its four inserts went through bulk_create, which builds its statement afresh each time. They are now compiled
once (core.compiled.CompiledInsert), the values still prepared by each field as bulk_create prepares them; and one or
two rows go as rows of values, since psycopg binds 25 one-element arrays with more calls than 25 values (two
applications: 1,001 calls against 1,631). Python calls per group, counted with sys.setprofile on the same workload:
5,503 -> 3,431 for two applications, 16,294 -> 13,101 for twelve. Form fields and widgets are copied without the
pickle protocol (core.field_copies): the registration form is built in 68 µs instead of 132. Interleaved with the
previous head (b8cae6b) on a slow stretch (a pure-Python loop at 0.23-0.44 ms): 229, 246, 265 against 244, 208, 249
at c=50, 155, 191, 150 against 143, 161, 145 at c=8. Tried and dropped: waiting, before taking a batch, for the
applications already being checked in the process (groups stayed at 2.1 at c=8: the next applications had not yet
arrived); a higher threshold for the garbage collector's youngest generation (327 against 340/s, within the noise);
server-side binding for the compiled statements (50 fewer calls per insert of 25 arrays, the same time); prepared
statements for them (PostgreSQL's CPU per group within its noise).

On the night of 2026-12-01: the delivery task's row, a fifth of a one-application group's web CPU (0.85 of 4.1 ms, timed
by part in process), is written by a compiled insert too (core.task_rows): 0.28 ms instead of 0.46 for the backend's
enqueue, a thousand rows each in one process. Runs on the slowest stretch yet (the loop at 0.41-0.46 ms): 249 and
251/s at c=50, 174 and 168 at c=8. Groups held 12.1 applications at c=50 and 2.1 at c=8. Tried and dropped: a longer
GIL switch interval (sys.setswitchinterval), since waiting threads wake every interval to ask for the GIL: four
interleaved rounds gave medians of 298, 293, 324 and 340/s at c=50 for 5 (the default), 20, 50 and 100 ms, but 182,
174, 173 and 159 at c=8, within the host's noise either way; and letting a worker thread wait up to a millisecond for
the next request on its kept-alive connection instead of handing it back to gunicorn's poller (on a trivial WSGI app
at c=50: 6,132 against 6,852 requests/s, and 4,338 against 4,702 on a second pair, slower both times).

On 2026-12-02, a slow day for the host whatever its loop said (0.24-0.26 ms): 212, 228 and 232/s at c=50 (6.6-7.1 ms
gunicorn CPU per journey), 150, 172 and 132 at c=8. Each application now carries its applicant's language into the
group (errors worded in it); four interleaved rounds against the code before it, two servers on one database: medians
235 against 231/s at c=50, 159 against 154 at c=8 (no cost). Tried and dropped: fewer or more threads per worker
(gunicorn.conf.py's 24): two interleaved runs of 8, 12, 16, 24 and 32 threads gave c=50 medians of 199, 224-282, 225,
213-254 and 259/s, and at c=8, where four connections per worker never use more than four threads, 126-167/s for
the same code, which is the host's noise; nothing to choose on.
Later on 2026-12-02: PostgreSQL's own figures per statement (pg_stat_statements, c=8, 960 groups) showed the repeats
check taking 1.2 ms a group and the seat count under the lock 0.42 ms, though neither returns more than two rows. The
statistics of the registrations table dated from before the run (the edition empty), so the planner expected one
row for the edition and read the edition's rows through its plain edition index, every row the burst had written so
far (EXPLAIN ANALYZE: 2,000 rows read and thrown away for none found). The seat holders and the waiting list now
have partial indexes, and the one-per-person constraint's index is the only one over all an edition's rows: the
repeats check reads the applicants' own addresses (0.9 -> 0.02 ms with 2,000 rows) and the count only the seat
holders (0.3 -> 0.08 ms). Runs after: 286 and 252 journeys/s at c=50 (the post step 421 and 375/s, against 324 and
338 before on the same day), 154 and 167 at c=8 (PostgreSQL 1.5-1.8 ms per journey against 2.1-2.3). Tried and
dropped: a response's headers sent with its body in one write (py-spy put a fifth of the worker's CPU in gunicorn's
two socket writes per answer; three interleaved rounds: 263 against 295/s at c=50, 171 against 178 at c=8).
Later on 2026-12-02 the web server became granian (rendezvous/web.py), which parses HTTP and writes answers in Rust
threads outside the GIL where gunicorn's threaded worker did it in Python. Three interleaved rounds against one
database, both with 2 workers x 24 threads: c=50 medians 278 -> 425 journeys/s (265-329 -> 385-478), c=8 203 -> 217,
web CPU per journey 5.3 -> 3.5 ms at c=50. `make bench` right after: 403 journeys/s at c=50 and 259 at c=8 on the
empty edition, 300-450 over its seven runs at c=50 (311-392 on the filled edition); every run exact. Two more
`make bench` runs, the host busier (its loop at 0.25-0.46 ms): 287-451 at c=50 (20 of the 21 runs at 300 or more,
median 372), 200 and 198 at c=8.
"""

import json
import os
import secrets
import signal
import statistics
import subprocess
import time
import urllib.parse
from pathlib import Path

from bench.harness import RESULT_MARKER, BenchError, say

JOURNEY_SCRIPT = Path(__file__).resolve().parent / "registration_journey.lua"

EDITION = "bench-registration"
# The edition already holding BENCH_REGISTRATION_FILL registrations: filled once, kept across its runs.
FILLED_EDITION = "bench-registration-filled"
# Runs on the filled edition, each followed by one on the empty edition: CPU per journey is compared as the median of
# each, so that a run that met the checkpointer or autovacuum does not decide the comparison.
FILLED_PAIRS = int(os.environ.get("BENCH_REGISTRATION_PAIRS", "3"))
APPLICANTS = int(os.environ.get("BENCH_REGISTRATION_N", "2000"))
CONCURRENCIES = [int(c) for c in os.environ.get("BENCH_REGISTRATION_CONCURRENCY", "50,8").split(",") if c.strip()]
FILL = int(os.environ.get("BENCH_REGISTRATION_FILL", "100000"))
FILL_HELD = 1000
CAPACITY = 200
TARGET_PER_S = 300
# Ten times Indico 3.2.9's ~17 journeys/s on this machine (issue 15), at concurrency 8.
TARGET_PER_S_AT_8 = 170
WRK_THREADS = 2
# An upper bound only: each step stops wrk as soon as every answer is in.
MAX_SECONDS = 300
STEPS = (("country", "?"), ("form", "?country=FR"), ("post", ""))

SETUP = """
import datetime
from rendezvous.events.models import Edition
from rendezvous.registration.models import Registration, RegistrationPolicy, RegistrationRule
edition, _ = Edition.objects.update_or_create(slug={edition!r}, defaults=dict(
    title="Registration burst", status="published", start_date=datetime.date(2030, 1, 1),
    end_date=datetime.date(2030, 1, 2), timezone="UTC"))
earlier = Registration.objects.filter(edition=edition)
if {fill} and earlier.exclude(email__startswith="applicant-").count() != {fill}:
    earlier.delete()
    from bench.fill import fill_registrations
    fill_registrations(edition, {fill}, held={held})
else:
    # The applicants of the run before; an edition filled earlier keeps its rows.
    earlier.filter(email__startswith="applicant-").delete()
policy, _ = RegistrationPolicy.objects.update_or_create(edition=edition, defaults=dict(
    moderated=False, in_person_capacity={capacity}, online_capacity=None, opens_at=None, closes_at=None))
policy.rules.all().delete()
RegistrationRule.objects.create(policy=policy, order=1, countries=["CN"], route="invitation")
RegistrationRule.objects.create(policy=policy, order=2, all_other_countries=True, route="open")
from bench.fill import settle_database
settle_database()
"""

OUTCOME = """
import json
from django.db.models import Count
from rendezvous.registration.models import Registration
rows = Registration.objects.filter(edition__slug={edition!r}, email__startswith="applicant-")
by_status = dict(rows.values_list("status").annotate(n=Count("id")))
print(json.dumps({{"total": rows.count(), "emails": rows.values("email").distinct().count(), **by_status}}))
"""


def _step(step: str, url: str, concurrency: int, pairs: Path, run_id: str) -> dict:
    """Run one step for every applicant with wrk until every thread has all its answers; its BENCH-RESULT."""
    if not url.startswith("http://127.0.0.1:"):
        raise BenchError(f"The bench only loads 127.0.0.1, not {url}")
    threads = min(WRK_THREADS, concurrency, APPLICANTS)
    if step == "post":
        # The form step wrote one file per wrk thread; applicant i of the post step is line i of their union.
        lines = []
        for number in range(threads):
            part = Path(f"{pairs}-{number}")
            lines += part.read_text().splitlines() if part.exists() else []
        pairs.write_text("\n".join(lines) + "\n")
        if len(lines) < APPLICANTS:
            raise BenchError(f"only {len(lines)} of {APPLICANTS} forms gave a CSRF cookie and tokens")
    split = urllib.parse.urlsplit(url)
    env = {
        **os.environ,
        "BURST_STEP": step,
        "BURST_TOTAL": str(APPLICANTS),
        "BURST_THREADS": str(threads),
        "BURST_PATH": split.path + (f"?{split.query}" if split.query else ""),
        "BURST_RUN": run_id,
        "BURST_PAIRS": str(pairs),
    }
    command = ["wrk", f"-c{concurrency}", f"-t{threads}", f"-d{MAX_SECONDS}s", "--timeout", "30s", "--latency"]
    command += ["-s", str(JOURNEY_SCRIPT), url]
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    lines = []
    try:
        finished = 0
        for line in process.stdout:
            lines.append(line)
            if line.startswith("BURST-THREAD-DONE"):
                finished += 1
                if finished == threads:
                    # wrk sleeps for -d before it reports; SIGINT ends that sleep, so its duration is the step's.
                    process.send_signal(signal.SIGINT)
        process.wait(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    for line in lines:
        if line.startswith(RESULT_MARKER):
            return json.loads(line[len(RESULT_MARKER) :])
    raise BenchError(f"wrk gave no result: {process.stderr.read().strip() or ''.join(lines)[-500:]}")


def journeys(ctx, concurrency: int, *, fill: int = 0, label: str = "registration journey") -> list[dict]:
    """N applicants' journeys at `concurrency`; one row for the whole journey and one per step. With `fill`, on the
    edition already holding that many registrations (filled on its first run)."""
    capacity = CAPACITY + (FILL_HELD if fill else 0)
    edition = FILLED_EDITION if fill else EDITION
    ctx.rendezvous("shell", "-c", SETUP.format(edition=edition, capacity=capacity, fill=fill, held=FILL_HELD))
    say(f"{label}: {APPLICANTS} applicants, concurrency {concurrency}, {CAPACITY} seats left, {fill:,} rows before")
    # The setup's database session has ended, and its CPU is counted, before the run's CPU is.
    time.sleep(1)
    run_id = secrets.token_hex(4)
    pairs = ctx.workdir / f"pairs-{run_id}"
    base = ctx.url(f"/events/{edition}/register/")
    results = {}
    step_cpu_ms = {}
    cpu_before = ctx.server_cpu()
    for step, query in STEPS:
        step_before = ctx.server_cpu()
        results[step] = _step(step, base + query.rstrip("?"), concurrency, pairs, run_id)
        step_after = ctx.server_cpu()
        step_cpu_ms[step] = {part: (step_after[part] - step_before[part]) * 1000 / APPLICANTS for part in step_after}
    cpu_after = ctx.server_cpu()
    cpu_ms = {part: (cpu_after[part] - cpu_before[part]) * 1000 / APPLICANTS for part in cpu_after}
    outcome = json.loads(ctx.rendezvous("shell", "-c", OUTCOME.format(edition=edition)).stdout.strip().splitlines()[-1])
    approved, waitlisted = outcome.get("approved", 0), outcome.get("waitlisted", 0)
    seats = min(CAPACITY, APPLICANTS)
    exact = approved == seats and waitlisted == APPLICANTS - seats
    exact = exact and outcome["total"] == outcome["emails"] == APPLICANTS
    rows = []
    errors_total = 0
    for step, _query in STEPS:
        result = results[step]
        # wrk counts non-2xx/3xx answers; the script counts every answer that is not the expected page, which
        # includes those, so `unexpected` replaces `non_2xx_3xx`. Missing answers count too.
        errors = result["errors"] - result["non_2xx_3xx"] + result["unexpected"]
        errors += max(APPLICANTS - result["requests"], 0)
        errors_total += errors
        cpu = step_cpu_ms[step]
        note = f"server CPU per request {cpu['web']:.1f} ms web + {cpu['database']:.1f} ms PostgreSQL"
        if result["first_unexpected"]:
            note += f"; first unexpected answer: {result['first_unexpected']}"
        rows.append({"scenario": f"  {step} step (c={concurrency})", **result, "errors": errors, "note": note})
    seconds = sum(results[step]["seconds"] for step, _ in STEPS)
    rate = APPLICANTS / seconds if seconds else 0.0
    target = TARGET_PER_S if concurrency >= 50 else TARGET_PER_S_AT_8 if concurrency == 8 else None
    note = (
        f"N={APPLICANTS} c={concurrency}: {approved} approved of {CAPACITY} seats left, {waitlisted} waitlisted, "
        f"{outcome['total']} rows — {'exact' if exact else 'WRONG'}"
    )
    if target:
        note += f"; target ≥ {target}/s {'met' if rate >= target and not errors_total and exact else 'NOT met'}"
    note += f"; server CPU per journey {cpu_ms['web']:.1f} ms web + {cpu_ms['database']:.1f} ms PostgreSQL"
    summary = {"scenario": f"{label} (c={concurrency})", "requests_per_s": rate, "errors": errors_total, "note": note}
    summary.update(cpu_web_ms=cpu_ms["web"], cpu_database_ms=cpu_ms["database"], exact=exact)
    return [summary, *rows]


def run(ctx) -> list[dict]:
    # Once unmeasured first: every server thread opens its database connection and every process loads its templates
    # on its first requests, which would count against whichever run comes first (the empty edition's).
    journeys(ctx, CONCURRENCIES[0], label="warm-up")
    rows = []
    for concurrency in CONCURRENCIES:
        rows += journeys(ctx, concurrency)
    if FILL:
        say(f"the edition of {FILL:,} registrations is filled on its first run")
        empty_runs, filled_runs = [rows[0]], []
        for pair in range(FILLED_PAIRS):
            filled = journeys(ctx, CONCURRENCIES[0], fill=FILL, label=f"journey, {FILL:,} rows before")
            again = journeys(ctx, CONCURRENCIES[0], label="journey, empty edition again")
            filled_runs.append(filled[0])
            empty_runs.append(again[0])
            # Every step of the first pair; the whole journey of the others.
            rows += filled + again if pair == 0 else [filled[0], again[0]]
        rows[-1]["note"] += "; " + _flatness(empty_runs, filled_runs)
    return rows


def _flatness(empty_runs: list[dict], filled_runs: list[dict]) -> str:
    """CPU per journey on the filled edition against the empty one, median against median (issue 15: within ±15 %)."""
    parts = []
    for key, name in (("cpu_web_ms", "web"), ("cpu_database_ms", "PostgreSQL")):
        empty = statistics.median(run[key] for run in empty_runs)
        filled = statistics.median(run[key] for run in filled_runs)
        change = (filled - empty) / empty * 100 if empty else 0.0
        parts.append(f"{name} {filled:.2f} vs {empty:.2f} ms ({change:+.0f} %)")
    return (
        f"CPU per journey, filled vs empty edition, median of {len(filled_runs)} and {len(empty_runs)} interleaved "
        f"runs: {', '.join(parts)} (target ±15 %)"
    )
