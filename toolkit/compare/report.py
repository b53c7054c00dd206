"""The comparison of regions as one report.

The dashboard, its CSV/XLSX/JSON downloads and the coordinators' PDF report all read it through
`comparison(user, filters)`; the drill-down, evidence and side-by-side pages use its item matrix.
"""

import logging
from dataclasses import dataclass, replace

from django.core.cache import cache
from django.core.paginator import Paginator
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from eubelong.core import l10n
from regions.access import is_coordinator
from toolkit.completeness import completeness
from toolkit.models import ItemStatus

from . import charts, selectors
from .selectors import Filters

PAGE_SIZE = 50
MAX_BARS = 30
# Tallies of submitted snapshots never go stale; the timeout only bounds the cache's size.
TALLIES_TTL = 60 * 60 * 24

logger = logging.getLogger(__name__)

STATUS_SYMBOLS = {
    ItemStatus.DONE: "✓",
    ItemStatus.IN_PROGRESS: "◐",
    ItemStatus.NOT_STARTED: "○",
    ItemStatus.NOT_APPLICABLE: "–",
}


@dataclass(frozen=True)
class Scope:
    """The regions a person may compare, and which of them they may read in full."""

    regions: list
    readable: set

    @property
    def countries(self) -> list[str]:
        return sorted({region.country for region in self.regions})

    def narrowed(self, filters: Filters) -> "Scope":
        if not filters.country:
            return self
        return replace(self, regions=[r for r in self.regions if r.country == filters.country])


def workplan_link(source, readable, *, reviewer: bool, priority: int | None = None) -> str:
    """Where a compared region's name and cells lead: for coordinators, the review of the cited
    workplan; for anyone else who may read the region, the workplan; for the others, nowhere.

    The region door (`readable`, the regions one holds a role in) decides, never the sharing
    setting: sharing shows a region's numbers, not its workplan."""
    if source is None or source.region.pk not in readable or not source.workplan_uuid:
        return ""
    name = "toolkit:workplan-review" if reviewer else "toolkit:workplan-edit"
    url = reverse(name, kwargs={"region": source.region.slug, "workplan": source.workplan_uuid})
    return at_priority(url, priority, reviewer=reviewer)


def at_priority(url: str, priority: int | None, *, reviewer: bool) -> str:
    """`url` (a workplan or its review) at one priority's section; "" stays ""."""
    if not url or priority is None:
        return url
    return f"{url}#{'rp' if reviewer else 'priority'}-{priority}"


def regions_in_scope(user) -> Scope:
    regions, readable = selectors.comparable_regions(user)
    return Scope(regions=regions, readable=readable)


def comparison(
    user, filters: Filters, *, scope: Scope | None = None, with_actions=True, page=None, log=True
) -> dict:
    """Everything the dashboard, the downloads and the report show, in a fixed number of queries.

    `scope` is the regions `user` may compare (read once by the caller that also needs them for
    its filter form); without it they are read here.

    Without `with_actions` the actions are read only when their tallies are not cached. With a
    `page` number the matrix holds that page of regions only (`ctx["page"]`), and only their
    completeness is read whenever the tallies come from the cache."""
    scope = (scope or regions_in_scope(user)).narrowed(filters)
    regions, readable = scope.regions, scope.readable
    srcs = selectors.sources(regions, readable, filters)
    tpl = selectors.template_priorities(srcs)
    columns = selectors.priority_columns(tpl)
    key = selectors.tallies_key(srcs, readable, filters)
    tallies = None if with_actions or key is None else cache_get(key)
    need_actions = with_actions or tallies is None
    listed, paged = regions, None
    if page is not None:
        paged = Paginator(regions, PAGE_SIZE).get_page(page)
        listed = list(paged.object_list)
    overview = srcs
    if paged is not None and not need_actions:
        on_page = {r.pk for r in listed}
        overview = [s for s in srcs if s.region.pk in on_page]
    selectors.load_overview(overview, tpl, with_actions=need_actions)
    if tallies is None:
        tallies = selectors.action_tallies(srcs, filters)
        if key is not None:
            cache_set(key, tallies)
    if log:  # the dashboard logs each view itself, kept or not
        selectors.log_read(user, "comparison", regions)
    shown = [(n, t) for n, t in columns if not filters.priority or n == filters.priority]
    by_region = {s.region.pk: s for s in srcs}
    reviewer = is_coordinator(user)
    matrix = []
    for region in listed:
        src = by_region.get(region.pk)
        href = workplan_link(src, readable, reviewer=reviewer)
        cells = []
        for number, _title in shown:
            value = src.priorities.get(number, {}).get("completeness") if src else None
            cells.append(
                {
                    "number": number,
                    "value": value,
                    "step": charts.heat_step(value),
                    "href": at_priority(href, number, reviewer=reviewer),
                }
            )
        matrix.append(
            {
                "region": region,
                "source": src,
                "href": href,
                "cells": cells,
                "overall": src.completeness if src else None,
                "overall_step": charts.heat_step(src.completeness) if src else None,
            }
        )
    if paged is not None:
        paged.object_list = matrix  # the page's rows, ready for the template
    return {
        "filters": filters,
        "regions": regions,
        "sources": srcs,
        "columns": shown,
        "all_columns": columns,
        "matrix": matrix,
        "page": paged,
        "readable": readable,
        "reviewer": reviewer,
        "tallies": tallies,
    }


def cache_get(key):
    # The cache only saves time: if it is unreachable, count again.
    try:
        return cache.get(key)
    except Exception:
        logger.warning("comparison cache unreachable", exc_info=True)
        return None


def cache_set(key, value):
    try:
        cache.set(key, value, TALLIES_TTL)
    except Exception:
        logger.warning("comparison cache unreachable", exc_info=True)


def _by_country(data: dict) -> tuple[dict, bool]:
    """Past MAX_BARS regions a bar per region is unreadable: sum them by country instead."""
    if len(data["categories"]) <= MAX_BARS:
        return {k: v for k, v in data.items() if k != "countries"}, False
    sums = {}
    for country, row in zip(data["countries"], data["values"], strict=True):
        total = sums.setdefault(country, [0] * len(row))
        for i, value in enumerate(row):
            total[i] += value
    countries = sorted(sums)
    return {
        "series": data["series"],
        "categories": countries,
        "values": [sums[c] for c in countries],
    }, True


def _why_empty(ctx) -> dict[str, str]:
    """Why a panel has nothing to show, in a sentence per panel (see `panels`)."""
    filters = ctx["filters"]
    if not ctx["regions"]:
        nothing = _("No region is open to you for comparison yet, so there is nothing to compare.")
        return dict.fromkeys(("actions", "budget", "stakeholders", "reach", "no_actions"), nothing)
    narrowed = bool(filters.cycle or filters.country)
    if not ctx["sources"]:
        actions = (
            _(
                "No region in this selection has submitted a workplan yet, so there are no actions to compare."
            )
            if narrowed
            else _("No region has submitted a workplan yet, so there are no actions to compare.")
        )
        budget = (
            _(
                "No region in this selection has submitted a workplan yet, so there are no budgets to compare."
            )
            if narrowed
            else _("No region has submitted a workplan yet, so there are no budgets to compare.")
        )
    elif filters.priority or filters.area:
        actions = budget = _(
            "The compared workplans have no action under this priority or thematic area."
        )
    else:
        actions = budget = _("The compared workplans have no actions yet.")
    return {
        "actions": actions,
        "no_actions": budget,
        "budget": _("No action of the compared workplans has a planned budget yet."),
        "stakeholders": _("None of the compared regions has registered a stakeholder yet."),
        "reach": _(
            "None of the compared regions has recorded participants in capacity building yet."
        ),
    }  # fmt: skip


def panels(ctx) -> tuple[list, dict]:
    """The dashboard's four charts, and the stakeholder levels table.

    A chart with nothing to draw carries the reason in `empty`, which pages show instead."""
    srcs, filters, regions = ctx["sources"], ctx["filters"], ctx["regions"]
    why = _why_empty(ctx)
    status = selectors.actions_by_status(srcs, ctx["tallies"])
    total_actions = sum(sum(row) for row in status["values"])
    money = selectors.budgets(ctx["tallies"], filters, ctx["all_columns"])
    total_budget = sum(sum(row) for row in money["values"])
    people = selectors.stakeholder_mix(regions)
    reach = selectors.capacity_reach(regions)
    reach_ids = reach.pop("ids")
    total_reach = sum(sum(row) for row in reach["values"])
    status, status_grouped = _by_country(status)
    reach, reach_grouped = _by_country(reach)
    people_bars, people_grouped = _by_country(
        {k: people[k] for k in ("series", "categories", "values", "countries")}
    )
    people["total"] = sum(sum(row) for row in people["values"])

    def per(grouped):
        return _("Country") if grouped else _("Region")

    panels = [
        charts.stacked_bar_chart(
            id="chart-actions",
            title=_("Actions by status"),
            summary=ngettext(
                "%(n)s action in the compared workplans, split by status.",
                "%(n)s actions in the compared workplans, split by status.",
                total_actions,
            )
            % {"n": total_actions},
            label_column=per(status_grouped),
            **status,
        ),
        charts.stacked_bar_chart(
            id="chart-budget",
            title=_("Budget by priority and funding source (EUR)"),
            summary=_("%(total)s EUR planned over all compared regions, by funding source.")
            % {"total": l10n.number(total_budget, places=0)},
            label_column=_("Priority"),
            **money,
        ),
        charts.stacked_bar_chart(
            id="chart-stakeholders",
            title=_("Stakeholders by sector"),
            summary=ngettext(
                "Registered stakeholders of %(n)s region, by sector.",
                "Registered stakeholders of %(n)s regions, by sector.",
                len(people["categories"]),
            )
            % {"n": len(people["categories"])},
            label_column=per(people_grouped),
            **people_bars,
        ),
        charts.stacked_bar_chart(
            id="chart-reach",
            title=_("Capacity-building reach by sector"),
            summary=_("%(n)s participants in capacity-building activities, by sector.")
            % {"n": l10n.number(total_reach)},
            label_column=per(reach_grouped),
            **reach,
        ),
    ]
    # Region names in the data tables lead where the matrix's do; rows summed by country nowhere.
    by_region = {src.region.pk: src for src in srcs}

    def links(region_ids, grouped):
        if grouped:
            return []
        return [
            workplan_link(by_region.get(pk), ctx["readable"], reviewer=ctx["reviewer"])
            for pk in region_ids
        ]

    panels[0].links = links([src.region.pk for src in srcs], status_grouped)
    panels[2].links = links(people["ids"], people_grouped)
    panels[3].links = links(reach_ids, reach_grouped)
    if not total_actions:
        panels[0].empty = why["actions"]
    if not total_budget:
        panels[1].empty = why["budget"] if total_actions else why["no_actions"]
    if not people["total"]:
        panels[2].empty = why["stakeholders"]
    if not total_reach:
        panels[3].empty = why["reach"]
    return panels, people


def items_matrix(srcs, number, evidence_url=""):
    """Item columns (number, text) and, per source, one cell per item (labels made here once,
    not per cell in the template: the table can hold thousands of cells). Item texts are in the
    reader's language, worded as in the newest template."""
    newest = {}
    for src in sorted(srcs, key=lambda s: s.template_id):
        for item in src.items.get(number, []):
            known = newest.get(item["number"])
            # Within one template, prefer an answer frozen with its item's id: it can be translated.
            if known and known[0] == src.template_id and known[1].get("item_id"):
                continue
            newest[item["number"]] = (src.template_id, item)
    items = [item for _template, item in newest.values()]
    columns = sorted(
        ((i["number"], i["text"]) for i in selectors.localise_items(items)),
        key=lambda column: column[0],
    )
    rows = []
    for row_number, src in enumerate(srcs):
        answers = {item["number"]: item for item in src.items.get(number, [])}
        cells = []
        for n, _text in columns:
            item = answers.get(n)
            cell = {
                "number": n,
                "item": item,
                "symbol": STATUS_SYMBOLS.get(item["status"], "?") if item else "",
            }
            if item and evidence_url:
                cell["href"] = f"{evidence_url}&region={src.region.slug}&item={n}"
                cell["tip_id"] = f"ev-{row_number}-{n}"
                cell["label"] = _("%(region)s, item %(n)s: %(status)s") % {
                    "region": src.region.name,
                    "n": n,
                    "status": item["status_label"],
                }
                evidence = item["evidence"]
                if len(evidence) > 240:
                    evidence = evidence[:239] + "…"
                cell["tip"] = (
                    f"{item['status_label']} — {evidence}" if evidence else item["status_label"]
                )
            cells.append(cell)
        counts = [a["status"] for a in answers.values()]
        rows.append({"source": src, "cells": cells, "completeness": completeness(counts)})
    return columns, rows
