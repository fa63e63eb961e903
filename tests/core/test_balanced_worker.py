"""gunicorn's workers share new connections evenly (rendezvous.balanced_worker; why: its docstring)."""

import concurrent.futures
import contextlib
import os
import runpy
import selectors
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from gunicorn.config import Config
from gunicorn.glogging import Logger

from rendezvous import balanced_worker
from rendezvous.balanced_worker import ABSENT, BalancedThreadWorker, ConnectionBoard
from tests.support.with_postgres import free_port

REPO = Path(__file__).resolve().parents[2]
GUNICORN_CONF = REPO / "gunicorn.conf.py"


def test_the_board_hands_out_free_slots_and_takes_them_back():
    board = ConnectionBoard(slots=3)

    slots = [board.claim(), board.claim(), board.claim(), board.claim()]
    board.release(1)

    assert slots == [0, 1, 2, None]
    assert list(board.counts) == [0, ABSENT, 0]
    assert board.claim() == 1


def test_a_worker_defers_only_to_a_live_worker_holding_fewer_connections():
    board = ConnectionBoard(slots=4)
    first, second = board.claim(), board.claim()
    board.publish(first, 3)
    board.publish(second, 2)

    assert board.another_holds_fewer(first, 3)
    assert not board.another_holds_fewer(second, 2)
    board.release(second)
    # Released and never-claimed slots are not workers: nobody defers to them.
    assert not board.another_holds_fewer(first, 3)
    # A worker without a slot (more workers than slots) takes every connection, as plain gthread does.
    assert not board.another_holds_fewer(None, 100)


def test_the_configuration_gives_every_forked_worker_a_slot_and_frees_it_when_the_worker_exits(monkeypatch):
    monkeypatch.setattr(balanced_worker, "board", None)
    configuration = runpy.run_path(str(GUNICORN_CONF))
    workers = [type("Worker", (), {})() for _ in range(2)]

    configuration["on_starting"](server=None)
    for worker in workers:
        configuration["pre_fork"](server=None, worker=worker)
    configuration["child_exit"](server=None, worker=workers[0])

    assert configuration["worker_class"] == "rendezvous.balanced_worker.BalancedThreadWorker"
    assert [worker.board_slot for worker in workers] == [0, 1]
    assert list(balanced_worker.board.counts[:3]) == [ABSENT, 0, ABSENT]


@pytest.fixture
def listener():
    with socket.create_server(("127.0.0.1", 0)) as server:
        yield server


@pytest.fixture
def worker(listener, monkeypatch):
    """A worker as gunicorn forks it, without its event loop: the test calls what the loop would."""
    monkeypatch.setattr(balanced_worker, "board", ConnectionBoard(slots=4))
    config = Config()
    worker = BalancedThreadWorker(1, os.getpid(), [listener], None, 30, config, Logger(config))
    worker.board_slot = balanced_worker.board.claim()
    worker.tpool = concurrent.futures.ThreadPoolExecutor(max_workers=1)
    worker.poller = selectors.DefaultSelector()
    worker.method_queue.init()
    worker.enqueue_req = lambda conn: None  # the connection is counted; no request is read from it
    worker.set_accept_enabled(True)
    yield worker
    worker.tpool.shutdown()
    worker.poller.close()
    worker.method_queue.close()
    worker.tmp.close()


def test_a_worker_leaves_a_new_connection_to_a_worker_holding_fewer_but_not_for_longer_than_its_patience(
    worker, listener
):
    other = balanced_worker.board.claim()
    worker.nr_conns = 1
    balanced_worker.board.publish(other, 0)
    with socket.create_connection(listener.getsockname()):
        started = time.monotonic()
        worker.wait_for_and_dispatch_events(timeout=1)

        assert worker.nr_conns == 1
        assert not worker._accepting
        # gunicorn's loop asks to accept again at once; the worker waits out its pause first.
        worker.set_accept_enabled(True)
        assert not worker._accepting

        deadline = time.monotonic() + 1
        while worker.nr_conns == 1 and time.monotonic() < deadline:
            worker.set_accept_enabled(True)
            worker.wait_for_and_dispatch_events(timeout=1)
        waited = time.monotonic() - started

    assert worker.nr_conns == 2
    assert worker._accepting
    assert balanced_worker.PATIENCE_SECONDS <= waited < 0.5
    assert balanced_worker.board.counts[worker.board_slot] == 2


def test_a_worker_that_holds_no_more_than_the_others_takes_the_connection_at_once(worker, listener):
    other = balanced_worker.board.claim()
    worker.nr_conns = 1
    balanced_worker.board.publish(other, 1)
    with socket.create_connection(listener.getsockname()):
        worker.wait_for_and_dispatch_events(timeout=1)

    assert worker.nr_conns == 2
    assert worker._accepting


def _established_connections(pid: int, port: int) -> int:
    """How many accepted connections to `port` process `pid` holds (from /proc: no tool needed)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        with contextlib.suppress(OSError):
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    count = 0
    for line in Path("/proc/net/tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == "01" and fields[9] in inodes:
            count += 1
    return count


def test_gunicorn_splits_eight_kept_connections_four_and_four_between_its_two_workers(tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'unused.sqlite3'}", "LOG_LEVEL": "ERROR"}
    # The repository's configuration, with patience long enough that a busy test machine, where a worker may wait
    # longer than the 20 ms for a core, cannot decide the split (the patience itself is tested above).
    configuration = tmp_path / "gunicorn.conf.py"
    configuration.write_text(
        f"exec(compile(open({str(GUNICORN_CONF)!r}).read(), 'gunicorn.conf.py', 'exec'))\n"
        "import rendezvous.balanced_worker\n"
        "rendezvous.balanced_worker.PATIENCE_SECONDS = 10\n"
    )
    command = [Path(sys.executable).parent / "gunicorn", "-c", str(configuration), "--workers", "2"]
    command += ["-b", f"127.0.0.1:{port}", "rendezvous.wsgi"]
    server = subprocess.Popen(command, cwd=tmp_path, env=env)
    clients = []
    try:
        deadline = time.monotonic() + 60
        workers: list[int] = []
        while len(workers) < 2 and time.monotonic() < deadline:
            children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
            workers = [int(pid) for pid in children.read_text().split()] if children.exists() else []
            time.sleep(0.1)
        with socket.create_connection(("127.0.0.1", port), timeout=60):
            pass  # the server listens; a worker still loading is waited for (its slot holds 0 connections)
        time.sleep(0.5)
        # One after the other, as browsers and a load balancer open them: each is accepted before the next comes.
        for number in range(8):
            clients.append(socket.create_connection(("127.0.0.1", port)))
            while sum(_established_connections(pid, port) for pid in workers) < number + 1:
                assert time.monotonic() < deadline
                time.sleep(0.005)

        assert sorted(_established_connections(pid, port) for pid in workers) == [4, 4]
    finally:
        for client in clients:
            client.close()
        server.terminate()
        server.wait(timeout=30)
