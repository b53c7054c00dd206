"""Submitting a workplan and its review: ready for submission, asking to submit, submitting with
a message, withdrawing, assigning the review, requesting changes and approving."""

from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from eubelong.core.text import person_name
from regions.audit import audit_excerpt, audit_record

from ..models import (
    EDITABLE_STATUSES,
    Change,
    Comment,
    CommentKind,
    Snapshot,
    SnapshotOutcome,
    Workplan,
    WorkplanStatus,
)
from ..selectors import workplan_data
from ..signals import snapshot_frozen
from .discussion import review_started
from .history import NotEditable, history_record, require_editable
from .notices import followers, reviewers, reviewers_possible, submitters, tell_workplan


def _transition(
    workplan: Workplan,
    *,
    allowed,
    to: str,
    by,
    action: str,
    extra: dict | None = None,
    message: str = "",
) -> None:
    updated = Workplan.objects.filter(pk=workplan.pk, status__in=allowed).update(
        status=to, updated_at=timezone.now(), **(extra or {})
    )
    if not updated:
        raise NotEditable("The workplan is not in a state that allows this step.")
    before = {"status": workplan.status, "revision": workplan.revision}
    workplan.refresh_from_db(fields=["status", "revision", "updated_at"])
    after = {"status": workplan.status, "revision": workplan.revision}
    history_record(
        workplan=workplan,
        kind=Change.Kind.WORKPLAN,
        obj_uuid=workplan.uuid,
        label=str(workplan),
        before=before,
        after=after,
        by=by,
    )
    audit_record(
        action=action,
        actor=by,
        region=workplan.region,
        target_type="workplan",
        target_label=str(workplan),
        before=before,
        after={**after, "message": audit_excerpt(message)} if message.strip() else after,
    )


@transaction.atomic
def workplan_mark_ready(*, workplan: Workplan, by, ready: bool = True) -> Workplan:
    """An editor's "ready for submission" (or taking it back); whoever may submit is told."""
    require_editable(workplan)
    now = timezone.now()
    Workplan.objects.filter(pk=workplan.pk).update(
        ready_at=now if ready else None, ready_by=by if ready else None
    )
    workplan.refresh_from_db(fields=["ready_at", "ready_by"])
    audit_record(
        action="workplan.ready" if ready else "workplan.not_ready",
        actor=by,
        region=workplan.region,
        target_type="workplan",
        target_label=str(workplan),
    )
    if ready:
        tell_workplan(
            "workplan.ready",
            workplan,
            by=by,
            recipients=submitters(workplan),
            event=f"{workplan.uuid}:{workplan.revision}:{now.isoformat()}",
        )
    return workplan


def workplan_ask_submit(*, workplan: Workplan, by) -> int:
    """Someone without the right to submit asks those who have it; asking again the same day
    sends nothing new."""
    asked = tell_workplan(
        "workplan.submit_asked",
        workplan,
        by=by,
        recipients=submitters(workplan),
        event=f"{workplan.uuid}:{workplan.revision}:{by.pk}:{timezone.localdate()}",
    )
    return len(asked)


@transaction.atomic
def workplan_submit(*, workplan: Workplan, by, message: str = "") -> Snapshot:
    """Freeze the current draft into an immutable snapshot and send it for review."""

    _transition(
        workplan,
        allowed=EDITABLE_STATUSES,
        to=WorkplanStatus.SUBMITTED,
        by=by,
        action="workplan.submitted",
        extra={"ready_at": None, "ready_by": None},
        message=message,
    )
    snapshot = Snapshot.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        revision=workplan.revision,
        data=workplan_data(workplan),
        submission_message=message,
        submitted_by=by,
    )
    snapshot_frozen.send(sender=Snapshot, snapshot=snapshot)
    tell_workplan(
        "workplan.submitted",
        workplan,
        by=by,
        recipients=reviewers(workplan) + followers(workplan),
        event=str(snapshot.uuid),
        url=_review_url(workplan),
    )
    return snapshot


def _review_url(workplan: Workplan) -> str:
    return reverse(
        "toolkit:workplan-review",
        kwargs={"region": workplan.region.slug, "workplan": workplan.uuid},
    )


@transaction.atomic
def workplan_withdraw(*, workplan: Workplan, by) -> Workplan:
    """Take a submission back before a reviewer has started on it; the next draft is a new
    revision, and the withdrawn snapshot stays in the history."""
    withdrawn = Snapshot.objects.filter(
        workplan=workplan,
        revision=workplan.revision,
        outcome=SnapshotOutcome.PENDING,
        review_started_at__isnull=True,
    ).update(outcome=SnapshotOutcome.WITHDRAWN, reviewed_at=timezone.now())
    if not withdrawn:
        raise NotEditable("The review has started; the submission can no longer be withdrawn.")
    snapshot = workplan.snapshots.get(revision=workplan.revision)
    _transition(
        workplan,
        allowed=[WorkplanStatus.SUBMITTED],
        to=WorkplanStatus.DRAFT,
        by=by,
        action="workplan.withdrawn",
        extra={"revision": F("revision") + 1},
    )
    tell_workplan(
        "workplan.withdrawn",
        workplan,
        by=by,
        recipients=reviewers(workplan),
        event=str(snapshot.uuid),
    )
    return workplan


@transaction.atomic
def review_assign(*, workplan: Workplan, by, reviewer) -> Workplan:
    """Hand the review to a colleague (or take it on): they are told, and the submission can no
    longer be withdrawn."""
    if reviewer not in reviewers_possible(workplan):
        raise ValueError("This person cannot review this region's workplans.")
    Workplan.objects.filter(pk=workplan.pk).update(reviewer=reviewer)
    workplan.reviewer = reviewer
    review_started(workplan)
    audit_record(
        action="workplan.assign",
        actor=by,
        region=workplan.region,
        target_type="workplan",
        target_label=str(workplan),
        after={"reviewer": person_name(reviewer)},
    )
    tell_workplan(
        "review.assigned",
        workplan,
        by=by,
        recipients=[reviewer],
        event=f"{workplan.uuid}:{workplan.revision}:{reviewer.pk}",
        url=_review_url(workplan),
    )
    return workplan


def _review(workplan: Workplan, *, by, outcome: str, message: str) -> Snapshot:
    snapshot = workplan.snapshots.get(revision=workplan.revision)
    snapshot.outcome = outcome
    snapshot.review_message = message
    snapshot.reviewed_by = by
    snapshot.reviewed_at = timezone.now()
    snapshot.save(update_fields=["outcome", "review_message", "reviewed_by", "reviewed_at"])
    return snapshot


@transaction.atomic
def workplan_request_changes(*, workplan: Workplan, by, message: str = "") -> Snapshot:
    """Send the submission back; the next draft is a new revision."""
    _transition(
        workplan,
        allowed=[WorkplanStatus.SUBMITTED],
        to=WorkplanStatus.CHANGES_REQUESTED,
        by=by,
        action="workplan.changes_requested",
        extra={"revision": F("revision") + 1},
        message=message,
    )
    workplan.revision -= 1
    snapshot = _review(workplan, by=by, outcome=SnapshotOutcome.CHANGES_REQUESTED, message=message)
    workplan.revision += 1
    _decided("workplan.changes_requested", workplan, snapshot, by=by)
    return snapshot


@transaction.atomic
def workplan_approve(*, workplan: Workplan, by, message: str = "") -> Snapshot:
    """Approve; review notes still open are closed by the approval (the review page asks
    before)."""
    _transition(
        workplan,
        allowed=[WorkplanStatus.SUBMITTED],
        to=WorkplanStatus.APPROVED,
        by=by,
        action="workplan.approved",
        message=message,
    )
    snapshot = _review(workplan, by=by, outcome=SnapshotOutcome.APPROVED, message=message)
    open_notes(workplan).update(resolved_at=timezone.now(), resolved_by=by)
    _decided("workplan.approved", workplan, snapshot, by=by)
    return snapshot


def open_notes(workplan: Workplan):
    return Comment.objects.filter(
        workplan=workplan, kind=CommentKind.REVIEW, parent__isnull=True, resolved_at__isnull=True
    )


def _decided(kind: str, workplan: Workplan, snapshot: Snapshot, *, by) -> None:
    tell_workplan(
        kind,
        workplan,
        by=by,
        recipients=[snapshot.submitted_by, *followers(workplan)],
        event=str(snapshot.uuid),
    )


@transaction.atomic
def workplan_start_revision(*, workplan: Workplan, by) -> Workplan:
    """Edits after approval go into a new draft; the approved snapshot stays as it was."""
    _transition(
        workplan,
        allowed=[WorkplanStatus.APPROVED],
        to=WorkplanStatus.DRAFT,
        by=by,
        action="workplan.revision",
        extra={"revision": F("revision") + 1},
    )
    return workplan
