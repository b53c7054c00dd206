"""Second factor (TOTP with recovery codes): who must use it, what a half-signed-in session may
reach, and every change to a person's authenticators. See docs/accounts.md.

A session that has passed only the password step ("half signed in") reaches the verify page and
sign-out, nothing else. It may enrol a first authenticator only within ENROL_WINDOW of the password
step, and only on an account that has never had one: otherwise the password alone would be enough
to replace the second factor. Replacing an authenticator needs a fully verified session and a
current code, and the old one is removed only once the new one is confirmed.
"""

import secrets
import time
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.auth.signals import user_logged_in
from django.db import transaction
from django.db.models.signals import m2m_changed, pre_save
from django.dispatch import receiver
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eubelong.core.mail import mail_render

from ..audit import audit_record, client_ip
from ..members.services import sessions_end
from ..models import UserProfile
from .language import saved_language

# Session flags, decided once at sign-in so that ordinary requests cost no query.
OTP_REQUIRED_SESSION_KEY = "otp_required"
OTP_ENROL_SESSION_KEY = "otp_enrol_until"
ENROL_WINDOW = 15 * 60
DEMO_ACCOUNTS = frozenset({"coordinator", "platform-admin"})
RECOVERY_CODES = 10
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz")


class SecondFactorError(Exception):
    """A code did not match; nothing was changed."""


def demo_exempt(user) -> bool:
    return bool(settings.DEBUG and settings.DEMO_SKIP_2FA and user.get_username() in DEMO_ACCOUNTS)


def requires_second_factor(user) -> bool:
    """Coordinators and platform staff must sign in with a second factor; so must anyone who
    has chosen to set one up; with SECOND_FACTOR_FOR_EVERYONE (on in production), everyone."""
    if settings.SECOND_FACTOR_FOR_EVERYONE:
        return True
    if user.is_staff or user.is_superuser or user_has_device(user):
        return True
    return user.groups.filter(coordinated_network__isnull=False).exists()


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def ever_enrolled(user) -> bool:
    return UserProfile.objects.filter(user=user, second_factor_since__isnull=False).exists()


def session_complete(request) -> bool:
    """True when the session has passed every sign-in step it needs."""
    user = request.user
    if not user.is_authenticated:
        return False
    if not request.session.get(OTP_REQUIRED_SESSION_KEY):
        return True
    return user.is_verified() or demo_exempt(user)


def enrol_open(request) -> bool:
    """A half-signed-in session may enrol a first authenticator: right after the password step,
    on an account that has never had one."""
    deadline = request.session.get(OTP_ENROL_SESSION_KEY)
    if not deadline or time.time() > deadline:
        return False
    user = request.user
    return not has_authenticator(user) and not ever_enrolled(user)


def _privileged(user) -> bool:
    return bool(user.is_staff or user.is_superuser)


@receiver(pre_save, sender=settings.AUTH_USER_MODEL, dispatch_uid="regions_privileges_raised")
def _on_user_save(sender, instance, update_fields=None, **kwargs):
    """Made staff or superuser by any path (platform pages, Django admin, shell): every session
    the person has ends, so the new powers need a sign-in with a second factor."""
    watched = {"is_staff", "is_superuser"}
    if instance.pk is None or not _privileged(instance):
        return
    if update_fields is not None and not watched & set(update_fields):
        return
    before = sender.objects.filter(pk=instance.pk).values("is_staff", "is_superuser").first()
    if before and not (before["is_staff"] or before["is_superuser"]):
        sessions_end(user=instance)


@receiver(m2m_changed, sender=Group.user_set.through, dispatch_uid="regions_coordinator_added")
def _on_groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    """Made network coordinator (added to a coordinator group, from either side): as above."""
    if action != "post_add" or not pk_set:
        return
    if not reverse:  # user.groups.add(...): pk_set holds groups
        if Group.objects.filter(pk__in=pk_set, coordinated_network__isnull=False).exists():
            sessions_end(user=instance)
    elif getattr(instance, "coordinated_network", None) is not None:
        for user in get_user_model().objects.filter(pk__in=pk_set):
            sessions_end(user=user)


@receiver(user_logged_in, dispatch_uid="regions_second_factor_flags")
def _on_logged_in(sender, request, user, **kwargs):
    if request is None or not hasattr(request, "session"):
        return
    required = requires_second_factor(user)
    request.session[OTP_REQUIRED_SESSION_KEY] = required
    request.session.pop(OTP_ENROL_SESSION_KEY, None)
    if required and not user_has_device(user) and not ever_enrolled(user):
        request.session[OTP_ENROL_SESSION_KEY] = int(time.time()) + ENROL_WINDOW


class SecondFactorMiddleware:
    """Keeps a half-signed-in session on the second-factor step: verify when the account has an
    authenticator, set one up when it may enrol, sign out; nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        session = getattr(request, "session", None)
        if session is not None and session.get(OTP_REQUIRED_SESSION_KEY):
            user = request.user
            if (
                user.is_authenticated
                and not user.is_verified()
                and not demo_exempt(user)
                and not request.path.startswith(_OPEN_PREFIXES)
            ):
                step = self._step(request)
                if request.path not in step:
                    target = step[0]
                    return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _step(request) -> tuple[str, ...]:
        """The pages this half-signed-in session may reach, the first being where it goes."""
        verify, logout = reverse("accounts:two-factor-verify"), reverse("accounts:logout")
        if request.session.get(OTP_ENROL_SESSION_KEY) and enrol_open(request):
            return (reverse("accounts:two-factor-setup"), verify, logout)
        return (verify, logout)


# --- Changes to a person's authenticators: audited and told to the account holder -------------


def _notify(*, user, change: str, request=None) -> None:
    """E-mail the account holder that their sign-in settings changed, in their language."""
    mail_render(
        to=[user.email],
        language=saved_language(user=user),
        subject_template="accounts/security_notice_subject.txt",
        body_template="accounts/security_notice_email.txt",
        context={
            "user": user,
            "change": change,
            "when": timezone.now(),
            "address": client_ip(request) or "",
        },
    )


def _record(*, action: str, user, by=None, request=None, change: str) -> None:
    audit_record(
        action=action,
        actor=by or user,
        target_type="user",
        target_label=user.get_username(),
        request=request,
    )
    _notify(user=user, change=change, request=request)


def pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


def pending_device_start(*, user) -> TOTPDevice:
    """A new, unconfirmed authenticator; the confirmed one (if any) is left alone."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    return TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def _codes_replace(user) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    return codes


def _current_code_check(user, current: str) -> None:
    # A recovery code matched here is used up, as at sign-in.
    if not current or match_token(user, current.strip()) is None:
        raise SecondFactorError("current")


@transaction.atomic
def device_confirm(*, user, device: TOTPDevice, token: str, current: str = "", request=None):
    """Confirm `device` with its first code and make it the account's authenticator.

    When the account already has one, `current` (a code from it or a recovery code) must match
    too; only then is the old authenticator removed. Returns the new recovery codes."""
    if device.user_id != user.pk or device.confirmed:
        raise SecondFactorError("device")
    if not device.verify_token(token.strip()):
        raise SecondFactorError("token")
    replacing = has_authenticator(user)
    if replacing:
        _current_code_check(user, current)
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    UserProfile.objects.get_or_create(user=user)
    UserProfile.objects.filter(user=user, second_factor_since__isnull=True).update(
        second_factor_since=timezone.now()
    )
    codes = _codes_replace(user)
    if replacing:
        _record(
            action="2fa.replace",
            user=user,
            request=request,
            change="replaced",
        )
    else:
        _record(action="2fa.enable", user=user, request=request, change="enabled")
    return codes


@transaction.atomic
def recovery_codes_issue(*, user, current: str | None = None, request=None) -> list[str]:
    """New recovery codes for `user`; the old ones stop working. From the profile page the
    person proves they hold the authenticator with `current`."""
    if current is not None:
        _current_code_check(user, current)
    codes = _codes_replace(user)
    _record(action="2fa.recovery_codes", user=user, request=request, change="recovery_codes")
    return codes


@transaction.atomic
def second_factor_reset(*, user, by, request=None) -> None:
    """A platform admin removes a person's authenticators (lost phone and codes): they enrol
    again at their next sign-in, and every session they have ends now."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    UserProfile.objects.filter(user=user).update(second_factor_since=None)
    sessions_end(user=user)
    _record(action="2fa.reset", user=user, by=by, request=request, change="reset")


def session_verified(request, device) -> None:
    """Mark this session as having passed the second factor with `device`."""
    from django_otp import login as otp_login

    otp_login(request, device)
    request.session.pop(OTP_ENROL_SESSION_KEY, None)
