"""Which regions a person may compare, and which snapshot (or draft) of each one a comparison
cites; every cross-region read is logged."""

import logging
from collections import defaultdict
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _

from regions.access import is_coordinator, region_ids_for_user
from regions.models import Region
from toolkit.models import (
    Priority,
    Snapshot,
    SnapshotOutcome,
    StrategyCycle,
    Workplan,
)
from toolkit.selectors import network, shared_texts

from ..cache import kept_scope

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
    workplan_uuid: str | None = None
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


def comparable_regions(user, *, country: str = "") -> tuple[list[Region], set[int]]:
    """The regions `user` may compare and, among them, the ids they may read in full.

    The rule is toolkit's, shared with "copy an action from another region"; its answer is kept
    per set of regions the person holds a role in (cache.py)."""
    regions, readable_ids = kept_scope(
        region_ids_for_user(user), lambda: network.comparable_regions(user)
    )
    if country:
        regions = [r for r in regions if r.country == country]
    return regions, readable_ids


def log_read(user, what: str, regions) -> None:
    """`regions`: the regions read, or their slugs."""
    if is_coordinator(user):
        logger.info(
            "coordinator cross-region read",
            extra={
                "user": user.pk,
                "what": what,
                "regions": [getattr(r, "slug", r) for r in regions],
            },
        )


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
            "uuid",
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
            "workplan_uuid": str(wp["uuid"]),
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


def cycles() -> list[StrategyCycle]:
    return list(StrategyCycle.objects.order_by("-start_year"))
