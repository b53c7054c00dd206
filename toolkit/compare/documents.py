"""What comparison offers the export machinery: the coordinators' comparison report, the
dashboard as a printable document.

It reads the same report as the dashboard (`report.comparison`), with the default filters only:
each region's approved snapshot, or else its latest submission; never a draft.
"""

from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eubelong.exports.registry import ExportKind, ExportUnavailable, register
from regions.access import is_coordinator
from regions.models import Network
from toolkit.reporting import selectors as reporting
from toolkit.selectors import submission_times

from . import progress, report, selectors
from .selectors import Filters


def comparison_allowed(user) -> bool:
    return is_coordinator(user)


def comparison_context(region, object_id, user) -> dict:
    if object_id or not is_coordinator(user):
        raise ExportUnavailable
    # No filters: the dashboard's default view (no drafts, latest cycle with a submission).
    ctx = report.comparison(user, Filters())
    panels, people = report.panels(ctx)
    srcs, columns = ctx["sources"], ctx["all_columns"]
    tpl = selectors.template_priorities(srcs)

    priorities = []
    for number, title in columns:
        selectors.load_items(srcs, tpl, number)
        items, rows = report.items_matrix(srcs, number)
        priorities.append(
            {
                "number": number,
                "title": title,
                "anchor": f"priority-{number}",
                "items": items,
                "rows": rows,
            }
        )

    # Progress: the latest reporting year with submitted reports, as the progress view shows it.
    periods = reporting.opened_periods()
    period = reporting.latest_reported_period(ctx["regions"], periods)
    progress_lines = progress.summarise(reporting.network_progress(ctx["regions"], period))
    progress_charts = progress.progress_charts(progress_lines)

    cited = [s.snapshot_id for s in srcs if s.snapshot_id]
    stamps = submission_times(cited)
    cycles = sorted({s.cycle for s in srcs})
    toc = [
        ("sources", _("Regions and snapshots"), 1),
        ("matrix", _("Completeness by priority"), 1),
        ("charts", _("Actions, budgets, stakeholders and reach"), 1),
    ]
    toc += [(chart.id, chart.title, 2) for chart in panels]
    if period is not None:
        toc.append(("progress", _("Progress in %(year)s") % {"year": period.year}, 1))
        toc += [(chart.id, chart.title, 2) for chart in progress_charts]
    toc += [(p["anchor"], f"{p['number']}. {p['title']}", 1) for p in priorities]
    return {
        "title": _("Comparison report"),
        "network_names": list(
            Network.objects.filter(pk__in={r.network_id for r in ctx["regions"]})
            .order_by("name")
            .values_list("name", flat=True)
        ),
        "cycle": ", ".join(cycles),
        "snapshot": max(stamps.values(), default=None),
        "snapshot_label": _("%(n)s submitted or approved snapshots") % {"n": len(cited)},
        "generated_at": timezone.now(),
        "sources": [{"source": s, "submitted_at": stamps.get(s.snapshot_id)} for s in srcs],
        "missing": [r for r in ctx["regions"] if r.pk not in {s.region.pk for s in srcs}],
        "columns": columns,
        "matrix": ctx["matrix"],
        "panels": panels,
        "progress_period": period,
        "progress_lines": progress_lines,
        "progress_charts": progress_charts,
        "levels": people["levels"],
        "level_rows": people["level_rows"],
        "priorities": priorities,
        "symbols": [
            (symbol, label)
            for status, symbol in report.STATUS_SYMBOLS.items()
            for value, label in type(status).choices
            if value == status
        ],
        "toc": toc,
    }


register(
    ExportKind(
        key="comparison",
        label=gettext_lazy("Comparison report"),
        template="pdf/comparison.html",
        build_context=comparison_context,
        region_perm=None,
        allowed=comparison_allowed,
    )
)
