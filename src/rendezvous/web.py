"""The production web server: `rendezvous-web --bind 127.0.0.1:8001` (granian serving rendezvous.wsgi).

Why granian: its HTTP parsing, keep-alive and socket writes run in Rust threads outside the GIL, so a worker's Python
threads spend their core on the application. gunicorn's threaded worker did that work in Python, under the GIL: on 2
cores, three interleaved rounds of `make bench`'s registration journey against the same database gave medians of 278
complete journeys/s at concurrency 50 and 203 at concurrency 8 with gunicorn (2 workers x 24 threads, connections
balanced between the workers), 425 and 217 with granian (the same workers and threads); 5.3 against 3.5 ms of web
CPU per journey. The programme page went from 2,675 to 4,881-6,561 pages/s (issue 15; bench/scenario_*.py).

Threads, not only processes: applications that arrive at the same moment share one seat transaction (group commit in
`registration/services/burst.py`), and a process can only group the requests it is handling at once. With 24 threads
each of 2 workers can hold every request of a burst of 50 connections at once; more processes make smaller groups. Under
granian, three sessions of interleaved rounds with 8, 12, 16, 24 and 32 threads per worker gave nothing to choose beyond
the host's noise (c=50 medians: 24 threads 248-293/s, 16 threads 280-312, 12 271, 8 251; 32 lower in the one session it
ran), so the 24 measured with gunicorn stay.
"""

import argparse
import logging
import os
import socket
from pathlib import Path

from granian import Granian
from granian.constants import HTTPModes, Interfaces
from granian.http import HTTP1Settings
from granian.log import LogLevels, logger
from granian.net import SocketSpec

LOG_LEVELS = ("critical", "error", "warning", "info", "debug")
DEFAULT_WORKERS = 2
DEFAULT_THREADS = 24
# How long a worker may take to finish the requests it holds once asked to stop (deployments, SIGTERM).
STOP_SECONDS = 10
# nginx drops its idle upstream connections after 4 s (deploy/nginx.conf), before the server does: otherwise it may
# send a POST on a connection the server is closing. granian closes an idle kept connection after hyper's header read
# timeout, set here well above those 4 s.
IDLE_CONNECTION_MS = 30_000


def whole_number(low: int, high: int):
    """An argparse type: a whole number from low to high (so that a typo cannot fork thousands of processes)."""

    def checked(text: str) -> int:
        if not text.strip().isdigit() or not low <= int(text) <= high:
            raise argparse.ArgumentTypeError(f"a whole number from {low} to {high} is needed, not {text!r}")
        return int(text)

    return checked


def settings_from(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line, with WEB_CONCURRENCY and WEB_THREADS as the defaults of --workers and --threads."""
    parser = argparse.ArgumentParser(prog="rendezvous-web", description="Serve Rendezvous over HTTP (granian).")
    parser.add_argument("--bind", default="127.0.0.1:8000", help="HOST:PORT to listen on (default %(default)s)")
    # String defaults go through `type` too, so a bad WEB_CONCURRENCY is refused as a bad --workers would be.
    workers = os.environ.get("WEB_CONCURRENCY", str(DEFAULT_WORKERS))
    threads = os.environ.get("WEB_THREADS", str(DEFAULT_THREADS))
    parser.add_argument("--workers", type=whole_number(1, 256), default=workers)
    parser.add_argument("--threads", type=whole_number(1, 1024), default=threads)
    # granian takes no less than 128 (and lets each worker hold backlog / workers connections at once).
    parser.add_argument("--backlog", type=whole_number(128, 65535), default="1024")
    parser.add_argument(
        "--log-level", default=os.environ.get("LOG_LEVEL", "info").lower(), choices=LOG_LEVELS, help="granian's own log"
    )
    settings = parser.parse_args(argv)
    # argparse checks the choices of a value given, not of a default: LOG_LEVEL is checked here.
    if settings.log_level not in LOG_LEVELS:
        parser.error(f"--log-level (or LOG_LEVEL) takes one of {', '.join(LOG_LEVELS)}, not {settings.log_level!r}")
    host, separator, port = settings.bind.rpartition(":")
    if not separator or not port.isdigit() or not 1 <= int(port) <= 65535:
        parser.error(f"--bind takes HOST:PORT with a port from 1 to 65535, not {settings.bind!r}")
    settings.host, settings.port = host.strip("[]") or "0.0.0.0", int(port)  # noqa: S104 (":8000" means every address)
    return settings


# Linux 5.14+: when a listening socket of a SO_REUSEPORT group closes, the kernel moves its queued connections to
# another socket of the group instead of resetting them (granian's README asks for it).
MIGRATE_QUEUED_CONNECTIONS = Path("/proc/sys/net/ipv4/tcp_migrate_req")


def kernel_migrates_queued_connections() -> bool:
    try:
        return MIGRATE_QUEUED_CONNECTIONS.read_text().strip() == "1"
    except OSError:
        return False


class ReloadSafeServer(Granian):
    """granian, listening so that no queued connection is lost when a worker stops (a reload, a respawn).

    granian gives each worker on Linux a listening socket of its own (SO_REUSEPORT), and the kernel spreads new
    connections evenly between them: 50 connections opened at once split 27-23 to 31-19 in 8 trials. But the
    connections queued on a worker's socket are reset when that worker stops, unless the kernel migrates them
    (net.ipv4.tcp_migrate_req, docs/deployment.md): three requests waiting when a reload stopped their worker were
    all reset without it, all answered with it (tests/core/test_web_server.py). Where the kernel does not migrate
    them, every worker inherits one socket, which the main process keeps open, as granian does for Unix sockets and
    did on Linux before 2.8: nothing queued is lost, but the first worker to wake takes a whole burst (50
    connections split 50-0 in 4 of 8 trials), which cost 14 % of the registration journeys at concurrency 50
    (medians of 6 interleaved rounds: 257 and 221/s).
    """

    def _init_shared_socket(self) -> None:
        try:
            if kernel_migrates_queued_connections():
                logger.info("A listening socket for each worker (the kernel migrates queued connections)")
                super()._init_shared_socket()
            else:
                logger.warning(
                    "One listening socket for every worker: set the sysctl net.ipv4.tcp_migrate_req=1 so that each "
                    "worker has its own, which spreads bursts of connections evenly (docs/deployment.md)"
                )
                self._listen_once_for_every_worker()
        except (OSError, RuntimeError) as error:  # granian raises the OS's refusal as RuntimeError
            raise SystemExit(f"rendezvous-web: cannot listen on {self.bind_addr}:{self.bind_port}: {error}") from None

    def _listen_once_for_every_worker(self) -> None:
        # granian's own attributes, read by MPServer._spawn_worker and _drop_shared_socket (granian 2.8.9, locked).
        self._ssp = None
        self._shd = SocketSpec(self.bind_addr, self.bind_port, self.backlog).build()
        self._sfd = self._shd.get_fd()
        self._sso = socket.socket(fileno=self._sfd)
        self._sso.set_inheritable(True)


def server(settings: argparse.Namespace) -> Granian:
    return ReloadSafeServer(
        # A factory, called in each worker once forked: see rendezvous.wsgi.settled_application.
        "rendezvous.wsgi:settled_application",
        factory=True,
        interface=Interfaces.WSGI,
        address=settings.host,
        port=settings.port,
        workers=settings.workers,
        blocking_threads=settings.threads,
        backlog=settings.backlog,
        http=HTTPModes.http1,
        http1_settings=HTTP1Settings(header_read_timeout=IDLE_CONNECTION_MS),
        websockets=False,
        respawn_failed_workers=True,
        workers_kill_timeout=STOP_SECONDS,
        log_level=LogLevels(settings.log_level),
        log_dictconfig=log_config(),
    )


class OutsideRequests(logging.Filter):
    """granian's lines belong to no request: they carry an empty request id, as the application's lines outside one."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = ""
        return True


def log_config(log_format: str | None = None) -> dict:
    """granian's own lines (workers started, replaced or lost) written as the application writes its lines
    (settings.LOGGING): one JSON object a line on standard error in production, where log collectors read them."""
    # Imported here, not at the top: the settings read the environment, which `rendezvous-web --help` does not need.
    from rendezvous import settings

    handler = {
        "class": "logging.StreamHandler",
        "formatter": log_format or settings.LOG_FORMAT,
        "filters": ["outside_requests"],
        "stream": "ext://sys.stderr",
    }
    return {
        "filters": {"outside_requests": {"()": OutsideRequests}},
        "formatters": settings.LOGGING["formatters"],
        "handlers": {"console": handler},
        "loggers": {
            "_granian": {"handlers": ["console"], "propagate": False},
            "granian.access": {"handlers": ["console"], "propagate": False},
        },
    }


def main(argv: list[str] | None = None) -> None:
    server(settings_from(argv)).serve()


if __name__ == "__main__":
    main()
