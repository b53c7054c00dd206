"""The comparison's progress view and its open data: one reporting period, every region in scope
that has submitted its report."""

from django.contrib.auth.decorators import login_required
from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_safe

from toolkit.reporting import selectors as reporting

from .. import progress, report
from ..downloads import csv_response


def _period_scope(request, *, with_data=False):
    """The periods one may choose, the chosen one and the submitted reports in scope for it."""
    periods = reporting.opened_periods()
    chosen = request.GET.get("period")
    period = next((p for p in periods if str(p.uuid) == chosen), None)
    scope = report.regions_in_scope(request.user)
    if period is None and periods:
        # The latest period that has reports to compare, else the latest one.
        period = reporting.latest_reported_period(scope.regions, periods) or periods[0]
    return periods, period, reporting.network_progress(scope.regions, period, with_data=with_data)


@require_safe
@login_required
def progress_view(request):
    periods, period, reports = _period_scope(request)
    lines = progress.summarise(reports)
    columns, rows = progress.library_table(reports)
    return render(
        request,
        "compare/progress.html",
        {
            "periods": periods,
            "period": period,
            "lines": lines,
            "charts": progress.progress_charts(lines),
            "library_columns": columns,
            "library_rows": rows,
            "tables": progress.TABLE_NAMES,
        },
    )


@require_safe
@login_required
def progress_download(request, fmt):
    periods, period, reports = _period_scope(request, with_data=True)
    if period is None or fmt not in {"csv", "json"}:
        raise Http404
    data = progress.tables(reports, period.year)
    name = f"eubelong-progress-{period.year}-{timezone.now():%Y%m%d}"
    if fmt == "json":
        payload = {
            "generated_at": timezone.now().isoformat(),
            "period": period.year,
            "cycle": str(period.cycle),
            "reports": [{"region": r.region.name, "status": r.status} for r in reports],
            "dictionary": [
                {"table": t, "column": c, "meaning": d} for t, c, d in progress.DICTIONARY
            ],
            "tables": data,
        }
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    table = request.GET.get("table", "indicators")
    if table not in data:
        raise Http404
    return csv_response(
        f"{name}-{table}.csv",
        [f"generated_at={timezone.now().isoformat()}", f"period={period.year}"]
        + [
            f"{column}: {meaning}"
            for t, column, meaning in progress.DICTIONARY
            if t in {table, "all"}
        ],
        data[table],
    )
