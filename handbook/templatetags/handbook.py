from django import template

from handbook.selectors import region_reach as _region_reach

register = template.Library()


@register.inclusion_tag("handbook/_region_reach.html")
def region_reach(region):
    """A region's capacity-building reach, for its home page."""
    return {"region": region, "totals": _region_reach(region)}
