"""The history of a report's edits, as people read it: labels, not codes."""

from decimal import Decimal

from django.utils.formats import number_format
from django.utils.translation import gettext_lazy

from toolkit.models import (
    ActionStatus,
    FundingSource,
)

from ..models import (
    ReportChange,
)

# History of a report ----------------------------------------------------------------------------

HISTORY_SHOWN = 30
HISTORY_FIELDS = {
    "status": gettext_lazy("Status in the period"),
    "narrative": gettext_lazy("What was done"),
    "evidence_link": gettext_lazy("Evidence link"),
    "spent": gettext_lazy("Spent in the period (EUR)"),
    "spent_by_source": gettext_lazy("Spent per funding source (EUR)"),
    "value": gettext_lazy("Value in the period"),
    "explanation": gettext_lazy("Explanation"),
    "results": gettext_lazy("Results"),
    "difficulties": gettext_lazy("Difficulties"),
    "lessons": gettext_lazy("Lessons learned"),
    "changes_proposed": gettext_lazy("Changes proposed for next year"),
}


def _amount(value) -> str:
    """35, 35.00 and 35.0 read alike: whole numbers without decimals, others with two."""
    try:
        number = Decimal(str(value))
    except ArithmeticError:
        return str(value)
    if number == number.to_integral_value():
        return number_format(number.to_integral_value(), force_grouping=True)
    return number_format(number.quantize(Decimal("0.01")), 2, force_grouping=True)


def _readable(field: str, value) -> str:
    if value in (None, "", {}):
        return "—"
    if field == "status":
        return str(dict(ActionStatus.choices).get(value, value))
    if field in {"spent", "value"}:
        return _amount(value)
    if field == "spent_by_source":
        sources = dict(FundingSource.choices)
        return "; ".join(f"{sources.get(k, k)}: {_amount(v)}" for k, v in sorted(value.items()))
    text = str(value)
    return text if len(text) <= 120 else text[:119] + "…"


def report_history(report) -> list[dict]:
    """The latest saved edits of the report as sentences' parts: when, who, what, from, to."""
    changes = (
        ReportChange.objects.for_region(report.region_id)
        .filter(report=report)
        .select_related("by")[:HISTORY_SHOWN]
    )
    return [
        {
            "at": change.at,
            "by": change.by,
            "what": change.label if change.kind != "narrative" else gettext_lazy("Overall"),
            # An action's title or an indicator's name is in the workplan's language.
            "own_words": change.kind != "narrative",
            "fields": [
                (
                    HISTORY_FIELDS.get(f, f),
                    _readable(f, change.before.get(f)),
                    _readable(f, change.after.get(f)),
                )
                for f in change.after
            ],  # fmt: skip
        }
        for change in changes
    ]
