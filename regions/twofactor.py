"""Second factor (TOTP with recovery codes) and the middleware that requires it of coordinators
and platform staff. See docs/accounts.md."""

import secrets
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import login as otp_login
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import OTP_REQUIRED_SESSION_KEY, audit_record

DEMO_ACCOUNTS = frozenset({"coordinator", "platform-admin"})
RECOVERY_CODES = 10
_OPEN_PREFIXES = ("/static/", "/i18n/", "/healthz")


def demo_exempt(user) -> bool:
    return bool(settings.DEBUG and settings.DEMO_SKIP_2FA and user.get_username() in DEMO_ACCOUNTS)


class SecondFactorMiddleware:
    """Sends a signed-in person whose session requires a second factor to verify or set it up.

    The requirement is decided once at sign-in (regions.audit), so ordinary requests cost no query.
    """

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
                and not self._open(request.path)
            ):
                name = "verify" if user_has_device(user) else "setup"
                target = reverse(f"accounts:two-factor-{name}")
                return redirect(f"{target}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    @staticmethod
    def _open(path: str) -> bool:
        if path.startswith(_OPEN_PREFIXES):
            return True
        return path in {
            reverse("accounts:two-factor-setup"),
            reverse("accounts:two-factor-verify"),
            reverse("accounts:logout"),
        }


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The six-digit code from your app, or one of your recovery codes."),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"}),
    )


def _safe_next(request, default: str) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return default


def _qr_svg(device: TOTPDevice) -> str:
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    label = _("QR code holding the key for your authenticator app")
    return image.to_string(encoding="unicode").replace(
        "<svg ", f'<svg role="img" aria-label="{label}" ', 1
    )


def _pending_device(user) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).order_by("-id").first()


@transaction.atomic
def recovery_codes_issue(*, user, request=None) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="recovery", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [secrets.token_hex(5) for _ in range(RECOVERY_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=c) for c in codes)
    audit_record(
        action="2fa.recovery_codes",
        actor=user,
        target_type="user",
        target_label=user.get_username(),
        request=request,
    )
    return codes


@require_safe
@login_required
def two_factor(request):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "has_device": TOTPDevice.objects.filter(user=request.user, confirmed=True).exists(),
            "recovery_left": StaticToken.objects.filter(device__user=request.user).count(),
            "required": bool(request.session.get(OTP_REQUIRED_SESSION_KEY)),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def two_factor_setup(request):
    user = request.user
    device = _pending_device(user)
    form = TokenForm()
    if request.method == "POST":
        if request.POST.get("action") == "create" or device is None:
            TOTPDevice.objects.filter(user=user, confirmed=False).delete()
            TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
            return redirect(
                f"{reverse('accounts:two-factor-setup')}?{urlencode({'next': _safe_next(request, '')})}"
            )
        form = TokenForm(request.POST)
        if form.is_valid() and device.verify_token(form.cleaned_data["token"].strip()):
            with transaction.atomic():
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
                audit_record(
                    action="2fa.enable",
                    actor=user,
                    target_type="user",
                    target_label=user.get_username(),
                    request=request,
                )
                codes = recovery_codes_issue(user=user, request=request)
            otp_login(request, device)
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": _safe_next(request, reverse("accounts:two-factor"))},
            )
        if form.is_valid():
            form.add_error(
                "token", _("That code did not match. Check the time on your phone and try again.")
            )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "device": device,
            "qr_svg": _qr_svg(device) if device else "",
            "secret": _b32(device) if device else "",
            "form": form,
            "next": _safe_next(request, ""),
        },
        status=400 if form.errors else 200,
    )


def _b32(device: TOTPDevice) -> str:
    import base64

    return base64.b32encode(device.bin_key).decode().rstrip("=")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def two_factor_verify(request):
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            audit_record(
                action="2fa.success",
                actor=request.user,
                target_type="user",
                target_label=request.user.get_username(),
                request=request,
            )
            return redirect(_safe_next(request, reverse("home")))
        audit_record(
            action="2fa.failure",
            actor=request.user,
            target_type="user",
            target_label=request.user.get_username(),
            request=request,
        )
        form.add_error("token", _("That code did not match."))
    return render(
        request,
        "accounts/two_factor_verify.html",
        {"form": form, "next": _safe_next(request, "")},
        status=400 if form.errors else 200,
    )


@require_POST
@login_required
def two_factor_recovery(request):
    if not TOTPDevice.objects.filter(user=request.user, confirmed=True).exists():
        messages.error(request, _("Set up an authenticator app first."))
        return redirect("accounts:two-factor")
    if request.session.get(OTP_REQUIRED_SESSION_KEY) and not request.user.is_verified():
        return redirect("accounts:two-factor-verify")
    codes = recovery_codes_issue(user=request.user, request=request)
    return render(
        request,
        "accounts/recovery_codes.html",
        {"codes": codes, "next": reverse("accounts:two-factor")},
    )
