"""What the toolkit offers the export machinery: a region's workplan (current version or any
submitted snapshot) and the Model Framework with the Toolkit's priorities and checklists.

Rich text is rendered (and sanitised) here, so templates only ever escape. Each builder reads
through region-scoped selectors and raises `ExportUnavailable` for anything that is not there.
"""

import uuid
from collections import Counter, defaultdict
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from eubelong.core.text import render_markdown
from eubelong.exports.charts import bar_chart
from eubelong.exports.registry import ExportKind, ExportUnavailable, register
from handbook.documents import sections_of, title_of
from handbook.models import Publication, Section
from handbook.templatetags.content_i18n import english_marked
from handbook.translation.lookup import EnglishText

from .models import FundingSource
from .selectors import (
    current_template,
    localise_action_areas,
    localise_workplan_data,
    region_snapshot_list,
    region_workplan_cycles,
    snapshot_for_export,
    workplan_data,
    workplan_for_export,
    workplan_snapshot_data,
)
from .selectors.labs import lab_board, labs_listed, region_labs


def _uuid(value: str) -> uuid.UUID:
    try:
        return uuid.UUID(value)
    except (TypeError, ValueError):
        raise ExportUnavailable from None


# Workplan ------------------------------------------------------------------------------------


def _overview_html(overview: str):
    """A priority's overview, marked as English when it has no translation."""
    html = render_markdown(overview)
    return english_marked(html, block=True) if isinstance(overview, EnglishText) else html


def workplan_choices(region, user) -> list[tuple[str, str]]:
    workplans = region_workplan_cycles(region)
    snapshots = region_snapshot_list(region)
    by_workplan: dict[int, list] = {}
    for snapshot in snapshots:
        by_workplan.setdefault(snapshot.workplan_id, []).append(snapshot)
    choices = []
    for workplan in workplans:
        choices.append(
            (
                f"current:{workplan.uuid}",
                _("%(cycle)s · current version (revision %(revision)s)")
                % {"cycle": workplan.cycle, "revision": workplan.revision},
            )
        )
        for snapshot in by_workplan.get(workplan.pk, []):
            choices.append(
                (
                    f"snapshot:{snapshot.uuid}",
                    _("%(cycle)s · submitted revision %(revision)s (%(outcome)s)")
                    % {
                        "cycle": workplan.cycle,
                        "revision": snapshot.revision,
                        "outcome": snapshot.get_outcome_display(),
                    },
                )
            )
    return choices


def _funding_table(data) -> dict:
    """Planned amounts per funding source and year over all actions (snapshots made before the
    funding mix have none)."""
    cells: dict = defaultdict(Decimal)
    for priority in data["priorities"]:
        for action in priority["actions"]:
            for year, source, amount in action.get("funding") or []:
                cells[(source, year)] += Decimal(amount or 0)
    years = sorted({year for _source, year in cells})
    rows = []
    for value, label in FundingSource.choices:
        amounts = [cells.get((value, year)) for year in years]
        if any(amounts):
            rows.append((label, amounts, sum((a for a in amounts if a), Decimal(0))))
    return {"years": years, "rows": rows}


def workplan_context(region, object_id, user) -> dict:
    which, _sep, raw = object_id.partition(":")
    if which == "current":
        workplan = workplan_for_export(region, _uuid(raw))
        if workplan is None:
            raise ExportUnavailable
        data = workplan_data(workplan)
        stamp = workplan.updated_at
        text_language = workplan.language
        label = _("Current version, revision %(revision)s") % {"revision": workplan.revision}
    elif which == "snapshot":
        snapshot = snapshot_for_export(region, _uuid(raw))
        if snapshot is None:
            raise ExportUnavailable
        data = workplan_snapshot_data(snapshot)
        stamp = snapshot.submitted_at
        text_language = snapshot.workplan.language
        label = _("Submitted revision %(revision)s, %(outcome)s") % {
            "revision": snapshot.revision,
            "outcome": snapshot.get_outcome_display(),
        }
    else:
        raise ExportUnavailable

    # The template's shared titles and texts in the document's language; the region's own words
    # stay as written.
    data = localise_action_areas(localise_workplan_data(data))
    priorities = []
    toc = [("summary", _("Summary"), 1)]
    status_counts: Counter = Counter()
    action_counts: Counter = Counter()
    for index, priority in enumerate(data["priorities"], start=1):
        anchor = f"priority-{index}"
        toc.append((anchor, f"{priority['number']}. {priority['title']}", 1))
        for item in priority["items"]:
            status_counts[item["status_label"]] += 1
        for action in priority["actions"]:
            action_counts[action["status_label"]] += 1
        priorities.append(
            {
                **priority,
                "anchor": anchor,
                "overview_html": _overview_html(priority.get("overview") or ""),
                "summary_html": render_markdown(priority.get("summary") or ""),
            }
        )
    return {
        "title": _("Workplan"),
        "funding": _funding_table(data),
        "cycle": data["workplan"]["cycle"],
        "snapshot": stamp,
        "snapshot_label": label,
        "data": data,
        # The region's own words are in the language the workplan was written in.
        "text_language": text_language,
        "priorities": priorities,
        "status_chart": bar_chart(
            title=_("Checklist items by status"), rows=sorted(status_counts.items())
        ),
        "action_chart": bar_chart(title=_("Actions by status"), rows=sorted(action_counts.items())),
        "toc": toc,
    }


# Model Framework and Toolkit --------------------------------------------------------------------


def framework_context(region, object_id, user) -> dict:
    sections = sections_of(Section.objects.filter(publication=Publication.FRAMEWORK))
    template = current_template()
    priorities = []
    if template is not None:
        for priority in template.priorities.prefetch_related("items").order_by("number"):
            priorities.append(
                {
                    "priority": priority,
                    "anchor": f"priority-{priority.number}",
                    "overview_html": render_markdown(priority.overview or ""),
                    "items": list(priority.items.all()),
                }
            )
    toc = [(s["anchor"], f"{s['section'].number}. {title_of(s['section'])}", 1) for s in sections]
    if priorities:
        toc.append(("toolkit", _("Toolkit: strategic priorities and checklists"), 1))
        toc += [
            (p["anchor"], f"{p['priority'].number}. {title_of(p['priority'])}", 2)
            for p in priorities
        ]
    stamps = [s["section"].updated_at for s in sections]
    if template is not None and template.published_at:
        stamps.append(template.published_at)
    return {
        "title": _("Model Framework and Toolkit"),
        "sections": sections,
        "template": template,
        "priorities": priorities,
        "snapshot": max(stamps) if stamps else None,
        "snapshot_label": (
            _("Toolkit template version %(number)s") % {"number": template.number}
            if template
            else ""
        ),
        "toc": toc,
    }


register(
    ExportKind(
        key="workplan",
        label=gettext_lazy("Workplan"),
        template="pdf/workplan.html",
        build_context=workplan_context,
        region_perm="view_region",
        choices=workplan_choices,
    )
)
register(
    ExportKind(
        key="framework",
        label=gettext_lazy("Model Framework and Toolkit"),
        template="pdf/framework.html",
        build_context=framework_context,
        region_perm=None,
    )
)


# Learning lab summary ---------------------------------------------------------------------------


def lab_choices(region, user) -> list[tuple[str, str]]:
    return [
        (str(lab.uuid), f"{lab.title} · {lab.workplan.cycle}")
        for lab in labs_listed(getattr(region, "pk", region))
    ]


def lab_context(region, object_id, user) -> dict:
    lab = region_labs(region).filter(uuid=_uuid(object_id)).first()
    if lab is None:
        raise ExportUnavailable
    return {
        "title": _("Learning lab: %(title)s") % {"title": lab.title},
        "region": region,
        "lab": lab,
        "workplan": lab.workplan,
        "board": lab_board(lab),
        "snapshot": lab.closed_at or lab.ends_at,
        "snapshot_label": str(lab.workplan.cycle),
        "toc": [
            ("participants", _("Who took part")),
            ("proposed", _("What was proposed")),
            ("accepted", _("What was accepted")),
        ],
    }


register(
    ExportKind(
        key="lab",
        label=gettext_lazy("Learning lab summary"),
        template="pdf/lab_summary.html",
        build_context=lab_context,
        region_perm="view_region",
        choices=lab_choices,
    )
)
