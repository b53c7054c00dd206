"""The audit log's one writer: an append-only entry per change of roles, memberships,
invitations, stakeholder records, shared content and per sign-in event, written in the same
transaction as the change."""

from django.utils.text import Truncator

from .models import AuditEntry, Region

# How much of a message (a submission's, a review decision's) an entry keeps: enough to recognise
# it; the whole text stays where it was written.
EXCERPT_LENGTH = 200


def audit_excerpt(text: str) -> str:
    """A message on one line, shortened for the log."""
    return Truncator(" ".join((text or "").split())).chars(EXCERPT_LENGTH)


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
    uuid=None,
) -> AuditEntry:
    # A caller may name the entry's uuid beforehand, so the rows it writes can point to it.
    extra = {"uuid": uuid} if uuid is not None else {}
    return AuditEntry.objects.create(
        **extra,
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
