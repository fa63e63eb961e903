"""Load and scale scenarios: `make bench` (= `python -m bench`).

The harness serves a fresh database with gunicorn on 127.0.0.1 and runs every `bench/scenario_<name>.py`;
each exposes `run(ctx) -> list[dict]`, one row per measurement (see `bench.harness.Context`).
"""
