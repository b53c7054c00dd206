from django import forms
from django.utils.translation import gettext_lazy as _

from eubelong.core.locking import VersionedModelForm
from regions.models import Region

from .models import (
    CapacityActivity,
    Material,
    ModuleFormat,
    Resource,
    Section,
    Sector,
    ThematicArea,
    TrainingModule,
)
from .selectors import module_choices
from .translation.lookup import (
    TranslatedModelChoiceField,
    TranslatedModelMultipleChoiceField,
    translated_titles,
)
from .uploads import ACCEPT, validate_upload

MARKDOWN_HELP = _(
    "Markdown: blank line between paragraphs, - for lists, **bold**, [text](https://…)."
)


class SectionForm(VersionedModelForm):
    class Meta:
        model = Section
        fields = ["title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 18})}
        help_texts = {"body": MARKDOWN_HELP}


class AreaForm(VersionedModelForm):
    class Meta:
        model = ThematicArea
        fields = ["title", "summary", "challenges", "stakeholders", "training_topics"]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 4}),
            "challenges": forms.Textarea(attrs={"rows": 8}),
            "stakeholders": forms.Textarea(attrs={"rows": 10}),
            "training_topics": forms.Textarea(attrs={"rows": 8}),
        }


class ModuleForm(forms.ModelForm):
    class Meta:
        model = TrainingModule
        fields = [
            "title",
            "summary",
            "thematic_areas",
            "format",
            "audience",
            "learning_objectives",
            "duration",
        ]
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 5}),
            "learning_objectives": forms.Textarea(attrs={"rows": 6}),
            "thematic_areas": forms.CheckboxSelectMultiple,
            "audience": forms.CheckboxSelectMultiple,
            "format": forms.RadioSelect,
        }
        field_classes = {"thematic_areas": TranslatedModelMultipleChoiceField}


class ModuleEditForm(ModuleForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class UploadField(forms.FileField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.FileInput(attrs={"accept": ACCEPT}))
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value:
            validate_upload(value)


class MaterialForm(forms.ModelForm):
    upload = UploadField(
        label=_("File"), help_text=_("PDF, Word, PowerPoint, Excel, OpenDocument text or image.")
    )

    class Meta:
        model = Material
        fields = ["title", "url"]
        help_texts = {"url": _("A link, or upload a file below.")}

    def clean(self):
        data = super().clean()
        if bool(data.get("url")) == bool(data.get("upload")):
            raise forms.ValidationError(_("Give either a link or a file, not both."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = CapacityActivity
        fields = [
            "kind",
            "title",
            "date",
            "module",
            "participants_public",
            "participants_private",
            "participants_civil",
            "participants_migrant",
            "participants_other",
            "outcome",
        ]
        widgets = {
            "date": forms.DateInput(attrs={"type": "date"}),
            "outcome": forms.Textarea(attrs={"rows": 3, "maxlength": 1000}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The library is shared, so any region's module may be the one used.
        modules = module_choices()
        self.fields["module"].queryset = modules
        titles = translated_titles("handbook.TrainingModule", {m.pk: m.title for m in modules})
        self.fields["module"].label_from_instance = lambda m: (
            f"{titles.get(m.pk, m.title)} ({m.region.name})"
        )


class ActivityEditForm(ActivityForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ResourceForm(forms.ModelForm):
    upload = UploadField(label=_("File"), help_text=_("Optional when a link is given."))

    class Meta:
        model = Resource
        fields = ["title", "kind", "description", "url", "language", "thematic_areas"]
        widgets = {
            "description": forms.Textarea(attrs={"rows": 5}),
            "thematic_areas": forms.CheckboxSelectMultiple,
        }
        field_classes = {"thematic_areas": TranslatedModelMultipleChoiceField}

    def clean(self):
        data = super().clean()
        has_file = bool(data.get("upload")) or bool(self.instance.pk and self.instance.file)
        if not data.get("url") and not has_file:
            raise forms.ValidationError(_("Give a link or upload a file."))
        return data


class ResourceEditForm(ResourceForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ModuleFilterForm(forms.Form):
    area = TranslatedModelChoiceField(
        ThematicArea.objects.all(), required=False, label=_("Thematic area"), to_field_name="slug"
    )
    format = forms.ChoiceField(
        choices=[("", _("Any format")), *ModuleFormat.choices], required=False, label=_("Format")
    )
    audience = forms.ModelChoiceField(
        Sector.objects.all(), required=False, label=_("Audience"), to_field_name="code"
    )
    region = forms.ModelChoiceField(
        Region.objects.filter(training_modules__isnull=False).distinct(),
        required=False,
        label=_("Contributing region"),
        to_field_name="slug",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].empty_label = _("Any thematic area")
        self.fields["audience"].empty_label = _("Any audience")
        self.fields["region"].empty_label = _("Any region")


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)
