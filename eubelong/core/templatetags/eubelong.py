from django import template
from django.utils.translation import gettext

from eubelong.core import l10n
from eubelong.core.forms import error_links, invalid_forms
from eubelong.core.text import person_name, render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(value):
    return render_markdown(value or "")


@register.filter(name="person")
def person_filter(user):
    """A person's name as others see it; empty for nobody (a deleted account)."""
    return person_name(user)


@register.filter(name="money")
def money_filter(value, cents=True):
    """An amount in euro in the reader's locale; `|money:0` leaves out the cents."""
    return l10n.money(value, cents=cents not in (0, "0", False))


@register.filter(name="fixed2")
def fixed2_filter(value):
    """`|floatformat:"2g"`, each value formatted once per language (l10n.fixed)."""
    return l10n.fixed(value, 2)


@register.filter(name="num")
def number_filter(value, places=2):
    """A number with the locale's grouping and decimal sign, without trailing zeros."""
    return l10n.number(value, places=int(places))


@register.filter(name="pct")
def percent_filter(value, places=1):
    """A percentage given on a 0-100 scale, as the locale writes it."""
    return l10n.percent(value, places=int(places))


@register.filter(name="country")
def country_filter(name):
    return l10n.country_name(name)


@register.inclusion_tag("_partials/error_summary.html", takes_context=True)
def error_summary(context):
    """The GOV.UK error summary of every form on the page that was sent back with errors."""
    links = [link for form in invalid_forms(context) for link in error_links(form)]
    return {"links": links}


@register.simple_tag(takes_context=True)
def error_title(context):
    """ "Error: " before the page title when a form on it was sent back with errors."""
    return gettext("Error:") + " " if invalid_forms(context) else ""


@register.filter(name="isotime")
def isotime_filter(value):
    """A moment for a `datetime` attribute: ISO 8601 to the second, as HTML validators expect."""
    if not value:
        return ""
    if hasattr(value, "microsecond"):
        value = value.replace(microsecond=0)
    return value.isoformat()
