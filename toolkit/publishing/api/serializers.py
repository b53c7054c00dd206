"""What the API answers, field by field: only the fields named here leave the server, so the
schema (drf-spectacular) is exact and nothing unnamed (people, comments, ids) slips out.
Amounts are decimal strings, so no figure is rounded by a JSON reader."""

import re

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers as s


def _amount(**kwargs):
    return s.DecimalField(max_digits=None, decimal_places=None, **kwargs)


def _text(**kwargs):
    return s.CharField(allow_blank=True, **kwargs)


# --- query parameters -------------------------------------------------------------------------

WHOLE = _("Enter a whole number.")


class Whole(s.IntegerField):
    """Digits only: no "2025.0", no spaces, so what the schema calls an integer is what passes."""

    def to_internal_value(self, data):
        if not re.fullmatch(r"-?[0-9]{1,9}", str(data)):
            self.fail("invalid")
        return super().to_internal_value(data)


def _year(help_text):
    return Whole(
        required=False,
        min_value=2000,
        max_value=2100,
        help_text=help_text,
        error_messages={
            "invalid": WHOLE,
            "min_value": _("Enter a year from 2000 to 2100."),
            "max_value": _("Enter a year from 2000 to 2100."),
        },
    )


class RegionFilter(s.Serializer):
    region = s.SlugField(
        required=False,
        max_length=100,
        help_text="Only this region, by its short name in addresses (e.g. pomerania).",
        error_messages={"invalid": _("A region is named by letters, digits and hyphens.")},
    )
    cycle = _year("Only the strategy cycle that starts in this year (e.g. 2025).")


class DetailFilter(s.Serializer):
    cycle = _year("The cycle that starts in this year; the latest published one otherwise.")


class ActionFilter(RegionFilter):
    priority = Whole(
        required=False,
        min_value=1,
        max_value=4,
        help_text="Only the strategic priority with this number, 1 to 4.",
        error_messages={
            "invalid": WHOLE,
            "min_value": _("Enter a priority from 1 to 4."),
            "max_value": _("Enter a priority from 1 to 4."),
        },
    )
    thematic_area = Whole(
        required=False,
        min_value=1,
        max_value=99,
        help_text="Only actions in the Handbook's thematic area with this number "
        "(a number no area has gives no results).",
        error_messages={
            "invalid": WHOLE,
            "min_value": _("Enter the number of a thematic area of the Handbook."),
            "max_value": _("Enter the number of a thematic area of the Handbook."),
        },
    )


class IndicatorFilter(ActionFilter):
    period = _year("Only values reported for this year, and indicators that have one.")


class BudgetFilter(ActionFilter):
    year = _year("Only amounts planned for this year.")


# --- shared pieces ----------------------------------------------------------------------------


class RegionRef(s.Serializer):
    name = s.CharField()
    slug = s.SlugField()


class RegionFacts(RegionRef):
    country = _text()
    nuts_code = _text(help_text="NUTS code of the region.")
    population = s.IntegerField(allow_null=True)
    lead_body = _text(help_text="The public body leading the strategy.")


class Cycle(s.Serializer):
    label = s.CharField()
    start_year = s.IntegerField()
    end_year = s.IntegerField()


class PriorityRef(s.Serializer):
    number = s.IntegerField()
    title = s.CharField()


class ActionRef(s.Serializer):
    uuid = s.UUIDField()
    title = _text()


class Fund(s.Serializer):
    source = s.CharField(help_text="Funding source code (e.g. amif, esf_plus, regional).")
    label = s.CharField(help_text="Funding source in the reader's language.")
    amount = _amount()


class Funding(Fund):
    year = s.IntegerField(allow_null=True, help_text="Year planned; null when not split by year.")


class PeriodValue(s.Serializer):
    period = s.IntegerField(help_text="Year reported.")
    value = _amount()


class PeriodAmount(s.Serializer):
    period = s.IntegerField(help_text="Year reported.")
    amount = _amount()


# --- public -----------------------------------------------------------------------------------


class StrategySummary(s.Serializer):
    uuid = s.UUIDField()
    region = RegionFacts()
    cycle = Cycle()
    language = s.CharField(help_text="Language the region wrote its strategy in.")
    revision = s.IntegerField()
    approved_at = s.DateTimeField(allow_null=True)
    published_at = s.DateTimeField()
    completeness = s.IntegerField(allow_null=True, help_text="Percent of the checklist done.")
    budget_total = _amount()
    budget_by_source = Fund(many=True)
    action_count = s.IntegerField()
    indicator_count = s.IntegerField()
    indicators_reported = s.IntegerField(help_text="Indicators with an accepted reported value.")
    periods = s.ListField(child=s.IntegerField(), help_text="Years with an accepted report.")


class Item(s.Serializer):
    number = s.IntegerField()
    text = _text()
    status = s.CharField()
    status_label = _text()
    evidence = _text(required=False, help_text="Only where the region chose to show evidence.")
    link = _text(required=False, help_text="Only where the region chose to show evidence.")


class Indicator(s.Serializer):
    key = s.CharField()
    name = _text()
    unit = _text()
    baseline = _amount(allow_null=True)
    target = _amount(allow_null=True)
    latest = _amount(allow_null=True, help_text="The latest accepted value.")
    values = PeriodValue(many=True)


class ActionFields(s.Serializer):
    uuid = s.UUIDField()
    title = _text()
    objective = _text()
    description = _text()
    thematic_areas = s.ListField(child=s.CharField())
    lead_organisation = _text()
    partner_organisations = s.ListField(child=s.CharField())
    start_date = s.DateField(allow_null=True)
    end_date = s.DateField(allow_null=True)
    status = _text()
    status_label = _text()
    budget = _amount()


class Action(ActionFields):
    funding = Funding(many=True)
    spent = PeriodAmount(many=True)
    indicators = Indicator(many=True)


class Priority(s.Serializer):
    number = s.IntegerField()
    title = _text()
    summary = _text()
    completeness = s.IntegerField(allow_null=True)
    budget = _amount()
    items = Item(many=True)
    actions = Action(many=True)


class Strategy(StrategySummary):
    include_evidence = s.BooleanField()
    include_organisations = s.BooleanField()
    priorities = Priority(many=True)


class Where(s.Serializer):
    region = RegionRef()
    cycle = Cycle()
    priority = PriorityRef()


class ActionRow(Where, ActionFields):
    indicator_count = s.IntegerField()


class IndicatorRow(Where):
    action = ActionRef()
    key = s.CharField()
    name = _text()
    unit = _text()
    baseline = _amount(allow_null=True)
    target = _amount(allow_null=True)
    latest = _amount(allow_null=True)
    values = PeriodValue(many=True)


class BudgetRow(Where, Funding):
    action = ActionRef()


# --- with a token -----------------------------------------------------------------------------


class Region(RegionRef):
    country = _text()
    nuts_code = _text()
    network = s.CharField(source="network.name")


class WorkplanSummary(s.Serializer):
    uuid = s.UUIDField()
    cycle = Cycle()
    status = s.CharField()
    status_label = s.CharField()
    revision = s.IntegerField()
    language = s.CharField()
    completeness = s.IntegerField(allow_null=True)
    updated_at = s.DateTimeField()


class YearValue(s.Serializer):
    year = s.IntegerField()
    value = _amount()


class LiveIndicator(s.Serializer):
    name = _text()
    unit = _text()
    baseline = _amount(allow_null=True)
    target = _amount(allow_null=True)
    actuals = YearValue(many=True)


class LiveFunding(s.Serializer):
    year = s.IntegerField(allow_null=True)
    source = s.CharField()
    amount = _amount()


class LiveAction(ActionFields):
    budget = _amount(allow_null=True)
    funding = LiveFunding(many=True)
    indicators = LiveIndicator(many=True)


class LiveItem(s.Serializer):
    uuid = s.UUIDField()
    number = s.IntegerField()
    text = _text()
    status = s.CharField()
    status_label = _text()
    evidence = _text()
    link = _text()


class LivePriority(s.Serializer):
    number = s.IntegerField()
    title = _text()
    summary = _text()
    completeness = s.IntegerField(allow_null=True)
    budget_total = _amount()
    items = LiveItem(many=True)
    actions = LiveAction(many=True)


class LiveWorkplan(WorkplanSummary):
    region = RegionRef()
    budget_total = _amount()
    priorities = LivePriority(many=True)


class Report(s.Serializer):
    uuid = s.UUIDField()
    period = s.IntegerField(help_text="Year reported on.")
    cycle = Cycle()
    status = s.CharField()
    status_label = s.CharField()
    workplan_revision = s.IntegerField()
    submitted_at = s.DateTimeField(allow_null=True)
    accepted_at = s.DateTimeField(allow_null=True)


class Error(s.Serializer):
    detail = s.CharField(help_text="What went wrong, in the reader's language.")
    code = s.CharField()
    errors = s.DictField(
        child=s.ListField(child=s.CharField()),
        required=False,
        help_text="For filters that are not valid: the messages per filter.",
    )
