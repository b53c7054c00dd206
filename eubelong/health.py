"""Liveness of what the platform depends on, for load balancers and operators."""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe


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


def _worker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER:
        return "in-process"
    from eubelong.celery import app

    replies = app.control.inspect(timeout=1.0).ping()
    if not replies:
        raise RuntimeError("no worker answered")
    return "ok"


CHECKS = {"database": _database, "redis": _redis, "worker": _worker}


@never_cache
@require_safe
def healthz(request):
    report, healthy = {}, True
    for name, check in CHECKS.items():
        try:
            report[name] = check()
        except Exception as error:  # noqa: BLE001 - any failure means unhealthy
            report[name] = f"error: {type(error).__name__}"
            healthy = False
    report["status"] = "ok" if healthy else "unavailable"
    return JsonResponse(report, status=200 if healthy else 503)
