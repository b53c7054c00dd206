"""Reads for submitting and reviewing: the check before submitting, review notes and their
threads, the revisions a review compares against."""

from collections import Counter, defaultdict

from django.db.models import Count, Prefetch, Q
from django.shortcuts import get_object_or_404

from eubelong.core.frozensql import frozen_query

from ..models import (
    Action,
    Comment,
    CommentKind,
    ItemStatus,
    ProposalState,
    Snapshot,
    SnapshotOutcome,
)
from .editor import workplan_editor


def submission_check(workplan) -> dict:
    """What stands in the way of submitting (problems) and what a reviewer will likely ask about
    (warnings), each with a count and where to look."""
    editor = workplan_editor(workplan)
    sections = editor["sections"]
    problems, warnings = [], []
    if not workplan.is_editable:
        problems.append({"code": "not_editable"})
    if not any(s["actions"] for s in sections):
        problems.append({"code": "no_actions"})
    not_started = [
        r for s in sections for r in s["responses"] if r.status == ItemStatus.NOT_STARTED
    ]
    if not_started:
        warnings.append({"code": "not_started", "count": len(not_started),
                         "first": not_started[0]})  # fmt: skip
    for section in sections:
        if section["completeness"] == 0:
            warnings.append({"code": "priority_empty", "priority": section["priority"]})
    without_indicator = [a for s in sections for a in s["actions"] if not a.indicators.all()]
    if without_indicator:
        warnings.append({"code": "no_indicator", "count": len(without_indicator),
                         "first": without_indicator[0]})  # fmt: skip
    notes = open_notes_of(workplan)
    if notes:
        warnings.append({"code": "open_notes", "count": len(notes)})
    proposals = Comment.objects.for_region(workplan.region_id).filter(
        workplan=workplan, kind=CommentKind.PROPOSAL, state=ProposalState.OPEN
    )
    if count := proposals.count():
        warnings.append({"code": "open_proposals", "count": count})
    return {"problems": problems, "warnings": warnings, "editor": editor}


def open_notes_of(workplan) -> list[Comment]:
    """The workplan's unresolved review notes, each with what it is about."""
    return list(
        Comment.objects.for_region(workplan.region_id)
        .filter(
            workplan=workplan,
            kind=CommentKind.REVIEW,
            parent__isnull=True,
            resolved_at__isnull=True,
        )
        .select_related("author", "response__item__priority", "action")
        .annotate(reply_count=Count("replies"))
        .order_by("created_at", "id")
    )


def note_threads(workplan) -> dict:
    """Every review note of the workplan with its replies, by the uuid of what it is about (a
    checklist response or an action, as in snapshot data), oldest first."""
    replies = Comment.objects.for_region(workplan.region_id).select_related("author")
    notes = (
        Comment.objects.for_region(workplan.region_id)
        .filter(workplan=workplan, kind=CommentKind.REVIEW, parent__isnull=True)
        .select_related("author", "resolved_by", "response", "action")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )
    threads = defaultdict(list)
    for note in notes:
        threads[str((note.response or note.action).uuid)].append(note)
    return threads


def note_for_region(region, workplan_uuid, uuid) -> Comment:
    return get_object_or_404(
        Comment.objects.for_region(region).select_related(
            "workplan__region", "workplan__cycle", "response__item__priority", "action", "parent"
        ),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def action_comments(action) -> list[Comment]:
    return list(
        Comment.objects.for_region(action.region_id)
        .filter(action=action, parent__isnull=True)
        .select_related("author", "resolved_by")
        .prefetch_related(
            Prefetch(
                "replies",
                queryset=Comment.objects.for_region(action.region_id).select_related("author"),
            )
        )
    )


def snapshot_under_review(workplan) -> Snapshot | None:
    return (
        Snapshot.objects.for_region(workplan.region_id)
        .filter(workplan=workplan, revision=workplan.revision)
        .select_related("submitted_by", "reviewed_by")
        .first()
    )


def review_snapshot(workplan) -> Snapshot | None:
    """The submission the review page shows: the one under review, else the latest decided."""
    return (
        Snapshot.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
        .exclude(outcome=SnapshotOutcome.WITHDRAWN)
        .select_related("submitted_by", "reviewed_by")
        .order_by("-revision")
        .first()
    )


def earlier_snapshots(workplan, revision: int) -> dict:
    """The previous submitted revision and the latest approved one before `revision`."""
    earlier = (
        Snapshot.objects.for_region(workplan.region_id)
        .filter(workplan=workplan, revision__lt=revision)
        .exclude(outcome=SnapshotOutcome.WITHDRAWN)
        .order_by("-revision")
    )
    return {
        "previous": earlier.first(),
        "approved": earlier.filter(outcome=SnapshotOutcome.APPROVED).first(),
    }


def action_for_note(region, workplan_uuid, uuid) -> Action:
    return get_object_or_404(
        Action.objects.for_region(region).select_related("workplan__cycle"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def open_discussion_counts(workplan) -> dict:
    kinds = Counter(_open_discussion(workplan.region_id, workplan.pk))
    return {"notes": kinds[CommentKind.REVIEW], "proposals": kinds[CommentKind.PROPOSAL]}


@frozen_query
def _open_discussion(region_id: int, workplan_id: int):
    """The kind of each open review note (a thread's first) and open proposal."""
    return (
        Comment.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .filter(
            Q(kind=CommentKind.REVIEW, parent__isnull=True, resolved_at__isnull=True)
            | Q(kind=CommentKind.PROPOSAL, state=ProposalState.OPEN)
        )
        .values_list("kind", flat=True)
    )
