"""Reporting test data: an approved workplan with actions and indicators, its periods and reports."""

from decimal import Decimal

from tests.toolkit import factories as tk
from toolkit import services as toolkit_services
from toolkit.reporting import services
from toolkit.reporting.models import ProgressReport, ReportingPeriod


def approved_workplan(region, *, actions: int = 2, by=None, coordinator=None, start_year=2025):
    workplan = tk.workplan(region, by=by, start_year=start_year)
    if not workplan.actions.exists():
        for n in range(actions):
            action = tk.action(workplan, by=by, title=f"Action {n}", budget=Decimal("3000"))
            tk.indicator(action, name=f"Indicator {n}", baseline=Decimal("0"), target=Decimal("90"))
        toolkit_services.workplan_submit(workplan=workplan, by=by)
        toolkit_services.workplan_approve(workplan=workplan, by=coordinator)
        workplan.refresh_from_db()
    return workplan


def period(year: int = 2025, start_year: int = 2025) -> ReportingPeriod:
    cycle = tk.cycle(start_year)
    services.periods_default(cycle=cycle)
    return ReportingPeriod.objects.get(cycle=cycle, year=year)


def report(region, *, year: int = 2025, start_year: int = 2025, **kwargs) -> ProgressReport:
    workplan = approved_workplan(region, start_year=start_year, **kwargs)
    chosen = period(year, start_year)
    services.period_open(period=chosen)
    return ProgressReport.objects.for_region(region).get(workplan=workplan, period=chosen)
