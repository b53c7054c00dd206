"""Forms of the stakeholder registry."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..models import ContactPerson, GovernanceLevel, Region, Sector, Stakeholder
from .services import stakeholder_name_taken


class StakeholderForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    website = forms.URLField(label=_("website"), required=False, assume_scheme="https")

    class Meta:
        model = Stakeholder
        fields = ["name", "sector", "level", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 4})}

    def __init__(self, *args, region: Region, **kwargs):
        super().__init__(*args, **kwargs)
        self.region = region

    def clean_name(self):
        name = self.cleaned_data["name"].strip()
        if stakeholder_name_taken(self.region, name, besides=self.instance.pk):
            raise forms.ValidationError(_("This region already has a stakeholder of that name."))
        return name


class ContactForm(forms.ModelForm):
    class Meta:
        model = ContactPerson
        fields = ["name", "email", "phone", "role", "consent", "consent_date", "consent_purpose"]
        widgets = {"consent_date": forms.DateInput(attrs={"type": "date"})}

    def clean(self):
        data = super().clean()
        if data.get("consent") and not (data.get("consent_date") and data.get("consent_purpose")):
            raise forms.ValidationError(
                _("Consent needs the date it was given and the purpose it covers.")
            )
        return data


class StakeholderFilter(forms.Form):
    q = forms.CharField(label=_("Search"), required=False)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    level = forms.ChoiceField(
        label=_("Governance level"),
        required=False,
        choices=[("", _("All levels")), *GovernanceLevel.choices],
    )

    def apply(self, queryset):
        if not self.is_valid():
            return queryset
        data = self.cleaned_data
        if data["q"]:
            queryset = queryset.filter(Q(name__icontains=data["q"]) | Q(notes__icontains=data["q"]))
        if data["sector"]:
            queryset = queryset.filter(sector=data["sector"])
        if data["level"]:
            queryset = queryset.filter(level=data["level"])
        return queryset
