"""Every refusal as one JSON shape, in the reader's language: {"detail": sentence, "code": word},
and for filters that are not valid, "errors": {filter: [sentences]}."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from rest_framework import exceptions
from rest_framework.response import Response
from rest_framework.views import set_rollback


def _detail(exc) -> str:
    if isinstance(exc, exceptions.NotFound):
        return _("There is nothing here, or nothing you may read.")
    if isinstance(exc, exceptions.NotAuthenticated):
        return _("Send a personal API token: Authorization: Bearer followed by the token.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("The API only reads: use GET.")
    if isinstance(exc, exceptions.Throttled):
        wait = int(exc.wait or 1)
        return ngettext(
            "Too many requests. Try again in %(seconds)d second.",
            "Too many requests. Try again in %(seconds)d seconds.",
            wait,
        ) % {"seconds": wait}
    if isinstance(exc, exceptions.ValidationError):
        return _("Some filters are not valid.")
    return str(exc.detail)


def exception_handler(exc, context):
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    if not isinstance(exc, exceptions.APIException):
        return None
    headers = {}
    if getattr(exc, "auth_header", None):
        headers["WWW-Authenticate"] = exc.auth_header
    if getattr(exc, "wait", None):
        headers["Retry-After"] = str(int(exc.wait))
    plain = not isinstance(exc.detail, (dict, list))
    data = {"detail": _detail(exc), "code": exc.get_codes() if plain else "invalid"}
    if isinstance(exc, exceptions.ValidationError) and isinstance(exc.detail, dict):
        data["errors"] = {
            field: [str(message) for message in messages] for field, messages in exc.detail.items()
        }
    set_rollback()
    return Response(data, status=exc.status_code, headers=headers)
