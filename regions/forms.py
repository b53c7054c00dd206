from django import forms
from django.contrib.auth import forms as auth_forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from eubelong.i18n import saved_language

from .models import Region


class RegionProfileForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = Region
        fields = [
            "name",
            "country",
            "nuts_code",
            "population",
            "languages",
            "lead_body",
            "contextual_analysis",
        ]
        widgets = {"contextual_analysis": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"nuts_code": _("For example ES22 or RO424.")}


class PasswordResetForm(auth_forms.PasswordResetForm):
    """The reset message is written in the language the account holder saved, else in the
    language of the page the request came from."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        language = saved_language(user=context["user"]) or translation.get_language()
        with translation.override(language):
            super().send_mail(subject_template_name, email_template_name, context, *args, **kwargs)
