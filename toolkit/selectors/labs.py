"""Reading learning labs: a workplan's labs, a lab by its link, and what a lab has gathered."""

from collections import Counter, defaultdict

from django.db.models import Count
from django.shortcuts import get_object_or_404

from eubelong.core.frozensql import frozen_query

from ..models import (
    Comment,
    CommentKind,
    ItemResponse,
    Lab,
    LabParticipant,
    LabSector,
    ProposalState,
)


def workplan_labs(workplan) -> list[Lab]:
    return list(
        Lab.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
        .select_related("created_by")
    )


def region_labs(region):
    return Lab.objects.for_region(region).select_related("workplan__cycle", "workplan__region")


@frozen_query
def labs_listed(region_id: int):
    """The region's labs with their cycles, for lists (a kept statement)."""
    return Lab.objects.for_region(region_id).select_related("workplan__cycle")


def lab_for_region(region, workplan_uuid, uuid) -> Lab:
    return get_object_or_404(
        Lab.objects.for_region(region).select_related("workplan__cycle", "workplan__region"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def lab_by_token(token: str) -> Lab | None:
    """The lab a link names; None for a malformed or unknown link."""
    if not token or len(token) > 24:
        return None
    return (
        Lab.objects.select_related("workplan__cycle", "workplan__region", "workplan__template")
        .filter(token=token)
        .first()
    )


def lab_items(lab, priority_number: int | None):
    """The lab's workplan, one priority at a time, as participants read it: the priorities,
    the one shown, and its checklist items with their current answers."""
    workplan = lab.workplan
    priorities = list(workplan.template.priorities.all())
    shown = next((p for p in priorities if p.number == priority_number), None) or priorities[0]
    responses = list(
        ItemResponse.objects.for_region(lab.region_id)
        .filter(workplan=workplan, item__priority=shown)
        .select_related("item")
        .order_by("item__number")
    )
    return priorities, shown, responses


def lab_contributions(lab):
    return (
        Comment.objects.for_region(lab.region_id)
        .filter(lab_participant__lab=lab)
        .select_related("lab_participant", "response__item__priority")
        .order_by("created_at", "id")
    )


def lab_board(lab) -> dict:
    """What the facilitator shows and the summary lists: contributions grouped by priority and
    item, people counted by sector, proposals and what became of them."""
    contributions = list(lab_contributions(lab))
    grouped = defaultdict(lambda: defaultdict(list))
    for comment in contributions:
        item = comment.response.item
        grouped[item.priority][item].append(comment)
    priorities = [
        {
            "priority": priority,
            "items": [
                {"item": item, "contributions": items[item]}
                for item in sorted(items, key=lambda i: i.number)
            ],
        }
        for priority, items in sorted(grouped.items(), key=lambda pair: pair[0].number)
    ]
    participants = list(lab.participants.annotate(contribution_count=Count("contributions")))
    by_sector = Counter(p.sector for p in participants)
    proposals = [c for c in contributions if c.kind == CommentKind.PROPOSAL]
    return {
        "priorities": priorities,
        "participants": participants,
        "sectors": [(label, by_sector.get(value, 0)) for value, label in LabSector.choices],
        "count": len(contributions),
        "proposals": proposals,
        "accepted": [c for c in proposals if c.state == ProposalState.ACCEPTED],
    }


def lab_participant(lab, uuid_hex: str):
    """The lab's participant with this id, or None."""
    if len(uuid_hex) != 32:
        return None
    return LabParticipant.objects.for_region(lab.region_id).filter(lab=lab, uuid=uuid_hex).first()


def lab_response(lab, uuid):
    """A checklist answer of the lab's own workplan, or None."""
    return (
        ItemResponse.objects.for_region(lab.region_id)
        .filter(workplan=lab.workplan, uuid=uuid)
        .select_related("item__priority", "workplan")
        .first()
    )
