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
