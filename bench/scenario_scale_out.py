"""The same load through nginx in front of two web servers sharing Redis (issue 19, item 7): the programme page, a
static file (the ceiling) and the applicants' journey, printed beside the single-server rows.

The deployment is tests/support/scale_out.py (nginx, 2 web servers (`rendezvous-web`) of 1 process each with its default
threads, 2 workers, PostgreSQL, Redis as CACHE_URL), so 2 web processes as in the single-server rows, plus nginx and
Redis on the same 2 cores. Skipped with a note when nginx or Redis is not installed.
"""

import os
import tempfile
from pathlib import Path

from bench import scenario_programme, scenario_registration
from bench.harness import BenchError, Context, process_tree_cpu, say
from tests.support.scale_out import deployment

PRODUCTION_THREADS = 24


class NginxContext(Context):
    """A scenario's context whose server is the set of web servers behind nginx."""

    server_pids: tuple[int, ...] = ()

    def server_cpu(self) -> dict[str, float]:
        figures = super().server_cpu()
        figures["web"] = sum(process_tree_cpu(pid) for pid in self.server_pids)
        return figures


def run(ctx) -> list[dict]:
    threads = int(os.environ.get("BENCH_THREADS") or PRODUCTION_THREADS)
    extra = {
        "RATE_LIMIT_REGISTRATION_PER_IP": "0",
        "EMAIL_ALLOW_LOCAL_DOMAINS": "1",
        "LOG_LEVEL": "ERROR",
    }
    try:
        with (
            tempfile.TemporaryDirectory(prefix="rendezvous-bench-scale-out-") as folder,
            deployment(Path(folder), web_servers=2, workers=2, threads=threads, extra_env=extra) as site,
        ):
            say(f"nginx {site.nginx_url} in front of {len(site.servers)} web servers x {threads} threads")
            nginx_ctx = NginxContext(
                base_url=site.nginx_url,
                database_url=site.env["DATABASE_URL"],
                env=site.env,
                workdir=Path(folder),
                database_label="PostgreSQL",
            )
            nginx_ctx.server_pids = tuple(process.pid for process in site.servers.values())
            rows = scenario_programme.run(nginx_ctx)
            concurrency = scenario_registration.CONCURRENCIES[0]
            rows += scenario_registration.journeys(nginx_ctx, concurrency)
    except FileNotFoundError as error:
        return [{"scenario": "through nginx", "note": f"skipped: {error}"}]
    except RuntimeError as error:
        raise BenchError(f"the scaled-out deployment did not start: {error}") from error
    for row in rows:
        row["scenario"] = f"nginx+2 servers: {row['scenario'].strip()}"
    return rows
