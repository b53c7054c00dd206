"""The chrome of every page (header, session dialog, footer), rendered once per process for each
language, script prefix and state and kept.

Their fifteen URL reversals, six static paths and thirty translations cost more than the trivial
view's whole request on every page. None of it depends on the request but the CSRF token and the
path the language switcher returns to, which are put in afterwards.
"""

from functools import lru_cache

from django.conf import settings
from django.core.signals import setting_changed
from django.template.loader import render_to_string
from django.urls import get_script_prefix
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, override

from eubelong.core.fasthtml import CSRF_STAND_IN, escape, with_token

_NEXT = "\x00next\x00"


@lru_cache(maxsize=512)
def _render(name: str, language: str, _prefix: str, **state) -> str:
    with override(language):
        return render_to_string(name, {"csrf_token": CSRF_STAND_IN, "next_path": _NEXT, **state})


def _current(request) -> str:
    """Which item of the main navigation the page belongs to, if any."""
    if request.path == "/":
        return "home"
    match = getattr(request, "resolver_match", None)
    if match is None:
        return ""
    if match.namespace in ("compare", "notify"):
        return match.namespace
    return "profile" if match.url_name == "profile" else ""


def _filled(request, html: str) -> str:
    # Without a request (a page rendered outside one) both are empty, as the template gave.
    path = escape(request.get_full_path()) if request is not None else ""
    html = with_token(request, html).replace(_NEXT, path)
    return mark_safe(html)  # noqa: S308 - a rendered template; what is put in is escaped


def _language() -> str:
    return get_language() or settings.LANGUAGE_CODE


def header(request, unread=None) -> str:
    """`unread`: the unread notices' count, or a callable that reads it (signed in only)."""
    user = getattr(request, "user", None)
    signed_in = bool(user is not None and user.is_authenticated)
    count = 0
    if signed_in and unread is not None:
        count = unread() if callable(unread) else unread
    html = _render(
        "_partials/site_header.html",
        _language(),
        get_script_prefix(),
        signed_in=signed_in,
        staff=signed_in and user.is_staff,
        current=_current(request) if request is not None else "",
        unread=count,
    )
    return _filled(request, html)


def session_dialog(request) -> str:
    return _filled(
        request, _render("_partials/session_dialog.html", _language(), get_script_prefix())
    )


def footer(request) -> str:
    return _filled(request, _render("_partials/site_footer.html", _language(), get_script_prefix()))


def _forget(**_kwargs):
    _render.cache_clear()


# Tests that change URLs, static storage or languages see the chrome made again.
setting_changed.connect(_forget, dispatch_uid="eubelong-chrome")
