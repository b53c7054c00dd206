"""Fixed-window rate limits kept in the cache (Redis in production), per user or per address.

When the cache is unreachable the request is let through: a limit must never take the site down.
"""

import logging
import time
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import gettext as _

log = logging.getLogger(__name__)
UNITS = {"s": 1, "m": 60, "h": 3600}


def _parse(rate: str) -> tuple[int, int]:
    count, unit = rate.split("/")
    return int(count), UNITS[unit]


def _client_key(request) -> str:
    if request.user.is_authenticated:
        return f"user:{request.user.pk}"
    return f"addr:{request.META.get('REMOTE_ADDR', 'unknown')}"


def hit(request, scope: str, rate: str) -> bool:
    """Count one request; True while the caller is within `rate` (e.g. "10/m")."""
    return hit_key(scope, _client_key(request), rate)


def hit_key(scope: str, subject: str, rate: str) -> bool:
    """Count one event about `subject` (a client, an account, an address); True while within
    `rate`. Subjects that are personal data are hashed by the caller."""
    limit, window = _parse(rate)
    bucket = int(time.time() // window)
    key = f"rl:{scope}:{subject}:{bucket}"
    try:
        if cache.add(key, 1, timeout=window + 1):
            return True
        return cache.incr(key) <= limit
    except Exception:  # noqa: BLE001 - a cache outage degrades to no limit
        log.warning("rate limit cache unavailable for %s", scope)
        return True


def too_many(request, scope: str):
    """The translated 429 page, logged with the scope and the user id (never an address)."""
    user = request.user
    log.warning(
        "rate limit %s exceeded: user=%s",
        scope,
        user.pk if user.is_authenticated else "anonymous",
    )
    return render(
        request,
        "429.html",
        {"message": _("Too many requests. Please wait a minute and try again.")},
        status=429,
    )


def ratelimit(scope: str, rate: str | None = None, methods: tuple[str, ...] = ("POST",)):
    """Answer 429 with a translated page once a client exceeds `rate` on this view.

    Without `rate`, settings.RATELIMITS[scope] applies, read per request so operators (and tests)
    can change it.
    """

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            current = rate or settings.RATELIMITS[scope]
            if request.method in methods and not hit(request, scope, current):
                return too_many(request, scope)
            return view(request, *args, **kwargs)

        return wrapper

    return decorator
