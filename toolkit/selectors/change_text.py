"""A workplan's recorded changes as sentences: "Budget of “Map integration services” changed from
€45,000.00 to €60,000.00". Fields by their labels, codes by their choice labels, amounts and
dates as the reader's language writes them; never a key, a code or a dict."""

import datetime

from django.utils import formats
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from eubelong.core import l10n

from ..models import ActionStatus, FundingSource, ItemStatus, WorkplanStatus

FIELD_LABELS = {
    "status": _("Status"),
    "evidence": _("Evidence note"),
    "link": _("Evidence link"),
    "summary": _("Our approach"),
    "title": _("Title"),
    "objective": _("Objective"),
    "description": _("Description"),
    "thematic_areas": _("Thematic areas"),
    "lead_stakeholder": _("Lead stakeholder"),
    "partner_stakeholders": _("Partner stakeholders"),
    "lead_organisation": _("Lead organisation"),
    "partner_organisations": _("Partner organisations"),
    "start_date": _("Start"),
    "end_date": _("End"),
    "budget": _("Budget (EUR)"),
    "funding_source": _("Funding source"),
    "funding_source_label": _("Funding source"),
    "funding": _("Funding by year and source"),
    "legal_basis": _("Legal basis notes"),
    "based_on": _("Based on"),
    "indicators": _("Indicators"),
    "library": _("From the indicator library"),
    "name": _("Indicator"),
    "unit": _("Unit"),
    "baseline": _("Baseline"),
    "target": _("Target"),
    "actuals": _("Actual per year"),
    "revision": _("Revision"),
    "template": _("Template version"),
}
# In a sentence the amount carries its currency.
SENTENCE_LABELS = {"budget": _("Budget"), "name": _("Name")}
# Recorded fields whose values are the region's own words, in the workplan's language.
OWN_WORDS = {
    "title",
    "objective",
    "description",
    "evidence",
    "summary",
    "legal_basis",
    "name",
    "unit",
    "lead_stakeholder",
    "partner_stakeholders",
    "indicators",
}
# Kept for the restore, not for reading.
HIDDEN = {"priority_id"}
MONEY = {"budget", "budget_total"}
NUMBERS = {"baseline", "target"}
DATES = {"start_date", "end_date"}
LONG_TEXT = 120


def _choice_labels() -> dict:
    labels = {}
    for choices in (FundingSource, ActionStatus, WorkplanStatus, ItemStatus):
        labels.update(dict(choices.choices))
    return labels


def field_label(field) -> str:
    field = str(field)
    return str(FIELD_LABELS.get(field) or field.replace("_", " ").capitalize())


def value_text(value, field) -> str:
    """A recorded value as people read it: choice labels, amounts, dates; lists and mappings as
    text, never as Python writes them."""
    field = str(field)
    if value is None or value == "" or value == [] or value == {}:
        return ""
    if isinstance(value, bool):
        return gettext("Yes") if value else gettext("No")
    if field in {"status", "funding_source"}:
        return str(_choice_labels().get(value, value))
    if field == "funding" and isinstance(value, list):
        labels = _choice_labels()
        return "; ".join(
            f"{year} {labels.get(source, source)}: {l10n.money(amount)}"
            for year, source, amount in value
        )
    if field in MONEY:
        return l10n.money(value) or str(value)
    if field in NUMBERS:
        return l10n.number(value) or str(value)
    if field in DATES and isinstance(value, str):
        try:
            return formats.date_format(datetime.date.fromisoformat(value), "DATE_FORMAT")
        except ValueError:
            return value
    if field == "actuals" and isinstance(value, dict):
        return "; ".join(f"{year}: {l10n.number(v)}" for year, v in value.items())
    if isinstance(value, list):
        return "; ".join(
            indicator_text(v) if isinstance(v, dict) else value_text(v, field) for v in value
        )
    if isinstance(value, dict):
        return "; ".join(f"{field_label(k)}: {value_text(v, k)}" for k, v in value.items())
    if isinstance(value, int | float):
        return l10n.number(value)
    return str(value)


def indicator_text(data: dict) -> str:
    """An indicator as a sentence's part: name, baseline, target and unit, reported values."""
    parts = [str(data.get("name", ""))]
    unit = data.get("unit") or ""
    if data.get("baseline") not in (None, ""):
        parts.append(gettext("baseline %(value)s") % {"value": l10n.number(data["baseline"])})
    if data.get("target") not in (None, ""):
        parts.append(
            gettext("target %(value)s %(unit)s")
            % {"value": l10n.number(data["target"]), "unit": unit}
        )
    for year, value in (data.get("actuals") or {}).items():
        parts.append(f"{year}: {l10n.number(value)}")
    return ", ".join(part.strip() for part in parts if part)


def _words(text: str, own: bool, language: str, *, quote: bool | None = None):
    """Text for a sentence: the region's own words quoted and marked with their language."""
    text = Truncator(text).chars(LONG_TEXT)
    quote = own if quote is None else quote
    if own and language:
        text = format_html('<span lang="{}">{}</span>', language, text)
    return format_html("“{}”", text) if quote else conditional_escape(text)


def _sentence(template: str, **parts):
    # The sentence is ours (translated); the parts are escaped or already safe.
    return mark_safe(conditional_escape(template) % parts)  # noqa: S308


def change_sentences(change, language: str = "") -> list:
    """One sentence per changed field of a recorded change (safe HTML)."""
    kind = change.get_kind_display()
    # Checklist items are named in the reader's language, the workplan by region and cycle.
    own_label = change.kind not in {"response", "workplan"}
    label = _words(change.label, own_label, language, quote=True)
    before = change.before if isinstance(change.before, dict) else None
    after = change.after if isinstance(change.after, dict) else None
    if before is None and after is not None:
        return [_sentence(gettext("%(kind)s %(label)s added"), kind=kind, label=label)]
    if after is None:
        return [_sentence(gettext("%(kind)s %(label)s deleted"), kind=kind, label=label)]
    sentences = []
    for field in [*before, *(f for f in after if f not in before)]:
        old, new = before.get(field), after.get(field)
        if field in HIDDEN or old == new:
            continue
        own = field in OWN_WORDS
        parts = {
            "field": conditional_escape(str(SENTENCE_LABELS.get(field) or field_label(field))),
            "label": label,
            "before": _words(value_text(old, field), own, language),
            "after": _words(value_text(new, field), own, language),
        }
        if not value_text(old, field):
            template = gettext("%(field)s of %(label)s set to %(after)s")
        elif not value_text(new, field):
            template = gettext("%(field)s of %(label)s cleared (was %(before)s)")
        else:
            template = gettext("%(field)s of %(label)s changed from %(before)s to %(after)s")
        sentences.append(_sentence(template, **parts))
    return sentences
