from django import template

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
