from django.contrib.auth import forms as auth_forms
from django.utils import translation

from .language import saved_language


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The reset message is written in the language the account holder saved, else in the
    language of the page the request came from."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = saved_language(user=context["user"]) or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
