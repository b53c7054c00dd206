from django import forms

from .models import Publication


class PublishForm(forms.ModelForm):
    class Meta:
        model = Publication
        fields = ["include_organisations", "include_reports", "include_evidence"]
