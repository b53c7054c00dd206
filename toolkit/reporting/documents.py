"""What yearly reporting offers the export machinery: a region's progress report as a PDF.

A submitted or accepted report prints its frozen submission; a draft prints what is saved now and
says so on the cover."""

import uuid
from collections import Counter

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eubelong.exports.charts import bar_chart
from eubelong.exports.registry import ExportKind, ExportUnavailable, register
from toolkit.models import ActionStatus

from . import selectors
from .models import ReportStatus
from .progress import STATE_LABELS, achievement


def report_choices(region, user) -> list[tuple[str, str]]:
    return [
        (
            str(report.uuid),
            _("%(year)s · %(status)s")
            % {"year": report.period.year, "status": report.get_status_display()},
        )
        for report in selectors.region_reports(region)
    ]


def report_context(region, object_id, user) -> dict:
    try:
        key = uuid.UUID(object_id)
    except (TypeError, ValueError):
        raise ExportUnavailable from None
    report = selectors.report_in_region(region, key)
    if report is None:
        raise ExportUnavailable
    data = selectors.printable_data(report)
    statuses = dict(ActionStatus.choices)
    action_counts: Counter = Counter()
    for action in data["actions"]:
        action["status_label"] = statuses.get(action["status"], _("Not reported"))
        action_counts[action["status_label"]] += 1
    achieved_rows = []
    for indicator in data["indicators"]:
        indicator["state_label"] = STATE_LABELS.get(indicator["state"], "")
        indicator["achieved"] = achievement(indicator)
        if indicator["achieved"] is not None:
            achieved_rows.append((indicator["name"], indicator["achieved"]))
    frozen = report.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    toc = [
        ("summary", _("Summary"), 1),
        ("actions", _("Actions in the period"), 1),
        ("indicators", _("Indicators"), 1),
        ("narrative", _("Overall"), 1),
    ]
    return {
        "title": _("Progress report %(year)s") % {"year": report.period.year},
        "report": report,
        "data": data,
        "frozen": frozen,
        "snapshot": report.submitted_at if frozen else report.updated_at,
        "snapshot_label": (
            _("As submitted, %(status)s") % {"status": report.get_status_display()}
            if frozen
            else _("Draft, as saved now")
        ),
        "text_language": report.workplan.language,
        "action_chart": bar_chart(title=_("Actions by status"), rows=sorted(action_counts.items())),
        "indicator_chart": bar_chart(
            title=_("Share of each target reached (%)"), rows=achieved_rows
        ),
        "toc": toc,
    }


register(
    ExportKind(
        key="progress_report",
        label=gettext_lazy("Progress report"),
        template="pdf/progress_report.html",
        build_context=report_context,
        region_perm="view_region",
        choices=report_choices,
    )
)
