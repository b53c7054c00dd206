"""Pages of the second factor: overview, set-up or replacement, verification, recovery codes."""

import base64
from urllib.parse import urlencode

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_otp import match_token, user_has_device
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..audit import audit_record
from .twofactor import (
    OTP_REQUIRED_SESSION_KEY,
    SecondFactorError,
    device_confirm,
    enrol_open,
    ever_enrolled,
    has_authenticator,
    pending_device,
    pending_device_start,
    recovery_codes_issue,
    session_complete,
    session_verified,
)

_CODE_WIDGET = forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "text"})


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code"),
        max_length=16,
        help_text=gettext_lazy("The six-digit code from your app, or one of your recovery codes."),
        widget=_CODE_WIDGET,
    )


class NewDeviceForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Code from the new app"),
        max_length=16,
        help_text=gettext_lazy("The six-digit code the app you just set up shows."),
        widget=_CODE_WIDGET,
    )


class ReplaceDeviceForm(NewDeviceForm):
    current = forms.CharField(
        label=gettext_lazy("Code from your current app, or a recovery code"),
        max_length=16,
        help_text=gettext_lazy("This proves the change is yours before the old app stops working."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "text"}),
    )


class CurrentCodeForm(forms.Form):
    current = forms.CharField(
        label=gettext_lazy("Code from your app"),
        max_length=16,
        help_text=gettext_lazy("Enter the code your authenticator app shows now."),
        widget=_CODE_WIDGET,
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


def _b32(device: TOTPDevice) -> str:
    return base64.b32encode(device.bin_key).decode().rstrip("=")


def _overview(request, codes_form, status=200):
    return render(
        request,
        "accounts/two_factor.html",
        {
            "has_device": has_authenticator(request.user),
            "recovery_left": StaticToken.objects.filter(device__user=request.user).count(),
            "required": bool(request.session.get(OTP_REQUIRED_SESSION_KEY)),
            "codes_form": codes_form,
        },
        status=status,
    )


@require_safe
@login_required
def two_factor(request):
    return _overview(request, CurrentCodeForm())


def _refused(request):
    """A half-signed-in session that may not enrol: say why, offer sign-out."""
    return render(
        request,
        "accounts/two_factor_unavailable.html",
        {"had_one": ever_enrolled(request.user)},
        status=403,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def two_factor_setup(request):
    user = request.user
    if not session_complete(request):
        if has_authenticator(user):
            return redirect("accounts:two-factor-verify")
        if not enrol_open(request):
            return _refused(request)
    replacing = has_authenticator(user)
    form_class = ReplaceDeviceForm if replacing else NewDeviceForm
    device = pending_device(user)
    form = form_class()
    if request.method == "POST":
        if request.POST.get("action") == "create" or device is None:
            pending_device_start(user=user)
            target = _safe_next(request, "")
            query = f"?{urlencode({'next': target})}" if target else ""
            return redirect(reverse("accounts:two-factor-setup") + query)
        form = form_class(request.POST)
        if form.is_valid():
            try:
                codes = device_confirm(
                    user=user,
                    device=device,
                    token=form.cleaned_data["token"],
                    current=form.cleaned_data.get("current", ""),
                    request=request,
                )
            except SecondFactorError as error:
                if str(error) == "current":
                    form.add_error(
                        "current",
                        _("That code did not match your current app or a recovery code."),
                    )
                else:
                    form.add_error(
                        "token",
                        _("That code did not match. Check the time on your phone and try again."),
                    )
            else:
                session_verified(request, device)
                return render(
                    request,
                    "accounts/recovery_codes.html",
                    {
                        "codes": codes,
                        "replaced": replacing,
                        "next": _safe_next(request, reverse("accounts:two-factor")),
                    },
                )
    return render(
        request,
        "accounts/two_factor_setup.html",
        {
            "device": device,
            "replacing": replacing,
            "qr_svg": _qr_svg(device) if device else "",
            "secret": _b32(device) if device else "",
            "form": form,
            "next": _safe_next(request, ""),
        },
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def two_factor_verify(request):
    if not user_has_device(request.user):
        if enrol_open(request):
            return redirect("accounts:two-factor-setup")
        if request.session.get(OTP_REQUIRED_SESSION_KEY) and not session_complete(request):
            return _refused(request)
        return redirect("accounts:two-factor")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            session_verified(request, device)
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
    if not has_authenticator(request.user):
        messages.error(request, _("Set up an authenticator app first."))
        return redirect("accounts:two-factor")
    if not session_complete(request):
        return redirect("accounts:two-factor-verify")
    form = CurrentCodeForm(request.POST)
    if form.is_valid():
        try:
            codes = recovery_codes_issue(
                user=request.user, current=form.cleaned_data["current"], request=request
            )
        except SecondFactorError:
            form.add_error("current", _("That code did not match."))
        else:
            return render(
                request,
                "accounts/recovery_codes.html",
                {"codes": codes, "next": reverse("accounts:two-factor")},
            )
    return _overview(request, form, status=400)
