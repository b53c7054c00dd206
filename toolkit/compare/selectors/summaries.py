"""Per-snapshot summaries, made once when a snapshot is frozen, so comparisons never read full
snapshot data."""

from collections import Counter, defaultdict

from django.db.models import Count

from eubelong.core.numbers import decimal_or_none
from toolkit.completeness import completeness
from toolkit.models import (
    Action,
    ActionFunding,
    ItemResponse,
    ItemStatus,
    Snapshot,
)

from ..models import SnapshotSummary


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
                    "funding": a.get("funding") or [],
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
                src.actions = [
                    {**a, "budget": decimal_or_none(a.get("budget"))} for a in summary.actions
                ]
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
            mixes = defaultdict(list)
            for row in ActionFunding.objects.filter(
                region__in=region_ids, action__in=[a["id"] for a in actions]
            ).values_list("action_id", "year", "source", "amount"):
                mixes[row[0]].append([row[1], row[2], str(row[3])])
            for a in actions:
                by_wp[a["workplan_id"]].actions.append(
                    {
                        "priority": a["priority__number"],
                        "title": a["title"],
                        "status": a["status"],
                        "budget": a["budget"],
                        "funding_source": a["funding_source"] or "",
                        "funding": mixes[a["id"]],
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
