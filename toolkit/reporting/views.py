"""Pages of yearly reporting: the coordinators' board and periods, each region's reports, and the
report editor (one form per row, each saved on its own, as the workplan editor does)."""

import copy

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from regions.access import RoleRequired, coordinator_required, is_coordinator, region_view
from toolkit.models import LibraryIndicator
from toolkit.services import NotEditable

from . import selectors, services
from .forms import (
    ActionProgressForm,
    IndicatorValueForm,
    LibraryIndicatorForm,
    NarrativeForm,
    PeriodForm,
    ReportReviewForm,
)
from .models import ReportingPeriod, ReportStatus

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
EDIT = "edit_workplan"


def _report_url(region, report, anchor=""):
    url = reverse("reporting:report", kwargs={"region": region.slug, "report": report.uuid})
    return f"{url}#{anchor}" if anchor else url


def _may_submit(request, region) -> bool:
    perms = request.region_perms
    return "submit_workplan" in perms or (region.editors_may_submit and EDIT in perms)


def _editor_page(request, region, report, *, bound=None, conflict=None, status=200):
    """The report editor; `bound` is the one form that was sent, kept as typed."""
    editor = selectors.report_editor(report)
    can_edit = EDIT in request.region_perms and report.is_editable
    share = editor["share"]
    for row in editor["actions"]:
        row.form = ActionProgressForm(
            instance=row, planned=row.planned, planned_by_source=row.planned_by_source,
            prefix=row.uuid.hex,
        )  # fmt: skip
    for row in editor["values"]:
        row.form = IndicatorValueForm(
            instance=row, indicator=row.indicator, earlier=row.earlier, share=share,
            prefix=row.uuid.hex,
        )  # fmt: skip
    narrative = NarrativeForm(instance=report, prefix="narrative")
    if bound is not None:
        target, form = bound
        if target is None:
            narrative = form
        else:
            rows = editor["actions"] if isinstance(form, ActionProgressForm) else editor["values"]
            next(row for row in rows if row.pk == target.pk).form = form
    return render(
        request,
        "reporting/report.html",
        {
            "region": region,
            "report": report,
            "period": report.period,
            "editor": editor,
            "narrative": narrative,
            "can_edit": can_edit,
            "can_submit": can_edit and _may_submit(request, region),
            "can_review": "review_workplan" in request.region_perms
            and report.status == ReportStatus.SUBMITTED,
            "review_form": ReportReviewForm(),
            # A later revision of the workplan was approved after this report opened.
            "newer_revision": services.approved_revision(report.workplan),
            "history": selectors.report_history(report),
            "conflict": conflict,
            "conflict_rows": conflict_rows(bound[1], conflict) if bound and conflict else [],
        },
        status=status,
    )


def _as_stored(obj):
    """A copy for a bound form to validate into, so `obj` keeps the stored values the save compares
    against for the report's history."""
    return copy.copy(obj)


def _require_edit(request, report):
    if EDIT not in request.region_perms:
        raise RoleRequired(report.region, EDIT)
    if not report.is_editable:
        raise NotEditable


@GET_POST
@region_view(write_perm=EDIT)
def report(request, region, report):
    report = selectors.report_for_region(region, report)
    if request.method != "POST":
        return _editor_page(request, region, report)
    _require_edit(request, report)
    form = NarrativeForm(request.POST, instance=_as_stored(report), prefix="narrative")
    if form.is_valid():
        try:
            services.narrative_save(
                report=report,
                by=request.user,
                version=form.cleaned_data["version"],
                data=form.cleaned_data,
            )
        except ConflictError as error:
            current = conflict_keep(form, error)
            if request.htmx:
                return _narrative_again(request, region, report, form, current)
            return _editor_page(
                request, region, report, bound=(None, form), conflict=current, status=409
            )
        if request.htmx:
            return _saved(request, form.prefix, report.version)
        messages.success(request, _("Report saved."))
        return redirect(_report_url(region, report, "narrative"))
    if request.htmx:
        return _narrative_again(request, region, report, form, None)
    return _editor_page(request, region, report, bound=(None, form), status=400)


def _narrative_again(request, region, report, form, conflict):
    reply = render(
        request,
        "reporting/_rows.html#narrative-form",
        {
            "region": region,
            "report": report,
            "narrative": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict) if conflict else [],
        },
    )
    return reswap(retarget(reply, "#form-narrative"), "outerHTML")


@require_POST
@region_view(write_perm=EDIT)
def action_row(request, region, report, row):
    row = selectors.action_row_for_region(region, report, row)
    report = selectors.report_for_region(region, report)
    _require_edit(request, report)
    # What this one row had planned; an autosave reads nothing of the other rows.
    selectors.plans_of(report, [row])
    form = ActionProgressForm(
        request.POST, instance=_as_stored(row), planned=row.planned,
        planned_by_source=row.planned_by_source, prefix=row.uuid.hex,
    )  # fmt: skip
    return _row_save(request, region, report, row, form, services.action_row_save)


@require_POST
@region_view(write_perm=EDIT)
def value_row(request, region, report, value):
    row = selectors.value_row_for_region(region, report, value)
    report = selectors.report_for_region(region, report)
    _require_edit(request, report)
    share = selectors.earlier_of(report, [row])
    form = IndicatorValueForm(
        request.POST, instance=_as_stored(row), indicator=row.indicator, earlier=row.earlier,
        share=share, prefix=row.uuid.hex,
    )  # fmt: skip
    return _row_save(request, region, report, row, form, services.value_save)


def _row_save(request, region, report, row, form, save):
    if form.is_valid():
        data = dict(form.cleaned_data)
        try:
            save(row=row, by=request.user, version=data.pop("version"), data=data)
        except ConflictError as error:
            current = conflict_keep(form, error)
            if request.htmx:
                return _row_again(request, region, report, row, form, current)
            return _editor_page(
                request, region, report, bound=(row, form), conflict=current, status=409
            )
        if request.htmx:
            return _saved(request, form.prefix, row.version)
        messages.success(request, _("Saved."))
        return redirect(_report_url(region, report, f"row-{row.uuid.hex}"))
    if request.htmx:
        return _row_again(request, region, report, row, form, None)
    return _editor_page(request, region, report, bound=(row, form), status=400)


def _saved(request, prefix, version):
    return render(request, "reporting/_rows.html#saved", {"prefix": prefix, "version": version})


def _row_again(request, region, report, row, form, conflict):
    """An autosave that was refused: the row's form again, as typed, in place of the old one."""
    row.form = form
    reply = render(
        request,
        "reporting/_rows.html#row-form",
        {
            "region": region,
            "report": report,
            "row": row,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict) if conflict else [],
        },
    )
    return reswap(retarget(reply, f"#form-{row.uuid.hex}"), "outerHTML")


@require_POST
@region_view(write_perm=EDIT)
def report_submit(request, region, report):
    report = selectors.report_for_region(region, report)
    if not _may_submit(request, region):
        raise RoleRequired(region, "submit_workplan")
    try:
        services.report_submit(report=report, by=request.user)
    except NotEditable:
        messages.error(request, _("This report cannot be submitted now."))
    else:
        messages.success(request, _("Report submitted. The network coordinators were told."))
    return redirect(_report_url(region, report))


@require_POST
@region_view(write_perm="review_workplan")
def report_review(request, region, report):
    report = selectors.report_for_region(region, report)
    form = ReportReviewForm(request.POST)
    if not form.is_valid() or report.status != ReportStatus.SUBMITTED:
        messages.error(request, _("Choose whether to accept or to request changes."))
        return redirect(_report_url(region, report, "review"))
    accept = form.cleaned_data["decision"] == "accept"
    services.report_review(
        report=report, by=request.user, accept=accept, message=form.cleaned_data["message"]
    )
    messages.success(
        request, _("Report accepted.") if accept else _("Changes requested. The region was told.")
    )
    return redirect(_report_url(region, report))


@require_safe
@region_view()
def region_reports(request, region):
    return render(
        request,
        "reporting/region_reports.html",
        {"region": region, "reports": selectors.region_reports(region)},
    )


@require_safe
@coordinator_required
def board(request):
    cycles = selectors.cycles()
    chosen = request.GET.get("cycle")
    cycle = next((c for c in cycles if str(c.uuid) == chosen), None) or (
        cycles[0] if cycles else None
    )
    return render(
        request,
        "reporting/board.html",
        {
            "cycles": cycles,
            "cycle": cycle,
            "board": selectors.board(request.user, cycle, page=request.GET.get("page"))
            if cycle
            else None,
            "query": f"cycle={cycle.uuid}" if cycle else "",
        },
    )


@GET_POST
@coordinator_required
def periods(request, cycle):
    cycle = selectors.cycle_by_uuid(cycle)
    form = PeriodForm(
        request.POST if request.method == "POST" else None,
        instance=ReportingPeriod(cycle=cycle),
        cycle=cycle,
    )
    if request.method == "POST" and request.POST.get("defaults"):
        made = services.periods_default(cycle=cycle)
        messages.success(request, _("%(n)s periods added.") % {"n": len(made)})
        return redirect("reporting:periods", cycle=cycle.uuid)
    if request.method == "POST" and form.is_valid():
        services.period_save(period=form.save(commit=False), by=request.user)
        messages.success(request, _("Period added."))
        return redirect("reporting:periods", cycle=cycle.uuid)
    return render(
        request,
        "reporting/periods.html",
        {"cycle": cycle, "periods": selectors.periods_of(cycle), "form": form},
        status=400 if form.errors else 200,
    )


@GET_POST
@coordinator_required
def period_edit(request, period):
    period = selectors.period_by_uuid(period)
    form = PeriodForm(
        request.POST if request.method == "POST" else None, instance=period, cycle=period.cycle
    )
    if request.method == "POST" and form.is_valid():
        services.period_save(period=form.save(commit=False), by=request.user)
        messages.success(request, _("Period saved."))
        return redirect("reporting:periods", cycle=period.cycle.uuid)
    return render(
        request,
        "reporting/period_edit.html",
        {"period": period, "form": form},
        status=400 if form.errors else 200,
    )


@require_safe
@login_required
def library(request):
    entries = selectors.library_with_use()
    return render(
        request,
        "reporting/library.html",
        {
            "themes": selectors.by_theme(entries),
            "count": len(entries),
            "can_edit": is_coordinator(request.user),
        },
    )


@GET_POST
@coordinator_required
def library_entry(request, entry=None):
    instance = selectors.library_entry(entry) if entry else LibraryIndicator()
    form = LibraryIndicatorForm(request.POST or None, instance=instance)
    conflict = None
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop("version", None)
        try:
            if instance.pk:
                services.library_update(entry=instance, by=request.user, version=version, data=data)
            else:
                instance = services.library_create(by=request.user, data=data)
        except ConflictError as error:
            conflict = conflict_keep(form, error)
        else:
            messages.success(
                request, _("%(code)s saved in the indicator library.") % {"code": instance.code}
            )
            return redirect(f"{reverse('reporting:library')}#entry-{instance.code}")
    return render(
        request,
        "reporting/library_entry.html",
        {
            "form": form,
            "entry": instance,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict) if conflict else [],
        },
        status=409 if conflict else 400 if form.errors else 200,
    )
