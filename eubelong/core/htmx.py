"""One URL serves a page and, to htmx, a partial of the same template."""

from django.shortcuts import render
from django.utils.cache import patch_vary_headers


def render_page(request, template: str, context: dict, *, partial: str, status: int = 200):
    """The whole `template`, or its `partial` when htmx asks; caches keep the two apart
    (Vary: HX-Request)."""
    name = f"{template}#{partial}" if request.htmx else template
    response = render(request, name, context, status=status)
    patch_vary_headers(response, ["HX-Request"])
    return response
