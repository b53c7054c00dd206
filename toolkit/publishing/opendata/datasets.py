"""The open datasets, built only from what is published: one table each, with stable English
column keys and a data dictionary that names, types and explains every column.

Rows are written in English whatever the reader's language, so a file fetched twice is the same
file; the dictionary's labels and descriptions follow the reader's language."""

from datetime import date, datetime

from django.utils import timezone, translation

from handbook.models import PARTICIPANT_FIELDS, ActivityKind

from .. import selectors as core
from . import selectors
from .columns import DATASETS, TYPE_LABELS, UNIT_LABELS


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
