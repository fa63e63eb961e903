"""Run a command against a throwaway PostgreSQL cluster: `python -m tests.support.with_postgres CMD...`.

The cluster lives in a temporary folder, listens on 127.0.0.1 on a free port, trusts local connections and
is removed afterwards. PostgreSQL refuses to run as root, so as root the server runs as the `postgres` user.
Exits 0 with a notice when PostgreSQL is not installed (CI installs it, so nothing is skipped there).
"""

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path


def find_pg_bin() -> Path | None:
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), reverse=True)
    if candidates:
        return Path(candidates[0]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def throwaway_cluster(*, durable: bool = False) -> Iterator[str]:
    """A PostgreSQL cluster for one run; `durable` keeps fsync on, as production runs, for benchmarks."""
    pg_bin = find_pg_bin()
    if pg_bin is None:
        raise FileNotFoundError("PostgreSQL is not installed (no initdb found)")
    as_root = os.geteuid() == 0
    runner = ["runuser", "-u", "postgres", "--"] if as_root else []
    workdir = Path(tempfile.mkdtemp(prefix="rendezvous-pg-"))
    if as_root:
        shutil.chown(workdir, "postgres", "postgres")
    data, port = workdir / "data", free_port()
    subprocess.run(
        [
            *runner,
            pg_bin / "initdb",
            "-D",
            data,
            "-U",
            "rendezvous",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    fsync = "on" if durable else "off"
    options = f"-p {port} -k {workdir} -c listen_addresses=127.0.0.1 -c fsync={fsync} -c max_connections=200"
    subprocess.run(
        [*runner, pg_bin / "pg_ctl", "-D", data, "-o", options, "-l", workdir / "log", "-w", "start"],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    try:
        yield f"postgres://rendezvous@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*runner, pg_bin / "pg_ctl", "-D", data, "-m", "immediate", "stop"], stdout=subprocess.DEVNULL)
        shutil.rmtree(workdir, ignore_errors=True)


def main(argv: list[str]) -> int:
    if find_pg_bin() is None:
        print("PostgreSQL is not installed: the PostgreSQL pass was not run.", file=sys.stderr)
        return 0 if os.environ.get("CI") != "true" else 1
    with throwaway_cluster() as url:
        return subprocess.run(argv, env={**os.environ, "DATABASE_URL": url}).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
