"""Sign-in events: each is audited, and each session is indexed so all of a person's sessions
can be ended at once."""

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver

from ..audit import audit_record
from ..models import UserSession


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
