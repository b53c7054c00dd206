"""Reads of one region's reports and of the coordinators' board, each in a fixed number of
queries: the report editor whatever the number of actions and indicators, the board whatever the
number of regions and periods."""

import datetime
from collections import defaultdict
from decimal import Decimal

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404
from django.utils import timezone

from eubelong.core.frozensql import frozen_query
from regions.access import region_ids_for_user, regions_for_user
from toolkit.models import (
    ActionFunding,
    StrategyCycle,
)

from ..models import (
    REPORT_EDITABLE,
    ActionProgress,
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)
from ..progress import elapsed_share, figures, planned_for_period
from .network import library_gaps

# What the board shows for a region and period, beyond the report statuses.
NOT_OPEN, NOT_STARTED, IN_PROGRESS, LATE = "not_open", "not_started", "in_progress", "late"
# The period opened, but the region had no approved workplan to report on.
NO_PLAN = "no_plan"


def cycles() -> list[StrategyCycle]:
    return list(StrategyCycle.objects.order_by("-start_year"))


def cycle_by_uuid(uuid) -> StrategyCycle:
    return get_object_or_404(StrategyCycle, uuid=uuid)


def periods_of(cycle) -> list[ReportingPeriod]:
    return list(ReportingPeriod.objects.filter(cycle=cycle).order_by("year"))


def period_by_uuid(uuid) -> ReportingPeriod:
    return get_object_or_404(ReportingPeriod.objects.select_related("cycle"), uuid=uuid)


def report_for_region(region, uuid) -> ProgressReport:
    return get_object_or_404(
        ProgressReport.objects.for_region(region).select_related(
            "period__cycle", "workplan__cycle", "submitted_by", "reviewed_by"
        ),
        uuid=uuid,
    )


def report_in_region(region, uuid) -> ProgressReport | None:
    return (
        ProgressReport.objects.for_region(region)
        .select_related("period__cycle", "workplan__cycle", "region")
        .filter(uuid=uuid)
        .first()
    )


def action_row_for_region(region, report_uuid, uuid) -> ActionProgress:
    return get_object_or_404(
        ActionProgress.objects.for_region(region).select_related("report__period__cycle", "action"),
        uuid=uuid,
        report__uuid=report_uuid,
    )


def value_row_for_region(region, report_uuid, uuid) -> IndicatorValue:
    return get_object_or_404(
        IndicatorValue.objects.for_region(region).select_related(
            "report__period__cycle", "indicator"
        ),
        uuid=uuid,
        report__uuid=report_uuid,
    )


def region_reports(region) -> list[ProgressReport]:
    return list(_region_reports(getattr(region, "pk", region)))


@frozen_query
def _region_reports(region_id: int):
    return (
        ProgressReport.objects.for_region(region_id)
        .select_related("period__cycle", "workplan__cycle")
        .order_by("-period__year")
    )


def earlier_values(report, indicator_ids) -> dict[int, list]:
    """Values reported for `indicator_ids` in the earlier periods of the same workplan."""
    rows = (
        IndicatorValue.objects.for_region(report.region_id)
        .filter(
            indicator_id__in=indicator_ids,
            report__workplan_id=report.workplan_id,
            report__period__year__lt=report.period.year,
            report__status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        )
        .order_by("report__period__year")
        .values_list("indicator_id", "value")
    )
    found = defaultdict(list)
    for indicator_id, value in rows:
        found[indicator_id].append(value)
    return found


def plans_of(report, rows) -> None:
    """What each action row had planned for the report's year, in one query: from the action's
    funding mix (per source), or its single budget spread evenly over the cycle."""
    mix, mixed = defaultdict(dict), set()
    for action_id, year, source, amount in (
        ActionFunding.objects.for_region(report.region_id)
        .filter(action__in=[row.action_id for row in rows])
        .values_list("action_id", "year", "source", "amount")
    ):
        mixed.add(action_id)
        if year == report.period.year:
            mix[action_id][source] = amount
    for row in rows:
        row.planned_by_source = mix.get(row.action_id, {})
        row.planned = (
            sum(row.planned_by_source.values(), Decimal(0))
            if row.action_id in mixed
            else planned_for_period(row.action, report.period.cycle)
        )


def earlier_of(report, rows) -> Decimal:
    """Each indicator row's earlier values and figures, in one query; returns the share of the
    cycle elapsed by the end of the report's year."""
    share = elapsed_share(report.period.cycle, report.period.year)
    earlier = earlier_values(report, [row.indicator_id for row in rows])
    for row in rows:
        row.earlier = earlier[row.indicator_id]
        row.figures = figures(row.indicator, row.value, row.earlier, share)
    return share


def report_editor(report) -> dict:
    """The report's rows with what the editor shows beside them."""
    actions = list(
        ActionProgress.objects.for_region(report.region_id)
        .filter(report=report)
        .select_related("action__priority")
    )
    plans_of(report, actions)
    values = list(
        IndicatorValue.objects.for_region(report.region_id)
        .filter(report=report)
        .select_related("indicator__action", "indicator__library")
    )
    share = earlier_of(report, values)
    return {"actions": actions, "values": values, "share": share}


def _plain(value):
    return None if value is None else str(value)


def report_data(report) -> dict:
    """The report as plain data: what a submission freezes."""
    editor = report_editor(report)
    return {
        "period": report.period.year,
        "workplan_revision": report.workplan_revision,
        "narrative": {
            "results": report.results,
            "difficulties": report.difficulties,
            "lessons": report.lessons,
            "changes_proposed": report.changes_proposed,
        },
        "actions": [
            {
                "uuid": str(row.action.uuid),
                "priority": row.action.priority.number,
                "title": row.action.title,
                "status": row.status,
                "narrative": row.narrative,
                "evidence_link": row.evidence_link,
                "funding_source": row.action.funding_source,
                "spent": _plain(row.spent),
                "spent_by_source": row.spent_by_source,
                "planned_by_source": {k: str(v) for k, v in row.planned_by_source.items()},
                "planned": _plain(row.planned),
            }
            for row in editor["actions"]
        ],
        "indicators": [
            {
                "uuid": str(row.indicator.uuid),
                "action": row.indicator.action.title,
                "library": row.indicator.library.code if row.indicator.library_id else "",
                "name": row.indicator.name,
                "unit": row.indicator.unit,
                "baseline": _plain(row.indicator.baseline),
                "target": _plain(row.indicator.target),
                "value": _plain(row.value),
                "previous": _plain(row.figures.previous),
                "reached": _plain(row.figures.reached),
                "state": row.figures.state,
                "explanation": row.explanation,
            }
            for row in editor["values"]
        ],
    }


def printable_data(report) -> dict:
    """What a reader of the report sees: the frozen submission once there is one, else the draft."""
    if report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED) and report.submitted_data:
        return report.submitted_data
    return report_data(report)


def board_status(report, period, today: datetime.date) -> str:
    """One cell of the board."""
    if report is None:
        return NOT_OPEN if period.opened_at is None else NO_PLAN
    if report.status in REPORT_EDITABLE and today > period.due_on:
        return LATE
    if report.status == ReportStatus.DRAFT:
        return NOT_STARTED if report.version == 1 else IN_PROGRESS
    return report.status


BOARD_PAGE_SIZE = 25


def board(user, cycle, today: datetime.date | None = None, page=None) -> dict:
    """Regions the person reviews × the cycle's periods, with the status of each report, a page
    of regions at a time so the board reads the same whatever the size of the network."""
    today = today or timezone.localdate()
    periods = periods_of(cycle)
    regions = list(regions_for_user(user, "review_workplan").only("name", "slug").order_by("name"))
    paged = Paginator(regions, BOARD_PAGE_SIZE).get_page(page)
    listed = list(paged.object_list)
    reports = {
        (r.region_id, r.period_id): r
        for r in ProgressReport.objects.filter(
            period__in=periods, region__in=[region.pk for region in listed]
        ).only("uuid", "region_id", "period_id", "status", "version")
    }
    rows = [
        {
            "region": region,
            "cells": [
                {
                    "period": period,
                    "report": reports.get((region.pk, period.pk)),
                    "status": board_status(reports.get((region.pk, period.pk)), period, today),
                }
                for period in periods
            ],
        }
        for region in listed
    ]
    # The latest period that has opened: whose values the coordinators chase now.
    current = next((p for p in reversed(periods) if p.opened_at is not None), None)
    return {
        "periods": periods,
        "rows": rows,
        "page": paged,
        "gaps_period": current,
        "gaps": library_gaps(regions, current),
    }


def next_deadline(user, today: datetime.date | None = None):
    """The earliest due date of a report the person writes that is not submitted yet."""
    today = today or timezone.localdate()
    found = list(_next_deadline(region_ids_for_user(user, "edit_workplan")))
    return found[0] if found else None


@frozen_query
def _next_deadline(region_ids):
    return (
        ProgressReport.objects.filter(
            status__in=REPORT_EDITABLE, region_id__in=region_ids, period__opened_at__isnull=False
        )
        .select_related("period", "region")
        .order_by("period__due_on", "pk")[:1]
    )
