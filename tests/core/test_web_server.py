"""The production web server's command line (rendezvous.web): what `rendezvous-web` runs and how it is told so."""

import collections
import json
import logging
import os
import signal
import subprocess
import sys
import threading
import time
import urllib.request
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
        (["--backlog", "9" * 30], {}, "--backlog: a whole number from 1 to 65535 is needed"),
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


@pytest.mark.system
def test_a_reload_replaces_the_workers_while_every_request_is_answered(tmp_path):
    """`systemctl reload` (SIGHUP, docs/deployment.md) under a stream of requests: none is refused or lost."""
    port = free_port()
    env = {**os.environ, "RENDEZVOUS_VAR_DIR": str(tmp_path), "LOG_LEVEL": "INFO"}
    command = [Path(sys.executable).parent / "rendezvous-web", "--bind", f"127.0.0.1:{port}", "--threads", "4"]
    log = tmp_path / "web.log"
    with log.open("w") as output:
        server = subprocess.Popen(command, env=env, stdout=output, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/health/live"
    answers: collections.Counter = collections.Counter()
    stop = threading.Event()

    def client() -> None:
        while not stop.is_set():
            try:
                with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 (loopback)
                    answers[response.status] += 1
            except OSError as error:
                answers[type(error).__name__] += 1

    try:
        wait_until(url, server, log)
        clients = [threading.Thread(target=client) for _ in range(4)]
        for thread in clients:
            thread.start()
        time.sleep(1)
        server.send_signal(signal.SIGHUP)
        deadline = time.monotonic() + 30
        while "Stopped old worker-2" not in log.read_text() and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(1)
        stop.set()
        for thread in clients:
            thread.join()
    finally:
        stop.set()
        server.terminate()
        server.wait(timeout=20)

    assert "Stopped old worker-2" in log.read_text()
    assert set(answers) == {200}
    assert answers[200] > 100


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
