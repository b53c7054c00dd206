"""Actions of a workplan, their organisations, thematic areas and indicators."""

from decimal import Decimal

from django.db import transaction

from eubelong.core.history import field_state as state_of
from eubelong.core.locking import guarded_update

from ..funding import action_years, main_source, spread
from ..models import (
    EDITABLE_STATUSES,
    Action,
    ActionFunding,
    Change,
    FundingSource,
    Indicator,
    Priority,
    Workplan,
)
from .history import (
    ACTION_FIELDS,
    INDICATOR_FIELDS,
    history_record,
    locked_update,
    require_editable,
)


def set_areas(action: Action, areas) -> None:
    action.thematic_areas.set(areas, through_defaults={"region_id": action.region_id})


def _set_partners(action: Action, partners) -> None:
    if any(p.region_id != action.region_id for p in partners):
        raise ValueError("A partner organisation belongs to another region.")
    action.partner_organisations.set(partners, through_defaults={"region_id": action.region_id})


def _check_lead(action_region_id, lead) -> None:
    if lead is not None and lead.region_id != action_region_id:
        raise ValueError("The lead organisation belongs to another region.")


def funding_of(action: Action) -> dict[tuple[int, str], Decimal]:
    # Read afresh: a prefetched mix may be older than the write just made.
    rows = ActionFunding.objects.for_region(action.region_id).filter(action=action)
    return {(f.year, f.source): f.amount for f in rows}


def funding_replace(action: Action, amounts: dict[tuple[int, str], Decimal]) -> None:
    ActionFunding.objects.for_region(action.region_id).filter(action=action).delete()
    ActionFunding.objects.bulk_create(
        ActionFunding(
            region_id=action.region_id, action=action, year=year, source=source, amount=amount
        )
        for (year, source), amount in sorted(amounts.items())
        if amount
    )


def _spread_budget(action: Action, budget, source) -> dict[tuple[int, str], Decimal]:
    """A single budget as the funding mix: equal parts over the years the action runs."""
    if budget is None:
        return {}
    years = action_years(action.workplan.cycle, action.start_date, action.end_date)
    return {
        (year, source or FundingSource.OTHER): amount
        for year, amount in spread(budget, years).items()
    }


def funding_from_state(rows) -> dict[tuple[int, str], Decimal]:
    return {(int(year), source): Decimal(amount) for year, source, amount in rows or []}


def action_state(action: Action, areas=None) -> dict:
    state = state_of(action, ACTION_FIELDS)
    state["funding"] = [[year, source, str(amount)] for (year, source), amount in
                        sorted(funding_of(action).items())]  # fmt: skip
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
    require_editable(workplan)
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
    set_areas(action, thematic_areas)
    _set_partners(action, list(data.get("partner_organisations") or []))
    funding_replace(action, _spread_budget(action, action.budget, action.funding_source))
    history_record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=None,
        after=action_state(action, thematic_areas),
        by=by,
    )
    return action


@transaction.atomic
def action_update(*, action: Action, by, version: int, data: dict, thematic_areas=None) -> Action:
    workplan = action.workplan
    before = action_state(
        action, action.thematic_areas.all() if thematic_areas is not None else None
    )
    changes = {f: data[f] for f in ACTION_FIELDS if f in data}
    if "lead_organisation" in data:
        _check_lead(action.region_id, data["lead_organisation"])
        changes["lead_organisation"] = data["lead_organisation"]
    # The funding mix and the budget are one: a new mix sets the total and main source; a new
    # total or source typed on its own is spread over the years again.
    funding = None
    if "funding" in data:
        funding = data["funding"]
        changes["budget"] = sum(funding.values(), Decimal(0)) if any(funding.values()) else None
        changes["funding_source"] = main_source({k: v for k, v in funding.items() if v})
    elif ("budget" in changes and changes["budget"] != action.budget) or (
        "funding_source" in changes and changes["funding_source"] != action.funding_source
    ):
        funding = "spread"
    locked_update(Action, action, version=version, workplan=workplan, changes=changes)
    if funding == "spread":
        funding = _spread_budget(action, action.budget, action.funding_source)
    if funding is not None:
        funding_replace(action, funding)
    if thematic_areas is not None:
        set_areas(action, thematic_areas)
    if "partner_organisations" in data:
        _set_partners(action, list(data["partner_organisations"]))
    history_record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=before,
        after=action_state(action, thematic_areas),
        by=by,
    )
    return action


@transaction.atomic
def action_delete(*, action: Action, by) -> None:
    workplan = action.workplan
    require_editable(workplan)
    history_record(
        workplan=workplan,
        kind=Change.Kind.ACTION,
        obj_uuid=action.uuid,
        label=action.title,
        before=action_state(action, action.thematic_areas.all()),
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
    require_editable(action.workplan)
    indicator = Indicator.objects.create(
        region_id=action.region_id,
        action=action,
        **{f: data[f] for f in INDICATOR_FIELDS if f in data},
    )
    history_record(
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
    require_editable(workplan)
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
    history_record(
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
    require_editable(workplan)
    history_record(
        workplan=workplan,
        kind=Change.Kind.INDICATOR,
        obj_uuid=indicator.uuid,
        label=f"{indicator.action.title}: {indicator.name}",
        before=state_of(indicator, INDICATOR_FIELDS),
        after=None,
        by=by,
    )
    indicator.delete()
