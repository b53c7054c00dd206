"""Who is asking: a personal token in `Authorization: Bearer <token>`, nothing else (no session,
so no CSRF to mind), for reading only; and how often one may ask."""

import hmac
import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions
from rest_framework.authentication import BaseAuthentication, get_authorization_header
from rest_framework.permissions import SAFE_METHODS
from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle

from .selectors import token_by_digest
from .services import TOKEN_PREFIX, token_digest, token_touch

log = logging.getLogger(__name__)


class BearerTokenAuthentication(BaseAuthentication):
    keyword = b"bearer"

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() != self.keyword:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Send the token as: Authorization: Bearer followed by the token.")
            )
        if request.method not in SAFE_METHODS:
            raise exceptions.PermissionDenied(_("API tokens can only read."))
        try:
            token = parts[1].decode("ascii")
        except UnicodeDecodeError:
            token = ""
        digest = token_digest(token)
        found = token_by_digest(digest) if token.startswith(TOKEN_PREFIX) else None
        if found is None or not hmac.compare_digest(found.digest, digest):
            raise exceptions.AuthenticationFailed(_("This API token is not valid."))
        now = timezone.now()
        if found.revoked_at is not None:
            raise exceptions.AuthenticationFailed(_("This API token has been revoked."))
        if found.expires_at is not None and found.expires_at <= now:
            raise exceptions.AuthenticationFailed(_("This API token has expired."))
        if not found.user.is_active:
            raise exceptions.AuthenticationFailed(
                _("The account this API token belongs to is closed.")
            )
        token_touch(found, now)
        return found.user, found

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    target_class = BearerTokenAuthentication
    name = "personalToken"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": "A personal API token, made on the API tokens page (/api/tokens/).",
        }


class _CurrentRate:
    """Reads the rate when asked, so a changed setting (or a test's override) applies."""

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view):
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        try:
            return super().allow_request(request, view)
        except Exception:  # noqa: BLE001 - a cache outage must not turn every answer into a 500
            log.warning("API throttle cache unavailable; letting the request through")
            return True


class PublicThrottle(_CurrentRate, AnonRateThrottle):
    """Per client address (REMOTE_ADDR, as ClientAddressMiddleware resolved it)."""

    scope = "public"

    def __init__(self):
        pass


class TokenThrottle(_CurrentRate, UserRateThrottle):
    """Per token holder."""

    scope = "token"

    def __init__(self):
        pass
