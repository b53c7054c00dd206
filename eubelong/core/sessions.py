"""Idle time-out on top of the absolute session lifetime (SESSION_COOKIE_AGE).

A session that has seen no request for SESSION_IDLE_TIMEOUT seconds is ended on the server, so a
forgotten browser on a shared office computer does not stay signed in all day.
"""

import time

from django.conf import settings
from django.contrib.auth import logout

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
