from django import template

from ..kinds import regional_kinds

register = template.Library()


@register.inclusion_tag("exports/_export_buttons.html", takes_context=True)
def export_buttons(context, region):
    """ "Export PDF" buttons for the region documents the viewer may export."""
    request = context["request"]
    perms = getattr(request, "region_perms", frozenset())
    kinds = [kind for kind in regional_kinds() if kind.region_perm in perms]
    choices = {
        kind.key: kind.choices(region, request.user) if kind.choices else None for kind in kinds
    }
    return {
        "region": region,
        # A kind with choices but nothing to choose (no workplan yet) offers no button.
        "kinds": [(kind, choices[kind.key]) for kind in kinds if choices[kind.key] != []],
        "csrf_token": context.get("csrf_token"),
    }
