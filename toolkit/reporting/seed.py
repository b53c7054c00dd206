"""Demo reporting: the 2025–2027 cycle with its yearly periods; the 2025 reports mostly accepted
(Catalonia, Navarra, Pomerania), one sent back (Emilia-Romagna), one late (Salzburg); the 2026
period open when its day has come. Idempotent."""

from decimal import Decimal

from django.contrib.auth import get_user_model
from django.db import transaction

from regions.models import Region
from toolkit import services as toolkit_services
from toolkit.models import Workplan, WorkplanStatus
from toolkit.seed import demo_user, template_seed, workplan_fill

from . import services
from .models import ProgressReport, ReportingPeriod, ReportStatus
from .selectors import report_editor
from .tasks import reporting_daily

# region slug -> what became of its 2025 report
OUTCOMES_2025 = {
    "catalonia": ReportStatus.ACCEPTED,
    "navarra": ReportStatus.ACCEPTED,
    "pomerania": ReportStatus.ACCEPTED,
    "emilia-romagna": ReportStatus.CHANGES_REQUESTED,
    "salzburg": None,  # still a draft: late
}


def _navarra_workplan(cycle, coordinator):
    """Navarra reports on the current cycle too (its 2022 strategy is closed)."""
    region = Region.objects.filter(slug="navarra").first()
    if region is None or Workplan.objects.for_region(region).filter(cycle=cycle).exists():
        return
    editor, admin = demo_user(region, "editor"), demo_user(region, "admin")
    workplan = toolkit_services.workplan_create(
        region=region, cycle=cycle, by=editor, template=template_seed()
    )
    workplan_fill(workplan, share=0.9, by=editor)
    toolkit_services.workplan_submit(workplan=workplan, by=admin)
    toolkit_services.workplan_approve(
        workplan=workplan, by=coordinator, message="A clear plan with measurable targets."
    )


def _pomerania_approved(coordinator):
    """Pomerania's 2025 plan was approved in time to report on 2025 (Timiș's stays in review)."""
    workplan = (
        Workplan.objects.filter(region__slug="pomerania", cycle__start_year=2025)
        .select_related("region")
        .first()
    )
    if workplan is not None and workplan.status == WorkplanStatus.SUBMITTED:
        toolkit_services.workplan_approve(
            workplan=workplan, by=coordinator, message="Approved: report on 2025 as planned."
        )


def _fill_report(report, by) -> None:
    editor = report_editor(report)
    for n, row in enumerate(editor["actions"]):
        rate = Decimal("0.8") if n % 2 else Decimal(1)
        by_source = {
            source: (amount * rate).quantize(Decimal("1"))
            for source, amount in row.planned_by_source.items()
        }
        services.action_row_save(
            row=row,
            by=by,
            version=row.version,
            data={
                "narrative": "Carried out with the municipalities as planned.",
                "spent": sum(by_source.values(), Decimal(0)),
                "spent_by_source": {source: str(a) for source, a in by_source.items()},
            },
        )
    for row in editor["values"]:
        target, baseline = row.indicator.target, row.indicator.baseline or Decimal(0)
        if target is None:
            continue
        services.value_save(
            row=row,
            by=by,
            version=row.version,
            data={"value": ((target - baseline) / 3).quantize(Decimal("1"))},
        )
    report.refresh_from_db()
    services.narrative_save(
        report=report,
        by=by,
        version=report.version,
        data={
            "results": "Most actions started on time; the services map is published.",
            "difficulties": "Recruiting intercultural mediators took longer than planned.",
            "lessons": "Involving migrant-led organisations early saved time later.",
            "changes_proposed": "Move part of the training budget to mediation.",
        },
    )


@transaction.atomic
def seed(*, stdout=None) -> None:
    from toolkit.models import StrategyCycle

    cycle = StrategyCycle.objects.filter(start_year=2025).first()
    coordinator = get_user_model().objects.filter(username="coordinator").first()
    if cycle is None or coordinator is None:
        return
    _navarra_workplan(cycle, coordinator)
    first = ReportingPeriod.objects.filter(cycle=cycle, year=2025).first()
    if first is None or first.opened_at is None:
        _pomerania_approved(coordinator)
    services.periods_default(cycle=cycle)
    first = ReportingPeriod.objects.get(cycle=cycle, year=2025)
    if first.opened_at is None:
        services.period_open(period=first)
        for slug, outcome in OUTCOMES_2025.items():
            report = (
                ProgressReport.objects.filter(region__slug=slug, period=first)
                .select_related("region", "period__cycle", "workplan")
                .first()
            )
            if report is None:
                continue
            admin = demo_user(report.region, "admin")
            _fill_report(report, demo_user(report.region, "editor"))
            if outcome is None:
                continue
            report.refresh_from_db()
            services.report_submit(report=report, by=admin)
            services.report_review(
                report=report,
                by=coordinator,
                accept=outcome == ReportStatus.ACCEPTED,
                message="" if outcome == ReportStatus.ACCEPTED else "Explain the budget shift.",
            )
    # What the daily task does, so the demo shows the reminders of the late region at once.
    reporting_daily()
    if stdout:
        count = ProgressReport.objects.count()
        stdout.write(f"Reporting periods of {cycle} and {count} progress reports seeded.")
