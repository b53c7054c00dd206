"""Rate limits per user or per address, counted by django-ratelimit in the cache (Redis in
production), with the platform's own 429 page.

When the cache is unreachable the request is let through: a limit must never take the site down.
"""

import logging
from functools import wraps

from django.conf import settings
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit import ALL
from django_ratelimit.core import is_ratelimited

log = logging.getLogger(__name__)


def hit(request, scope: str, rate: str) -> bool:
    """Count one request of this client (the user, else the address); True while within
    `rate` (e.g. "10/m")."""
    return _counted(request, scope, "user_or_ip", rate)


def hit_key(request, scope: str, subject: str, rate: str) -> bool:
    """Count one event about `subject` (an account asked about, say); True while within
    `rate`. Subjects that are personal data are hashed by the caller."""
    return _counted(request, scope, lambda _group, _request: subject, rate)


def _counted(request, scope: str, key, rate: str) -> bool:
    # django-ratelimit counts; it lets only some cache errors through, and a limit must never
    # take the site down, so any other failure of the cache lets the request through here.
    try:
        return not is_ratelimited(
            request, group=scope, key=key, rate=rate, method=ALL, increment=True
        )
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
