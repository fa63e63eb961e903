"""The public programme of haikou-2022: the HTML page (target ≥ 1,000 requests/s) and the ICS feed."""

from bench.harness import BenchError

EDITION = "haikou-2022"
TARGET_PER_S = 1000


def run(ctx) -> list[dict]:
    rows = []
    for label, path, target in (
        ("programme page", f"/events/{EDITION}/programme/", TARGET_PER_S),
        ("programme ICS feed", f"/events/{EDITION}/programme.ics", None),
    ):
        status, body = ctx.get(path)
        if status != 200:
            raise BenchError(f"{path} answered {status}, not 200")
        result = ctx.wrk(path, duration=20, connections=8)
        note = f"{len(body) / 1024:.0f} KiB"
        if target:
            note += f"; target ≥ {target:,}/s {'met' if result['requests_per_s'] >= target else 'NOT met'}"
        rows.append({"scenario": label, **result, "note": note})
    return rows
