"""Cross-region reads for comparisons.

Every read starts from the regions the user may compare (`comparable_regions`): the regions they
hold a role in (`regions_for_user`, the one door) plus the regions of the same networks that share
with the network. Data of a region the user cannot read directly comes only from submitted
snapshots; a live draft is read only on request and only for regions the user may read.
The number of queries does not depend on the number of regions.
"""

import hashlib
import json
import logging
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from handbook.models import PARTICIPANT_FIELDS, CapacityActivity
from regions.access import is_coordinator, regions_for_user
from regions.models import GovernanceLevel, Region, Sector, Stakeholder
from toolkit.completeness import completeness
from toolkit.models import (
    Action,
    ActionStatus,
    FundingSource,
    ItemResponse,
    ItemStatus,
    Priority,
    Snapshot,
    SnapshotOutcome,
    StrategyCycle,
    Workplan,
)
from toolkit.selectors import shared_texts

from .models import SnapshotSummary

logger = logging.getLogger("eubelong.compare")

# Which snapshot of a workplan a comparison cites, best first.
SOURCE_LABELS = {
    "approved": _("approved"),
    "submitted": _("submitted, awaiting review"),
    "changes_requested": _("submitted, changes requested"),
    "draft": _("current working version"),
}


@dataclass
class Filters:
    cycle: int | None = None
    country: str = ""
    priority: int | None = None
    area: str = ""
    drafts: bool = False
    regions: list[str] = field(default_factory=list)


@dataclass
class Source:
    """Where one region's numbers come from: a snapshot, or the live workplan when asked."""

    region: Region
    workplan_id: int
    cycle: str
    start_year: int
    template_id: int
    kind: str
    revision: int
    snapshot_id: int | None = None
    snapshot_uuid: str | None = None
    # Filled by the loaders.
    priorities: dict = field(default_factory=dict)  # number -> {"completeness", "title", "summary"}
    completeness: int | None = None
    actions: list = field(default_factory=list)
    items: dict = field(default_factory=dict)  # priority number -> list of item dicts

    @property
    def label(self) -> str:
        return str(SOURCE_LABELS[self.kind])

    @property
    def is_draft(self) -> bool:
        return self.kind == "draft"


# --- who may be compared ------------------------------------------------------------------


def comparable_regions(user, *, country: str = "") -> tuple[list[Region], set[int]]:
    """The regions `user` may compare and, among them, the ids they may read in full."""
    readable = regions_for_user(user)
    shared = Q(network__in=readable.values("network_id")) & ~Q(
        compare_sharing__shares_with_network=False
    )
    regions = Region.objects.filter(Q(pk__in=readable.values("pk")) | shared).order_by("name")
    readable_ids = set(readable.values_list("pk", flat=True))
    regions = list(regions)
    if country:
        regions = [r for r in regions if r.country == country]
    return regions, readable_ids


def log_read(user, what: str, regions) -> None:
    if is_coordinator(user):
        logger.info(
            "coordinator cross-region read",
            extra={"user": user.pk, "what": what, "regions": [r.slug for r in regions]},
        )


# --- sources ------------------------------------------------------------------------------


def _best_snapshot(snapshots: list[dict]) -> dict | None:
    approved = [s for s in snapshots if s["outcome"] == SnapshotOutcome.APPROVED]
    pool = approved or snapshots
    return max(pool, key=lambda s: s["revision"]) if pool else None


def sources(regions, readable_ids, filters: Filters) -> list[Source]:
    """One source per region (or none): the cited snapshot of the chosen cycle, or of the most
    recent cycle with a submission; the live workplan instead when drafts are asked for and the
    user may read the region."""
    by_id = {r.pk: r for r in regions}
    workplans = Workplan.objects.filter(region__in=list(by_id))
    if filters.cycle:
        workplans = workplans.filter(cycle__start_year=filters.cycle)
    workplans = list(
        workplans.values(
            "id",
            "region_id",
            "template_id",
            "status",
            "revision",
            "cycle__start_year",
            "cycle__end_year",
        ).order_by("-cycle__start_year")
    )
    snaps = defaultdict(list)
    # The same workplans as above, by their region and cycle: a list of every workplan id would
    # make the query grow with the network.
    snapshots = Snapshot.objects.filter(region__in=list(by_id))
    if filters.cycle:
        snapshots = snapshots.filter(workplan__cycle__start_year=filters.cycle)
    for snap in snapshots.values("id", "uuid", "workplan_id", "revision", "outcome"):
        snaps[snap["workplan_id"]].append(snap)

    chosen: dict[int, Source] = {}
    for wp in workplans:
        region_id = wp["region_id"]
        if region_id in chosen:
            continue
        base = {
            "region": by_id[region_id],
            "workplan_id": wp["id"],
            "cycle": f"{wp['cycle__start_year']}–{wp['cycle__end_year']}",
            "start_year": wp["cycle__start_year"],
            "template_id": wp["template_id"],
        }
        if filters.drafts and region_id in readable_ids:
            chosen[region_id] = Source(kind="draft", revision=wp["revision"], **base)
            continue
        best = _best_snapshot(snaps[wp["id"]])
        if best is None:
            continue
        kind = {
            SnapshotOutcome.APPROVED: "approved",
            SnapshotOutcome.PENDING: "submitted",
            SnapshotOutcome.CHANGES_REQUESTED: "changes_requested",
        }[best["outcome"]]
        chosen[region_id] = Source(
            kind=kind,
            revision=best["revision"],
            snapshot_id=best["id"],
            snapshot_uuid=str(best["uuid"]),
            **base,
        )
    return [chosen[r.pk] for r in regions if r.pk in chosen]


def template_priorities(srcs) -> dict[int, list[dict]]:
    """template id -> its priorities in order (id, number, title)."""
    out = defaultdict(list)
    for p in (
        Priority.objects.filter(template__in={s.template_id for s in srcs})
        .values("template_id", "id", "number", "title")
        .order_by("template_id", "number")
    ):
        out[p["template_id"]].append(p)
    return out


def priority_columns(tpl_priorities) -> list[tuple[int, str]]:
    """The priority numbers across templates, titled as in the newest template, in the reader's
    language (one query outside English, whatever the number of regions)."""
    newest = {}
    for template_id in sorted(tpl_priorities):
        for p in tpl_priorities[template_id]:
            newest[p["number"]] = p
    texts = shared_texts(priorities=[p.get("id") for p in newest.values()])
    return sorted(
        (number, texts.text("priority", p.get("id"), "title", p["title"]))
        for number, p in newest.items()
    )


def localise_items(items: list[dict]) -> list[dict]:
    """Copies of checklist answers with the item texts in the reader's language, in one query.

    Answers from snapshots frozen before item ids were kept show their English text."""
    texts = shared_texts(items=[i.get("item_id") for i in items])
    return [
        {**i, "text": texts.text("checklistitem", i.get("item_id"), "text", i["text"])}
        for i in items
    ]


def _money(value) -> Decimal | None:
    if value in (None, ""):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _summarise(snapshot_id: int, region_id: int, data: dict) -> SnapshotSummary:
    priorities, actions = {}, []
    for p in data.get("priorities") or []:
        priorities[str(p["number"])] = p.get("completeness")
        for a in p.get("actions") or []:
            actions.append(
                {
                    "priority": p["number"],
                    "title": a.get("title", ""),
                    "status": a.get("status", ""),
                    "budget": a.get("budget"),
                    "funding_source": a.get("funding_source") or "",
                    "thematic_areas": a.get("thematic_areas") or [],
                }
            )
    return SnapshotSummary(
        snapshot_id=snapshot_id,
        region_id=region_id,
        completeness=data.get("completeness"),
        priorities=priorities,
        actions=actions,
    )


def snapshot_summarise(*, snapshot, **kwargs) -> None:
    """Summarise a snapshot as it is frozen (toolkit.signals.snapshot_frozen), so comparisons
    never have to read its full data. Reads summarise any snapshot still missing one."""
    summary = _summarise(snapshot.pk, snapshot.region_id, snapshot.data or {})
    SnapshotSummary.objects.bulk_create([summary], ignore_conflicts=True)


def snapshot_summaries(srcs, *, with_actions: bool = True) -> list[SnapshotSummary]:
    """The summary of each source's snapshot; the few not yet summarised are summarised now."""
    region_ids = [s.region.pk for s in srcs]
    wanted = [s.snapshot_id for s in srcs]
    rows = SnapshotSummary.objects.filter(region__in=region_ids, snapshot__in=wanted)
    if not with_actions:
        rows = rows.defer("actions")
    found = {row.snapshot_id: row for row in rows}
    missing = [pk for pk in wanted if pk not in found]
    if missing:
        fresh = [
            _summarise(row["id"], row["region_id"], row["data"])
            for row in Snapshot.objects.filter(region__in=region_ids, pk__in=missing).values(
                "id", "region_id", "data"
            )
        ]
        SnapshotSummary.objects.bulk_create(fresh, ignore_conflicts=True)
        found.update((row.snapshot_id, row) for row in fresh)
    return [found[pk] for pk in wanted]


def load_overview(srcs, tpl_priorities, *, with_actions: bool = True) -> None:
    """Completeness per priority and the actions, in a fixed number of queries."""
    snap_srcs = [s for s in srcs if not s.is_draft]
    draft_srcs = [s for s in srcs if s.is_draft]
    if snap_srcs:
        summaries = snapshot_summaries(snap_srcs, with_actions=with_actions)
        for src, summary in zip(snap_srcs, summaries, strict=True):
            src.completeness = summary.completeness
            for number, value in summary.priorities.items():
                src.priorities[int(number)] = {"completeness": value}
            if with_actions:
                src.actions = [{**a, "budget": _money(a.get("budget"))} for a in summary.actions]
    if draft_srcs:
        by_wp = {s.workplan_id: s for s in draft_srcs}
        region_ids = [s.region.pk for s in draft_srcs]
        statuses = defaultdict(Counter)
        for row in (
            ItemResponse.objects.filter(region__in=region_ids, workplan__in=list(by_wp))
            .values("workplan_id", "item__priority__number", "status")
            .annotate(n=Count("id"))
            .order_by()
        ):
            statuses[(row["workplan_id"], row["item__priority__number"])][row["status"]] += row["n"]
        for src in draft_srcs:
            overall = Counter()
            for p in tpl_priorities[src.template_id]:
                counts = statuses[(src.workplan_id, p["number"])]
                overall.update(counts)
                src.priorities[p["number"]] = {"completeness": completeness(counts.elements())}
            src.completeness = completeness(overall.elements())
        if with_actions:
            areas = defaultdict(list)
            actions = list(
                Action.objects.filter(region__in=region_ids, workplan__in=list(by_wp))
                .values(
                    "id",
                    "workplan_id",
                    "priority__number",
                    "title",
                    "status",
                    "budget",
                    "funding_source",
                )
                .order_by("priority__number", "created_at")
            )
            for row in Action.thematic_areas.through.objects.filter(
                region__in=region_ids, action__in=[a["id"] for a in actions]
            ).values("action_id", "thematic_area__title"):
                areas[row["action_id"]].append(row["thematic_area__title"])
            for a in actions:
                by_wp[a["workplan_id"]].actions.append(
                    {
                        "priority": a["priority__number"],
                        "title": a["title"],
                        "status": a["status"],
                        "budget": a["budget"],
                        "funding_source": a["funding_source"] or "",
                        "thematic_areas": areas[a["id"]],
                    }
                )


def load_items(srcs, tpl_priorities, number: int) -> None:
    """Each source's checklist answers under priority `number`, in two queries at most."""
    snap_srcs = [s for s in srcs if not s.is_draft]
    draft_srcs = [s for s in srcs if s.is_draft]
    if snap_srcs:
        index = {
            t: next((i for i, p in enumerate(ps) if p["number"] == number), None)
            for t, ps in tpl_priorities.items()
        }
        positions = {i for i in index.values() if i is not None}
        fields = ["id"]
        for i in positions:
            fields += [f"data__priorities__{i}__items", f"data__priorities__{i}__summary"]
        rows = {
            row["id"]: row
            for row in Snapshot.objects.filter(
                region__in=[s.region.pk for s in snap_srcs],
                pk__in=[s.snapshot_id for s in snap_srcs],
            ).values(*fields)
        }
        for src in snap_srcs:
            i = index.get(src.template_id)
            if i is None:
                src.items[number] = []
                continue
            row = rows[src.snapshot_id]
            src.items[number] = row[f"data__priorities__{i}__items"] or []
            src.priorities.setdefault(number, {})["summary"] = row[
                f"data__priorities__{i}__summary"
            ]
    if draft_srcs:
        by_wp = {s.workplan_id: s for s in draft_srcs}
        labels = dict(ItemStatus.choices)
        for src in draft_srcs:
            src.items[number] = []
        for row in (
            ItemResponse.objects.filter(
                region__in=[s.region.pk for s in draft_srcs],
                workplan__in=list(by_wp),
                item__priority__number=number,
            )
            .values(
                "workplan_id",
                "item_id",
                "item__number",
                "item__text",
                "status",
                "evidence",
                "link",
            )
            .order_by("item__number")
        ):
            by_wp[row["workplan_id"]].items[number].append(
                {
                    "item_id": row["item_id"],
                    "number": row["item__number"],
                    "text": row["item__text"],
                    "status": row["status"],
                    "status_label": str(labels.get(row["status"], row["status"])),
                    "evidence": row["evidence"],
                    "link": row["link"],
                }
            )
        from toolkit.models import PriorityResponse

        for row in PriorityResponse.objects.filter(
            region__in=[s.region.pk for s in draft_srcs],
            workplan__in=list(by_wp),
            priority__number=number,
        ).values("workplan_id", "summary"):
            by_wp[row["workplan_id"]].priorities.setdefault(number, {})["summary"] = row["summary"]


# --- panels -------------------------------------------------------------------------------


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
    return "compare:tallies:v1:" + hashlib.sha256(raw.encode()).hexdigest()


def action_tallies(srcs, filters: Filters) -> dict:
    """Actions by status per source (in the order of `srcs`) and budget by priority and funding
    source, from the loaded actions; plain data, so it can be cached."""
    counts = {s.region.pk: Counter() for s in srcs}
    sums = defaultdict(Decimal)
    for src, action in filtered_actions(srcs, filters):
        counts[src.region.pk][action["status"]] += 1
        if action["budget"] is not None:
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
    """Stakeholders by sector per region, and sector × governance level over all, in one query."""
    ids = [r.pk for r in regions]
    by_region = defaultdict(Counter)
    by_level = defaultdict(Counter)
    # Tuples, not dicts: at network scale this is thousands of rows.
    for region_id, sector, level, n in (
        Stakeholder.objects.filter(region__in=ids)
        .values("region_id", "sector", "level")
        .annotate(n=Count("id"))
        .values_list("region_id", "sector", "level", "n")
        .order_by()
    ):
        by_region[region_id][sector] += n
        by_level[sector][level] += n
    shown = [r for r in regions if by_region[r.pk]]
    return {
        "series": [str(label) for _, label in Sector.choices],
        "categories": [r.name for r in shown],
        "countries": [r.country for r in shown],
        "values": [[by_region[r.pk][v] for v, _ in Sector.choices] for r in shown],
        "levels": [str(label) for _, label in GovernanceLevel.choices],
        "level_rows": [
            (str(label), [by_level[v][lv] for lv, _ in GovernanceLevel.choices])
            for v, label in Sector.choices
        ],
    }


def capacity_reach(regions) -> dict:
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
        "values": [[rows[r.pk][f] for f in PARTICIPANT_FIELDS] for r in shown],
    }


def cycles() -> list[StrategyCycle]:
    return list(StrategyCycle.objects.order_by("-start_year"))
