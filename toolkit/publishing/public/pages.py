"""How a public page is rendered, cached and marked for shared caches.

A page is rendered without the request, so nothing about the visitor (user, session, CSRF token,
messages) can reach it; the same HTML serves everyone and can be kept by a CDN. The rendered
page is kept in the Django cache under the publishing generation, so a publish, a withdrawal or
an accepted report makes every cached page unreachable at once; a repeat request is served from
there without touching the database.
"""

import hashlib
from functools import wraps

from django.conf import settings
from django.core.cache import cache as django_cache
from django.http import HttpResponse, HttpResponseNotModified
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.views.decorators.http import require_safe

from eubelong.core.l10n import LOCALES

from .. import cache
from .converters import CODES

# Browsers keep a page five minutes, shared caches ten; the server's own copy lives
# PUBLIC_PAGE_CACHE_SECONDS (ten minutes) and is dropped at once by any publishing decision
# (new generation).
CACHE_CONTROL = "public, max-age=300, s-maxage=600"


def absolute(path: str) -> str:
    """An address on the site's public origin (settings.SITE_URL), never the request's Host."""
    return settings.SITE_URL.rstrip("/") + path


def _og_locale(code: str) -> str:
    return LOCALES.get(code, LOCALES["en"])


def page_meta(lang: str, url_name: str, kwargs: dict) -> dict:
    """The page's address in every language: canonical, alternates and the switcher's links."""
    languages = []
    for code in CODES:
        path = reverse(f"public:{url_name}", kwargs={**kwargs, "lang": code})
        languages.append(
            {
                "code": code,
                "name": translation.get_language_info(code)["name_local"],
                "path": path,
                "url": absolute(path),
                "locale": _og_locale(code),
                "current": code == lang,
            }
        )
    by_code = {row["code"]: row for row in languages}
    return {
        "lang": lang,
        "languages": languages,
        "canonical": by_code[lang]["url"],
        "x_default": by_code[settings.LANGUAGE_CODE]["url"],
        "og_locale": by_code[lang]["locale"],
    }


def render_public(template: str, context: dict, *, lang: str, url_name: str, kwargs=None):
    """The page in `lang`, rendered from `context` alone (no request, no context processors)."""
    kwargs = kwargs or {}
    body = render_to_string(template, {**page_meta(lang, url_name, kwargs), **context})
    return HttpResponse(body)


def _etag(body: bytes) -> str:
    return f'"{hashlib.sha256(body).hexdigest()[:32]}"'


def _mark(response, lang: str, etag: str):
    response["ETag"] = etag
    response["Content-Language"] = lang
    # PublicCacheMiddleware sets Cache-Control and strips Vary and cookies for these.
    response.public_cache = True
    return response


def public_page(view):
    """Serve the page from the page cache, or render it in the URL's language and keep it."""

    @require_safe
    @wraps(view)
    def wrapper(request, lang, **kwargs):
        timeout = settings.PUBLIC_PAGE_CACHE_SECONDS
        key = cache.key("page", lang, request.path)
        entry = django_cache.get(key) if timeout else None
        if entry is None:
            with translation.override(lang):
                rendered = view(request, lang, **kwargs)
            entry = {"body": rendered.content, "etag": _etag(rendered.content)}
            if timeout:
                django_cache.set(key, entry, timeout)
        if entry["etag"] in request.headers.get("If-None-Match", ""):
            return _mark(HttpResponseNotModified(), lang, entry["etag"])
        return _mark(HttpResponse(entry["body"]), lang, entry["etag"])

    return wrapper
