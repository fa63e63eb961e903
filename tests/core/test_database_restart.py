"""A PostgreSQL restart under a stream of requests answers 200 or 503 "busy, try again", never 500.

Production-like: the web server as production runs it (rendezvous-web), persistent connections (CONN_MAX_AGE) with
health checks, a throwaway PostgreSQL cluster that is stopped for a few seconds and started again while four clients
keep asking.
Before CONN_HEALTH_CHECKS and the 503 middleware, 27 of 1,108 requests answered 500 in the same situation.
"""

import collections
import os
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import psycopg

from tests.support.with_postgres import find_pg_bin, free_port, throwaway_cluster

REPO = Path(__file__).resolve().parents[2]
PAGES = ["/", "/events/amman-2019/", "/hub/", "/api/editions"]
CLIENTS = 4


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.headers.get("Retry-After", "")
    except urllib.error.HTTPError as error:
        return error.code, error.headers.get("Retry-After", "")


def pg_ctl(database_url: str, *args: str) -> None:
    with psycopg.connect(database_url, autocommit=True) as connection:
        data = connection.execute("SHOW data_directory").fetchone()[0]
    runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    subprocess.run([*runner, find_pg_bin() / "pg_ctl", "-D", data, *args], check=True, stdout=subprocess.DEVNULL)


def start_options(database_url: str, data_dir_parent: str) -> str:
    port = urlsplit(database_url).port
    return f"-p {port} -k {data_dir_parent} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=200"


def test_requests_during_a_database_restart_get_200_or_503_and_then_200(tmp_path):
    with throwaway_cluster() as database_url:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "rendezvous.settings",
            "DEBUG": "0",
            "CONN_MAX_AGE": "60",
            "RENDEZVOUS_VAR_DIR": str(tmp_path / "var"),
            "EMAIL_URL": "dummy://",
            "LOG_LEVEL": "ERROR",
            "WEB_CONCURRENCY": "1",
            "WEB_THREADS": "8",
        }
        manage = [sys.executable, "-m", "django"]
        subprocess.run([*manage, "migrate", "--no-input", "-v", "0"], env=env, check=True)
        subprocess.run([*manage, "load_demo", "-v", "0"], env=env, check=True)
        with psycopg.connect(database_url, autocommit=True) as connection:
            data_dir = connection.execute("SHOW data_directory").fetchone()[0]
        port = free_port()
        web_server = Path(sys.executable).parent / "rendezvous-web"
        server = subprocess.Popen([web_server, "--bind", f"127.0.0.1:{port}"], cwd=REPO, env=env)
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(100):
                try:
                    if get(base + "/api/health")[0] == 200:
                        break
                except OSError:
                    pass
                time.sleep(0.2)
            # Warm every thread's persistent connection, so the restart leaves dead ones behind to be reused.
            for page in PAGES * 5:
                assert get(base + page)[0] == 200, page

            statuses: collections.Counter = collections.Counter()
            missing_retry_after, lock, stop = [], threading.Lock(), threading.Event()

            def client(number: int) -> None:
                turn = number
                while not stop.is_set():
                    status, retry_after = get(base + PAGES[turn % len(PAGES)])
                    turn += 1
                    with lock:
                        statuses[status] += 1
                        if status == 503 and not retry_after:
                            missing_retry_after.append(status)

            clients = [threading.Thread(target=client, args=(number,)) for number in range(CLIENTS)]
            for thread in clients:
                thread.start()
            time.sleep(2)
            pg_ctl(database_url, "-m", "fast", "-w", "stop")
            time.sleep(3)
            runner = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
            subprocess.run(
                [
                    *runner,
                    find_pg_bin() / "pg_ctl",
                    "-D",
                    data_dir,
                    "-o",
                    start_options(database_url, str(Path(data_dir).parent)),
                    "-l",
                    str(Path(data_dir).parent / "log"),
                    "-w",
                    "start",
                ],
                check=True,
                stdout=subprocess.DEVNULL,
            )
            time.sleep(3)
            stop.set()
            for thread in clients:
                thread.join()

            after = collections.Counter(get(base + page)[0] for page in PAGES * 5)
        finally:
            server.terminate()
            server.wait(timeout=30)

    print(f"\nrequests during the restart by status: {dict(sorted(statuses.items()))}; afterwards: {dict(after)}")
    assert set(statuses) <= {200, 503}, statuses
    assert statuses[200] > 0 and statuses[503] > 0, statuses  # the database really was away for a while
    assert not missing_retry_after
    assert after == {200: len(PAGES) * 5}
