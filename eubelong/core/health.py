"""Liveness of what the platform depends on, for load balancers and operators.

`/healthz` is public, so it must cost next to nothing however often it is called: each process
answers from a report at most REFRESH seconds old, one thread refreshes it while the others keep
answering from the last one, and the worker's state is read from the heartbeat the workers write
(eubelong.celery) instead of waiting on a broker round trip. The live worker ping is for
operators: `manage.py health`.
"""

import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

REFRESH = 5.0
HEARTBEAT_KEY = "health:worker-heartbeat"
# Workers write the heartbeat every HEARTBEAT_EVERY seconds; it is stale after three missed beats.
HEARTBEAT_EVERY = 15
HEARTBEAT_STALE = 3 * HEARTBEAT_EVERY


def _database() -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return "ok"


def _redis() -> str:
    if not settings.REDIS_URL:
        return "not configured"
    import redis

    client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1)
    try:
        client.ping()
    finally:
        client.close()
    return "ok"


def _worker_heartbeat() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    beat = cache.get(HEARTBEAT_KEY)
    if beat is None or time.time() - float(beat) > HEARTBEAT_STALE:
        raise RuntimeError("no recent heartbeat")
    return "ok"


def _worker_ping() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from celery import current_app

    replies = current_app.control.inspect(timeout=1.0).ping()
    if not replies:
        raise RuntimeError("no worker answered")
    return "ok"


def heartbeat_write() -> None:
    """Called by every worker on a timer (eubelong.celery.Heartbeat)."""
    cache.set(HEARTBEAT_KEY, time.time(), timeout=HEARTBEAT_STALE)


def report(*, live_worker: bool = False) -> tuple[dict, bool]:
    checks = {
        "database": _database,
        "redis": _redis,
        "worker": _worker_ping if live_worker else _worker_heartbeat,
    }
    result, healthy = {}, True
    for name, check in checks.items():
        try:
            result[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy
            result[name] = f"error: {type(error).__name__}"
            healthy = False
    result["status"] = "ok" if healthy else "unavailable"
    return result, healthy


class _CachedReport:
    def __init__(self):
        self._lock = threading.Lock()
        self._value: tuple[float, tuple, tuple[dict, bool]] | None = None

    @staticmethod
    def _context() -> tuple:
        # A report is only valid for the settings it was made with.
        return (settings.REDIS_URL, settings.CELERY_TASK_ALWAYS_EAGER)

    def get(self) -> tuple[dict, bool]:
        current = self._value
        context = self._context()
        if current and current[1] == context and time.monotonic() - current[0] < REFRESH:
            return current[2]
        fresh_enough = current is not None and current[1] == context
        # One thread refreshes; the others answer from the previous report meanwhile.
        if not self._lock.acquire(blocking=not fresh_enough):
            return current[2]
        try:
            value = report()
            self._value = (time.monotonic(), context, value)
            return value
        finally:
            self._lock.release()

    def clear(self) -> None:
        self._value = None


cached_report = _CachedReport()


@never_cache
@require_safe
def healthz(request):
    result, healthy = cached_report.get()
    return JsonResponse(result, status=200 if healthy else 503)
