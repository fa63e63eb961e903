"""The production web server's command line (rendezvous.web): what `rendezvous-web` runs and how it is told so."""

import collections
import contextlib
import http.client
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from granian.log import LogLevels, configure_logging

from rendezvous import web
from tests.support.scale_out import wait_until
from tests.support.with_postgres import free_port


def test_workers_and_threads_default_to_the_environment_then_to_the_measured_configuration(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.delenv("WEB_THREADS", raising=False)
    defaults = web.settings_from([])
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    monkeypatch.setenv("WEB_THREADS", "8")
    from_environment = web.settings_from([])
    from_command_line = web.settings_from(["--workers", "1", "--threads", "4"])

    assert (defaults.workers, defaults.threads) == (2, 24)
    assert (from_environment.workers, from_environment.threads) == (3, 8)
    assert (from_command_line.workers, from_command_line.threads) == (1, 4)


@pytest.mark.parametrize(
    ("arguments", "environment", "refused"),
    [
        (["--workers", "0"], {}, "--workers: a whole number from 1 to 256 is needed, not '0'"),
        (["--threads", "many"], {}, "--threads: a whole number from 1 to 1024 is needed, not 'many'"),
        ([], {"WEB_CONCURRENCY": "two"}, "--workers: a whole number from 1 to 256 is needed, not 'two'"),
        ([], {"WEB_THREADS": "-3"}, "--threads: a whole number from 1 to 1024 is needed, not '-3'"),
        (["--workers", "100000"], {}, "--workers: a whole number from 1 to 256 is needed, not '100000'"),
        (["--backlog", "9" * 30], {}, "--backlog: a whole number from 128 to 65535 is needed"),
        (["--backlog", "64"], {}, "--backlog: a whole number from 128 to 65535 is needed, not '64'"),
        ([], {"LOG_LEVEL": "verbose"}, "--log-level (or LOG_LEVEL) takes one of critical, error, warning"),
    ],
)
def test_a_number_of_workers_or_threads_out_of_bounds_or_an_unknown_log_level_is_refused_with_its_reason(
    arguments, environment, refused, monkeypatch, capsys
):
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    with pytest.raises(SystemExit) as exit_:
        web.settings_from(arguments)

    assert exit_.value.code == 2
    assert refused in capsys.readouterr().err


@pytest.mark.parametrize(
    ("bind", "host", "port"),
    [("127.0.0.1:8001", "127.0.0.1", 8001), (":8000", "0.0.0.0", 8000), ("[::1]:8002", "::1", 8002)],  # noqa: S104
)
def test_bind_takes_a_host_and_a_port(bind, host, port):
    settings = web.settings_from(["--bind", bind])

    assert (settings.host, settings.port) == (host, port)


@pytest.mark.parametrize("bind", ["127.0.0.1", "127.0.0.1:http", "8000:", "127.0.0.1:0", "127.0.0.1:70000"])
def test_a_bind_without_a_port_is_refused_with_its_reason(bind, capsys):
    with pytest.raises(SystemExit) as exit_:
        web.settings_from(["--bind", bind])

    assert exit_.value.code == 2
    assert "--bind takes HOST:PORT" in capsys.readouterr().err


def test_the_server_speaks_wsgi_over_http1_with_the_threads_the_group_commit_needs():
    server = web.server(web.settings_from(["--bind", "127.0.0.1:8001", "--workers", "2", "--threads", "24"]))

    assert (server.interface, server.http) == ("wsgi", "1")
    assert (server.workers, server.blocking_threads) == (2, 24)
    assert (server.bind_addr, server.bind_port) == ("127.0.0.1", 8001)
    assert not server.websockets
    assert server.respawn_failed_workers
    # Idle kept connections outlive nginx's 4 s upstream keepalive_timeout (deploy/nginx.conf).
    assert server.http1_settings.header_read_timeout > 4_000


@contextlib.contextmanager
def running_server(tmp_path: Path, workers: int, threads: int, *extra: str, kernel_migrates: bool | None = None):
    """`rendezvous-web` on a free loopback port, every worker started; yields (process, port, log). With
    `kernel_migrates`, the server is told whether the kernel migrates queued connections (net.ipv4.tcp_migrate_req),
    so that both ways of listening run on any host; otherwise it reads the host's setting."""
    port = free_port()
    env = {**os.environ, "RENDEZVOUS_VAR_DIR": str(tmp_path), "LOG_LEVEL": "INFO"}
    arguments = ["--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads), *extra]
    command = [Path(sys.executable).parent / "rendezvous-web", *arguments]
    if kernel_migrates is not None:
        launcher = (
            "import sys; from rendezvous import web; "
            f"web.kernel_migrates_queued_connections = lambda: {kernel_migrates}; web.main(sys.argv[1:])"
        )
        command = [sys.executable, "-c", launcher, *arguments]
    log = tmp_path / "web.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    try:
        wait_until(f"http://127.0.0.1:{port}/health/live", server, log)
        wait_for_started_workers(log, workers)
        yield server, port, log
    finally:
        server.terminate()
        server.wait(timeout=20)


def wait_for_started_workers(log: Path, count: int) -> None:
    """Until `count` workers have started in all: granian loses a stop signal that reaches a worker still starting,
    and kills that worker 10 s later."""
    deadline = time.monotonic() + 60
    while log.read_text().count("Started worker-") < count and time.monotonic() < deadline:
        time.sleep(0.1)


def listening_sockets(port: int) -> int:
    """How many sockets listen on 127.0.0.1:port (/proc/net/tcp: local address in hex, state 0A is LISTEN)."""
    local = f"0100007F:{port:04X}"
    rows = (row.split() for row in Path("/proc/net/tcp").read_text().splitlines()[1:])
    return sum(1 for fields in rows if fields[1] == local and fields[3] == "0A")


def test_the_kernel_says_whether_it_migrates_queued_connections(tmp_path, monkeypatch):
    setting = tmp_path / "tcp_migrate_req"
    monkeypatch.setattr(web, "MIGRATE_QUEUED_CONNECTIONS", setting)
    answers = []
    for text in (None, "0\n", "1\n"):
        if text is not None:
            setting.write_text(text)
        answers.append(web.kernel_migrates_queued_connections())

    assert answers == [False, False, True]


@pytest.mark.system
@pytest.mark.parametrize(
    ("kernel_migrates", "sockets", "said"),
    [
        (True, 2, "A listening socket for each worker"),
        (False, 1, "One listening socket for every worker: set the sysctl net.ipv4.tcp_migrate_req=1"),
    ],
)
def test_each_worker_listens_on_its_own_socket_only_where_the_kernel_keeps_its_queue(
    kernel_migrates, sockets, said, tmp_path
):
    """Otherwise a reload would reset the connections queued on a stopping worker's socket (web.ReloadSafeServer)."""
    with running_server(tmp_path, workers=2, threads=2, kernel_migrates=kernel_migrates) as (_server, port, log):
        assert listening_sockets(port) == sockets
        assert said in log.read_text()


def test_an_address_taken_by_another_program_is_refused_with_its_reason(tmp_path):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {**os.environ, "RENDEZVOUS_VAR_DIR": str(tmp_path), "RUST_BACKTRACE": "0"}
        command = [Path(sys.executable).parent / "rendezvous-web", "--bind", f"127.0.0.1:{port}"]
        finished = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=False)

    assert finished.returncode == 1
    assert "Traceback" not in finished.stderr
    assert finished.stderr.splitlines()[-1] == (
        f"rendezvous-web: cannot listen on 127.0.0.1:{port}: Address already in use (os error 98)"
    )


@pytest.mark.system
@pytest.mark.parametrize(
    ("kernel_migrates", "answered"),
    [
        (None, True),  # as the server chooses on this host
        (False, True),  # one socket for every worker
        (True, web.kernel_migrates_queued_connections()),  # a socket per worker: safe only where the kernel migrates
    ],
)
def test_requests_queued_when_a_reload_stops_their_worker_are_answered(kernel_migrates, answered, tmp_path):
    """The worker holds as many connections as granian lets it (backpressure: 128 with --backlog 128 and one worker),
    so three more requests wait in the listening socket's queue when SIGHUP replaces the worker."""
    started = running_server(tmp_path, 1, 2, "--backlog", "128", kernel_migrates=kernel_migrates)
    with started as (server, port, log):
        held = [socket.create_connection(("127.0.0.1", port)) for _ in range(128)]
        waiting = [socket.create_connection(("127.0.0.1", port), timeout=30) for _ in range(3)]
        for connection in waiting:
            connection.sendall(b"GET /health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
        time.sleep(0.5)
        server.send_signal(signal.SIGHUP)
        outcomes = []
        for connection in waiting:
            try:
                outcomes.append(connection.recv(15).decode())
            except ConnectionResetError:
                outcomes.append("reset")
        for connection in held + waiting:
            connection.close()
        wait_for_started_workers(log, 2)

    expected = ["HTTP/1.1 200 OK"] * 3 if answered else ["reset"] * 3
    assert outcomes == expected


@pytest.mark.system
def test_a_reload_replaces_the_workers_and_every_request_is_answered(tmp_path):
    """`systemctl reload` (SIGHUP, docs/deployment.md) under four kept-alive clients, with one listening socket for
    every worker: how the server listens where the kernel does not keep a stopping worker's queue.

    A stopping worker closes the kept connections it holds idle; a request sent on one at that instant meets a closed
    connection before any answer, which HTTP/1 cannot prevent. Browsers send such a request again on a new connection
    (nginx may, for a GET), and so does this client: every request must then be answered, with at most one resend per
    client for each worker stopped, and no connection refused.
    """
    clients, workers = 4, 2
    answers: collections.Counter = collections.Counter()
    resent: collections.Counter = collections.Counter()
    stop = threading.Event()

    def client(port: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
        while not stop.is_set():
            for attempt in range(2):
                try:
                    connection.request("GET", "/health/live")
                    response = connection.getresponse()
                    response.read()
                    answers[response.status] += 1
                    break
                except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError) as closed:
                    connection.close()
                    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
                    resent[type(closed).__name__] += 1
                    if attempt:
                        answers[f"{type(closed).__name__} twice"] += 1
                except OSError as error:
                    answers[type(error).__name__] += 1
                    break
        connection.close()

    with running_server(tmp_path, workers, threads=4, kernel_migrates=False) as (server, port, log):
        threads = [threading.Thread(target=client, args=(port,)) for _ in range(clients)]
        for thread in threads:
            thread.start()
        try:
            time.sleep(1)
            server.send_signal(signal.SIGHUP)
            # granian stops an old worker 3.5 s after starting its successor, ready or not; on a busy host the new
            # ones start after both old ones stopped, and the socket's queue holds the connections meanwhile.
            wait_for_started_workers(log, 2 * workers)
            time.sleep(1)
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert listening_sockets(port) == 1

    assert f"Stopped old worker-{workers}" in log.read_text()
    assert set(answers) == {200}
    assert answers[200] > 100
    assert resent.total() <= clients * workers


@pytest.mark.parametrize("log_format", ["json", "text"])
def test_the_servers_own_lines_are_written_as_the_applications_are(log_format, capsys):
    granian_logger = logging.getLogger("_granian")
    handlers = granian_logger.handlers[:]
    try:
        configure_logging(LogLevels.info, web.log_config(log_format))
        granian_logger.warning("Unexpected exit from worker-1")
    finally:
        granian_logger.handlers[:] = handlers

    line = capsys.readouterr().err.strip()
    if log_format == "json":
        record = json.loads(line)
        assert (record["level"], record["logger"]) == ("WARNING", "_granian")
        assert (record["message"], record["request_id"]) == ("Unexpected exit from worker-1", "")
        assert "time" in record
    else:
        assert line.endswith("WARNING _granian [] Unexpected exit from worker-1")
