"""The audit log: one append-only entry per change of roles, memberships, invitations,
stakeholder records and per sign-in event, written in the same transaction as the change."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from .models import AuditEntry, Region, UserSession


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


@receiver(user_logged_in, dispatch_uid="regions_audit_logged_in")
def _on_logged_in(sender, request, user, **kwargs):
    if request is not None and hasattr(request, "session"):
        if request.session.session_key is None:
            request.session.save()
        UserSession.objects.get_or_create(
            session_key=request.session.session_key, defaults={"user": user}
        )
    audit_record(
        action="signin.success",
        actor=user,
        target_type="user",
        target_label=user.get_username(),
        request=request,
    )


@receiver(user_logged_out, dispatch_uid="regions_audit_logged_out")
def _on_logged_out(sender, request, user, **kwargs):
    if request is not None and getattr(request, "session", None) is not None:
        key = request.session.session_key
        if key:
            UserSession.objects.filter(session_key=key).delete()


@receiver(user_login_failed, dispatch_uid="regions_audit_login_failed")
def _on_login_failed(sender, credentials, request=None, **kwargs):
    username = str(credentials.get("username", ""))[:150]
    audit_record(
        action="signin.failure",
        target_type="user",
        target_label=username,
        request=request,
    )
