from django import template

from eubelong.core import l10n
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
