"""Sign-in that lands people where they work, and password reset in their language."""

from django.contrib.auth import forms as auth_forms
from django.contrib.auth import views as auth_views
from django.urls import reverse
from django.utils import translation
from django.utils.http import url_has_allowed_host_and_scheme

from eubelong.i18n import saved_language

from .selectors import user_regions


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


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The reset message is written in the language the account holder saved, else in the
    language of the page the request came from."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = saved_language(user=context["user"]) or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
