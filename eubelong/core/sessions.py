"""Idle time-out on top of the absolute session lifetime (SESSION_COOKIE_AGE).

A session that has seen no request for SESSION_IDLE_TIMEOUT seconds is ended on the server, so a
forgotten browser on a shared office computer does not stay signed in all day.
"""

import time
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

KEY = "_last_seen"
# Writing the timestamp on every request would turn each read into a session save; a coarse
# resolution keeps reads read-only most of the time.
RESOLUTION = 60


class IdleTimeoutMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            last_seen = request.session.get(KEY, now)
            if now - last_seen > settings.SESSION_IDLE_TIMEOUT:
                logout(request)
            elif now - last_seen >= RESOLUTION or KEY not in request.session:
                request.session[KEY] = now
        return self.get_response(request)


# Where a request without a complete sign-in is sent: the password step and the second factor.
SIGN_IN_STEPS = ("accounts:login", "accounts:two-factor-verify", "accounts:two-factor-setup")
# Tells the page to ask whether the person is still signed in (static/js/app.js).
SESSION_CHECK_HEADER = "X-Session-Check"


def _session_ended(message: str, status: int) -> HttpResponse:
    response = HttpResponse(message, status=status, content_type="text/plain; charset=utf-8")
    response["HX-Reswap"] = "none"
    response[SESSION_CHECK_HEADER] = "1"
    return response


class HtmxSignInMiddleware:
    """An htmx request whose sign-in has ended is answered 401 instead of being redirected.

    Following the redirect would put a whole sign-in page inside a form and drop what was typed;
    the page keeps the text and offers to sign in again in another tab, then saves again."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if (
            request.headers.get("HX-Request") == "true"
            and response.status_code in (301, 302, 303, 307, 308)
            and urlsplit(response.get("Location", "")).path in {reverse(n) for n in SIGN_IN_STEPS}
        ):
            return _session_ended(_("You have been signed out."), 401)
        return response


def csrf_failure(request, reason=""):
    """A form sent with a token that no longer matches: after signing in again in another tab,
    or when the cookie was cleared. htmx asks the page to fetch a fresh token and save again."""
    if request.headers.get("HX-Request") == "true":
        return _session_ended(_("This page's security token has expired."), 403)
    return render(request, "403_csrf.html", status=403)
