from django import template

from eubelong.core.text import person_name, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value):
    return render_markdown(value or "")


@register.filter(name="person")
def person_filter(user):
    """A person's name as others see it; empty for nobody (a deleted account)."""
    return person_name(user)
