from django import template

from eubelong.core.text import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value):
    return render_markdown(value or "")


@register.filter(name="attr_value")
def attr_value(obj, name):
    """Read a model field by name, for side-by-side comparisons."""
    return getattr(obj, name, "")
