"""The machinery of `python -m bench`: a throwaway database, a production-like server, wrk, and the result table.

Everything started here is stopped on the way out (normal end, failure, Ctrl-C or SIGTERM), by the ExitStack.
"""

import contextlib
import dataclasses
import importlib
import json
import os
import pkgutil
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

from rendezvous.web import kernel_migrates_queued_connections

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
WRK_SCRIPT = Path(__file__).resolve().parent / "percentiles.lua"
RESULT_MARKER = "BENCH-RESULT "
SERVER_LOG = "web-server.log"
# How rendezvous-web listens on this host (rendezvous/web.py): one socket for every worker costs bursts some evenness.
LISTENING = {True: "a listening socket per worker", False: "one listening socket for every worker (see web.py)"}
# Production profile, as `make test`'s `check --deploy` uses it, but served over plain HTTP on the loopback.
BENCH_SECRET_KEY = "bench-only-secret-key-never-used-in-production-7d41c0a9e8b2f36a5d4c1b0e9f8a7b6c"


class BenchError(RuntimeError):
    """The bench cannot go on; the message says why."""


def say(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def overridden_duration(duration: float) -> float:
    """BENCH_DURATION (seconds) replaces every scenario's duration, for a quick run."""
    value = os.environ.get("BENCH_DURATION")
    return float(value) if value else duration


@dataclasses.dataclass
class Context:
    """What a scenario gets: where the server is, its database, and tools to load it."""

    base_url: str
    database_url: str
    env: dict[str, str]
    workdir: Path
    database_label: str
    server_pid: int = 0

    def server_cpu(self) -> dict[str, float]:
        """CPU seconds used so far by the web server (and its workers) and by PostgreSQL (0 on SQLite)."""
        database = postmaster_pid(self.database_url)
        return {
            "web": process_tree_cpu(self.server_pid) if self.server_pid else 0.0,
            "database": process_tree_cpu(database) if database else 0.0,
        }

    def url(self, path: str) -> str:
        return self.base_url + path

    def rendezvous(self, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
        """Run a `rendezvous` command against the bench database; raises BenchError if it fails."""
        result = subprocess.run(
            [str(BIN / "rendezvous"), *args],
            env=self.env,
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
            check=False,
        )
        if result.returncode != 0:
            raise BenchError(f"rendezvous {' '.join(args)} failed: {result.stderr.strip()[-500:]}")
        return result

    def get(self, path_or_url: str, timeout: float = 30) -> tuple[int, bytes]:
        """One request, to check a page answers before loading it."""
        url = path_or_url if path_or_url.startswith("http") else self.url(path_or_url)
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (loopback only)
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()

    def wrk(self, url: str, duration: float = 20, connections: int = 8, threads: int = 2) -> dict:
        """Load `url` with wrk; returns requests_per_s, p50_ms, p99_ms, errors, requests."""
        if not url.startswith("http"):
            url = self.url(url)
        if not url.startswith("http://127.0.0.1:"):
            raise BenchError(f"The bench only loads 127.0.0.1, not {url}")
        duration = overridden_duration(duration)
        command = [
            "wrk",
            f"-c{connections}",
            f"-t{min(threads, connections)}",
            f"-d{max(1, round(duration))}s",
            "--latency",
            "--timeout",
            "10s",
            "-s",
            str(WRK_SCRIPT),
            url,
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=duration + 60, check=False)
        for line in result.stdout.splitlines():
            if line.startswith(RESULT_MARKER):
                return json.loads(line[len(RESULT_MARKER) :])
        raise BenchError(f"wrk gave no result for {url}: {result.stderr.strip() or result.stdout.strip()[-500:]}")


def _processes() -> dict[int, tuple[int, float, str]]:
    """pid → (parent pid, CPU seconds so far, command line) for every process we may read."""
    tick = os.sysconf("SC_CLK_TCK")
    found = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text()
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        # Its own user and system time, and that of its children which have ended (a database connection closed
        # during a run takes its backend's CPU with it otherwise, and the tree's figure goes down).
        own_and_ended = sum(int(field) for field in fields[11:15])
        found[int(entry)] = (int(fields[1]), own_and_ended / tick, command)
    return found


def process_tree_cpu(root_pid: int) -> float:
    """CPU seconds (user + system) used so far by a process and all its descendants, ended ones included."""
    processes = _processes()

    def descends(pid: int) -> bool:
        while pid in processes:
            if pid == root_pid:
                return True
            pid = processes[pid][0]
        return False

    return sum(seconds for pid, (_parent, seconds, _command) in processes.items() if descends(pid))


def postmaster_pid(database_url: str) -> int | None:
    """The PostgreSQL server process listening on the port of `database_url`, if it runs here."""
    port = urllib.parse.urlsplit(database_url).port
    if not database_url.startswith("postgres") or port is None:
        return None
    for pid, (_parent, _seconds, command) in _processes().items():
        if f"-p {port} " in command and "postgres" in command.split(" ")[0]:
            return pid
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    if os.geteuid() != 0:
        raise BenchError("wrk is not installed: run `sudo apt-get install wrk` (Debian/Ubuntu), then `make bench`.")
    say("wrk is missing: installing it with apt-get")
    apt_env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], env=apt_env, check=False, timeout=600)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], env=apt_env, check=True, timeout=600)


@contextlib.contextmanager
def database(workdir: Path) -> Iterator[tuple[str, str]]:
    """(DATABASE_URL, label): a throwaway PostgreSQL cluster, or SQLite in `workdir` when PostgreSQL is missing."""
    sys.path.insert(0, str(REPO))
    from tests.support.with_postgres import find_pg_bin, throwaway_cluster

    if find_pg_bin() is None:
        say("PostgreSQL is not installed: falling back to SQLite (figures are not representative of production)")
        yield f"sqlite:///{workdir / 'bench.sqlite3'}", "SQLite"
        return
    # fsync stays on: every commit waits for the disk, as in production.
    with throwaway_cluster(durable=True) as url:
        yield url, "PostgreSQL"


def prepare(ctx: Context) -> None:
    say(f"migrating the {ctx.database_label} database")
    ctx.rendezvous("migrate", "--noinput")
    say("loading the demo editions (load_demo)")
    ctx.rendezvous("load_demo")
    say("collecting static files")
    ctx.rendezvous("collectstatic", "--noinput")


@contextlib.contextmanager
def server(env: dict[str, str], workdir: Path) -> Iterator[tuple[str, int]]:
    """The web server as production runs it (`rendezvous-web`, rendezvous/web.py) on a free loopback port; yields the
    base URL and its main process's pid, and always stops it. BENCH_WORKERS (default 2, one per core of the reference
    machine) and BENCH_THREADS override the configuration."""
    port = free_port()
    log = open(workdir / SERVER_LOG, "w")  # noqa: SIM115 (closed below)
    workers = os.environ.get("BENCH_WORKERS", "2")
    command = [str(BIN / "rendezvous-web"), "--bind", f"127.0.0.1:{port}", "--workers", workers, "--backlog", "256"]
    command += ["--log-level", "warning"]
    overrides = [f"--threads={os.environ['BENCH_THREADS']}"] if os.environ.get("BENCH_THREADS") else []
    process = subprocess.Popen(
        command + overrides,
        env=env,
        cwd=workdir,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # Ctrl-C reaches the bench, which then stops the server itself
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        wait_until_answering(base_url, process, workdir / SERVER_LOG)
        say(f"rendezvous-web ({workers} workers, {' '.join(overrides) or 'no overrides'}) serves {base_url}")
        yield base_url, process.pid
    finally:
        stop(process)
        log.close()


def wait_until_answering(base_url: str, process: subprocess.Popen, log_path: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise BenchError(f"the web server exited early: {log_path.read_text()[-1500:]}")
        try:
            with urllib.request.urlopen(base_url + "/api/health", timeout=2):  # noqa: S310 (loopback only)
                return
        except urllib.error.HTTPError:
            return  # it answers, even if not with 200
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.25)
    raise BenchError(f"the web server did not answer within {timeout:.0f} s")


def server_log_tail(workdir: Path, lines: int = 30) -> str:
    log = workdir / SERVER_LOG
    return "\n".join(log.read_text(errors="replace").splitlines()[-lines:]) if log.exists() else "(no log)"


def stop(process: subprocess.Popen) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def discover() -> dict[str, Callable]:
    """Every bench/scenario_<name>.py with a run(ctx), by name; BENCH_ONLY=a,b keeps some of them."""
    import bench

    names = sorted(
        info.name.removeprefix("scenario_")
        for info in pkgutil.iter_modules(bench.__path__)
        if info.name.startswith("scenario_")
    )
    only = [name.strip() for name in os.environ.get("BENCH_ONLY", "").split(",") if name.strip()]
    unknown = sorted(set(only) - set(names))
    if unknown:
        raise BenchError(f"Unknown scenario(s) {', '.join(unknown)}; known: {', '.join(names)}")
    return {name: importlib.import_module(f"bench.scenario_{name}").run for name in names if not only or name in only}


COLUMNS = [
    ("scenario", "scenario", "{}"),
    ("requests/s", "requests_per_s", "{:,.0f}"),
    ("p50 ms", "p50_ms", "{:.1f}"),
    ("p99 ms", "p99_ms", "{:.1f}"),
    ("errors", "errors", "{}"),
    ("note", "note", "{}"),
]


def table(rows: list[dict]) -> str:
    def cell(row, key, pattern):
        value = row.get(key)
        if value is None or value == "":
            return "—" if key != "note" else ""
        try:
            return pattern.format(value)
        except (ValueError, TypeError):
            return str(value)

    cells = [[title for title, _, _ in COLUMNS]] + [[cell(row, key, fmt) for _, key, fmt in COLUMNS] for row in rows]
    widths = [max(len(line[i]) for line in cells) for i in range(len(COLUMNS))]
    lines = []
    for number, line in enumerate(cells):
        padded = [
            value.ljust(width) if i in (0, 5) else value.rjust(width)
            for i, (value, width) in enumerate(zip(line, widths, strict=True))
        ]
        lines.append("  ".join(padded).rstrip())
        if number == 0:
            lines.append("  ".join("-" * width for width in widths))
    return "\n".join(lines)


def bench_env(database_url: str, workdir: Path) -> dict[str, str]:
    return {
        **os.environ,
        "DATABASE_URL": database_url,
        "RENDEZVOUS_ENV": "production",
        "SECRET_KEY": BENCH_SECRET_KEY,
        "PASSPORT_ENCRYPTION_KEYS": "YmVuY2gtb25seS1wYXNzcG9ydC1rZXktbm90LXJlYWw=",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "RENDEZVOUS_VAR_DIR": str(workdir / "var"),
        "MEDIA_ROOT": str(workdir / "media"),
        "EMAIL_URL": "dummy://",
        # The demo's people and the bench's applicants have addresses at *.localhost, refused in production otherwise.
        "EMAIL_ALLOW_LOCAL_DOMAINS": "1",
        "LOG_LEVEL": "ERROR",
        # The burst sends every application from 127.0.0.1; the per-IP registration limit would stop it after 100.
        "RATE_LIMIT_REGISTRATION_PER_IP": "0",
        "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
    }


def host_speed_ms(rounds: int = 200) -> float:
    """CPU milliseconds one round of a fixed pure-Python loop takes now (the best of three batches). On a shared host
    the same code costs up to half as much again from one hour to the next; this says how fast one core was (the
    contention of neighbours on caches and memory shows in it less)."""

    def one_round() -> None:
        kept = {}
        for number in range(3000):
            kept[number % 97] = str(number)

    best = float("inf")
    for _batch in range(3):
        started = time.process_time()
        for _round in range(rounds):
            one_round()
        best = min(best, (time.process_time() - started) * 1000 / rounds)
    return best


def main() -> int:
    def on_sigterm(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, on_sigterm)
    # Also when started in the background, where SIGINT arrives ignored: Ctrl-C must still clean up.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    rows: list[dict] = []
    try:
        scenarios = discover()
        ensure_wrk()
        with contextlib.ExitStack() as stack:
            workdir = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="rendezvous-bench-")))
            database_url, label = stack.enter_context(database(workdir))
            env = bench_env(database_url, workdir)
            ctx = Context(base_url="", database_url=database_url, env=env, workdir=workdir, database_label=label)
            prepare(ctx)
            ctx.base_url, ctx.server_pid = stack.enter_context(server(env, workdir))
            load_before = os.getloadavg()[0]  # the machine may be shared: say how busy it was
            speed_before = host_speed_ms()
            for name, run in scenarios.items():
                say(f"scenario {name}")
                try:
                    rows.extend(run(ctx))
                except BenchError as error:
                    rows.append({"scenario": name, "note": f"failed: {error}"})
                    say(f"scenario {name} failed; the end of the web server's log:\n{server_log_tail(workdir)}")
            print()
            print(
                f"Rendezvous bench — {label}, rendezvous-web, wrk on 127.0.0.1, "
                f"{os.cpu_count()} CPU cores, load average {load_before:.1f} before the run; "
                f"host speed (a fixed Python loop, lower is faster): {speed_before:.2f} ms before, "
                f"{host_speed_ms():.2f} ms after; {LISTENING[kernel_migrates_queued_connections()]}"
            )
            print(table(rows))
    except KeyboardInterrupt:
        say("interrupted: everything started by the bench has been stopped")
        return 130
    except (BenchError, subprocess.CalledProcessError) as error:
        say(f"failed: {error}")
        return 1
    failed = any(str(row.get("note", "")).startswith("failed") for row in rows)
    return 1 if failed else 0
