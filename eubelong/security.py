"""Response headers that Django's SecurityMiddleware does not set itself, and a log line for
every refused request (docs/security.md)."""

import logging

log = logging.getLogger("eubelong.security")

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)
PERMISSIONS_POLICY = (
    "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), "
    "microphone=(), payment=(), usb=(), interest-cohort=()"
)


class SecurityHeadersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
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
