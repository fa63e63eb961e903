"""Rate limits that hold under concurrency and across web servers, kept in the database (no Redis needed).

Each limited action counts in one row per (scope, key, fixed window). The count is raised and read back by a single
`INSERT ... ON CONFLICT DO UPDATE SET count = count + 1 RETURNING count`, so the check and the count are one atomic
step: of any number of parallel requests exactly `limit` see a count within the limit. A check-then-insert in two
statements let 18 of 20 parallel sign-in requests through a limit of 5.

Limits come from settings.RATE_LIMITS: {scope: (how many, per seconds)}; a count of 0 switches a scope off.
"""

import math
import time
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.db import connection, transaction
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from .models import RateLimitCounter

# Why: a limit that is not configured is generous rather than absent, so a forgotten setting never opens a hole.
DEFAULT_LIMITS = {
    "registration": (100, 600),
    "amendment": (30, 3600),
    "hub_application": (20, 3600),
    "hub_contact_sender": (20, 3600),
    "hub_contact_recipient": (50, 3600),
}


@dataclass(frozen=True)
class RateLimitExceeded(Exception):
    scope: str
    retry_after: int

    def __str__(self) -> str:
        return _("Too many requests. Please wait %(minutes)d minutes and try again.") % {
            "minutes": max(1, math.ceil(self.retry_after / 60))
        }


def limit_for(scope: str) -> tuple[int, int]:
    return getattr(settings, "RATE_LIMITS", {}).get(scope, DEFAULT_LIMITS.get(scope, (0, 60)))


def _count(scope: str, key: str, window: int) -> int:
    """Add one to the counter and return the new count, in one statement."""
    table = connection.ops.quote_name(RateLimitCounter._meta.db_table)
    quote = connection.ops.quote_name
    # Only quoted identifiers from the model are formatted in; every value is a parameter.
    sql = (
        f"INSERT INTO {table} ({quote('scope')}, {quote('key')}, {quote('window')}, {quote('count')}) "  # noqa: S608
        f"VALUES (%s, %s, %s, 1) "
        f"ON CONFLICT ({quote('scope')}, {quote('key')}, {quote('window')}) "
        f"DO UPDATE SET {quote('count')} = {table}.{quote('count')} + 1 RETURNING {quote('count')}"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [scope, key[:255], window])
        return cursor.fetchone()[0]


def hit(scope: str, key: str, *, limit: int | None = None, per_seconds: int | None = None, now: float | None = None):
    """Count one use of `scope` by `key`; raise RateLimitExceeded when it is over the limit in this window."""
    configured_limit, configured_seconds = limit_for(scope)
    limit = configured_limit if limit is None else limit
    per_seconds = configured_seconds if per_seconds is None else per_seconds
    if limit <= 0:
        return
    now = time.time() if now is None else now
    window = int(now // per_seconds) * per_seconds
    with transaction.atomic():
        count = _count(scope, key, window)
    if count > limit:
        raise RateLimitExceeded(scope=scope, retry_after=max(1, math.ceil(window + per_seconds - now)))


def lock_key(scope: str, key: str, *, now: float | None = None) -> None:
    """Serialise concurrent transactions on one key until they commit (the upsert's row lock).

    For limits that count their own records over a sliding window (sign-in attempts): taken first in the transaction,
    it makes their count-then-insert one step for that key.
    """
    now = time.time() if now is None else now
    _count(scope, key, int(now // 86400) * 86400)


def prune(*, now: float | None = None, keep_seconds: int = 86400) -> int:
    """Delete counters of windows that ended long ago; return how many."""
    now = time.time() if now is None else now
    deleted, _rows = RateLimitCounter.objects.filter(window__lt=now - keep_seconds - 86400).delete()
    return deleted


def client_ip(meta: dict) -> str | None:
    """The address the per-IP rate limits count.

    Behind TRUSTED_PROXY_HOPS reverse proxies (load balancer, nginx) REMOTE_ADDR is the last proxy, so every visitor
    would share one limit; each trusted proxy appends the address it saw to X-Forwarded-For, so the client is the
    entry that many hops from the right. Entries further left are written by the client and cannot be trusted.
    """
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops > 0:
        forwarded = [part.strip() for part in meta.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
        if len(forwarded) >= hops:
            return forwarded[-hops]
    return meta.get("REMOTE_ADDR") or None


def person_or_ip(request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"user:{user.pk}"
    return f"ip:{client_ip(request.META) or 'unknown'}"


def ip_of(request) -> str:
    return f"ip:{client_ip(request.META) or 'unknown'}"


def too_many_requests(request, error: RateLimitExceeded) -> HttpResponse:
    """429 with Retry-After: JSON for the API, a page for people."""
    message = str(error)
    if request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", ""):
        response = JsonResponse({"detail": message}, status=429)
    else:
        response = render(request, "core/rate_limited.html", {"message": message}, status=429)
    response["Retry-After"] = str(error.retry_after)
    return response


def check_request(request, scope: str, key: str | None = None) -> HttpResponse | None:
    """One-line guard for views: None when within the limit, else the 429 answer to return."""
    try:
        hit(scope, key if key is not None else person_or_ip(request))
    except RateLimitExceeded as error:
        return too_many_requests(request, error)
    return None


def rate_limited(scope: str, *, key=person_or_ip, methods=("POST",)):
    """Decorator: count `methods` requests of this view against `scope`, keyed by `key(request)`."""

    def decorate(view):
        @wraps(view)
        def limited_view(request, *args, **kwargs):
            if request.method in methods:
                denied = check_request(request, scope, key(request))
                if denied is not None:
                    return denied
            return view(request, *args, **kwargs)

        return limited_view

    return decorate
