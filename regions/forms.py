from django import forms
from django.utils.translation import gettext_lazy as _

from eubelong.core.locking import VersionedModelForm

from .models import Region


class RegionProfileForm(VersionedModelForm):
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
            "editors_may_submit",
        ]
        widgets = {"contextual_analysis": forms.Textarea(attrs={"rows": 12})}
        help_texts = {"nuts_code": _("For example ES22 or RO424.")}
