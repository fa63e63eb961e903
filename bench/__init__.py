"""Load and scale scenarios: `make bench` (= `python -m bench`).

The harness (bench/harness.py) starts a throwaway PostgreSQL cluster (SQLite when PostgreSQL is missing), runs
`migrate`, `load_demo` and `collectstatic`, serves the project as production does (`rendezvous-web`: 2 workers,
production settings) on 127.0.0.1, runs every `bench/scenario_<name>.py` and prints one table; everything it started is
stopped on the way out, also on Ctrl-C.

A scenario exposes `run(ctx) -> list[dict]`, one row per measurement with keys `scenario`, `requests_per_s`,
`p50_ms`, `p99_ms`, `errors`, `note` (missing keys print as a dash). `ctx` offers `base_url`, `database_url`,
`env` (for `rendezvous` commands), `rendezvous(*args)`, `get(path)`, and `wrk(url, duration=20, connections=8)`,
which returns those keys measured by wrk (loopback only).

Environment: BENCH_ONLY=name[,name] runs some scenarios; BENCH_DURATION=seconds shortens every wrk run;
BENCH_WORKERS (default 2) and BENCH_THREADS (default rendezvous/web.py's) size the web server.
"""
