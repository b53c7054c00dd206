"""Regions compared: the dashboard, the drill-down into one priority, the evidence behind an
answer, side by side, and the downloads."""

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from eubelong.core.fasthtml import escape
from eubelong.core.htmx import render_page
from regions.access import is_coordinator

from .. import downloads, report, selectors
from ..cache import kept_matrix, kept_results
from .common import query_without, request_filters

DRILL_PAGE_SIZE = 20


@require_safe
@login_required
def dashboard(request):
    form, filters, scope = request_filters(request)

    def results():
        ctx = report.comparison(
            request.user,
            filters,
            scope=scope,
            with_actions=False,
            page=request.GET.get("page", ""),
            log=False,
        )
        panels, people = report.panels(ctx)
        ctx.update(
            {
                "rows": ctx["page"],
                "page_query": query_without(request, page=True),
                "panels": panels,
                "levels": people["levels"],
                "level_rows": people["level_rows"],
                "stakeholders_total": people["total"],
                "query": query_without(request),
                "tables": downloads.TABLE_NAMES,
            }
        )
        html = render_to_string("compare/_dashboard_results.html", ctx, request)
        return html, [r.slug for r in scope.regions]

    # Kept or not, the page is a read across regions: logged on every view.
    html, read = kept_results(request, "dashboard", scope, filters, results)
    selectors.log_read(request.user, "comparison", read)
    return render_page(
        request, "compare/dashboard.html", {"form": form, "results_html": html}, partial="results"
    )


def _cells_html(cells):
    """A row of drill-down cells, written here: at 20 regions × 40 items the template loop was
    most of the page's time. Every value is escaped."""
    out = []
    for cell in cells:
        item = cell["item"]
        if not item:
            out.append('<td class="cell status-none"><span class="meta">—</span></td>')
            continue
        tip_id = escape(cell["tip_id"])
        out.append(
            f'<td class="cell status-{escape(item["status"])}"><a href="{escape(cell["href"])}"'
            f' aria-describedby="{tip_id}"><span aria-hidden="true">{escape(cell["symbol"])}'
            f'</span><span class="visually-hidden">{escape(cell["label"])}</span></a>'
            f'<span class="tip" role="tooltip" id="{tip_id}">{escape(cell["tip"])}</span></td>'
        )
    return mark_safe("".join(out))  # noqa: S308 - built from escaped values above


def _nothing_submitted(regions, filters) -> str:
    """Why the checklist matrix is empty, in a sentence."""
    if not regions:
        return _("No region is open to you for comparison yet, so there is nothing to compare.")
    if filters.cycle or filters.country:
        return _(
            "No region in this selection has submitted a workplan yet, so there are no "
            "checklist answers to compare."
        )
    return _(
        "No region has submitted a workplan yet, so there are no checklist answers to compare."
    )


@require_safe
@login_required
def drilldown(request):
    form, filters, scope = request_filters(request, priority_required=True)
    title = dict(form.fields["priority"].choices).get(filters.priority, str(filters.priority))

    def results():
        ctx = _drilldown(request, filters, scope)
        ctx["priority_title"] = title
        html = render_to_string("compare/_drilldown_results.html", ctx, request)
        return html, [s.region.slug for s in ctx["page"].object_list]

    # Kept or not, the page is a read across regions: logged on every view.
    html, read = kept_results(request, "drill-down", scope, filters, results)
    selectors.log_read(request.user, "drill-down", read)
    return render_page(
        request, "compare/drilldown.html", {"form": form, "results_html": html}, partial="results"
    )


def _drilldown(request, filters, scope) -> dict:
    regions, readable = scope.regions, scope.readable
    all_srcs = selectors.sources(regions, readable, filters)
    # A page of regions at a time keeps the table readable and the time flat.
    page = Paginator(all_srcs, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    srcs = list(page.object_list)
    evidence_url = (
        reverse("compare:evidence")
        + "?"
        + query_without(request, region=True, item=True, page=True)
    )

    def matrix():
        selectors.load_items(srcs, selectors.template_priorities(srcs), filters.priority)
        columns, rows = report.items_matrix(srcs, filters.priority, evidence_url)
        return columns, [(_cells_html(row["cells"]), row["completeness"]) for row in rows]

    # Frozen snapshots give the same cells to everyone who may see them: built once (cache.py).
    columns, cells = kept_matrix(srcs, filters.priority, evidence_url, matrix)
    reviewer = is_coordinator(request.user)
    rows = [
        {
            "source": src,
            "cells_html": cells_html,
            "completeness": done,
            "href": report.workplan_link(
                src, readable, reviewer=reviewer, priority=filters.priority
            ),
        }
        for src, (cells_html, done) in zip(srcs, cells, strict=True)
    ]
    compared = {s.region.pk for s in all_srcs}
    return {
        "filters": filters,
        "regions": regions,
        "columns": columns,
        "rows": rows,
        "query": query_without(request, page=True),
        "evidence_query": query_without(request, region=True, item=True, page=True),
        "missing": [r for r in regions if r.pk not in compared],
        "page": page,
        "empty": "" if rows else _nothing_submitted(regions, filters),
    }


@require_safe
@login_required
def evidence(request):
    form, filters, scope = request_filters(request, priority_required=True)
    regions, readable = scope.regions, scope.readable
    slug = request.GET.get("region", "")
    try:
        number = int(request.GET.get("item", ""))
    except ValueError as error:
        raise Http404("No such item") from error
    regions = [r for r in regions if r.slug == slug]
    srcs = selectors.sources(regions, readable, filters)
    if not srcs:
        raise Http404("Nothing to show")
    tpl = selectors.template_priorities(srcs)
    selectors.load_items(srcs, tpl, filters.priority)
    selectors.log_read(request.user, "evidence", regions)
    src = srcs[0]
    item = next((i for i in src.items.get(filters.priority, []) if i["number"] == number), None)
    if item is None:
        raise Http404("No such item")
    [item] = selectors.localise_items([item])
    return render(
        request,
        "compare/evidence.html",
        {
            "source": src,
            "item": item,
            "filters": filters,
            "symbol": report.STATUS_SYMBOLS.get(item["status"], ""),
            "back_query": query_without(request, region=True, item=True),
        },
    )


@require_safe
@login_required
def side_by_side(request):
    form, filters, scope = request_filters(request)
    regions, readable = scope.regions, scope.readable
    chosen = request.GET.getlist("regions")
    picked = [r for r in regions if r.slug in chosen]
    error = ""
    sections = []
    if chosen and not 2 <= len(picked) <= 4:
        error = _("Choose between two and four regions.")
    elif picked:
        srcs = selectors.sources(picked, readable, filters)
        tpl = selectors.template_priorities(srcs)
        columns = selectors.priority_columns(tpl)
        selectors.log_read(request.user, "side-by-side", picked)
        reviewer = is_coordinator(request.user)
        for number, title in columns:
            if filters.priority and number != filters.priority:
                continue
            selectors.load_items(srcs, tpl, number)
            item_columns, rows = report.items_matrix(srcs, number)
            # Transposed: one row per item, one column per region.
            lines = [
                {
                    "number": n,
                    "text": text,
                    "cells": [row["cells"][i] for row in rows],
                }
                for i, (n, text) in enumerate(item_columns)
            ]
            sections.append(
                {
                    "number": number,
                    "title": title,
                    "sources": srcs,
                    "heads": [
                        (
                            src,
                            report.workplan_link(src, readable, reviewer=reviewer, priority=number),
                        )
                        for src in srcs
                    ],
                    "summaries": [s.priorities.get(number, {}).get("summary", "") for s in srcs],
                    "lines": lines,
                }
            )
        picked_without = [r for r in picked if r.pk not in {s.region.pk for s in srcs}]
    return render(
        request,
        "compare/side_by_side.html",
        {
            "form": form,
            "filters": filters,
            "regions": regions,
            "chosen": chosen,
            "error": error,
            "sections": sections,
            "without": picked_without if picked and not error else [],
        },
    )


@require_safe
@login_required
def download(request, fmt):
    if fmt not in downloads.FORMATS:
        raise Http404("No such format")
    _form, filters, scope = request_filters(request)
    return downloads.respond(request, report.comparison(request.user, filters, scope=scope), fmt)
