from django import template
from django.utils.translation import gettext_lazy as _

from toolkit.models import Workplan

register = template.Library()


@register.inclusion_tag("toolkit/_region_workplans_section.html", takes_context=True)
def region_workplans(context, region):
    """The region's workplans for its home page: one query."""
    request = context.get("request")
    perms = getattr(request, "region_perms", frozenset())
    return {
        "region": region,
        "workplans": list(Workplan.objects.for_region(region).select_related("cycle")),
        "is_coordinator": "review_workplan" in perms,
    }


@register.filter
def saved_value(obj, name):
    """A field of the saved version, readable: choice labels, related names, per-year actuals."""
    if name.startswith("actual_"):
        return (getattr(obj, "actuals", None) or {}).get(name.removeprefix("actual_"), "")
    display = getattr(obj, f"get_{name}_display", None)
    if callable(display):
        return display()
    value = getattr(obj, name, "")
    if hasattr(value, "all"):
        return ", ".join(str(v) for v in value.all())
    return value


FIELD_LABELS = {
    "status": _("Status"),
    "evidence": _("Evidence note"),
    "link": _("Evidence link"),
    "summary": _("Our approach"),
    "title": _("Title"),
    "objective": _("Objective"),
    "description": _("Description"),
    "thematic_areas": _("Thematic areas"),
    "lead_stakeholder": _("Lead stakeholder"),
    "partner_stakeholders": _("Partner stakeholders"),
    "lead_organisation": _("Lead organisation"),
    "partner_organisations": _("Partner organisations"),
    "start_date": _("Start"),
    "end_date": _("End"),
    "budget": _("Budget (EUR)"),
    "funding_source": _("Funding source"),
    "funding_source_label": _("Funding source"),
    "legal_basis": _("Legal basis notes"),
    "based_on": _("Based on"),
    "indicators": _("Indicators"),
    "name": _("Indicator"),
    "unit": _("Unit"),
    "baseline": _("Baseline"),
    "target": _("Target"),
    "actuals": _("Actual per year"),
    "revision": _("Revision"),
    "template": _("Template version"),
}


@register.filter
def field_label(name):
    return FIELD_LABELS.get(name, name)


def _choice_labels():
    from toolkit.models import ActionStatus, FundingSource, ItemStatus, WorkplanStatus

    labels = {}
    for choices in (FundingSource, ActionStatus, WorkplanStatus, ItemStatus):
        labels.update(dict(choices.choices))
    return labels


@register.filter
def change_value(value, field):
    """A recorded value as people read it: choice labels instead of stored codes."""
    if field in {"status", "funding_source"}:
        return _choice_labels().get(value, value)
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return value
