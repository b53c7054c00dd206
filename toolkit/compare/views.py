import logging
from decimal import Decimal, InvalidOperation

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from handbook.models import ThematicArea
from regions.access import coordinator_required as coordinator_view
from regions.access import region_view
from toolkit.models import ItemStatus

from . import assessment, charts, exports, selectors, services
from .forms import FilterForm
from .models import Level, Questionnaire

PAGE_SIZE = 50
DRILL_PAGE_SIZE = 20
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


def _filters(request, *, priority_required=False):
    regions, readable = selectors.comparable_regions(request.user)
    countries = sorted({r.country for r in regions})
    form = FilterForm(request.GET or None, countries=countries, priority_required=priority_required)
    filters = form.filters()
    if priority_required and not filters.priority:
        filters.priority = 1
    if filters.country:
        regions = [r for r in regions if r.country == filters.country]
    return form, filters, regions, readable


def _query(request, **drop) -> str:
    params = request.GET.copy()
    for key in drop:
        params.pop(key, None)
    return params.urlencode()


def comparison(request, *, with_actions=True, priority_required=False, page=None) -> dict:
    """Everything the dashboard and the downloads show, in a fixed number of queries.

    Without `with_actions` the actions are read only when their tallies are not cached. With a
    `page` number the matrix holds that page of regions only (`ctx["page"]`), and only their
    completeness is read whenever the tallies come from the cache."""
    form, filters, regions, readable = _filters(request, priority_required=priority_required)
    srcs = selectors.sources(regions, readable, filters)
    tpl = selectors.template_priorities(srcs)
    columns = selectors.priority_columns(tpl)
    key = selectors.tallies_key(srcs, readable, filters)
    tallies = None if with_actions or key is None else _cache_get(key)
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
            _cache_set(key, tallies)
    selectors.log_read(request.user, "comparison", regions)
    shown = [(n, t) for n, t in columns if not filters.priority or n == filters.priority]
    by_region = {s.region.pk: s for s in srcs}
    matrix = []
    for region in listed:
        src = by_region.get(region.pk)
        cells = []
        for number, _title in shown:
            value = src.priorities.get(number, {}).get("completeness") if src else None
            cells.append({"number": number, "value": value, "step": charts.heat_step(value)})
        matrix.append(
            {
                "region": region,
                "source": src,
                "cells": cells,
                "overall": src.completeness if src else None,
                "overall_step": charts.heat_step(src.completeness) if src else None,
            }
        )
    if paged is not None:
        paged.object_list = matrix  # the page's rows, ready for the template
    return {
        "form": form,
        "filters": filters,
        "regions": regions,
        "sources": srcs,
        "columns": shown,
        "all_columns": columns,
        "matrix": matrix,
        "page": paged,
        "readable": readable,
        "tallies": tallies,
    }


def _cache_get(key):
    # The cache only saves time: if it is unreachable, count again.
    try:
        return cache.get(key)
    except Exception:
        logger.warning("comparison cache unreachable", exc_info=True)
        return None


def _cache_set(key, value):
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


def _panels(ctx) -> list:
    srcs, filters, regions = ctx["sources"], ctx["filters"], ctx["regions"]
    status = selectors.actions_by_status(srcs, ctx["tallies"])
    total_actions = sum(sum(row) for row in status["values"])
    money = selectors.budgets(ctx["tallies"], filters, ctx["all_columns"])
    total_budget = sum(sum(row) for row in money["values"])
    people = selectors.stakeholder_mix(regions)
    reach = selectors.capacity_reach(regions)
    total_reach = sum(sum(row) for row in reach["values"])
    status, status_grouped = _by_country(status)
    reach, reach_grouped = _by_country(reach)
    people_bars, people_grouped = _by_country(
        {k: people[k] for k in ("series", "categories", "values", "countries")}
    )

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
            % {"total": f"{total_budget:,.0f}"},
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
            % {"n": f"{total_reach:,}"},
            label_column=per(reach_grouped),
            **reach,
        ),
    ]
    return panels, people


@require_safe
@login_required
def dashboard(request):
    ctx = comparison(request, with_actions=False, page=request.GET.get("page", ""))
    panels, people = _panels(ctx)
    ctx.update(
        {
            "rows": ctx["page"],
            "page_query": _query(request, page=True),
            "panels": panels,
            "levels": people["levels"],
            "level_rows": people["level_rows"],
            "query": _query(request),
            "tables": exports.TABLE_NAMES,
        }
    )
    template = "compare/dashboard.html#results" if request.htmx else "compare/dashboard.html"
    return render(request, template, ctx)


def _items_matrix(srcs, number, evidence_url=""):
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
        rows.append({"source": src, "cells": cells, "completeness": _complete(counts)})
    return columns, rows


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


def _complete(statuses):
    from toolkit.selectors import completeness

    return completeness(statuses)


@require_safe
@login_required
def drilldown(request):
    form, filters, regions, readable = _filters(request, priority_required=True)
    all_srcs = selectors.sources(regions, readable, filters)
    # A page of regions at a time keeps the table readable and the time flat.
    page = Paginator(all_srcs, DRILL_PAGE_SIZE).get_page(request.GET.get("page"))
    srcs = list(page.object_list)
    tpl = selectors.template_priorities(srcs)
    selectors.load_items(srcs, tpl, filters.priority)
    selectors.log_read(request.user, "drill-down", [s.region for s in srcs])
    evidence_url = (
        reverse("compare:evidence") + "?" + _query(request, region=True, item=True, page=True)
    )
    columns, rows = _items_matrix(srcs, filters.priority, evidence_url)
    for row in rows:
        row["cells_html"] = _cells_html(row["cells"])
    compared = {s.region.pk for s in all_srcs}
    title = dict(form.fields["priority"].choices).get(filters.priority, str(filters.priority))
    ctx = {
        "form": form,
        "filters": filters,
        "regions": regions,
        "columns": columns,
        "rows": rows,
        "priority_title": title,
        "query": _query(request, page=True),
        "evidence_query": _query(request, region=True, item=True, page=True),
        "missing": [r for r in regions if r.pk not in compared],
        "page": page,
    }
    template = "compare/drilldown.html#results" if request.htmx else "compare/drilldown.html"
    return render(request, template, ctx)


@require_safe
@login_required
def evidence(request):
    form, filters, regions, readable = _filters(request, priority_required=True)
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
            "symbol": STATUS_SYMBOLS.get(item["status"], ""),
            "back_query": _query(request, region=True, item=True),
        },
    )


@require_safe
@login_required
def side_by_side(request):
    form, filters, regions, readable = _filters(request)
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
        for number, title in columns:
            if filters.priority and number != filters.priority:
                continue
            selectors.load_items(srcs, tpl, number)
            item_columns, rows = _items_matrix(srcs, number)
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
    if fmt not in exports.FORMATS:
        raise Http404("No such format")
    ctx = comparison(request)
    return exports.respond(request, ctx, fmt)


# --- self-assessment ----------------------------------------------------------------------


@require_safe
@login_required
def index(request):
    form, filters, regions, readable = _filters(request)
    result = assessment.index_results(
        regions, readable, cycle_year=filters.cycle, drafts=filters.drafts
    )
    selectors.log_read(request.user, "self-assessment index", regions)
    area_titles = [a["title"] for a in result.areas]
    shown_areas = [
        (i, t) for i, t in enumerate(area_titles) if not filters.area or t == filters.area
    ]
    chart = charts.bar_chart(
        id="chart-index",
        title=_("Self-assessment index"),
        summary=ngettext(
            "Index of %(n)s region, from 0 to 100, highest first.",
            "Index of %(n)s regions, from 0 to 100, highest first.",
            len(result.rows),
        )
        % {"n": len(result.rows)},
        rows=[(row["region"].name, row["index"]) for row in result.rows],
        max_value=100,
        label_column=_("Region"),
        value_label=_("Index"),
    )
    for row in result.rows:
        row["shown"] = [
            {"value": row["areas"][i], "step": charts.heat_step(row["areas"][i])}
            for i, _t in shown_areas
        ]
        row["step"] = charts.heat_step(row["index"])
    ctx = {
        "form": form,
        "filters": filters,
        "result": result,
        "areas": shown_areas,
        "chart": chart,
        "own": [r for r in regions if r.pk in readable],
        "query": _query(request),
    }
    template = "compare/index.html#results" if request.htmx else "compare/index.html"
    return render(request, template, ctx)


def _cycle(request):
    cycles = selectors.cycles()
    wanted = request.GET.get("cycle") or request.POST.get("cycle")
    chosen = next((c for c in cycles if str(c.start_year) == wanted), None)
    return chosen or (cycles[0] if cycles else None), cycles


def _answers_from(request, questions):
    answers = {}
    errors = []
    for q in questions:
        raw = request.POST.get(f"level-{q.pk}", "")
        level = None
        if raw != "":
            try:
                level = int(raw)
            except ValueError:
                level = -1
            if level not in Level.values:
                errors.append(q)
                level = None
        evidence = request.POST.get(f"evidence-{q.pk}", "").strip()[:5000]
        answers[q.pk] = (level, evidence)
    return answers, errors


def _share(raw):
    if raw in (None, ""):
        return None, False
    try:
        value = Decimal(raw.replace(",", "."))
    except InvalidOperation:
        return None, True
    if not Decimal(0) <= value <= Decimal(100):
        return None, True
    return value.quantize(Decimal("0.1")), False


@require_http_methods(["GET", "HEAD", "POST"])
@region_view("view_region", write_perm="edit_workplan")
def assessment_edit(request, region):
    cycle, cycles = _cycle(request)
    current = assessment.region_assessment(region, cycle) if cycle else None
    questionnaire = current.questionnaire if current else assessment.current_questionnaire()
    questions = assessment.questionnaire_questions(questionnaire) if questionnaire else []
    conflict = False
    errors = []
    if request.method == "POST":
        if cycle is None or questionnaire is None:
            raise Http404("Nothing to fill")
        if current is None:
            current = services.assessment_get_or_create(
                region=region, cycle=cycle, questionnaire=questionnaire
            )
        answers, errors = _answers_from(request, questions)
        share, share_error = _share(request.POST.get("foreign_born_share"))
        action = request.POST.get("action", "save")
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        if not errors and not share_error:
            try:
                if action == "reopen":
                    services.assessment_reopen(assessment=current, version=version)
                    messages.success(request, _("The self-assessment is a draft again."))
                else:
                    services.assessment_save(
                        assessment=current,
                        version=version,
                        answers=answers,
                        foreign_born_share=share,
                        submit=action == "submit",
                    )
                    messages.success(
                        request,
                        _("Self-assessment submitted to the network.")
                        if action == "submit"
                        else _("Self-assessment saved."),
                    )
                url = reverse("compare:assessment", kwargs={"region": region.slug})
                return redirect(f"{url}?cycle={cycle.start_year}")
            except services.Conflict:
                conflict = True
        if share_error:
            messages.error(request, _("Enter the share born abroad as a percentage from 0 to 100."))
    answers = assessment.assessment_answers(current)
    groups = []
    for q in questions:
        if not groups or groups[-1]["area"] != q.thematic_area:
            groups.append({"area": q.thematic_area, "questions": []})
        answer = answers.get(q.pk)
        groups[-1]["questions"].append(
            {
                "question": q,
                "level": answer.level if answer else None,
                "evidence": answer.evidence if answer else "",
            }
        )
    scores = {}
    if current:
        levels = {qid: a.level for qid, a in answers.items()}
        scores = assessment.score(
            [
                {"id": q.pk, "thematic_area_id": q.thematic_area_id, "weight": q.weight}
                for q in questions
            ],
            levels,
        )
    for group in groups:
        group["score"] = scores.get(group["area"].pk)
    can_edit = "edit_workplan" in request.region_perms
    return render(
        request,
        "compare/assessment.html",
        {
            "region": region,
            "cycle": cycle,
            "cycles": cycles,
            "assessment": current,
            "questionnaire": questionnaire,
            "groups": groups,
            "levels": Level.choices,
            "index": assessment.overall(scores) if scores else None,
            "can_edit": can_edit,
            "editable": can_edit and (current is None or current.status == "draft"),
            "conflict": conflict,
            "errors": errors,
        },
        status=409 if conflict else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@coordinator_view
def questionnaire(request):
    versions = list(Questionnaire.objects.all())
    wanted = request.GET.get("version") or request.POST.get("version")
    chosen = next((v for v in versions if str(v.number) == wanted), None) or (
        versions[0] if versions else None
    )
    areas = list(ThematicArea.objects.order_by("number"))
    if request.method == "POST":
        action = request.POST.get("action")
        url = reverse("compare:questionnaire")
        if action == "draft":
            draft = services.questionnaire_create_draft()
            messages.success(request, _("Draft version %(n)s is ready.") % {"n": draft.number})
            return redirect(f"{url}?version={draft.number}")
        if chosen is None:
            raise Http404("No questionnaire")
        try:
            if action == "publish":
                services.questionnaire_publish(questionnaire=chosen)
                messages.success(request, _("Version %(n)s published.") % {"n": chosen.number})
            elif action == "save":
                questions, new = {}, []
                for q in chosen.questions.all():
                    questions[q.pk] = {
                        "text": request.POST.get(f"text-{q.pk}", q.text),
                        "weight": _weight(request.POST.get(f"weight-{q.pk}"), q.weight),
                    }
                for area in areas:
                    text = request.POST.get(f"new-{area.pk}", "").strip()
                    if text:
                        new.append(
                            {
                                "thematic_area_id": area.pk,
                                "text": text,
                                "weight": _weight(request.POST.get(f"new-weight-{area.pk}"), 1),
                            }
                        )
                services.questionnaire_update(questionnaire=chosen, questions=questions, new=new)
                messages.success(request, _("Questionnaire saved."))
            else:
                raise Http404("Unknown action")
        except services.Frozen:
            messages.error(request, _("A published version cannot change; prepare a new one."))
        return redirect(f"{url}?version={chosen.number}")
    questions = list(chosen.questions.select_related("thematic_area")) if chosen else []
    groups = [
        {"area": area, "questions": [q for q in questions if q.thematic_area_id == area.pk]}
        for area in areas
    ]
    return render(
        request,
        "compare/questionnaire.html",
        {"versions": versions, "chosen": chosen, "groups": groups},
    )


def _weight(raw, default):
    try:
        return max(1, min(10, int(raw)))
    except (TypeError, ValueError):
        return default


@require_http_methods(["GET", "HEAD", "POST"])
@region_view("view_region", write_perm="change_region")
def sharing(request, region):
    current = services.sharing_get(region=region)
    conflict = False
    if request.method == "POST":
        try:
            version = int(request.POST.get("version", ""))
        except ValueError:
            version = -1
        shares = request.POST.get("shares_with_network") == "on"
        try:
            services.sharing_set(region=region, shares=shares, version=version)
            messages.success(request, _("Sharing setting saved."))
            return redirect("compare:sharing", region=region.slug)
        except services.Conflict:
            conflict = True
    return render(
        request,
        "compare/sharing.html",
        {
            "region": region,
            "sharing": current,
            "can_edit": "change_region" in request.region_perms,
            "conflict": conflict,
        },
        status=409 if conflict else 200,
    )
