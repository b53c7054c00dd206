"""The audit log's one writer: an append-only entry per change of roles, memberships,
invitations, stakeholder records, shared content and per sign-in event, written in the same
transaction as the change."""

from .models import AuditEntry, Region


def actor_label(user) -> str:
    if user is None or not getattr(user, "is_authenticated", False):
        return ""
    return user.get_username()


def client_ip(request) -> str | None:
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def audit_record(
    *,
    action: str,
    actor=None,
    region: Region | None = None,
    target_type: str = "",
    target_label: str = "",
    before: dict | None = None,
    after: dict | None = None,
    request=None,
) -> AuditEntry:
    return AuditEntry.objects.create(
        action=action,
        actor=actor if actor is not None and actor.is_authenticated else None,
        actor_label=actor_label(actor),
        region=region,
        target_type=target_type,
        target_label=str(target_label)[:300],
        before=before,
        after=after,
        ip_address=client_ip(request),
    )
