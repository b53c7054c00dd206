"""The interface language a person picked is applied before Django's LocaleMiddleware chooses one.

Signed-in people's choice is saved on their profile (regions.accounts.language) and put in the
session at sign-in under SESSION_KEY; this middleware only reads the session.
"""

from django.conf import settings

SESSION_KEY = "_preferred_language"


class PreferredLanguageMiddleware:
    """Apply a signed-in person's saved language before LocaleMiddleware picks one."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        preferred = request.session.get(SESSION_KEY) if hasattr(request, "session") else None
        cookie = settings.LANGUAGE_COOKIE_NAME
        stale = preferred and request.COOKIES.get(cookie) != preferred
        if stale:
            request.COOKIES[cookie] = preferred
        response = self.get_response(request)
        if stale:
            response.set_cookie(
                cookie,
                preferred,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
            )
        return response
