"""Toolkit test data: a published template, a cycle and workplans of any size."""

import datetime
from decimal import Decimal

from toolkit import services
from toolkit.models import (
    ActionStatus,
    ChecklistItem,
    FundingSource,
    Indicator,
    Priority,
    StrategyCycle,
    TemplateVersion,
    Workplan,
)


def template(*, priorities: int = 4, items: int = 2, number: int | None = None) -> TemplateVersion:
    if number is None:
        latest = TemplateVersion.objects.order_by("-number").first()
        number = latest.number + 1 if latest else 1
    version = TemplateVersion.objects.create(number=number)
    for p in range(1, priorities + 1):
        priority = Priority.objects.create(
            template=version, number=p, title=f"Priority {p}", overview=f"About priority {p}."
        )
        ChecklistItem.objects.bulk_create(
            ChecklistItem(priority=priority, number=i, text=f"Item {p}.{i}")
            for i in range(1, items + 1)
        )
    services.template_publish(template=version, by=None)
    return version


def published_template(**kwargs) -> TemplateVersion:
    return TemplateVersion.objects.filter(published_at__isnull=False).order_by(
        "-number"
    ).first() or template(**kwargs)


def cycle(start_year: int = 2025) -> StrategyCycle:
    return services.cycle_get_or_create(start_year=start_year)


def workplan(region, *, by=None, start_year: int = 2025, tpl=None, **tpl_kwargs) -> Workplan:
    existing = Workplan.objects.for_region(region).filter(cycle__start_year=start_year).first()
    if existing:
        return existing
    return services.workplan_create(
        region=region,
        cycle=cycle(start_year),
        by=by,
        template=tpl or published_template(**tpl_kwargs),
    )


def action(workplan, *, by=None, priority=None, title="Welcome desk", **data):
    priority = priority or workplan.template.priorities.order_by("number").first()
    fields = {
        "title": title,
        "objective": "Newcomers find help in one place.",
        "lead_stakeholder": "Regional directorate",
        "start_date": datetime.date(workplan.cycle.start_year, 2, 1),
        "end_date": datetime.date(workplan.cycle.end_year, 6, 30),
        "budget": Decimal("1000.00"),
        "funding_source": FundingSource.AMIF,
        "status": ActionStatus.PLANNED,
    }
    fields.update(data)
    return services.action_create(workplan=workplan, priority=priority, by=by, data=fields)


def indicator(action, **data):
    fields = {"name": "People reached", "unit": "people", "target": Decimal("100")}
    fields.update(data)
    return Indicator.objects.create(region_id=action.region_id, action=action, **fields)


def filled_workplan(region, *, items: int = 2, actions: int = 1, by=None) -> Workplan:
    """A workplan with `items` checklist items and `actions` actions (each with an indicator)
    under each of four priorities."""
    tpl = template(priorities=4, items=items)
    wp = services.workplan_create(region=region, cycle=cycle(2025), by=by, template=tpl)
    for priority in tpl.priorities.all():
        for n in range(actions):
            indicator(action(wp, by=by, priority=priority, title=f"Action {priority.number}.{n}"))
    return wp
