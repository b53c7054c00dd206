"""The regional self-assessment: each region's answers, the network's index, the questionnaire
coordinators keep, and whether a region shares its data."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core import l10n
from eubelong.core.htmx import render_page
from eubelong.core.locking import ConflictError
from handbook.models import ThematicArea
from handbook.translation.lookup import translated_titles
from regions.access import coordinator_required as coordinator_view
from regions.access import region_view

from .. import charts, selectors, services
from ..models import Level, Questionnaire
from ..selectors import assessment
from .common import query_without, request_filters


def _why_no_index(regions, filters) -> str:
    if not regions:
        return _("No region is open to you for comparison yet, so there is nothing to compare.")
    if filters.cycle or filters.country:
        return _(
            "No region in this selection has submitted a self-assessment yet, so there are no "
            "scores to compare."
        )
    return _("No region has submitted a self-assessment yet, so there are no scores to compare.")


@require_safe
@login_required
def index(request):
    form, filters, scope = request_filters(request)
    regions, readable = scope.regions, scope.readable
    result = assessment.index_results(
        regions, readable, cycle_year=filters.cycle, drafts=filters.drafts
    )
    selectors.log_read(request.user, "self-assessment index", regions)
    # Filters name areas by their English title; the columns are in the reader's language.
    labels = translated_titles("handbook.ThematicArea", {a["id"]: a["title"] for a in result.areas})
    shown_areas = [
        (i, labels[a["id"]])
        for i, a in enumerate(result.areas)
        if not filters.area or a["title"] == filters.area
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
    if not result.rows:
        chart.empty = _why_no_index(regions, filters)
    for row in result.rows:
        # The door decides: a region's own answers open only for people who may read it.
        if row["region"].pk in readable:
            row["href"] = reverse("compare:assessment", kwargs={"region": row["region"].slug})
        row["shown"] = [
            {"value": row["areas"][i], "step": charts.heat_step(row["areas"][i])}
            for i, _t in shown_areas
        ]
        row["step"] = charts.heat_step(row["index"])
    chart.links = [row.get("href", "") for row in result.rows]
    ctx = {
        "form": form,
        "filters": filters,
        "result": result,
        "areas": shown_areas,
        "chart": chart,
        "own": [r for r in regions if r.pk in readable],
        "query": query_without(request),
    }
    return render_page(request, "compare/index.html", ctx, partial="results")


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
        value = l10n.parse_number(raw)
    except ValueError:
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
                    services.assessment_reopen(assessment=current, version=version, by=request.user)
                    messages.success(request, _("The self-assessment is a draft again."))
                else:
                    services.assessment_save(
                        assessment=current,
                        version=version,
                        answers=answers,
                        foreign_born_share=share,
                        submit=action == "submit",
                        by=request.user,
                    )
                    messages.success(
                        request,
                        _("Self-assessment submitted to the network.")
                        if action == "submit"
                        else _("Self-assessment saved."),
                    )
                url = reverse("compare:assessment", kwargs={"region": region.slug})
                return redirect(f"{url}?cycle={cycle.start_year}")
            except ConflictError:
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
            draft = services.questionnaire_create_draft(by=request.user)
            messages.success(request, _("Draft version %(n)s is ready.") % {"n": draft.number})
            return redirect(f"{url}?version={draft.number}")
        if chosen is None:
            raise Http404("No questionnaire")
        try:
            if action == "publish":
                services.questionnaire_publish(questionnaire=chosen, by=request.user)
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
                services.questionnaire_update(
                    questionnaire=chosen, questions=questions, new=new, by=request.user
                )
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
            services.sharing_set(
                region=region, shares=shares, version=version, by=request.user, request=request
            )
            messages.success(request, _("Sharing setting saved."))
            return redirect("compare:sharing", region=region.slug)
        except ConflictError:
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
