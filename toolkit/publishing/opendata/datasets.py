"""The open datasets, built only from what is published: one table each, with stable English
column keys and a data dictionary that names, types and explains every column.

Rows are written in English whatever the reader's language, so a file fetched twice is the same
file; the dictionary's labels and descriptions follow the reader's language."""

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone, translation
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from handbook.models import PARTICIPANT_FIELDS, ActivityKind

from .. import selectors as core
from . import selectors

TEXT, INTEGER, DECIMAL, DATE = "string", "integer", "decimal", "date"
TYPE_LABELS = {
    TEXT: _("Text"),
    INTEGER: _("Whole number"),
    DECIMAL: _("Decimal number"),
    DATE: _("Date (YYYY-MM-DD)"),
}
UNIT_LABELS = {
    "": "",
    "EUR": _("euro"),
    "percent": _("percent"),
    "year": _("year"),
    "people": _("people"),
    "activities": _("activities"),
    "actions": _("actions"),
    "indicators": _("indicators"),
}


@dataclass(frozen=True)
class Column:
    name: str
    type: str
    unit: str
    label: Promise
    description: Promise


@dataclass(frozen=True)
class Dataset:
    name: str
    title: Promise
    description: Promise
    keywords: tuple
    columns: tuple

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


REGION = Column("region", TEXT, "", _("Region"), _("Name of the region that published the data."))
CYCLE = Column(
    "cycle",
    TEXT,
    "",
    _("Strategy cycle"),
    _("First and last year of the strategy, e.g. 2025-2027."),
)
ACTION = Column("action_title", TEXT, "", _("Action"), _("Title of the action."))

DATASETS = {
    d.name: d
    for d in [
        Dataset(
            "strategies",
            _("Published integration strategies"),
            _(
                "One row per published regional integration strategy: the approved revision, "
                "when it was approved and published, how complete it is, its budget and the "
                "number of its actions and indicators."
            ),
            (_("integration strategy"), _("migrant integration"), _("regional policy")),
            (
                REGION,
                Column("country", TEXT, "", _("Country"), _("Country of the region.")),
                Column(
                    "nuts_code", TEXT, "", _("NUTS code"),
                    _("Eurostat NUTS code of the region (empty when not known)."),
                ),
                Column("cycle_start", INTEGER, "year", _("First year"), _("First year of the strategy cycle.")),
                Column("cycle_end", INTEGER, "year", _("Last year"), _("Last year of the strategy cycle.")),
                Column(
                    "revision", INTEGER, "", _("Revision"),
                    _("Number of the approved submission that was published."),
                ),
                Column("approved_date", DATE, "", _("Approved on"), _("Date the strategy was approved.")),
                Column("published_date", DATE, "", _("Published on"), _("Date the strategy was published.")),
                Column(
                    "completeness_percent", INTEGER, "percent", _("Completeness"),
                    _("Share of the checklist done, counting work in progress as half, leaving out items that do not apply."),
                ),
                Column(
                    "budget_total_eur", DECIMAL, "EUR", _("Total budget"),
                    _("Planned budget of all actions, in euro."),
                ),
                Column("action_count", INTEGER, "actions", _("Actions"), _("Number of actions.")),
                Column("indicator_count", INTEGER, "indicators", _("Indicators"), _("Number of indicators.")),
            ),
        ),
        Dataset(
            "actions",
            _("Actions of the published strategies"),
            _(
                "One row per action of a published strategy: its priority, objective, "
                "thematic areas, lead organisation, dates, status and budget."
            ),
            (_("actions"), _("migrant integration"), _("public budget")),
            (
                REGION,
                CYCLE,
                Column("priority_number", INTEGER, "", _("Priority number"), _("Number of the priority the action serves.")),
                Column("priority_title", TEXT, "", _("Priority"), _("Title of the priority.")),
                ACTION,
                Column("objective", TEXT, "", _("Objective"), _("What the action sets out to achieve.")),
                Column(
                    "thematic_areas", TEXT, "", _("Thematic areas"),
                    _("Thematic areas of the action, separated by semicolons."),
                ),
                Column(
                    "lead_organisation", TEXT, "", _("Lead organisation"),
                    _("Organisation leading the action; empty where the region chose not to publish organisation names."),
                ),
                Column("start_date", DATE, "", _("Start"), _("Planned start of the action.")),
                Column("end_date", DATE, "", _("End"), _("Planned end of the action.")),
                Column(
                    "status", TEXT, "", _("Status"),
                    _("One of: planned, ongoing, done, delayed, dropped."),
                ),
                Column("budget_eur", DECIMAL, "EUR", _("Budget"), _("Planned budget of the action, in euro.")),
            ),
        ),
        Dataset(
            "indicators",
            _("Indicators and reported values"),
            _(
                "One row per indicator and reported year, with its baseline and target; "
                "indicators with no accepted report yet appear once with an empty period and value."
            ),
            (_("indicators"), _("monitoring"), _("migrant integration")),
            (
                REGION,
                CYCLE,
                ACTION,
                Column("indicator", TEXT, "", _("Indicator"), _("Name of the indicator.")),
                Column("unit", TEXT, "", _("Unit"), _("Unit the indicator is measured in.")),
                Column("baseline", DECIMAL, "", _("Baseline"), _("Value when the strategy started.")),
                Column("target", DECIMAL, "", _("Target"), _("Value the region aims for by the end of the cycle.")),
                Column("period", INTEGER, "year", _("Reporting year"), _("Year of the accepted progress report.")),
                Column("value", DECIMAL, "", _("Reported value"), _("Value reported for that year.")),
            ),
        ),
        Dataset(
            "budgets",
            _("Planned budgets by year and source of funding"),
            _("One row per action, year and source of funding, with the planned amount."),
            (_("public budget"), _("funding"), _("migrant integration")),
            (
                REGION,
                CYCLE,
                ACTION,
                Column("year", INTEGER, "year", _("Year"), _("Budget year; empty when the amount is not split by year.")),
                Column("funding_source", TEXT, "", _("Source of funding"), _("Regional, National, AMIF, ESF+, ERDF or Other.")),
                Column("amount_eur", DECIMAL, "EUR", _("Amount"), _("Planned amount, in euro.")),
            ),
        ),
        Dataset(
            "capacity-building",
            _("Capacity-building reach"),
            _(
                "Capacity-building activities of the regions that have published a strategy, "
                "per year and kind of activity, with the number of participants from each sector."
            ),
            (_("capacity building"), _("training"), _("participation")),
            (
                REGION,
                Column("year", INTEGER, "year", _("Year"), _("Year the activities took place.")),
                Column(
                    "activity_kind", TEXT, "", _("Kind of activity"),
                    _("Online session, Learning lab or Other."),
                ),
                Column("activities", INTEGER, "activities", _("Activities"), _("Number of activities.")),
                Column("participants_public", INTEGER, "people", _("Public authorities"), _("Participants from public authorities.")),
                Column("participants_private", INTEGER, "people", _("Private sector"), _("Participants from the private sector.")),
                Column("participants_civil", INTEGER, "people", _("Civil society"), _("Participants from civil society.")),
                Column("participants_migrant", INTEGER, "people", _("Migrant-led organisations"), _("Participants from migrant-led organisations.")),
                Column("participants_other", INTEGER, "people", _("Other participants"), _("Other participants.")),
                Column("participants_total", INTEGER, "people", _("All participants"), _("Participants from every sector.")),
            ),
        ),
    ]
}  # fmt: skip


def _date(value) -> date | None:
    if not value:
        return None
    if isinstance(value, datetime):
        return timezone.localdate(value)
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def _cycle(s: dict) -> str:
    return f"{s['cycle']['start_year']}-{s['cycle']['end_year']}"


def _actions(items):
    for s in items:
        for p in s["priorities"]:
            for a in p["actions"]:
                yield s, p, a


def _strategies(items, _publications) -> list[dict]:
    return [
        {
            "region": s["region"]["name"],
            "country": s["region"]["country"],
            "nuts_code": s["region"]["nuts_code"] or "",
            "cycle_start": s["cycle"]["start_year"],
            "cycle_end": s["cycle"]["end_year"],
            "revision": s["revision"],
            "approved_date": _date(s["approved_at"]),
            "published_date": _date(s["published_at"]),
            "completeness_percent": s["completeness"],
            "budget_total_eur": s["budget_total"],
            "action_count": s["action_count"],
            "indicator_count": s["indicator_count"],
        }
        for s in items
    ]


def _action_rows(items, _publications) -> list[dict]:
    return [
        {
            "region": s["region"]["name"],
            "cycle": _cycle(s),
            "priority_number": p["number"],
            "priority_title": p["title"],
            "action_title": a["title"],
            "objective": a["objective"],
            "thematic_areas": "; ".join(a["thematic_areas"]),
            "lead_organisation": a["lead_organisation"],
            "start_date": _date(a["start_date"]),
            "end_date": _date(a["end_date"]),
            "status": a["status"],
            "budget_eur": a["budget"],
        }
        for s, p, a in _actions(items)
    ]


def _indicator_rows(items, _publications) -> list[dict]:
    rows = []
    for s, _p, a in _actions(items):
        for i in a["indicators"]:
            base = {
                "region": s["region"]["name"],
                "cycle": _cycle(s),
                "action_title": a["title"],
                "indicator": i["name"],
                "unit": i["unit"],
                "baseline": i["baseline"],
                "target": i["target"],
            }
            for reported in i["values"] or [{"period": None, "value": None}]:
                rows.append({**base, "period": reported["period"], "value": reported["value"]})
    return rows


def _budget_rows(items, _publications) -> list[dict]:
    return [
        {
            "region": s["region"]["name"],
            "cycle": _cycle(s),
            "action_title": a["title"],
            "year": f["year"],
            "funding_source": f["label"],
            "amount_eur": f["amount"],
        }
        for s, _p, a in _actions(items)
        for f in a["funding"]
    ]


def _capacity_rows(_items, publications) -> list[dict]:
    kinds = dict(ActivityKind.choices)
    rows = []
    for r in selectors.capacity_reach(publications):
        row = {
            "region": r["region__name"],
            "year": r["year"],
            "activity_kind": str(kinds.get(r["kind"], r["kind"])),
            "activities": r["activities"],
        }
        row.update({f: r[f] for f in PARTICIPANT_FIELDS})
        row["participants_total"] = sum(r[f] for f in PARTICIPANT_FIELDS)
        rows.append(row)
    return rows


BUILDERS = {
    "strategies": _strategies,
    "actions": _action_rows,
    "indicators": _indicator_rows,
    "budgets": _budget_rows,
    "capacity-building": _capacity_rows,
}


def build(name: str) -> dict:
    """A dataset's rows (dicts keyed by column name, Python values) and the facts every
    distribution states: licence, publication dates. Queries do not grow with the regions."""
    dataset = DATASETS[name]
    with translation.override("en"):
        publications = core.live_publications()
        items = core.strategies(language="en")
        network = selectors.catalogue_network(publications)
        licence = core.licence_of(network) if network else None
        rows = BUILDERS[name](items, publications)
    dates = selectors.publication_dates()
    return {
        "dataset": dataset,
        "columns": dataset.column_names,
        "rows": [{c: row.get(c) for c in dataset.column_names} for row in rows],
        "licence": licence,
        "issued": dates["issued"],
        "modified": dates["modified"],
    }


def dictionary(name: str) -> list[dict]:
    """Every column of a dataset: key, English name, label in the reader's language, type, unit
    and description."""
    out = []
    for c in DATASETS[name].columns:
        with translation.override("en"):
            english = str(c.label)
        out.append(
            {
                "name": c.name,
                "english_name": english,
                "label": str(c.label),
                "type": c.type,
                "type_label": str(TYPE_LABELS[c.type]),
                "unit": c.unit,
                "unit_label": str(UNIT_LABELS[c.unit]),
                "description": str(c.description),
            }
        )
    return out


def is_number(value) -> bool:
    return isinstance(value, (int, Decimal)) and not isinstance(value, bool)
