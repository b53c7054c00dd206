"""The comparison's progress view: per region, for one reporting period, how far the indicators
got against their targets, how much of the planned budget was spent per fund and how the actions
stand, read from the reports as submitted (never from drafts), with the same numbers as tables
and as open data."""

from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from handbook.translation.lookup import translated_titles
from toolkit.models import ActionStatus, FundingSource, LibraryIndicator
from toolkit.reporting.progress import (
    AT_RISK,
    OFF_TRACK,
    ON_TRACK,
    STATE_LABELS,
    achievement,
    by_source,
    report_summary,
)

from . import charts

STATES = [ON_TRACK, AT_RISK, OFF_TRACK]
DICTIONARY = [
    (
        "all",
        "formats",
        "Machine formats, whatever the reader's language: a dot as decimal sign, no thousands "
        "separator, amounts in euro without a currency sign, dates as YYYY-MM-DD",
    ),
    ("indicators", "region", "Region name"),
    ("indicators", "year", "Year reported on"),
    ("indicators", "report_status", "submitted or accepted"),
    ("indicators", "action", "Title of the action the indicator belongs to"),
    ("indicators", "library_code", "Code in the network's indicator library; empty for the region's own"),
    ("indicators", "indicator", "Indicator name"),
    ("indicators", "unit", "Unit the values are counted in"),
    ("indicators", "baseline", "Value before the strategy started"),
    ("indicators", "value", "Value reported for the year"),
    ("indicators", "reached", "Value reached by the end of the year: baseline plus every year's "
     "value for counts, the latest value for percentages and rates"),
    ("indicators", "target", "Value to reach by the end of the cycle"),
    ("indicators", "achieved_percent", "Share of the way from baseline to target covered, in percent"),
    ("indicators", "state", "on_track, at_risk or off_track"),
    ("actions", "region", "Region name"),
    ("actions", "year", "Year reported on"),
    ("actions", "action", "Action title"),
    ("actions", "status", "planned, ongoing, done, delayed or dropped, as reported for the year"),
    ("actions", "funding_source", "regional, national, amif, esf_plus, erdf or other; one row per "
     "source of the action's funding mix"),
    ("actions", "planned_eur", "Budget planned for the year from this source in euro"),
    ("actions", "spent_eur", "Budget spent in the year from this source in euro"),
]  # fmt: skip


def _dec(value) -> Decimal | None:
    try:
        return None if value in (None, "") else Decimal(value)
    except InvalidOperation:
        return None


def summarise(reports) -> list[dict]:
    """One line per report: the counts and sums the charts and the table show, from the summary
    written when the report was submitted."""
    out = []
    for report in reports:
        summary = report.summary or report_summary(report.submitted_data)
        planned, spent = Decimal(summary["planned"]), Decimal(summary["spent"])
        out.append(
            {
                "report": report,
                "region": report.region,
                "states": [summary["states"].get(s, 0) for s in STATES],
                "statuses": summary["statuses"],
                "planned": planned,
                "spent": spent,
                "execution": round(spent / planned * 100) if planned else None,
                "funds": {
                    source: [Decimal(p), Decimal(s)] for source, (p, s) in summary["funds"].items()
                },
            }
        )
    return out


def fund_label(key) -> str:
    return str(dict(FundingSource.choices).get(key) or _("Not given"))


def progress_charts(lines) -> list[charts.Chart]:
    if not lines:
        return []
    regions = [line["region"].name for line in lines]
    state_names = [str(STATE_LABELS[s]) for s in STATES]
    status_keys = [key for key, _label in ActionStatus.choices]
    fund_keys = sorted({key for line in lines for key in line["funds"]}, key=lambda k: (k == "", k))
    planned = [
        sum((line["funds"].get(k, [0, 0])[0] for line in lines), Decimal(0)) for k in fund_keys
    ]
    spent = [
        sum((line["funds"].get(k, [0, 0])[1] for line in lines), Decimal(0)) for k in fund_keys
    ]
    # Whole euros read better in a chart; the open data keeps the cents.
    fund_rows = [[round(s), max(round(p - s), 0)] for p, s in zip(planned, spent, strict=True)]
    drawn = [
        charts.stacked_bar_chart(
            id="progress-states",
            title=_("Indicators by progress"),
            summary=_("How many of each region's indicators are on track, at risk or off track."),
            categories=regions,
            series=state_names,
            values=[line["states"] for line in lines],
            label_column=_("Region"),
        ),
        charts.bar_chart(
            id="progress-execution",
            title=_("Budget spent against the plan for the year (%)"),
            summary=_("Spending reported for the year as a share of the budget planned for it."),
            rows=[(line["region"].name, line["execution"]) for line in lines],
            unit="%",
            value_label=_("Spent against plan (%)"),
            label_column=_("Region"),
        ),
        charts.stacked_bar_chart(
            id="progress-funds",
            title=_("Spent and left unspent per fund (EUR)"),
            summary=_("What the regions compared spent in the year per funding source, and what "
                      "was left of the budget planned for it."),
            categories=[fund_label(k) for k in fund_keys],
            series=[_("Spent"), _("Planned, not spent")],
            values=fund_rows,
            label_column=_("Funding source"),
        ),
        charts.stacked_bar_chart(
            id="progress-actions",
            title=_("Actions by status in the year"),
            summary=_("How each region's actions stood at the end of the year."),
            categories=regions,
            series=[str(label) for _key, label in ActionStatus.choices],
            values=[[line["statuses"].get(k, 0) for k in status_keys] for line in lines],
            label_column=_("Region"),
        ),
    ]  # fmt: skip
    # A panel with nothing to draw says why instead (docs/compare.md).
    states, execution, funds, actions = drawn
    if not any(any(line["states"]) for line in lines):
        states.empty = _("The reports compared give no indicator a progress state yet.")
    if all(line["execution"] is None for line in lines):
        execution.empty = _(
            "The reports compared plan no budget for the year, so there is no "
            "spending to set against it."
        )
    if not any(planned) and not any(spent):
        funds.empty = _("The reports compared record no budget or spending per fund for the year.")
    if not any(any(line["statuses"].values()) for line in lines):
        actions.empty = _("The reports compared give no action a status for the year yet.")
    return drawn


def library_table(reports) -> tuple[list[str], list[list]]:
    """Library indicators side by side: one row per library code, one column per region."""
    codes: dict[str, str] = {}
    values: dict[tuple[str, int], str] = {}
    for report in reports:
        summary = report.summary or report_summary(report.submitted_data)
        for code, (name, reached) in summary.get("library", {}).items():
            codes.setdefault(code, name)
            values[(code, report.region_id)] = reached
    # Rows are named by the library's entry in the reader's language, not a region's wording.
    found = LibraryIndicator.objects.filter(code__in=codes).values_list("code", "pk", "name")
    entries = {code: pk for code, pk, _name in found}
    names = translated_titles(
        "toolkit.LibraryIndicator", {pk: name for _code, pk, name in found}, field="name"
    )
    columns = [_("Library indicator")] + [r.region.name for r in reports]
    rows = [
        [
            f"{code} · {names.get(entries.get(code), name)}",
            *[_dec(values.get((code, r.region_id))) for r in reports],
        ]
        for code, name in sorted(codes.items())
    ]
    return columns, rows


def tables(reports, year) -> dict[str, dict]:
    """Open data of the period: indicators and actions, one row each per report."""
    indicators, actions = [], []
    for report in reports:
        data, name = report.submitted_data, report.region.name
        for row in data["indicators"]:
            indicators.append(
                [name, year, report.status, row.get("action", ""), row.get("library", ""),
                 row["name"], row.get("unit", ""), row.get("baseline"), row.get("value"),
                 row.get("reached"), row.get("target"), achievement(row), row.get("state") or ""]
            )  # fmt: skip
        for row in data["actions"]:
            for source, planned, spent in by_source(row):
                actions.append(
                    [name, year, row["title"], row.get("status") or "", source, planned, spent]
                )
    return {
        "indicators": {
            "columns": [c for t, c, _d in DICTIONARY if t == "indicators"],
            "rows": indicators,
        },
        "actions": {"columns": [c for t, c, _d in DICTIONARY if t == "actions"], "rows": actions},
    }


TABLE_NAMES = [
    ("indicators", gettext_lazy("Indicators reported")),
    ("actions", gettext_lazy("Actions and spending")),
]
