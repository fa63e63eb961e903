"""A throwaway Redis server on the loopback, for tests of a cache shared by several web servers.

It needs the `redis-server` program (Debian package redis-server; `.ci/run` installs it). Without it the tests that
use it fail: a shared cache that was never tried is not known to work.
"""

import contextlib
import shutil
import socket
import subprocess
import time

import redis


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextlib.contextmanager
def running_redis():
    """Start redis-server on a free port, with nothing written to disk; yield its URL; stop it."""
    program = shutil.which("redis-server")
    assert program, "redis-server is not installed: apt-get install -y redis-server"
    port = _free_port()
    server = subprocess.Popen(
        [program, "--port", str(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    try:
        client = redis.Redis.from_url(url)
        deadline = time.monotonic() + 15
        while True:
            try:
                client.ping()
                break
            except redis.ConnectionError:
                assert server.poll() is None, "redis-server stopped at start"
                assert time.monotonic() < deadline, "redis-server did not answer within 15 s"
                time.sleep(0.05)
        client.close()
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
