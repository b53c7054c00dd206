"""Response headers that neither Django's SecurityMiddleware nor django-csp set, a log line for
every refused request, the client's address behind proxies and the request body limit
(docs/security.md)."""

import logging

log = logging.getLogger("eubelong.security")

PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        user = getattr(request, "user", None)
        signed_in = user is not None and user.is_authenticated
        # Pages of a signed-in person carry personal data and drafts: no browser or proxy keeps them.
        if signed_in and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "private, no-store"
        if response.status_code == 403:
            match = getattr(request, "resolver_match", None)
            log.warning(
                "access denied: user=%s method=%s view=%s",
                user.pk if signed_in else "anonymous",
                request.method,
                match.view_name if match else "-",
            )
        return response


class ClientAddressMiddleware:
    """Behind TRUSTED_PROXY_COUNT reverse proxies, REMOTE_ADDR is the nearest proxy; take the
    client's address from the entry the outermost trusted proxy appended to X-Forwarded-For, so
    lockouts, rate limits and the audit log see the real client. Entries further left were written
    by the client and are ignored."""

    def __init__(self, get_response):
        from django.conf import settings

        self.count = settings.TRUSTED_PROXY_COUNT
        self.get_response = get_response

    def __call__(self, request):
        if self.count:
            hops = [h.strip() for h in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
            hops = [h for h in hops if h]
            if len(hops) >= self.count:
                request.META["REMOTE_ADDR"] = hops[-self.count]
        return self.get_response(request)


def accepts_uploads(view):
    """Mark a view that takes uploaded files: its requests may be as large as UPLOAD_MAX_BYTES
    plus the form around the file; every other request is capped at REQUEST_MAX_BYTES."""
    view.accepts_uploads = True
    return view


class RequestBodyLimitMiddleware:
    """Refuse an oversized request body from its Content-Length, before anything reads it.

    Django bounds the form fields it keeps in memory but spools uploaded files to disk whatever
    their size; this answers 413 first. Bodies without a Content-Length are never read by Django.
    """

    UPLOAD_FORM_OVERHEAD = 1024 * 1024

    def __init__(self, get_response):
        from django.conf import settings

        self.limit = settings.REQUEST_MAX_BYTES
        self.upload_limit = settings.UPLOAD_MAX_BYTES + self.UPLOAD_FORM_OVERHEAD
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = -1
        if length < 0 or (length > self.limit and length > self._allowed(request)):
            return self._refuse(request)
        return self.get_response(request)

    def _allowed(self, request) -> int:
        from django.urls import Resolver404, resolve

        try:
            match = resolve(request.path_info)
        except Resolver404:
            return self.limit
        return self.upload_limit if getattr(match.func, "accepts_uploads", False) else self.limit

    @staticmethod
    def _refuse(request):
        from django.conf import settings
        from django.shortcuts import render
        from django.utils.translation import gettext as _

        log.warning("request body refused: %s bytes", request.META.get("CONTENT_LENGTH"))
        megabytes = max(1, settings.UPLOAD_MAX_BYTES // (1024 * 1024))
        # WSGI servers own the connection (hop-by-hop headers are theirs to set); gunicorn
        # discards the unread rest of the body without storing it.
        return render(
            request,
            "413.html",
            {
                "message": _("What you sent is too large. Files may be at most %(mb)s MB.")
                % {"mb": megabytes}
            },
            status=413,
        )
