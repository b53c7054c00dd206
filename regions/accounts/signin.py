"""Sign-in that lands people where they work, password change and reset."""

import hashlib

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from eubelong.core.mail import queue_after_commit
from eubelong.core.ratelimit import hit, hit_key, too_many

from ..models import UserSession
from ..selectors import user_regions
from .forms import PasswordResetForm
from .tasks import password_reset_send


class SignInView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True

    def get_success_url(self):
        target = self.get_redirect_url()
        if target and url_has_allowed_host_and_scheme(
            target, allowed_hosts={self.request.get_host()}, require_https=self.request.is_secure()
        ):
            return target
        regions = list(user_regions(self.request.user)[:2])
        if len(regions) == 1:
            return reverse("regions:home", kwargs={"region": regions[0].slug})
        return reverse("home")


class PasswordResetView(auth_views.PasswordResetView):
    """Every address takes the same path: rate limits, then a task; the worker looks the account
    up and sends the mail after the request has answered, so neither the answer nor its timing
    tells whether an account exists."""

    form_class = PasswordResetForm
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        request = self.request
        if not hit(request, "password-reset", settings.RATELIMITS["password-reset"]):
            return too_many(request, "password-reset")
        email = form.cleaned_data["email"].strip().lower()
        account = hashlib.sha256(email.encode()).hexdigest()[:32]
        rate = settings.RATELIMITS["password-reset-account"]
        # Over the per-account limit the answer stays the same; only the mail is held back.
        if hit_key(request, "password-reset-account", account, rate):
            queue_after_commit(
                password_reset_send,
                email=email,
                domain=request.get_host(),
                use_https=request.is_secure(),
                language=translation.get_language() or settings.LANGUAGE_CODE,
            )
        return HttpResponseRedirect(self.get_success_url())


class PasswordChangeView(auth_views.PasswordChangeView):
    """Django gives the session a new key on a password change; the session index follows it, so
    "end all sessions" later still finds this one."""

    success_url = reverse_lazy("accounts:password_change_done")

    def form_valid(self, form):
        old_key = self.request.session.session_key
        response = super().form_valid(form)
        new_key = self.request.session.session_key
        if new_key and new_key != old_key:
            UserSession.objects.filter(session_key=old_key).delete()
            UserSession.objects.get_or_create(session_key=new_key, defaults={"user": form.user})
        return response


def admin_sign_in(request):
    """The admin site signs people in through the platform's own page: the same lockout, rate
    limit and second factor."""
    query = request.META.get("QUERY_STRING", "")
    return redirect(reverse("accounts:login") + (f"?{query}" if query else ""))
