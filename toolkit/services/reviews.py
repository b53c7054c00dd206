"""Submission, review and revision of a workplan, and restoring an earlier version from history."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from regions.audit import audit_record

from ..models import (
    EDITABLE_STATUSES,
    Action,
    Change,
    Indicator,
    ItemResponse,
    Priority,
    PriorityResponse,
    Snapshot,
    SnapshotOutcome,
    Workplan,
    WorkplanStatus,
)
from ..selectors import workplan_data
from ..signals import snapshot_frozen
from .actions import action_state, action_update, indicator_update, set_areas
from .history import ACTION_FIELDS, NotEditable, history_record, require_editable
from .workplans import priority_update, response_update


def _transition(workplan: Workplan, *, allowed, to: str, by, extra: dict | None = None) -> None:
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
        action=f"workplan.{to}",
        actor=by,
        region=workplan.region,
        target_type="workplan",
        target_label=str(workplan),
        before=before,
        after=after,
    )


@transaction.atomic
def workplan_submit(*, workplan: Workplan, by) -> Snapshot:
    """Freeze the current draft into an immutable snapshot and send it for review."""

    _transition(workplan, allowed=EDITABLE_STATUSES, to=WorkplanStatus.SUBMITTED, by=by)
    snapshot = Snapshot.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        revision=workplan.revision,
        data=workplan_data(workplan),
        submitted_by=by,
    )
    snapshot_frozen.send(sender=Snapshot, snapshot=snapshot)
    return snapshot


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
        extra={"revision": F("revision") + 1},
    )
    workplan.revision -= 1
    snapshot = _review(workplan, by=by, outcome=SnapshotOutcome.CHANGES_REQUESTED, message=message)
    workplan.revision += 1
    return snapshot


@transaction.atomic
def workplan_approve(*, workplan: Workplan, by, message: str = "") -> Snapshot:
    _transition(workplan, allowed=[WorkplanStatus.SUBMITTED], to=WorkplanStatus.APPROVED, by=by)
    return _review(workplan, by=by, outcome=SnapshotOutcome.APPROVED, message=message)


@transaction.atomic
def workplan_start_revision(*, workplan: Workplan, by) -> Workplan:
    """Edits after approval go into a new draft; the approved snapshot stays as it was."""
    _transition(
        workplan,
        allowed=[WorkplanStatus.APPROVED],
        to=WorkplanStatus.DRAFT,
        by=by,
        extra={"revision": F("revision") + 1},
    )
    return workplan


@transaction.atomic
def change_restore(*, change: Change, by):
    """Put one response, priority overview, action or indicator back to its state before `change`."""
    workplan = change.workplan
    require_editable(workplan)
    before = change.before
    if before is None:
        raise ValueError("Nothing to restore: the object did not exist before this change.")
    if change.kind == Change.Kind.RESPONSE:
        response = ItemResponse.objects.select_related("workplan", "item").get(
            uuid=change.object_uuid, region_id=workplan.region_id
        )
        return response_update(response=response, by=by, version=response.version, data=before)
    if change.kind == Change.Kind.PRIORITY:
        response = PriorityResponse.objects.select_related("workplan", "priority").get(
            uuid=change.object_uuid, region_id=workplan.region_id
        )
        return priority_update(
            response=response, by=by, version=response.version, summary=before["summary"]
        )
    if change.kind == Change.Kind.ACTION:
        return _restore_action(change, by)
    if change.kind == Change.Kind.INDICATOR:
        indicator = Indicator.objects.filter(
            uuid=change.object_uuid, region_id=workplan.region_id
        ).first()
        if indicator is None:
            raise ValueError("The indicator was deleted together with its action.")
        return indicator_update(
            indicator=indicator, by=by, version=indicator.version, data=_from_state(before)
        )
    raise ValueError("This change cannot be restored.")


def _from_state(state: dict) -> dict:
    data = dict(state)
    for field in ["start_date", "end_date"]:
        if data.get(field):
            data[field] = datetime.date.fromisoformat(data[field])
    for field in ["budget", "baseline", "target"]:
        if data.get(field) is not None and field in data:
            data[field] = Decimal(data[field])
    return data


def _restore_action(change: Change, by) -> Action:
    from handbook.models import ThematicArea

    workplan = change.workplan
    data = _from_state(change.before)
    area_titles = data.pop("thematic_areas", None)
    areas = None
    if area_titles is not None:
        areas = list(ThematicArea.objects.filter(title__in=area_titles))
    action = (
        Action.objects.for_region(workplan.region_id)
        .filter(uuid=change.object_uuid)
        .select_related("workplan")
        .first()
    )
    if action is not None:
        return action_update(
            action=action, by=by, version=action.version, data=data, thematic_areas=areas
        )
    # Deleted: bring it back under its own uuid and priority.
    priority = (
        Priority.objects.filter(
            template=workplan.template, pk=data.pop("priority_id", None)
        ).first()
        or workplan.template.priorities.order_by("number").first()
    )
    action = Action.objects.create(
        uuid=change.object_uuid,
        region_id=workplan.region_id,
        workplan=workplan,
        priority=priority,
        **{f: data[f] for f in ACTION_FIELDS if f in data},
    )
    set_areas(action, areas or [])
    history_record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=None,
        after=action_state(action, areas or []),
        by=by,
    )
    return action
