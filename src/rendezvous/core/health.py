"""Liveness and readiness for load balancers and orchestrators.

`/health/live` answers as long as the process can run a view. `/health/ready` answers 200 only when this process can
do real work: the database answers, every migration is applied, the cache answers, and a background worker has beaten
its heart recently (mail and scheduled jobs depend on it). Both are unauthenticated, so they reveal nothing but the
name of each check and whether it passed.
"""

import time
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .models import WorkerHeartbeat

# Asking the migration graph costs tens of milliseconds; once a process has seen every migration applied it stays so
# until a deployment restarts it (migrations run before new code starts).
_migrations_seen_applied = False


def beat(worker: str) -> None:
    """Record that the background worker named `worker` is alive (called from its loop)."""
    WorkerHeartbeat.objects.update_or_create(name=worker[:200], defaults={"beat_at": timezone.now()})


def _database() -> bool:
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _migrations() -> bool:
    global _migrations_seen_applied
    if not _migrations_seen_applied:
        executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
        plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
        _migrations_seen_applied = not plan
    return _migrations_seen_applied


def _cache() -> bool:
    key = f"health:{time.monotonic_ns()}"
    cache.set(key, "1", 5)
    answered = cache.get(key) == "1"
    cache.delete(key)
    return answered


def _worker() -> bool:
    if not settings.HEALTH_REQUIRE_WORKER:
        return True
    recent = timezone.now() - timedelta(seconds=settings.HEALTH_WORKER_MAX_AGE_SECONDS)
    return WorkerHeartbeat.objects.filter(beat_at__gte=recent).exists()


READINESS_CHECKS = {"database": _database, "migrations": _migrations, "cache": _cache, "worker": _worker}


def readiness() -> dict[str, bool]:
    """Each check's outcome; a check that raises has failed (its error stays in the logs, not in the answer)."""
    outcome = {}
    for name, check in READINESS_CHECKS.items():
        try:
            outcome[name] = bool(check())
        except Exception:  # noqa: BLE001 - any failure of a dependency means "not ready"
            outcome[name] = False
    return outcome


@never_cache
@require_safe
def live(request):
    return JsonResponse({"status": "ok"})


@never_cache
@require_safe
def ready(request):
    checks = readiness()
    failing = [name for name, passed in checks.items() if not passed]
    return JsonResponse(
        {"status": "ok" if not failing else "unavailable", "checks": checks, "failing": failing},
        status=200 if not failing else 503,
    )
