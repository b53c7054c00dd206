"""Writes for templates, workplans and their parts. Each is one transaction and records history."""

import datetime
import uuid
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import connection, transaction
from django.db.models import F
from django.db.models.sql import UpdateQuery
from django.utils import timezone

from eubelong.core.locking import ConflictError, guarded_update
from handbook.translation.lookup import text_language

from .models import (
    EDITABLE_STATUSES,
    Action,
    Change,
    ChecklistItem,
    Comment,
    CommentKind,
    Indicator,
    ItemResponse,
    Priority,
    PriorityResponse,
    ProposalState,
    Snapshot,
    SnapshotOutcome,
    StrategyCycle,
    TemplateVersion,
    Workplan,
    WorkplanStatus,
)
from .signals import snapshot_frozen

__all__ = ["ConflictError", "NotEditable"]


class NotEditable(PermissionDenied):
    """The workplan is under review or approved; its content cannot change now."""


# --- templates (coordinators) -------------------------------------------------------------


@transaction.atomic
def template_create_draft(*, notes: str = "") -> TemplateVersion:
    """Start the next template version as an editable copy of the newest one."""
    existing = TemplateVersion.objects.filter(published_at__isnull=True).first()
    if existing:
        return existing
    latest = TemplateVersion.objects.order_by("-number").first()
    draft = TemplateVersion.objects.create(number=(latest.number + 1) if latest else 1, notes=notes)
    if latest:
        for priority in latest.priorities.prefetch_related("items"):
            copy = Priority.objects.create(
                template=draft,
                number=priority.number,
                title=priority.title,
                overview=priority.overview,
            )
            ChecklistItem.objects.bulk_create(
                ChecklistItem(priority=copy, number=item.number, text=item.text)
                for item in priority.items.all()
            )
    return draft


def _require_draft_template(template: TemplateVersion):
    if template.is_published:
        raise PermissionDenied("A published template version never changes.")


@transaction.atomic
def template_priority_update(
    *, priority: Priority, title: str, overview: str, items: list[str]
) -> Priority:
    _require_draft_template(priority.template)
    priority.title = title
    priority.overview = overview
    priority.save(update_fields=["title", "overview"])
    priority.items.all().delete()
    ChecklistItem.objects.bulk_create(
        ChecklistItem(priority=priority, number=n, text=text)
        for n, text in enumerate(items, start=1)
    )
    return priority


@transaction.atomic
def template_publish(*, template: TemplateVersion, notes: str = "") -> TemplateVersion:
    _require_draft_template(template)
    template.published_at = timezone.now()
    template.notes = notes or template.notes
    template.save(update_fields=["published_at", "notes"])
    return template


def cycle_get_or_create(*, start_year: int) -> StrategyCycle:
    cycle, _ = StrategyCycle.objects.get_or_create(
        start_year=start_year, defaults={"end_year": start_year + 2}
    )
    return cycle


# --- history ------------------------------------------------------------------------------


def _plain(value):
    if isinstance(value, (datetime.date, Decimal)):
        return str(value)
    return value


RESPONSE_FIELDS = ["status", "evidence", "link"]
ACTION_FIELDS = [
    "title",
    "objective",
    "description",
    "lead_stakeholder",
    "partner_stakeholders",
    "start_date",
    "end_date",
    "budget",
    "funding_source",
    "status",
    "legal_basis",
]
INDICATOR_FIELDS = ["name", "unit", "baseline", "target", "actuals"]


def state_of(obj, fields) -> dict:
    return {field: _plain(getattr(obj, field)) for field in fields}


def _record(*, workplan, kind, obj_uuid, label, before, after, by) -> Change:
    return Change.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        kind=kind,
        object_uuid=obj_uuid,
        label=label[:300],
        before=before,
        after=after,
        by=by,
    )


def _require_editable(workplan: Workplan):
    if workplan.status not in EDITABLE_STATUSES:
        raise NotEditable("This workplan is not a draft.")


def _editable(model, workplan: Workplan):
    """Rows of `model` in the workplan's region whose workplan is still a draft.

    No join here: Django would move every condition of the UPDATE into a subquery, which
    PostgreSQL does not re-check after waiting for a concurrent save, and both would win."""
    return model.objects.filter(
        region_id=workplan.region_id,
        workplan__in=Workplan.objects.filter(status__in=EDITABLE_STATUSES),
    )


def _conflict(model, obj):
    current = model.objects.filter(pk=obj.pk).select_related("workplan").first()
    _require_editable(current.workplan)
    raise ConflictError(current)


def _locked_update(model, obj, *, version: int, workplan: Workplan, changes: dict):
    """UPDATE only if nobody saved since `version` and the workplan is still a draft."""
    try:
        guarded_update(_editable(model, workplan), obj.pk, version=version, changes=changes)
    except ConflictError:
        _conflict(model, obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = version + 1


def _autosave(model, obj, *, version, changes, by, kind, label, before, after):
    """`_locked_update` and `_record` of one autosave, as a single statement on PostgreSQL."""
    workplan = obj.workplan
    if connection.vendor != "postgresql":
        with transaction.atomic():
            _locked_update(model, obj, version=version, workplan=workplan, changes=changes)
            _record(
                workplan=workplan,
                kind=kind,
                obj_uuid=obj.uuid,
                label=label,
                before=before,
                after=after,
                by=by,
            )
        return
    # The UPDATE is the one `_locked_update` runs; the history row is inserted only when it
    # matched, in the same statement, so an autosave is one round trip and atomic by itself.
    rows = _editable(model, workplan).filter(pk=obj.pk, version=version)
    query = rows.query.chain(UpdateQuery)
    query.add_update_values({"version": F("version") + 1, **changes})
    compiler = query.get_compiler(connection.alias)
    compiler.pre_sql_setup()
    update_sql, update_params = compiler.as_sql()
    row = {
        "uuid": uuid.uuid4(),
        "region": workplan.region_id,
        "workplan": workplan.pk,
        "kind": kind,
        "object_uuid": obj.uuid,
        "label": label[:300],
        "before": before,
        "after": after,
        "by": by.pk if by is not None else None,
        "at": timezone.now(),
    }
    fields = [Change._meta.get_field(name) for name in row]
    columns = ", ".join(connection.ops.quote_name(f.column) for f in fields)
    values = ", ".join(f"CAST(%s AS {f.db_type(connection)})" for f in fields)
    params = [f.get_db_prep_save(row[f.name], connection) for f in fields]
    table = connection.ops.quote_name(Change._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"WITH updated AS ({update_sql} RETURNING 1) "  # noqa: S608 - names from the models
            f"INSERT INTO {table} ({columns}) SELECT {values} FROM updated",
            [*update_params, *params],
        )
        saved = cursor.rowcount == 1
    if not saved:
        _conflict(model, obj)
    for field, value in changes.items():
        setattr(obj, field, value)
    obj.version = version + 1


# --- workplans ----------------------------------------------------------------------------


@transaction.atomic
def workplan_create(
    *, region, cycle: StrategyCycle, by, template=None, language: str | None = None
) -> Workplan:
    """One workplan per region and cycle, answering the current published template."""
    template = template or (
        TemplateVersion.objects.filter(published_at__isnull=False).order_by("-number").first()
    )
    if template is None:
        raise ValueError("No published template version.")
    workplan = Workplan.objects.create(
        region=region,
        cycle=cycle,
        template=template,
        created_by=by,
        language=text_language(language),
    )
    priorities = list(template.priorities.all())
    PriorityResponse.objects.bulk_create(
        PriorityResponse(region=region, workplan=workplan, priority=p) for p in priorities
    )
    items = ChecklistItem.objects.filter(priority__template=template)
    ItemResponse.objects.bulk_create(
        ItemResponse(region=region, workplan=workplan, item=item) for item in items
    )
    _record(
        workplan=workplan,
        kind=Change.Kind.WORKPLAN,
        obj_uuid=workplan.uuid,
        label=str(workplan),
        before=None,
        after={"status": workplan.status, "template": template.number},
        by=by,
    )
    return workplan


def priority_update(*, response: PriorityResponse, by, version: int, summary: str):
    _autosave(
        PriorityResponse,
        response,
        version=version,
        changes={"summary": summary},
        by=by,
        kind=Change.Kind.PRIORITY,
        label=str(response.priority),
        before={"summary": response.summary},
        after={"summary": summary},
    )
    return response


def response_update(*, response: ItemResponse, by, version: int, data: dict) -> ItemResponse:
    """Autosave one checklist response: the guarded UPDATE and its history row."""
    changes = {field: data[field] for field in RESPONSE_FIELDS if field in data}
    before = state_of(response, RESPONSE_FIELDS)
    _autosave(
        ItemResponse,
        response,
        version=version,
        changes={**changes, "updated_by": by, "updated_at": timezone.now()},
        by=by,
        kind=Change.Kind.RESPONSE,
        label=response.item.text,
        before=before,
        after={**before, **{k: _plain(v) for k, v in changes.items()}},
    )
    return response


def _set_areas(action: Action, areas) -> None:
    action.thematic_areas.set(areas, through_defaults={"region_id": action.region_id})


def _set_partners(action: Action, partners) -> None:
    if any(p.region_id != action.region_id for p in partners):
        raise ValueError("A partner organisation belongs to another region.")
    action.partner_organisations.set(partners, through_defaults={"region_id": action.region_id})


def _check_lead(action_region_id, lead) -> None:
    if lead is not None and lead.region_id != action_region_id:
        raise ValueError("The lead organisation belongs to another region.")


def _action_state(action: Action, areas=None) -> dict:
    state = state_of(action, ACTION_FIELDS)
    # Names, not ids, so the history reads well after an organisation is renamed or removed.
    state["lead_organisation"] = action.lead_organisation.name if action.lead_organisation else ""
    state["partner_organisations"] = sorted(s.name for s in action.partner_organisations.all())
    state["priority_id"] = action.priority_id
    if areas is not None:
        state["thematic_areas"] = sorted(a.title for a in areas)
    return state


@transaction.atomic
def action_create(
    *, workplan: Workplan, priority: Priority, by, data: dict, thematic_areas=(), **links
) -> Action:
    _require_editable(workplan)
    if priority.template_id != workplan.template_id:
        raise ValueError("The priority belongs to another template version.")
    lead = data.get("lead_organisation")
    _check_lead(workplan.region_id, lead)
    action = Action.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        priority=priority,
        lead_organisation=lead,
        **{f: data[f] for f in ACTION_FIELDS if f in data},
        **links,
    )
    _set_areas(action, thematic_areas)
    _set_partners(action, list(data.get("partner_organisations") or []))
    _record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=None,
        after=_action_state(action, thematic_areas),
        by=by,
    )
    return action


@transaction.atomic
def action_update(*, action: Action, by, version: int, data: dict, thematic_areas=None) -> Action:
    workplan = action.workplan
    before = _action_state(
        action, action.thematic_areas.all() if thematic_areas is not None else None
    )
    changes = {f: data[f] for f in ACTION_FIELDS if f in data}
    if "lead_organisation" in data:
        _check_lead(action.region_id, data["lead_organisation"])
        changes["lead_organisation"] = data["lead_organisation"]
    _locked_update(Action, action, version=version, workplan=workplan, changes=changes)
    if thematic_areas is not None:
        _set_areas(action, thematic_areas)
    if "partner_organisations" in data:
        _set_partners(action, list(data["partner_organisations"]))
    _record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=before,
        after=_action_state(action, thematic_areas),
        by=by,
    )
    return action


@transaction.atomic
def action_delete(*, action: Action, by) -> None:
    workplan = action.workplan
    _require_editable(workplan)
    _record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=_action_state(action, action.thematic_areas.all()),
        after=None,
        by=by,
    )
    action.delete()


def action_create_from_template(
    *,
    workplan: Workplan,
    by,
    title: str,
    objective: str = "",
    description: str = "",
    thematic_areas=(),
    based_on_label: str = "",
    priority: Priority | None = None,
) -> Action:
    """Add a planned action to a draft workplan from outside content (e.g. a Handbook module).

    Without `priority`, the action goes under the workplan's first strategic priority.
    """
    priority = priority or workplan.template.priorities.order_by("number").first()
    return action_create(
        workplan=workplan,
        priority=priority,
        by=by,
        data={"title": title, "objective": objective, "description": description},
        thematic_areas=thematic_areas,
        based_on_label=based_on_label[:300],
    )


@transaction.atomic
def action_replicate(*, source: Action, workplan: Workplan, by) -> Action:
    """Copy an action of another region's approved workplan into this draft, keeping a link."""
    priority = (
        Priority.objects.filter(template=workplan.template, number=source.priority.number).first()
        or workplan.template.priorities.order_by("number").first()
    )
    data = {f: getattr(source, f) for f in ["title", "objective", "description", "legal_basis"]}
    data["partner_stakeholders"] = ""
    copy = action_create(
        workplan=workplan,
        priority=priority,
        by=by,
        data=data,
        thematic_areas=list(source.thematic_areas.all()),
        based_on=source,
        based_on_label=f"{source.title} ({source.region.name}, {source.workplan.cycle})"[:300],
    )
    for indicator in source.indicators.all():
        Indicator.objects.create(
            region_id=workplan.region_id,
            action=copy,
            name=indicator.name,
            unit=indicator.unit,
            baseline=None,
            target=indicator.target,
        )
    return copy


@transaction.atomic
def indicator_create(*, action: Action, by, data: dict) -> Indicator:
    _require_editable(action.workplan)
    indicator = Indicator.objects.create(
        region_id=action.region_id,
        action=action,
        **{f: data[f] for f in INDICATOR_FIELDS if f in data},
    )
    _record(
        workplan=action.workplan,
        kind=Change.Kind.INDICATOR,
        obj_uuid=indicator.uuid,
        label=f"{action.title}: {indicator.name}",
        before=None,
        after=state_of(indicator, INDICATOR_FIELDS),
        by=by,
    )
    return indicator


@transaction.atomic
def indicator_update(*, indicator: Indicator, by, version: int, data: dict) -> Indicator:
    workplan = indicator.action.workplan
    _require_editable(workplan)
    before = state_of(indicator, INDICATOR_FIELDS)
    changes = {f: data[f] for f in INDICATOR_FIELDS if f in data}
    guarded_update(
        Indicator.objects.for_region(workplan.region_id).filter(
            action__in=Action.objects.filter(workplan__status__in=EDITABLE_STATUSES)
        ),
        indicator.pk,
        version=version,
        changes=changes,
    )
    for field, value in changes.items():
        setattr(indicator, field, value)
    indicator.version = version + 1
    _record(
        workplan=workplan,
        kind=Change.Kind.INDICATOR,
        obj_uuid=indicator.uuid,
        label=f"{indicator.action.title}: {indicator.name}",
        before=before,
        after=state_of(indicator, INDICATOR_FIELDS),
        by=by,
    )
    return indicator


@transaction.atomic
def indicator_delete(*, indicator: Indicator, by) -> None:
    workplan = indicator.action.workplan
    _require_editable(workplan)
    _record(
        workplan=workplan,
        kind=Change.Kind.INDICATOR,
        obj_uuid=indicator.uuid,
        label=f"{indicator.action.title}: {indicator.name}",
        before=state_of(indicator, INDICATOR_FIELDS),
        after=None,
        by=by,
    )
    indicator.delete()


# --- co-design and review -----------------------------------------------------------------


@transaction.atomic
def comment_add(
    *, response: ItemResponse, by, kind: str, body: str, language: str | None = None
) -> Comment:
    workplan = response.workplan
    if kind == CommentKind.PROPOSAL:
        _require_editable(workplan)
    return Comment.objects.create(
        region_id=workplan.region_id,
        workplan=workplan,
        response=response,
        kind=kind,
        body=body,
        language=text_language(language),
        revision=workplan.revision,
        state=ProposalState.OPEN,
        author=by,
    )


@transaction.atomic
def proposal_decide(*, proposal: Comment, by, accept: bool) -> Comment:
    """Accepting a proposed text makes it the evidence note of its checklist response."""
    if proposal.kind != CommentKind.PROPOSAL or proposal.state != ProposalState.OPEN:
        raise ValueError("Only open proposals can be decided.")
    response = proposal.response
    _require_editable(response.workplan)
    if accept:
        response_update(
            response=response, by=by, version=response.version, data={"evidence": proposal.body}
        )
    proposal.state = ProposalState.ACCEPTED if accept else ProposalState.DISMISSED
    proposal.save(update_fields=["state"])
    return proposal


def _transition(workplan: Workplan, *, allowed, to: str, by, extra: dict | None = None) -> None:
    updated = Workplan.objects.filter(pk=workplan.pk, status__in=allowed).update(
        status=to, updated_at=timezone.now(), **(extra or {})
    )
    if not updated:
        raise NotEditable("The workplan is not in a state that allows this step.")
    before = {"status": workplan.status, "revision": workplan.revision}
    workplan.refresh_from_db(fields=["status", "revision", "updated_at"])
    _record(
        workplan=workplan,
        kind=Change.Kind.WORKPLAN,
        obj_uuid=workplan.uuid,
        label=str(workplan),
        before=before,
        after={"status": workplan.status, "revision": workplan.revision},
        by=by,
    )


@transaction.atomic
def workplan_submit(*, workplan: Workplan, by) -> Snapshot:
    """Freeze the current draft into an immutable snapshot and send it for review."""
    from .selectors import workplan_data

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


# --- restore ------------------------------------------------------------------------------


@transaction.atomic
def change_restore(*, change: Change, by):
    """Put one response, priority overview, action or indicator back to its state before `change`."""
    workplan = change.workplan
    _require_editable(workplan)
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
    _set_areas(action, areas or [])
    _record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=None,
        after=_action_state(action, areas or []),
        by=by,
    )
    return action
