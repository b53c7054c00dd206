"""Personal API tokens: made, revoked and touched. The token itself is never stored: only the
SHA-256 digest of it, and its first characters so its holder can tell tokens apart."""

import datetime
import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from regions.audit import audit_record

from ..models import ApiToken

TOKEN_PREFIX = "eub_"  # noqa: S105 - a marker, not a secret
# A token's use is recorded at most this often: one UPDATE a minute, not one a request.
TOUCH_EVERY = datetime.timedelta(minutes=1)


def token_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def token_create(
    *, user, name: str, expires_at: datetime.datetime | None = None, request=None
) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the row and the token, which is never seen again."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    row = ApiToken.objects.create(
        user=user,
        name=name,
        prefix=token[:8],
        digest=token_digest(token),
        expires_at=expires_at,
    )
    audit_record(
        action="api_token.created",
        actor=user,
        target_type="api_token",
        target_label=name,
        after={"prefix": row.prefix, "expires_at": expires_at.isoformat() if expires_at else None},
        request=request,
    )
    return row, token


@transaction.atomic
def token_revoke(*, token: ApiToken, by, request=None) -> bool:
    """Revoke `token` at once; False when it was revoked already."""
    updated = ApiToken.objects.filter(pk=token.pk, revoked_at=None).update(
        revoked_at=timezone.now()
    )
    token.refresh_from_db(fields=["revoked_at"])
    if updated:
        audit_record(
            action="api_token.revoked",
            actor=by,
            target_type="api_token",
            target_label=token.name,
            before={"prefix": token.prefix},
            request=request,
        )
    return bool(updated)


def token_touch(token: ApiToken, now: datetime.datetime | None = None) -> None:
    """Record that the token was used, at most once a minute."""
    now = now or timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < TOUCH_EVERY:
        return
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now
