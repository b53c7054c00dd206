"""Public pages as shared caches want them: the same answer for everyone.

First in settings.MIDDLEWARE, so it sees the response last, after the session, CSRF, locale and
language middlewares have added their `Vary` headers and cookies. Only responses the public views
marked (`response.public_cache = True`) are touched.
"""

from .pages import CACHE_CONTROL


class PublicCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if getattr(response, "public_cache", False):
            # The page depends on its address alone, not on cookies or Accept-Language.
            response["Vary"] = "Accept-Encoding"
            response.cookies.clear()
            response["Cache-Control"] = CACHE_CONTROL
        return response
