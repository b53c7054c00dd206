"""Writes of yearly reporting: periods, opening the reports, saving their rows, the report's
lifecycle (draft → submitted → changes requested → accepted) and the reminders before and after
the due date."""

import datetime
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from eubelong.core.history import plain
from eubelong.core.locking import guarded_update
from eubelong.core.text import person_name
from eubelong.notify.services import notify
from regions.audit import audit_excerpt, audit_record
from regions.selectors import people_with_perm
from toolkit.models import (
    Action,
    Indicator,
    LibraryIndicator,
    SnapshotOutcome,
    StrategyCycle,
    WorkplanStatus,
)
from toolkit.services import NotEditable
from toolkit.signals import report_accepted

from .models import (
    REPORT_EDITABLE,
    ActionProgress,
    IndicatorValue,
    ProgressReport,
    ReportChange,
    ReportingPeriod,
    ReportStatus,
)
from .progress import report_summary
from .selectors import report_data

NARRATIVE_FIELDS = ["results", "difficulties", "lessons", "changes_proposed"]
ACTION_FIELDS = ["status", "narrative", "evidence_link", "spent", "spent_by_source"]
VALUE_FIELDS = ["value", "explanation"]
# Reminders: days before the due date, the day itself, then every week while overdue.
REMIND_BEFORE = (30, 7, 0)
OVERDUE_EVERY = 7


def default_dates(year: int) -> tuple[datetime.date, datetime.date]:
    """A year's report opens on 1 November and is due on 31 March of the next year."""
    return datetime.date(year, 11, 1), datetime.date(year + 1, 3, 31)


@transaction.atomic
def periods_default(*, cycle: StrategyCycle) -> list[ReportingPeriod]:
    """One period per year of the cycle, where none is set yet."""
    made = []
    for year in cycle.years:
        opens_on, due_on = default_dates(year)
        period, created = ReportingPeriod.objects.get_or_create(
            cycle=cycle, year=year, defaults={"opens_on": opens_on, "due_on": due_on}
        )
        if created:
            made.append(period)
    return made


def period_save(*, period: ReportingPeriod, by) -> ReportingPeriod:
    period.save()
    return period


def approved_revision(workplan) -> int | None:
    snapshot = (
        workplan.snapshots.filter(outcome=SnapshotOutcome.APPROVED).order_by("-revision").first()
    )
    return snapshot.revision if snapshot else None


@transaction.atomic
def period_open(*, period: ReportingPeriod) -> int:
    """Open a report for every workplan of the cycle with an approved revision, with a row per
    action and per indicator; tell each region's editors. Returns how many were opened."""
    from toolkit.models import Workplan

    opened = 0
    workplans = Workplan.objects.filter(cycle=period.cycle).select_related("region", "cycle")
    for workplan in workplans:
        revision = approved_revision(workplan)
        if revision is None:
            continue
        report, created = ProgressReport.objects.get_or_create(
            workplan=workplan,
            period=period,
            defaults={"region_id": workplan.region_id, "workplan_revision": revision},
        )
        report_rows_sync(report=report)
        if created:
            opened += 1
            _tell(report, "report.opened", recipients=_writers(report), event="opened")
    ReportingPeriod.objects.filter(pk=period.pk).update(opened_at=timezone.now())
    return opened


def report_rows_sync(*, report: ProgressReport) -> None:
    """A row for each action and indicator of the workplan not in the report yet."""
    actions = Action.objects.for_region(report.region_id).filter(workplan=report.workplan_id)
    have = set(report.action_rows.values_list("action_id", flat=True))
    ActionProgress.objects.bulk_create(
        ActionProgress(region_id=report.region_id, report=report, action=a, status=a.status)
        for a in actions
        if a.pk not in have
    )
    indicators = Indicator.objects.for_region(report.region_id).filter(
        action__workplan=report.workplan_id
    )
    have = set(report.indicator_rows.values_list("indicator_id", flat=True))
    IndicatorValue.objects.bulk_create(
        IndicatorValue(region_id=report.region_id, report=report, indicator=i)
        for i in indicators
        if i.pk not in have
    )


def periods_due_to_open(today: datetime.date):
    return ReportingPeriod.objects.filter(opens_on__lte=today, opened_at__isnull=True)


def _editable(queryset):
    return queryset.filter(report__status__in=REPORT_EDITABLE)


def narrative_save(*, report: ProgressReport, by, version: int, data: dict) -> ProgressReport:
    queryset = ProgressReport.objects.for_region(report.region_id).filter(
        status__in=REPORT_EDITABLE
    )
    return _guarded_save(
        queryset, report, NARRATIVE_FIELDS, version=version, data=data, by=by,
        history=(report, "narrative", ""),
    )  # fmt: skip


def _plain(value):
    return value if isinstance(value, dict | list) else plain(value)


@transaction.atomic
def _guarded_save(queryset, obj, fields, *, version: int, data: dict, by=None, history=None):
    """Save `fields` of `obj` from `data` if nobody saved since `version` (ConflictError if so);
    with `history` = (report, kind, label), what changed is written down too."""
    changes = {f: data[f] for f in fields if f in data}
    before = {f: _plain(getattr(obj, f)) for f in changes}
    obj.version = guarded_update(queryset, obj.pk, version=version, changes=changes)
    for field, value in changes.items():
        setattr(obj, field, value)
    if history is not None:
        after = {f: _plain(getattr(obj, f)) for f in changes}
        changed = [f for f in changes if before[f] != after[f]]
        if changed:
            report, kind, label = history
            ReportChange.objects.create(
                region_id=report.region_id, report=report, kind=kind, label=label[:300],
                before={f: before[f] for f in changed}, after={f: after[f] for f in changed},
                by=by,
            )  # fmt: skip
    return obj


def action_row_save(*, row: ActionProgress, by, version: int, data: dict) -> ActionProgress:
    queryset = _editable(ActionProgress.objects.for_region(row.region_id))
    return _guarded_save(
        queryset, row, ACTION_FIELDS, version=version, data=data, by=by,
        history=(row.report, "action", row.action.title),
    )  # fmt: skip


def value_save(*, row: IndicatorValue, by, version: int, data: dict) -> IndicatorValue:
    queryset = _editable(IndicatorValue.objects.for_region(row.region_id))
    return _guarded_save(
        queryset, row, VALUE_FIELDS, version=version, data=data, by=by,
        history=(row.report, "indicator", row.indicator.name),
    )  # fmt: skip


def _transition(
    report: ProgressReport, *, allowed, to: str, by, action: str, extra: dict, message: str = ""
) -> None:
    updated = ProgressReport.objects.filter(pk=report.pk, status__in=allowed).update(
        status=to, version=report.version + 1, **extra
    )
    if not updated:
        raise NotEditable("The report is not in a state that allows this step.")
    before = report.status
    report.refresh_from_db()
    after = {"status": str(to)}
    if message.strip():
        after["message"] = audit_excerpt(message)
    audit_record(
        action=action,
        actor=by,
        region=report.region,
        target_type="report",
        target_label=str(report),
        before={"status": before},
        after=after,
    )


@transaction.atomic
def report_submit(*, report: ProgressReport, by) -> ProgressReport:
    """Freeze the report as it is and send it to the network's coordinators."""
    frozen = report_data(report)
    _transition(
        report,
        allowed=REPORT_EDITABLE,
        to=ReportStatus.SUBMITTED,
        by=by,
        action="report.submitted",
        extra={
            "submitted_at": timezone.now(),
            "submitted_by": by,
            "submitted_data": frozen,
            "summary": report_summary(frozen),
        },
    )
    reviewers = people_with_perm(report.region, "review_workplan")
    _tell(report, "report.submitted", recipients=reviewers, event=str(report.submitted_at), by=by)
    return report


@transaction.atomic
def report_review(*, report: ProgressReport, by, accept: bool, message: str = "") -> ProgressReport:
    to = ReportStatus.ACCEPTED if accept else ReportStatus.CHANGES_REQUESTED
    _transition(
        report,
        allowed=[ReportStatus.SUBMITTED],
        to=to,
        by=by,
        action="report.accepted" if accept else "report.changes_requested",
        extra={"reviewed_at": timezone.now(), "reviewed_by": by, "review_message": message},
        message=message,
    )
    if accept:
        _indicator_actuals_record(report)
        transaction.on_commit(lambda: report_accepted.send(sender=ProgressReport, report=report))
    kind = "report.accepted" if accept else "report.changes_requested"
    recipients = [report.submitted_by, *_writers(report)]
    _tell(report, kind, recipients=recipients, event=str(report.reviewed_at), by=by)
    return report


def _indicator_actuals_record(report: ProgressReport) -> None:
    """An accepted value becomes the indicator's actual for the year, which the workplan and the
    comparison show."""
    year = str(report.period.year)
    for row in report.indicator_rows.select_related("indicator"):
        if row.value is None:
            continue
        indicator = row.indicator
        actuals = dict(indicator.actuals or {})
        actuals[year] = str(row.value)
        Indicator.objects.filter(pk=indicator.pk).update(actuals=actuals)


def _writers(report: ProgressReport) -> list:
    return list(people_with_perm(report.region, "edit_workplan"))


def report_url(report: ProgressReport) -> str:
    return reverse("reporting:report", kwargs={"region": report.region.slug, "report": report.uuid})


def _tell(report, kind: str, *, recipients, event: str, by=None, params: dict | None = None):
    return notify(
        kind=kind,
        recipients=recipients,
        url=report_url(report),
        dedupe=f"{kind}:{report.uuid}:{event}",
        region=report.region,
        actor=by,
        params={
            "person": person_name(by),
            "region": report.region.name,
            "year": report.period.year,
            "due": report.period.due_on.isoformat(),
            **(params or {}),
        },
        group=(f"workplan:{report.workplan_id}", f"{report.region.name} {report.workplan.cycle}"),
    )


def reminders_send(*, today: datetime.date) -> int:
    """Tell the editors of every report not yet submitted when its due date is 30 and 7 days
    away, on the day, and every week once it is late. Each reminder is sent once, on the first
    run on or after its day."""
    sent = 0
    reports = (
        ProgressReport.objects.filter(status__in=REPORT_EDITABLE, period__opened_at__isnull=False)
        .select_related("region", "period", "workplan__cycle")
        .order_by("id")
    )
    for report in reports:
        days = (report.period.due_on - today).days
        # The step just reached, so a day the task did not run loses no reminder.
        if days > REMIND_BEFORE[0]:
            continue
        if days > 0:
            before = min(b for b in REMIND_BEFORE if b >= days)
            kind, step = "report.due_soon", f"d{before}"
        elif days == 0:
            kind, step = "report.due_today", "d0"
        else:
            kind, step = "report.overdue", f"late{(-days - 1) // OVERDUE_EVERY}"
        told = _tell(
            report,
            kind,
            recipients=_writers(report),
            event=step,
            params={"days": abs(days)},
        )
        sent += len(told)
    return sent


def value_total(rows) -> Decimal:
    return sum((r.spent for r in rows if r.spent is not None), Decimal(0))


def workplan_is_reportable(workplan) -> bool:
    return workplan.status == WorkplanStatus.APPROVED or approved_revision(workplan) is not None


# Indicator library ------------------------------------------------------------------------------

LIBRARY_FIELDS = [
    "code",
    "theme",
    "name",
    "definition",
    "unit",
    "direction",
    "disaggregations",
    "source",
    "retired",
]


def library_create(*, by, data: dict) -> LibraryIndicator:
    return LibraryIndicator.objects.create(
        updated_by=by, **{f: data[f] for f in LIBRARY_FIELDS if f in data}
    )


def library_update(*, entry: LibraryIndicator, by, version: int, data: dict) -> LibraryIndicator:
    entry.updated_by = by
    return _guarded_save(
        LibraryIndicator.objects.all(),
        entry,
        [*LIBRARY_FIELDS, "updated_by"],
        version=version,
        data={**data, "updated_by": by},
    )
