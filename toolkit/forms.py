from decimal import Decimal

from django import forms
from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from eubelong.core import l10n
from eubelong.core.locking import VersionedModelForm, fingerprint, saved_value
from eubelong.core.numbers import EuroInput, LocalDecimalField
from eubelong.core.text import SingleLineField, markdown_form_field
from eubelong.core.widgets import GroupedCheckboxSelectMultiple
from handbook.models import ThematicArea
from handbook.translation.lookup import (
    TranslatedModelMultipleChoiceField,
    translate,
    translated_titles,
)
from regions.models import Sector

from .models import (
    Action,
    Comment,
    CommentKind,
    FundingSource,
    Indicator,
    ItemResponse,
    LibraryIndicator,
)
from .selectors import region_organisations


class ResponseForm(VersionedModelForm):
    link = forms.URLField(
        label=_("Evidence link"), required=False, max_length=500, assume_scheme="https"
    )
    # What the form was read with, so a later conflict is merged field by field.
    base = forms.CharField(widget=forms.HiddenInput, required=False, max_length=200)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound and self.instance.pk:
            self.initial["base"] = read_fingerprint(self.instance)

    class Meta:
        model = ItemResponse
        fields = ["status", "evidence", "link"]
        widgets = {"evidence": forms.Textarea(attrs={"rows": 3})}


def read_fingerprint(response) -> str:
    """The `base` of a checklist answer's form: what it holds now, as `save_merging` compares."""
    return fingerprint({name: getattr(response, name) for name in ResponseForm._meta.fields})


class PrioritySummaryForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    summary = markdown_form_field(
        label=_("Our approach to this priority"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Markdown."),
    )


# From this many organisations on, their lists get a filter box (static/js/option-filter.js).
FILTER_FROM = 8


def sector_groups(organisations) -> list:
    """(pk, name, sector) rows as choices grouped by sector, in the order of the sectors."""
    by_sector = {}
    for pk, name, sector in organisations:
        by_sector.setdefault(sector, []).append((pk, name))
    return [(label, by_sector[value]) for value, label in Sector.choices if value in by_sector]


def long_date(value) -> str:
    return date_format(value, "DATE_FORMAT")


class ActionForm(VersionedModelForm):
    thematic_areas = TranslatedModelMultipleChoiceField(
        label=_("Thematic areas"),
        queryset=ThematicArea.objects.all(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Action
        fields = [
            "title",
            "objective",
            "description",
            "thematic_areas",
            "lead_organisation",
            "lead_stakeholder",
            "partner_organisations",
            "partner_stakeholders",
            "start_date",
            "end_date",
            "budget",
            "funding_source",
            "status",
            "legal_basis",
        ]
        widgets = {
            "objective": forms.Textarea(attrs={"rows": 2}),
            "description": forms.Textarea(attrs={"rows": 4}),
            "lead_stakeholder": forms.TextInput(attrs={"list": "stakeholder-names"}),
            "partner_organisations": GroupedCheckboxSelectMultiple,
            "partner_stakeholders": forms.Textarea(attrs={"rows": 3}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "budget": EuroInput,
        }
        labels = {
            "lead_stakeholder": _("Lead stakeholder not in the registry"),
            "partner_stakeholders": _("Partners not in the registry"),
        }
        help_texts = {
            "lead_organisation": _(
                "The organisation responsible for the action, from the region's stakeholder "
                "registry."
            ),
            "lead_stakeholder": _("Only when the lead organisation is not in the registry yet."),
            "partner_stakeholders": _("One name per line, for organisations not in the registry."),
        }
        field_classes = {"budget": LocalDecimalField}

    def __init__(self, *args, cycle, region=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle = cycle
        # Only the region's own organisations are choices: a foreign id fails validation. One
        # read gives both lists their choices, grouped by sector.
        own = region_organisations(region)
        rows = list(own.values_list("pk", "name", "sector"))
        self.organisation_count = len(rows)
        groups = sector_groups(rows)
        not_ours = _("Choose an organisation from the list: it holds the region's registry only.")
        lead, partners = self.fields["lead_organisation"], self.fields["partner_organisations"]
        for field in (lead, partners):
            field.queryset = own
            field.error_messages["invalid_choice"] = not_ours
            if len(rows) >= FILTER_FROM:
                field.widget.attrs["data-filter-label"] = _("Find an organisation in the list")
                field.widget.attrs["data-filter-none"] = _(
                    "No organisation in the list matches. Clear the box to see them all."
                )
        lead.choices = [("", _("None chosen")), *groups]
        partners.choices = groups
        self._date_fields()
        budget = self.fields["budget"]
        budget.help_text = _("Amount in euros, for example %(example)s.") % {
            "example": l10n.example_amount()
        }

    def _date_fields(self):
        start, end = self.cycle.start_date, self.cycle.end_date
        hint = _(
            "Between %(start)s and %(end)s, the strategy cycle. Where no calendar opens, type "
            "year-month-day, for example %(example)s."
        ) % {"start": long_date(start), "end": long_date(end), "example": start.isoformat()}
        for name in ("start_date", "end_date"):
            field = self.fields[name]
            field.help_text = hint
            field.widget.attrs.update(min=start.isoformat(), max=end.isoformat())
            field.error_messages["invalid"] = _(
                "Enter a real date as year-month-day, for example %(example)s."
            ) % {"example": start.isoformat()}

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        first, last = self.cycle.start_date, self.cycle.end_date
        for field in ("start_date", "end_date"):
            value = data.get(field)
            if value and not (first <= value <= last):
                self.add_error(
                    field,
                    _("Enter a date between %(start)s and %(end)s, the strategy cycle %(cycle)s.")
                    % {"start": long_date(first), "end": long_date(last), "cycle": self.cycle},
                )
        if start and end and end < start:
            self.add_error(
                "end_date",
                _("Enter an end date on or after the start date, %(start)s.")
                % {"start": long_date(start)},
            )
        budget = data.get("budget")
        if budget is not None and budget < 0:
            self.add_error("budget", _("Enter a budget of zero or more."))
        if budget and not data.get("funding_source"):
            self.add_error(
                "funding_source", _("Choose where the money for this budget comes from.")
            )
        return data


class IndicatorForm(VersionedModelForm):
    class Meta:
        model = Indicator
        fields = ["library", "name", "unit", "baseline", "target"]
        field_classes = {"baseline": LocalDecimalField, "target": LocalDecimalField}

    def __init__(self, *args, years, library_entries=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        library = self.fields["library"]
        library.queryset = LibraryIndicator.objects.filter(
            Q(retired=False) | Q(pk=self.instance.library_id or 0)
        )
        library.label = _("From the indicator library")
        library.empty_label = _("None: the region's own indicator")
        cache = {}  # one read of the names' translations for all the choices
        library.label_from_instance = lambda entry: (
            f"{entry.code} · {translate(entry, 'name', cache=cache)[0]}"
        )
        if library_entries is not None:
            # Read once for every form of the page.
            names = translated_titles(
                "toolkit.LibraryIndicator",
                {entry.pk: entry.name for entry in library_entries},
                field="name",
            )
            library.choices = [("", library.empty_label)] + [
                (entry.pk, f"{entry.code} · {names[entry.pk]}")
                for entry in library_entries
                if not entry.retired or entry.pk == self.instance.library_id
            ]
        library.help_text = _(
            "An indicator from the library is counted the same way in every region and can be "
            "compared; its name and unit come from the library when left empty."
        )
        self.fields["name"].required = False
        actuals = self.instance.actuals or {}
        for year in years:
            self.fields[f"actual_{year}"] = LocalDecimalField(
                label=_("Actual %(year)s") % {"year": year},
                required=False,
                max_digits=14,
                decimal_places=2,
                initial=actuals.get(str(year)),
            )

    def clean(self):
        data = super().clean()
        entry = data.get("library")
        if entry is not None:
            data["name"] = data.get("name") or entry.name
            data["unit"] = entry.unit
        elif not data.get("name") and "name" not in self.errors:
            self.add_error("name", _("Give the indicator a name or choose one from the library."))
        if data.get("target") is not None and not data.get("unit"):
            self.add_error("unit", _("Give the unit the target is counted in."))
        data["actuals"] = {
            str(year): str(data[f"actual_{year}"])
            for year in self.years
            if data.get(f"actual_{year}") is not None
        }
        return data

    def actual_fields(self):
        return [self[f"actual_{year}"] for year in self.years]


class NewIndicatorForm(IndicatorForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class CommentForm(forms.ModelForm):
    class Meta:
        model = Comment
        fields = ["kind", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 3})}
        labels = {"kind": _("Type"), "body": _("Text")}

    def __init__(self, *args, kinds, **kwargs):
        super().__init__(*args, **kwargs)
        labels = dict(CommentKind.choices)
        self.fields["kind"].choices = [(k, labels[k]) for k in kinds]
        self.fields["kind"].initial = kinds[0]
        self.fields["kind"].widget = forms.RadioSelect(choices=self.fields["kind"].choices)


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("request_changes", _("Request changes")), ("approve", _("Approve"))],
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose whether to approve or to request changes.")},
    )
    message = forms.CharField(
        label=_("Message to the region"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # Set by the confirmation step when notes are still open.
    confirm_open_notes = forms.BooleanField(required=False, widget=forms.HiddenInput)


class SubmitForm(forms.Form):
    message = forms.CharField(
        label=_("Message to the reviewer (optional)"),
        required=False,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For example what changed since the last submission, or what to look at."),
    )


class NoteForm(forms.Form):
    body = forms.CharField(
        label=_("Review note"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note before adding it.")},
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Reply"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Write the reply before sending it.")},
    )


class AssignForm(forms.Form):
    reviewer = forms.ChoiceField(label=_("Reviewer"))

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.people = {str(p.pk): p for p in people}
        self.fields["reviewer"].choices = [
            (str(p.pk), p.get_full_name() or p.get_username()) for p in people
        ]

    def clean_reviewer(self):
        return self.people[self.cleaned_data["reviewer"]]


class NewWorkplanForm(forms.Form):
    cycle = forms.ChoiceField(label=_("Strategy cycle"))

    def __init__(self, *args, cycles, **kwargs):
        super().__init__(*args, **kwargs)
        self.cycle_objects = {str(c.uuid): c for c in cycles}
        self.fields["cycle"].choices = [(str(c.uuid), str(c)) for c in cycles]

    def clean_cycle(self):
        return self.cycle_objects[self.cleaned_data["cycle"]]


class TemplatePriorityForm(forms.Form):
    title = SingleLineField(label=_("Title"), max_length=200)
    overview = markdown_form_field(label=_("Overview"), help_text=_("Markdown."))
    items = forms.CharField(
        label=_("Checklist items"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("One item per line."),
    )

    def clean_items(self):
        items = [line.strip() for line in self.cleaned_data["items"].splitlines() if line.strip()]
        if not items:
            raise forms.ValidationError(_("A priority needs at least one checklist item."))
        return items


class CycleForm(forms.Form):
    start_year = forms.IntegerField(
        label=_("First year of the new cycle"),
        min_value=2000,
        max_value=2100,
        help_text=_("A cycle runs three years with one reporting period per year."),
    )


def saved_field(obj, name: str):
    """A field of a stored action, indicator or answer as people read it, for conflicts:
    choice labels, and an indicator's value for one year from its per-year actuals."""
    if name.startswith("actual_"):
        return (getattr(obj, "actuals", None) or {}).get(name.removeprefix("actual_"), "")
    return saved_value(obj, name)


class FundingForm(forms.Form):
    """The funding mix as a grid: one amount per funding source and year of the action."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, years, current=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.years = years
        current = current or {}
        for source, label in FundingSource.choices:
            for year in years:
                self.fields[f"amount_{source}_{year}"] = LocalDecimalField(
                    label=_("%(source)s, %(year)s (EUR)") % {"source": label, "year": year},
                    required=False,
                    min_value=0,
                    max_digits=12,
                    decimal_places=2,
                    initial=current.get((year, source)),
                    error_messages={"min_value": _("Enter zero or more.")},
                )

    def grid(self):
        """Rows of the table: a funding source with one field per year."""
        return [
            (label, [self[f"amount_{source}_{year}"] for year in self.years])
            for source, label in FundingSource.choices
        ]

    def amounts(self) -> dict[tuple[int, str], Decimal]:
        return {
            (year, source): self.cleaned_data[f"amount_{source}_{year}"]
            for source, _label in FundingSource.choices
            for year in self.years
            if self.cleaned_data.get(f"amount_{source}_{year}")
        }
