from django import template

from ..registry import get_kind, regional_kinds

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


@register.inclusion_tag("exports/_network_export_button.html", takes_context=True)
def network_export_button(context, kind_key, object_id=""):
    """An "Export PDF" button for a network document, e.g. {% network_export_button "handbook" %}."""
    kind = get_kind(kind_key)
    request = context.get("request")
    visible = (
        kind is not None
        and not kind.is_regional
        and request
        and request.user.is_authenticated
        and kind.permits(request.user)
    )
    return {
        "kind": kind if visible else None,
        "object_id": object_id,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("exports/_region_export_button.html", takes_context=True)
def region_export_button(context, region, kind_key, object_id=""):
    """One region document's button, e.g. {% region_export_button region "workplan" choice %}."""
    request = context.get("request")
    kind = get_kind(kind_key)
    perms = getattr(request, "region_perms", frozenset())
    visible = kind is not None and kind.is_regional and kind.region_perm in perms
    return {
        "kind": kind if visible else None,
        "region": region,
        "object_id": object_id,
        "csrf_token": context.get("csrf_token"),
    }
