from decimal import Decimal

from django import forms
from django.core.exceptions import ValidationError
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _

from eubelong.core.locking import VersionedModelForm
from eubelong.core.numbers import LocalDecimalField
from toolkit.models import FundingSource, LibraryIndicator

from .models import ActionProgress, IndicatorValue, ProgressReport, ReportingPeriod
from .progress import OFF_TRACK, OVERSPEND, figures, is_percentage

TEXT = {"rows": 4}


class NarrativeForm(VersionedModelForm):
    class Meta:
        model = ProgressReport
        fields = ["results", "difficulties", "lessons", "changes_proposed"]
        widgets = {name: forms.Textarea(attrs=TEXT) for name in fields}


class ActionProgressForm(VersionedModelForm):
    evidence_link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )

    class Meta:
        model = ActionProgress
        fields = ["status", "narrative", "evidence_link", "spent"]
        field_classes = {"spent": LocalDecimalField}
        widgets = {"narrative": forms.Textarea(attrs={"rows": 3})}

    def __init__(
        self, *args, planned: Decimal | None = None, planned_by_source=None, **kwargs
    ):  # fmt: skip
        super().__init__(*args, **kwargs)
        self.planned = planned
        # An action with a funding mix reports its spending per source; the total follows.
        self.sources = [
            (value, label) for value, label in FundingSource.choices
            if value in (planned_by_source or {})
        ]  # fmt: skip
        self.planned_by_source = planned_by_source or {}
        self.fields["status"].required = True
        self.fields["spent"].min_value = Decimal(0)
        self.fields["spent"].validators.append(_not_negative)
        if self.sources:
            del self.fields["spent"]
            stored = self.instance.spent_by_source or {}
            for value, label in self.sources:
                self.fields[f"spent_{value}"] = LocalDecimalField(
                    label=_("%(source)s: spent in the period (EUR)") % {"source": label},
                    help_text=_("Planned: %(amount)s EUR")
                    % {
                        "amount": number_format(
                            self.planned_by_source[value], 2, force_grouping=True
                        )
                    },
                    required=False,
                    min_value=0,
                    max_digits=12,
                    decimal_places=2,
                    initial=stored.get(value),
                    error_messages={"min_value": _("Enter zero or more.")},
                )

    def clean(self):
        data = super().clean()
        if self.sources:
            parts = {v: data.get(f"spent_{v}") for v, _label in self.sources}
            data["spent_by_source"] = {v: str(a) for v, a in parts.items() if a is not None}
            given = [a for a in parts.values() if a is not None]
            data["spent"] = sum(given, Decimal(0)) if given else None
        spent, planned = data.get("spent"), self.planned
        if spent and planned is not None and spent > planned * OVERSPEND:
            if not (data.get("narrative") or "").strip():
                self.add_error(
                    "narrative",
                    _(
                        "Spending is well above the %(planned)s EUR planned for the period: "
                        "say why here."
                    )
                    % {"planned": number_format(planned, 2, force_grouping=True)},
                )
        return data


def _not_negative(value):
    if value is not None and value < 0:
        raise ValidationError(_("Enter zero or more."), code="negative")


class IndicatorValueForm(VersionedModelForm):
    class Meta:
        model = IndicatorValue
        fields = ["value", "explanation"]
        field_classes = {"value": LocalDecimalField}
        widgets = {"explanation": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, indicator, earlier, share, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator, self.earlier, self.share = indicator, earlier, share
        self.fields["value"].validators.append(_not_negative)

    def clean(self):
        data = super().clean()
        value = data.get("value")
        if value is None:
            return data
        if is_percentage(self.indicator.unit) and value > 100:
            self.add_error("value", _("A percentage cannot be above 100."))
            return data
        found = figures(self.indicator, value, self.earlier, self.share)
        if found.state == OFF_TRACK and not (data.get("explanation") or "").strip():
            self.add_error(
                "explanation",
                _("This indicator is off track with this value: explain what happened."),
            )
        return data


class PeriodForm(forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["year", "opens_on", "due_on"]
        widgets = {
            "opens_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "due_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, cycle, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        self.fields["year"] = forms.TypedChoiceField(
            label=_("Year reported on"), coerce=int, choices=[(y, y) for y in cycle.years]
        )

    def clean(self):
        data = super().clean()
        opens, due = data.get("opens_on"), data.get("due_on")
        if opens and due and due <= opens:
            self.add_error("due_on", _("The due date must come after the opening date."))
        return data


class ReportReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("accept", _("Accept")), ("request_changes", _("Request changes"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to accept or to request changes.")},
    )
    message = forms.CharField(
        label=_("Message to the region"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class LibraryIndicatorForm(VersionedModelForm):
    class Meta:
        model = LibraryIndicator
        fields = [
            "code",
            "name",
            "theme",
            "definition",
            "unit",
            "direction",
            "disaggregations",
            "source",
            "retired",
        ]
        widgets = {
            "definition": forms.Textarea(attrs=TEXT),
            "disaggregations": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {
            "code": {"unique": _("Another library indicator already has this code.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new entry has no version yet.
        self.fields["version"].required = bool(self.instance.pk)
        self.fields["code"].help_text = _("A short code people can cite, e.g. EMP-1.")

    def clean_code(self):
        return self.cleaned_data["code"].strip().upper()
