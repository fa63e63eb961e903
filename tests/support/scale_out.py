"""Rendezvous scaled out on the loopback, as docs/deployment.md lays it out: nginx in front of several web
servers, background workers, one PostgreSQL and one Redis shared by all. Used by tests/test_scale_out.py and by
`make bench` (bench/scenario_scale_out.py).

Everything listens on 127.0.0.1 on free ports, lives in one temporary folder and is stopped on the way out.
"""

import contextlib
import dataclasses
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

from tests.support.with_postgres import throwaway_cluster

REPO = Path(__file__).resolve().parent.parent.parent
BIN = Path(sys.executable).parent
SECRET_KEY = "scale-out-test-only-secret-key-0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def require(program: str) -> str:
    found = shutil.which(program) or shutil.which(program, path="/usr/sbin:/usr/bin")
    if found is None:
        raise FileNotFoundError(f"{program} is not installed (.ci/run installs it: apt-get install nginx redis-server)")
    return found


@dataclasses.dataclass
class Deployment:
    workdir: Path
    env: dict[str, str]
    nginx_url: str
    servers: dict[str, subprocess.Popen]  # base URL -> web server (rendezvous-web)
    workers: list[subprocess.Popen]

    def rendezvous(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess:
        return subprocess.run(
            [str(BIN / "rendezvous"), *args], env=self.env, cwd=self.workdir, capture_output=True, text=True,
            timeout=timeout, check=True,
        )  # fmt: skip

    def kill_server(self, url: str) -> None:
        """The web server dies at once (SIGKILL to the web server and its workers): requests in flight get no answer."""
        process = self.servers[url]
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)


def stop(process: subprocess.Popen, *, timeout: float = 15) -> None:
    if process.poll() is not None:
        return
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=5)


def wait_until(url: str, process: subprocess.Popen, log: Path, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited early: {log.read_text(errors='replace')[-1500:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):  # noqa: S310 - loopback only
                return
        except urllib.error.HTTPError:
            return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer within {timeout:.0f} s")


def _start(command: list[str], env: dict[str, str], workdir: Path, name: str) -> tuple[subprocess.Popen, Path]:
    log = workdir / f"{name}.log"
    with open(log, "w") as handle:
        process = subprocess.Popen(
            command, env=env, cwd=workdir, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    return process, log


NGINX_CONF = """
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log warn;
worker_processes 1;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    client_body_temp_path {workdir}/nginx-body;
    proxy_temp_path {workdir}/nginx-proxy;
    fastcgi_temp_path {workdir}/nginx-fastcgi;
    uwsgi_temp_path {workdir}/nginx-uwsgi;
    scgi_temp_path {workdir}/nginx-scgi;
    upstream rendezvous_web {{
{servers}
        keepalive 64;
        # Below the web server's idle timeout (rendezvous/web.py): otherwise nginx may send a POST on a connection the
        # server has just closed, and answers 502 without retrying it (a POST is never sent twice).
        keepalive_timeout 4s;
    }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://rendezvous_web;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host 127.0.0.1;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Request-ID $request_id;
            proxy_next_upstream error timeout http_502 http_503;
        }}
    }}
}}
"""


@contextlib.contextmanager
def deployment(
    workdir: Path, *, web_servers: int = 2, workers: int = 2, threads: int = 8, extra_env: dict | None = None
) -> Iterator[Deployment]:
    nginx, redis = require("nginx"), require("redis-server")
    with contextlib.ExitStack() as stack:
        database_url = stack.enter_context(throwaway_cluster())
        redis_port = free_port()
        redis_process, redis_log = _start(
            [redis, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
            dict(os.environ),
            workdir,
            "redis",
        )
        stack.callback(stop, redis_process)
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "CACHE_URL": f"redis://127.0.0.1:{redis_port}/0",
            "RENDEZVOUS_ENV": "production",
            "SECRET_KEY": SECRET_KEY,
            "PASSPORT_ENCRYPTION_KEYS": "c2NhbGUtb3V0LXRlc3Qtb25seS1wYXNzcG9ydC1rZXk=",
            "ALLOWED_HOSTS": "127.0.0.1",
            "SECURE_SSL_REDIRECT": "0",
            "RENDEZVOUS_VAR_DIR": str(workdir / "var"),
            "MEDIA_ROOT": str(workdir / "media"),
            "EMAIL_URL": "dummy://",
            "TRUSTED_PROXY_HOPS": "1",
            # Every applicant of a burst comes from 127.0.0.1: the per-address registration limit would refuse them.
            "RATE_LIMIT_REGISTRATION_PER_IP": "0",
            "WEB_CONCURRENCY": "1",
            "WEB_THREADS": str(threads),
            "LOG_LEVEL": "WARNING",
            "PYTHONPATH": os.pathsep.join(filter(None, [str(REPO), os.environ.get("PYTHONPATH", "")])),
            **(extra_env or {}),
        }
        run = [str(BIN / "rendezvous")]
        subprocess.run([*run, "migrate", "--noinput"], env=env, cwd=workdir, check=True, capture_output=True)
        subprocess.run([*run, "load_demo"], env=env, cwd=workdir, check=True, capture_output=True)
        subprocess.run([*run, "collectstatic", "--noinput"], env=env, cwd=workdir, check=True, capture_output=True)

        servers: dict[str, subprocess.Popen] = {}
        for number in range(web_servers):
            port = free_port()
            command = [str(BIN / "rendezvous-web"), "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]
            process, log = _start(command, env, workdir, f"web-{number}")
            stack.callback(stop, process)
            url = f"http://127.0.0.1:{port}"
            wait_until(url + "/health/live", process, log)
            servers[url] = process

        worker_processes = []
        for number in range(workers):
            process, _log = _start([*run, "worker"], env, workdir, f"worker-{number}")
            stack.callback(stop, process)
            worker_processes.append(process)

        nginx_port = free_port()
        upstream = "\n".join(
            f"        server {url.removeprefix('http://')} max_fails=1 fail_timeout=2s;" for url in servers
        )
        (workdir / "nginx.conf").write_text(NGINX_CONF.format(workdir=workdir, servers=upstream, port=nginx_port))
        nginx_process, nginx_log = _start(
            [nginx, "-c", str(workdir / "nginx.conf"), "-g", "daemon off;"], dict(os.environ), workdir, "nginx"
        )
        stack.callback(stop, nginx_process)
        nginx_url = f"http://127.0.0.1:{nginx_port}"
        wait_until(nginx_url + "/health/live", nginx_process, nginx_log)
        yield Deployment(workdir, env, nginx_url, servers, worker_processes)
