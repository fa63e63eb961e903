"""What operators see of a running site: a request id in every log line, JSON logs, Prometheus metrics.

The request id comes from the proxy's `X-Request-ID` when it sends a well-formed one (so nginx's and ours agree), or is
made here; it is returned in the response and carried into the background tasks a request enqueues (see
`current_request_id`). Metrics are off unless `METRICS_TOKEN` is set; the endpoint then wants that token as a Bearer
token. Counts that matter across processes (mail, queue depth, registrations) are read from the database at scrape
time, so every web process reports the same truth; request counts and latencies are per process unless the web server
runs with `PROMETHEUS_MULTIPROC_DIR` (prometheus_client's multiprocess mode).
"""

import contextlib
import contextvars
import hmac
import logging
import os
import re
import time
import uuid
from collections.abc import Callable, Iterable

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.cache import never_cache
from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from . import randomness

_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
_WELL_FORMED_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")


def current_request_id() -> str:
    """The id of the request (or task) this code runs for, '' outside both."""
    return _request_id.get()


def set_request_id(value: str) -> contextvars.Token:
    """Adopt an id handed over with a background task, so its log lines join the request's."""
    return _request_id.set(value if _WELL_FORMED_ID.match(value or "") else "")


@contextlib.contextmanager
def request_id_of(value: str):
    """Run a background task under the id of the request that enqueued it (a fresh one when it has none)."""
    token = set_request_id(value or f"task-{uuid.uuid4().hex}")
    try:
        yield
    finally:
        _request_id.reset(token)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every log record (empty outside a request or task)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = current_request_id()
        return True


REGISTRY = CollectorRegistry(auto_describe=True)
REQUESTS = Counter("rendezvous_http_requests_total", "HTTP requests answered", ["method", "status"], registry=REGISTRY)
LATENCY = Histogram(
    "rendezvous_http_request_duration_seconds",
    "Time to answer an HTTP request",
    ["method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
    registry=REGISTRY,
)

# Gauges read from the database at scrape time: name -> (documentation, function returning {label value: number}).
_DATABASE_GAUGES: dict[str, tuple[str, str, Callable[[], dict[str, float]]]] = {}


def register_gauge(name: str, documentation: str, label: str, read: Callable[[], dict[str, float]]) -> None:
    """Let an app publish a figure it owns (e.g. registrations per status) without core importing that app."""
    _DATABASE_GAUGES[name] = (documentation, label, read)


class _DatabaseCollector:
    def collect(self) -> Iterable[GaugeMetricFamily]:
        for name, (documentation, label, read) in sorted(_DATABASE_GAUGES.items()):
            family = GaugeMetricFamily(name, documentation, labels=[label])
            for value, number in sorted(read().items()):
                family.add_metric([str(value)], number)
            yield family


REGISTRY.register(_DatabaseCollector())


class RequestObservationMiddleware:
    """Gives each request an id (header in, header out, every log line) and counts it for the metrics."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        offered = request.headers.get("X-Request-ID", "")
        token = _request_id.set(offered if _WELL_FORMED_ID.match(offered) else randomness.uuid4().hex)
        started = time.perf_counter()
        try:
            response = self.get_response(request)
            response["X-Request-ID"] = _request_id.get()
            REQUESTS.labels(request.method, str(response.status_code)).inc()
            LATENCY.labels(request.method).observe(time.perf_counter() - started)
            return response
        finally:
            _request_id.reset(token)


def _scrape_registry() -> CollectorRegistry:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    registry = CollectorRegistry()
    MultiProcessCollector(registry)
    registry.register(_DatabaseCollector())
    return registry


@never_cache
def metrics(request):
    """Prometheus text format, for a scraper holding `METRICS_TOKEN`; 404 when metrics are off."""
    token = settings.METRICS_TOKEN
    if not token:
        raise Http404
    offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
    if not hmac.compare_digest(offered.encode(), token.encode()):
        return HttpResponse("A valid metrics token is required.\n", status=401, content_type="text/plain")
    return HttpResponse(generate_latest(_scrape_registry()), content_type="text/plain; version=0.0.4; charset=utf-8")
