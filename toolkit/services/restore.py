"""Putting one response, priority overview, action or indicator back as it was before a change."""

import datetime
from decimal import Decimal

from django.db import transaction

from ..models import (
    Action,
    Change,
    Indicator,
    ItemResponse,
    Priority,
    PriorityResponse,
)
from .actions import (
    action_state,
    action_update,
    funding_from_state,
    funding_replace,
    indicator_update,
    set_areas,
)
from .history import ACTION_FIELDS, history_record, require_editable
from .workplans import priority_update, response_update


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
    if "funding" in data:
        data["funding"] = funding_from_state(data["funding"])
    return data


def _organisations_by_name(data: dict, region_id) -> None:
    """History keeps organisations by name; back to the region's registry rows (a name no longer
    in the registry is dropped)."""
    from regions.models import Stakeholder

    names = {data.get("lead_organisation") or "", *(data.get("partner_organisations") or [])}
    found = {
        s.name: s for s in Stakeholder.objects.for_region(region_id).filter(name__in=names - {""})
    }
    if "lead_organisation" in data:
        data["lead_organisation"] = found.get(data["lead_organisation"] or "")
    if "partner_organisations" in data:
        data["partner_organisations"] = [
            found[name] for name in data["partner_organisations"] if name in found
        ]


def _restore_action(change: Change, by) -> Action:
    from handbook.models import ThematicArea

    workplan = change.workplan
    data = _from_state(change.before)
    _organisations_by_name(data, workplan.region_id)
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
    funding_replace(action, data.get("funding") or {})
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
