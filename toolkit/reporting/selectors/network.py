"""Reads across the network: the indicator library, who has not reported its indicators, and the
submitted reports the progress view compares."""

from collections import defaultdict

from django.db.models import Count
from django.shortcuts import get_object_or_404

from toolkit.models import (
    IndicatorTheme,
    LibraryIndicator,
)

from ..models import (
    IndicatorValue,
    ProgressReport,
    ReportingPeriod,
    ReportStatus,
)

# Indicator library --------------------------------------------------------------------------


def library_with_use() -> list[LibraryIndicator]:
    """Every library entry with the number of regions whose indicators follow it."""
    return list(
        LibraryIndicator.objects.annotate(
            region_count=Count("uses__region", distinct=True)
        ).order_by("code")
    )


def by_theme(entries) -> list[tuple[str, list]]:
    labels = dict(IndicatorTheme.choices)
    grouped = defaultdict(list)
    for entry in entries:
        grouped[entry.theme].append(entry)
    return [(labels[theme], grouped[theme]) for theme in labels if grouped[theme]]


def library_entry(uuid) -> LibraryIndicator:
    return get_object_or_404(LibraryIndicator, uuid=uuid)


def library_gaps(regions, period) -> list[dict]:
    """Per library indicator used in the period's reports of `regions`: who has not reported it."""
    if period is None:
        return []
    rows = (
        IndicatorValue.objects.filter(
            report__period=period,
            region__in=[region.pk for region in regions],
            indicator__library__isnull=False,
        )
        .values_list("indicator__library_id", "region_id", "value")
        .order_by()
    )
    using, reported = defaultdict(set), defaultdict(set)
    for entry_id, region_id, value in rows:
        using[entry_id].add(region_id)
        if value is not None:
            reported[entry_id].add(region_id)
    entries = LibraryIndicator.objects.in_bulk(list(using))
    names = {region.pk: region for region in regions}
    return [
        {
            "entry": entries[entry_id],
            "using": len(region_ids),
            "missing": sorted(
                (names[r] for r in region_ids - reported[entry_id]), key=lambda r: r.name
            ),
        }
        for entry_id, region_ids in sorted(using.items(), key=lambda kv: entries[kv[0]].code)
    ]


# Progress across the network ----------------------------------------------------------------


def network_progress(regions, period, *, with_data=False) -> list[ProgressReport]:
    """The submitted and accepted reports of `regions` for `period` (drafts are never compared)
    with their summaries; with `with_data` also the whole report as frozen when submitted."""
    if period is None:
        return []
    reports = (
        ProgressReport.objects.filter(
            period=period,
            region__in=[region.pk for region in regions],
            status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        )
        .exclude(submitted_data=None)
        .select_related("region")
        .order_by("region__name")
    )
    if not with_data:
        reports = reports.defer("submitted_data")
    return list(reports)


def opened_periods() -> list[ReportingPeriod]:
    return list(
        ReportingPeriod.objects.filter(opened_at__isnull=False)
        .select_related("cycle")
        .order_by("-year")
    )


def latest_reported_period(regions, periods):
    """The latest of `periods` with a submitted or accepted report among `regions`."""
    year = (
        ProgressReport.objects.filter(
            period__in=periods,
            region__in=[region.pk for region in regions],
            status__in=[ReportStatus.SUBMITTED, ReportStatus.ACCEPTED],
        )
        .order_by("-period__year")
        .values_list("period_id", flat=True)
        .first()
    )
    return next((p for p in periods if p.pk == year), None)
