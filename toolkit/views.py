from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe
from django_htmx.http import reswap, retarget

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from handbook.selectors import module_library
from regions.access import coordinator_required, region_view

from . import selectors, services
from .forms import (
    ActionForm,
    CommentForm,
    CycleForm,
    IndicatorForm,
    NewIndicatorForm,
    NewWorkplanForm,
    PrioritySummaryForm,
    ResponseForm,
    ReviewForm,
    TemplatePriorityForm,
    saved_field,
)
from .models import (
    ActionStatus,
    CommentKind,
    Priority,
    ProposalState,
    WorkplanStatus,
)
from .services import NotEditable

EDIT = "edit_workplan"
GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def _can_edit(request, workplan) -> bool:
    return EDIT in request.region_perms and workplan.is_editable


def _require_edit(request, workplan):
    if EDIT not in request.region_perms:
        raise PermissionDenied
    if not workplan.is_editable:
        raise NotEditable


def _response_form(response, data=None):
    return ResponseForm(
        data,
        instance=response,
        initial={"version": response.version},
        auto_id=f"id_%s_{response.uuid.hex}",
    )


def _summary_form(summary, data=None):
    return PrioritySummaryForm(
        data,
        initial={"version": summary.version, "summary": summary.summary},
        auto_id=f"id_%s_{summary.uuid.hex}",
    )


# --- coordinators: templates --------------------------------------------------------------


@GET_POST
@coordinator_required
def template_list(request):
    cycle_form = CycleForm(request.POST if "start_year" in request.POST else None)
    if cycle_form.is_bound:
        if cycle_form.is_valid():
            cycle = services.cycle_get_or_create(start_year=cycle_form.cleaned_data["start_year"])
            messages.success(
                request, _("Strategy cycle %(cycle)s is available.") % {"cycle": cycle}
            )
            return redirect("toolkit:template-list")
    elif request.method == "POST":
        draft = services.template_create_draft()
        messages.success(request, _("Draft template version %(n)s is ready.") % {"n": draft.number})
        return redirect("toolkit:template-edit", template=draft.uuid)
    return render(
        request,
        "toolkit/template_list.html",
        {
            "versions": selectors.template_versions(),
            "cycles": selectors.cycles(),
            "cycle_form": cycle_form,
        },
        status=400 if cycle_form.is_bound else 200,
    )


@require_safe
@coordinator_required
def template_edit(request, template):
    version = selectors.template_detail(template)
    return render(request, "toolkit/template_edit.html", {"version": version})


@GET_POST
@coordinator_required
def template_priority(request, template, priority):
    priority = get_object_or_404(
        Priority.objects.select_related("template").prefetch_related("items"),
        uuid=priority,
        template__uuid=template,
    )
    if request.method == "POST":
        form = TemplatePriorityForm(request.POST)
        if form.is_valid():
            services.template_priority_update(priority=priority, **form.cleaned_data)
            messages.success(request, _("Priority saved."))
            return redirect("toolkit:template-edit", template=priority.template.uuid)
    else:
        form = TemplatePriorityForm(
            initial={
                "title": priority.title,
                "overview": priority.overview,
                "items": "\n".join(item.text for item in priority.items.all()),
            }
        )
    status = 400 if form.is_bound and form.errors else 200
    return render(
        request,
        "toolkit/template_priority.html",
        {"priority": priority, "form": form},
        status=status,
    )


@require_POST
@coordinator_required
def template_publish(request, template):
    version = selectors.template_detail(template)
    services.template_publish(template=version, notes=request.POST.get("notes", ""))
    messages.success(
        request,
        _("Version %(n)s is published. New workplans start from it; existing ones keep theirs.")
        % {"n": version.number},
    )
    return redirect("toolkit:template-list")


# --- workplans ----------------------------------------------------------------------------


@GET_POST
@region_view(write_perm=EDIT)
def workplan_list(request, region):
    cycles = selectors.cycles_without_workplan(region)
    form = NewWorkplanForm(request.POST or None, cycles=cycles)
    if request.method == "POST":
        if form.is_valid():
            if selectors.current_template() is None:
                raise Http404("No published template")
            workplan = services.workplan_create(
                region=region, cycle=form.cleaned_data["cycle"], by=request.user
            )
            messages.success(request, _("Workplan %(cycle)s created.") % {"cycle": workplan.cycle})
            return redirect("toolkit:workplan-edit", region=region.slug, workplan=workplan.uuid)
    return render(
        request,
        "toolkit/workplan_list.html",
        {
            "region": region,
            "workplans": selectors.region_workplans(region),
            "form": form if cycles else None,
            "can_edit": EDIT in request.region_perms,
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_safe
@region_view()
def workplan_edit(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    can_edit = _can_edit(request, workplan)
    # One priority per page: a whole workplan is 160 checklist forms, too heavy to edit at once.
    chosen = request.GET.get("priority", "")
    editor = selectors.workplan_editor(workplan, int(chosen) if chosen.isdigit() else 0)
    sections = editor["sections"]
    section = next((s for s in sections if s["shown"]), None)
    if section and can_edit:
        section["forms"] = [(r, _response_form(r)) for r in section["responses"]]
        if section["summary"]:
            section["summary_form"] = _summary_form(section["summary"])
    perms = request.region_perms
    return render(
        request,
        "toolkit/workplan_edit.html",
        {
            "region": region,
            "workplan": workplan,
            "editor": editor,
            "section": section,
            "next_section": next(
                (
                    s
                    for s in sections
                    if section and s["priority"].number > section["priority"].number
                ),
                None,
            ),
            "can_edit": can_edit,
            "can_submit": "submit_workplan" in perms and workplan.is_editable,
            "can_review": "review_workplan" in perms
            and workplan.status == WorkplanStatus.SUBMITTED,
            "can_revise": EDIT in perms and workplan.status == WorkplanStatus.APPROVED,
            "snapshots": selectors.workplan_snapshots(workplan),
        },
    )


@require_POST
@region_view(write_perm=EDIT)
def priority_save(request, region, workplan, summary):
    summary = selectors.priority_response_for_region(region, workplan, summary)
    workplan = summary.workplan
    _require_edit(request, workplan)
    form = PrioritySummaryForm(request.POST, auto_id=f"id_%s_{summary.uuid.hex}")
    conflict = None
    if form.is_valid():
        try:
            services.priority_update(
                response=summary,
                by=request.user,
                version=form.cleaned_data["version"],
                summary=form.cleaned_data["summary"],
            )
        except ConflictError as error:
            conflict = conflict_keep(form, error)
        else:
            if request.htmx:
                return render(
                    request,
                    "toolkit/_autosave.html#saved",
                    {"obj": summary, "version": summary.version},
                )
            messages.success(request, _("Saved."))
            return redirect(
                _editor_url(region, workplan, "summary-" + summary.uuid.hex, summary.priority)
            )
    context = {
        "region": region,
        "workplan": workplan,
        "summary": summary,
        "form": form,
        "conflict": conflict,
        "conflict_rows": conflict_rows(form, conflict, saved=saved_field),
        "can_edit": True,
    }
    status = 409 if conflict else 400
    if request.htmx:
        response = render(request, "toolkit/_autosave.html#summary-form", context, status=200)
        return reswap(retarget(response, f"#summary-{summary.uuid.hex}"), "outerHTML")
    return render(request, "toolkit/priority_save.html", context, status=status)


def _editor_url(region, workplan, anchor="", priority=None):
    url = reverse(
        "toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    if priority is not None:
        url += f"?priority={priority.number}"
    return f"{url}#{anchor}" if anchor else url


def _comment_kinds(request, workplan) -> list[str]:
    kinds = [CommentKind.COMMENT]
    if workplan.is_editable:
        kinds.append(CommentKind.PROPOSAL)
    if "review_workplan" in request.region_perms and workplan.status == WorkplanStatus.SUBMITTED:
        kinds.insert(0, CommentKind.REVIEW)
    return kinds


@GET_POST
@region_view(write_perm=EDIT)
def item(request, region, workplan, response):
    response = selectors.response_for_region(region, workplan, response)
    workplan = response.workplan
    conflict = None
    if request.method == "POST":
        _require_edit(request, workplan)
        form = ResponseForm(request.POST, instance=response, auto_id=f"id_%s_{response.uuid.hex}")
        before = {f: getattr(response, f) for f in ("status", "evidence", "link")}
        if form.is_valid():
            data = {f: form.cleaned_data[f] for f in ("status", "evidence", "link")}
            for field, value in before.items():
                setattr(response, field, value)
            try:
                services.response_update(
                    response=response,
                    by=request.user,
                    version=form.cleaned_data["version"],
                    data=data,
                )
            except ConflictError as error:
                conflict = conflict_keep(form, error)
            else:
                if request.htmx:
                    return render(
                        request,
                        "toolkit/_autosave.html#saved",
                        {"obj": response, "version": response.version},
                    )
                messages.success(request, _("Checklist item saved."))
                return redirect(
                    _editor_url(
                        region, workplan, f"item-{response.uuid.hex}", response.item.priority
                    )
                )
        status = 409 if conflict else 400
        context = {
            "region": region,
            "workplan": workplan,
            "response": response,
            "form": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict, saved=saved_field),
            "can_edit": True,
        }
        if request.htmx:
            reply = render(request, "toolkit/_autosave.html#item-form", context)
            return reswap(retarget(reply, f"#item-{response.uuid.hex}"), "outerHTML")
    else:
        form = _response_form(response)
        status = 200
    kinds = _comment_kinds(request, workplan)
    return render(
        request,
        "toolkit/item.html",
        {
            "region": region,
            "workplan": workplan,
            "response": response,
            "form": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict, saved=saved_field),
            "can_edit": _can_edit(request, workplan),
            "comments": selectors.response_comments(response),
            "comment_form": CommentForm(kinds=kinds)
            if "comment_workplan" in request.region_perms
            else None,
        },
        status=status,
    )


@require_POST
@region_view(write_perm="comment_workplan")
def item_comment(request, region, workplan, response):
    response = selectors.response_for_region(region, workplan, response)
    form = CommentForm(request.POST, kinds=_comment_kinds(request, response.workplan))
    if form.is_valid():
        services.comment_add(response=response, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment was added."))
        return redirect(
            reverse(
                "toolkit:item",
                kwargs={"region": region.slug, "workplan": workplan, "response": response.uuid},
            )
            + "#comments"
        )
    return render(
        request,
        "toolkit/item.html",
        {
            "region": region,
            "workplan": response.workplan,
            "response": response,
            "form": _response_form(response),
            "can_edit": _can_edit(request, response.workplan),
            "comments": selectors.response_comments(response),
            "comment_form": form,
        },
        status=400,
    )


@require_POST
@region_view(write_perm=EDIT)
def proposal_decide(request, region, workplan, comment):
    proposal = selectors.comment_for_region(region, workplan, comment)
    _require_edit(request, proposal.response.workplan)
    if proposal.kind != CommentKind.PROPOSAL or proposal.state != ProposalState.OPEN:
        raise Http404("No open proposal")
    accept = request.POST.get("decision") == "accept"
    services.proposal_decide(proposal=proposal, by=request.user, accept=accept)
    messages.success(request, _("Proposal accepted.") if accept else _("Proposal dismissed."))
    return redirect(
        "toolkit:item", region=region.slug, workplan=workplan, response=proposal.response.uuid
    )


# --- actions and indicators ---------------------------------------------------------------


@GET_POST
@region_view(write_perm=EDIT)
def action_new(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    priorities = list(workplan.template.priorities.all())
    chosen = request.GET.get("priority") or request.POST.get("priority")
    priority = next((p for p in priorities if str(p.uuid) == chosen), priorities[0])
    if request.method == "POST":
        _require_edit(request, workplan)
        form = ActionForm(request.POST, cycle=workplan.cycle, region=region)
        form.fields["version"].required = False
        if form.is_valid():
            data = dict(form.cleaned_data)
            areas = data.pop("thematic_areas")
            action = services.action_create(
                workplan=workplan,
                priority=priority,
                by=request.user,
                data=data,
                thematic_areas=areas,
            )
            messages.success(request, _("Action “%(title)s” added.") % {"title": action.title})
            return redirect(
                "toolkit:action-edit",
                region=region.slug,
                workplan=workplan.uuid,
                action=action.uuid,
            )
    else:
        form = ActionForm(
            cycle=workplan.cycle,
            region=region,
            initial={"version": 0, "status": ActionStatus.PLANNED},
        )
    return render(
        request,
        "toolkit/action_form.html",
        {
            "region": region,
            "workplan": workplan,
            "priority": priority,
            "priorities": priorities,
            "form": form,
            "can_edit": _can_edit(request, workplan),
            "stakeholder_names": selectors.stakeholder_names(region),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@GET_POST
@region_view(write_perm=EDIT)
def action_edit(request, region, workplan, action):
    action = selectors.action_for_region(region, workplan, action)
    workplan = action.workplan
    conflict = None
    if request.method == "POST":
        _require_edit(request, workplan)
        form = ActionForm(request.POST, instance=action, cycle=workplan.cycle, region=region)
        if form.is_valid():
            data = dict(form.cleaned_data)
            areas = data.pop("thematic_areas")
            action.refresh_from_db()
            try:
                services.action_update(
                    action=action,
                    by=request.user,
                    version=data.pop("version"),
                    data=data,
                    thematic_areas=areas,
                )
            except ConflictError as error:
                conflict = conflict_keep(form, error)
            else:
                messages.success(request, _("Action saved."))
                return redirect(
                    _editor_url(region, workplan, f"action-{action.uuid.hex}", action.priority)
                )
    else:
        form = ActionForm(
            instance=action,
            cycle=workplan.cycle,
            region=region,
            initial={"version": action.version},
        )
    years = workplan.cycle.years
    return render(
        request,
        "toolkit/action_form.html",
        {
            "region": region,
            "workplan": workplan,
            "action": action,
            "priority": action.priority,
            "form": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict, saved=saved_field),
            "can_edit": _can_edit(request, workplan),
            "stakeholder_names": selectors.stakeholder_names(region),
            "indicator_forms": [
                (
                    i,
                    IndicatorForm(
                        instance=i,
                        years=years,
                        initial={"version": i.version},
                        auto_id=f"id_%s_{i.uuid.hex}",
                    ),
                )
                for i in action.indicators.all()
            ],
            "new_indicator_form": NewIndicatorForm(years=years, auto_id="id_new_%s"),
        },
        status=409 if conflict else (400 if form.is_bound and form.errors else 200),
    )


@require_POST
@region_view(write_perm=EDIT)
def action_delete(request, region, workplan, action):
    action = selectors.action_for_region(region, workplan, action)
    _require_edit(request, action.workplan)
    services.action_delete(action=action, by=request.user)
    messages.success(request, _("Action deleted. It can be restored from the history."))
    return redirect(_editor_url(region, action.workplan, "actions", action.priority))


@require_POST
@region_view(write_perm=EDIT)
def indicator_new(request, region, workplan, action):
    action = selectors.action_for_region(region, workplan, action)
    _require_edit(request, action.workplan)
    form = NewIndicatorForm(request.POST, years=action.workplan.cycle.years, auto_id="id_new_%s")
    if form.is_valid():
        services.indicator_create(action=action, by=request.user, data=form.cleaned_data)
        messages.success(request, _("Indicator added."))
        return redirect(
            reverse(
                "toolkit:action-edit",
                kwargs={"region": region.slug, "workplan": workplan, "action": action.uuid},
            )
            + "#indicators"
        )
    return _indicator_page(request, region, action, new_form=form)


@require_POST
@region_view(write_perm=EDIT)
def indicator_edit(request, region, workplan, action, indicator):
    indicator = selectors.indicator_for_region(region, action, indicator)
    action_obj = indicator.action
    _require_edit(request, action_obj.workplan)
    back = (
        reverse(
            "toolkit:action-edit",
            kwargs={"region": region.slug, "workplan": workplan, "action": action_obj.uuid},
        )
        + "#indicators"
    )
    if "delete" in request.POST:
        services.indicator_delete(indicator=indicator, by=request.user)
        messages.success(request, _("Indicator deleted."))
        return redirect(back)
    form = IndicatorForm(
        request.POST,
        instance=indicator,
        years=action_obj.workplan.cycle.years,
        auto_id=f"id_%s_{indicator.uuid.hex}",
    )
    conflict = None
    if form.is_valid():
        data = dict(form.cleaned_data)
        indicator.refresh_from_db()
        try:
            services.indicator_update(
                indicator=indicator, by=request.user, version=data.pop("version"), data=data
            )
        except ConflictError as error:
            conflict = conflict_keep(form, error)
        else:
            messages.success(request, _("Indicator saved."))
            return redirect(back)
    return _indicator_page(request, region, action_obj, edited=(indicator, form), conflict=conflict)


def _indicator_page(request, region, action, *, new_form=None, edited=None, conflict=None):
    action = selectors.action_for_region(region, action.workplan.uuid, action.uuid)
    years = action.workplan.cycle.years
    forms = []
    for i in action.indicators.all():
        if edited and edited[0].pk == i.pk:
            forms.append((i, edited[1]))
        else:
            forms.append(
                (
                    i,
                    IndicatorForm(
                        instance=i,
                        years=years,
                        initial={"version": i.version},
                        auto_id=f"id_%s_{i.uuid.hex}",
                    ),
                )
            )
    return render(
        request,
        "toolkit/action_form.html",
        {
            "region": region,
            "workplan": action.workplan,
            "action": action,
            "priority": action.priority,
            "form": ActionForm(
                instance=action,
                cycle=action.workplan.cycle,
                region=region,
                initial={"version": action.version},
            ),
            "can_edit": True,
            "stakeholder_names": selectors.stakeholder_names(region),
            "indicator_forms": forms,
            "indicator_conflict": conflict,
            "indicator_conflict_rows": conflict_rows(edited[1], conflict, saved=saved_field)
            if edited and conflict
            else [],
            "new_indicator_form": new_form or NewIndicatorForm(years=years, auto_id="id_new_%s"),
        },
        status=409 if conflict else 400,
    )


# --- lifecycle ----------------------------------------------------------------------------


@require_POST
@region_view(write_perm="submit_workplan")
def workplan_submit(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    services.workplan_submit(workplan=workplan, by=request.user)
    messages.success(request, _("Workplan submitted for review. A snapshot was frozen."))
    return redirect(_editor_url(region, workplan))


@GET_POST
@region_view(write_perm="review_workplan")
def workplan_review(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if form.cleaned_data["decision"] == "approve":
            services.workplan_approve(
                workplan=workplan, by=request.user, message=form.cleaned_data["message"]
            )
            messages.success(request, _("Workplan approved."))
        else:
            services.workplan_request_changes(
                workplan=workplan, by=request.user, message=form.cleaned_data["message"]
            )
            messages.success(request, _("Changes requested. The region can edit a new draft."))
        return redirect(_editor_url(region, workplan))
    return render(
        request,
        "toolkit/workplan_review.html",
        {
            "region": region,
            "workplan": workplan,
            "form": form,
            "can_review": "review_workplan" in request.region_perms
            and workplan.status == WorkplanStatus.SUBMITTED,
            "editor": selectors.workplan_editor(workplan),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@require_POST
@region_view(write_perm=EDIT)
def workplan_revise(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    services.workplan_start_revision(workplan=workplan, by=request.user)
    messages.success(request, _("A new draft revision was started; the approved one is kept."))
    return redirect(_editor_url(region, workplan))


# --- history, snapshots, replication ------------------------------------------------------


@require_safe
@region_view()
def workplan_history(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    snapshots = selectors.workplan_snapshots(workplan)
    choices = [("current", _("Current draft"))] + [
        (
            str(s.uuid),
            _("Revision %(n)s (%(outcome)s)")
            % {"n": s.revision, "outcome": s.get_outcome_display()},
        )
        for s in snapshots
    ]
    old_key = request.GET.get("from") or (choices[1][0] if len(choices) > 1 else "current")
    new_key = request.GET.get("to") or "current"
    diffs = None
    if len(choices) > 1:
        diffs = selectors.compare_versions(
            _version_data(region, workplan, old_key), _version_data(region, workplan, new_key)
        )
    return render(
        request,
        "toolkit/workplan_history.html",
        {
            "region": region,
            "workplan": workplan,
            "changes": selectors.workplan_history(workplan),
            "choices": choices,
            "old_key": old_key,
            "new_key": new_key,
            "diffs": diffs,
            "can_restore": _can_edit(request, workplan),
        },
    )


def _version_data(region, workplan, key) -> dict:
    if key == "current":
        return selectors.workplan_data(workplan)
    try:
        snapshot = selectors.snapshot_for_region(region, workplan.uuid, key)
    except Exception as error:
        raise Http404("No such version") from error
    return selectors.workplan_snapshot_data(snapshot)


@require_POST
@region_view(write_perm=EDIT)
def change_restore(request, region, workplan, change):
    change = selectors.change_for_region(region, workplan, change)
    _require_edit(request, change.workplan)
    try:
        services.change_restore(change=change, by=request.user)
    except ConflictError:
        messages.error(request, _("Someone changed this item meanwhile; nothing was restored."))
    except ValueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Restored “%(label)s”.") % {"label": change.label})
    return redirect("toolkit:workplan-history", region=region.slug, workplan=workplan)


@require_safe
@region_view()
def snapshot_detail(request, region, workplan, snapshot):
    snapshot = selectors.snapshot_for_region(region, workplan, snapshot)
    return render(
        request,
        "toolkit/snapshot.html",
        {
            "region": region,
            "workplan": snapshot.workplan,
            "snapshot": snapshot,
            "data": selectors.localise_workplan_data(selectors.workplan_snapshot_data(snapshot)),
        },
    )


@GET_POST
@region_view(write_perm=EDIT)
def replicate(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    if request.method == "POST":
        _require_edit(request, workplan)
        source = selectors.replication_source(request.user, region, request.POST.get("source"))
        copy = services.action_replicate(source=source, workplan=workplan, by=request.user)
        messages.success(request, _("Action copied. Adapt it to your region."))
        return redirect(
            "toolkit:action-edit", region=region.slug, workplan=workplan.uuid, action=copy.uuid
        )
    return render(
        request,
        "toolkit/replicate.html",
        {
            "region": region,
            "workplan": workplan,
            "sources": selectors.replication_sources(request.user, region),
            "can_edit": _can_edit(request, workplan),
        },
    )


@require_POST
@region_view(EDIT)
def module_use(request, region, module):
    """Add a planned action based on a library module to one of the region's draft workplans."""
    module = get_object_or_404(module_library(), uuid=module)
    workplan = selectors.draft_workplan_for_region(region, request.POST.get("workplan"))
    if workplan is None:
        messages.error(request, _("Choose a draft workplan of this region."))
        return redirect("handbook:module", module=module.uuid)
    action = services.action_create_from_template(
        workplan=workplan,
        by=request.user,
        title=module.title,
        objective=_("Build the competences this module addresses."),
        description=_("Run the training module “%(title)s” from %(region)s, adapted locally.")
        % {"title": module.title, "region": module.region.name},
        thematic_areas=list(module.thematic_areas.all()),
        based_on_label=f"{module.title} ({module.region.name})",
    )
    messages.success(
        request,
        _("“%(title)s” was added to the workplan as a planned action.") % {"title": action.title},
    )
    return redirect("toolkit:workplan-edit", region=region.slug, workplan=workplan.uuid)
