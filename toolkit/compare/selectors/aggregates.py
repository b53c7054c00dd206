"""The network's figures: actions by status, budgets by priority and fund, stakeholders and
capacity-building reach."""

import hashlib
import json
from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Q, Sum

from handbook.models import PARTICIPANT_FIELDS, CapacityActivity
from regions.models import GovernanceLevel, Sector, Stakeholder
from toolkit.models import (
    ActionStatus,
    FundingSource,
)

from .. import cache
from .sources import Filters


def filtered_actions(srcs, filters: Filters):
    for src in srcs:
        for action in src.actions:
            if filters.priority and action["priority"] != filters.priority:
                continue
            if filters.area and filters.area not in action["thematic_areas"]:
                continue
            yield src, action


def tallies_key(srcs, readable_ids, filters: Filters) -> str | None:
    """Cache key of the action tallies of these sources, or None when a live draft is among them.

    Snapshots never change, so the cited snapshots, the filters and who is looking decide the
    tallies; the readable regions are part of the key so no one is served another's view."""
    if any(s.is_draft for s in srcs):
        return None
    raw = json.dumps(
        [
            filters.priority,
            filters.area,
            sorted(readable_ids),
            [(s.region.pk, s.snapshot_uuid) for s in srcs],
        ]
    )
    return "compare:tallies:v2:" + hashlib.sha256(raw.encode()).hexdigest()


def action_tallies(srcs, filters: Filters) -> dict:
    """Actions by status per source (in the order of `srcs`) and budget by priority and funding
    source, from the loaded actions; plain data, so it can be cached."""
    counts = {s.region.pk: Counter() for s in srcs}
    sums = defaultdict(Decimal)
    for src, action in filtered_actions(srcs, filters):
        counts[src.region.pk][action["status"]] += 1
        # The funding mix where the action has one (snapshots before it have none).
        for _year, source, amount in action.get("funding") or []:
            sums[(action["priority"], source)] += Decimal(amount)
        if action["budget"] is not None and not action.get("funding"):
            source = action["funding_source"] or FundingSource.OTHER
            sums[(action["priority"], source)] += action["budget"]
    return {
        "status": [[counts[s.region.pk][v] for v, _ in ActionStatus.choices] for s in srcs],
        "budget": [[n, source, str(total)] for (n, source), total in sums.items()],
    }


def actions_by_status(srcs, tallies: dict) -> dict:
    return {
        "series": [str(label) for _, label in ActionStatus.choices],
        "categories": [s.region.name for s in srcs],
        "countries": [s.region.country for s in srcs],
        "values": [list(row) for row in tallies["status"]],
    }


def budgets(tallies: dict, filters: Filters, columns) -> dict:
    """Budget (EUR) by priority and funding source, summed over the compared regions."""
    sums = defaultdict(Decimal)
    for number, source, total in tallies["budget"]:
        sums[(number, source)] = Decimal(total)
    numbers = [n for n, _ in columns if not filters.priority or n == filters.priority]
    return {
        "series": [str(label) for _, label in FundingSource.choices],
        "categories": [f"{n}. {title}" for n, title in columns if n in numbers],
        "values": [[sums[(n, v)] for v, _ in FundingSource.choices] for n in numbers],
    }


def stakeholder_mix(regions) -> dict:
    """See _stakeholder_mix; kept per set of regions until the registry changes."""
    return cache.kept("stakeholder-mix", regions, _stakeholder_mix)


def _stakeholder_mix(regions) -> dict:
    """Stakeholders by sector per region, and sector × governance level over all, in two
    queries: one row per region with a count per sector, and one per sector and level. (One row
    per region, sector and level was thousands of rows at network scale, most of the page's
    time spent converting them.)"""
    ids = [r.pk for r in regions]
    rows = Stakeholder.objects.filter(region__in=ids).order_by()
    sectors = [value for value, _label in Sector.choices]
    by_region = defaultdict(Counter)
    for region_id, *counts in (
        rows.values("region_id")
        .annotate(**{f"n_{i}": Count("id", filter=Q(sector=v)) for i, v in enumerate(sectors)})
        .values_list("region_id", *(f"n_{i}" for i in range(len(sectors))))
    ):
        by_region[region_id].update({v: n for v, n in zip(sectors, counts, strict=True) if n})
    by_level = defaultdict(Counter)
    for sector, level, n in (
        rows.values("sector", "level").annotate(n=Count("id")).values_list("sector", "level", "n")
    ):
        by_level[sector][level] += n
    shown = [r for r in regions if by_region[r.pk]]
    return {
        "series": [str(label) for _, label in Sector.choices],
        "categories": [r.name for r in shown],
        "countries": [r.country for r in shown],
        "ids": [r.pk for r in shown],
        "values": [[by_region[r.pk][v] for v, _ in Sector.choices] for r in shown],
        "levels": [str(label) for _, label in GovernanceLevel.choices],
        "level_rows": [
            (str(label), [by_level[v][lv] for lv, _ in GovernanceLevel.choices])
            for v, label in Sector.choices
        ],
    }


def capacity_reach(regions) -> dict:
    """See _capacity_reach; kept per set of regions until the records change."""
    return cache.kept("capacity-reach", regions, _capacity_reach)


def _capacity_reach(regions) -> dict:
    """Capacity-building participants by sector per region, in one query."""
    labels = [str(CapacityActivity._meta.get_field(f).verbose_name) for f in PARTICIPANT_FIELDS]
    rows = {
        row["region_id"]: row
        for row in CapacityActivity.objects.filter(region__in=[r.pk for r in regions])
        .values("region_id")
        .annotate(**{f: Sum(f, default=0) for f in PARTICIPANT_FIELDS})
        .order_by()
    }
    shown = [r for r in regions if r.pk in rows]
    return {
        "series": labels,
        "categories": [r.name for r in shown],
        "countries": [r.country for r in shown],
        "ids": [r.pk for r in shown],
        "values": [[rows[r.pk][f] for f in PARTICIPANT_FIELDS] for r in shown],
    }
