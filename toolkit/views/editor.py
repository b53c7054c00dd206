"""The workplan editor: a region's workplans, one priority per page, checklist answers with
autosave, comments and proposals, and a training module used as an action."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe
from django_htmx.http import reswap, retarget

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from handbook.selectors import module_library
from regions.access import region_view

from .. import selectors, services
from ..forms import (
    CommentForm,
    NewWorkplanForm,
    PrioritySummaryForm,
    saved_field,
)
from ..models import (
    CommentKind,
    ProposalState,
    WorkplanStatus,
)
from .common import (
    EDIT,
    GET_POST,
    comment_kinds,
    discussion_rights,
    editor_url,
    may_edit,
    require_edit,
    response_form,
    role_notice,
    summary_form,
)
from .editor_html import actions_table, badge, progress_section
from .item_rows import item_rows, summary_form_html
from .item_save import item_save
from .live import live_context
from .submission import submission_panel


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
    can_edit = may_edit(request, workplan)
    # One priority per page: a whole workplan is 160 checklist forms, too heavy to edit at once.
    chosen = request.GET.get("priority", "")
    number = int(chosen) if chosen.isdigit() else 0
    editor = selectors.workplan_editor(workplan, number, page=True)
    sections = editor["sections"]
    section = next((s for s in sections if s["shown"]), None)
    if section:
        section["actions_html"] = actions_table(request, region, workplan, section, can_edit)
    if section and can_edit:
        section["rows_html"] = item_rows(request, region, workplan, section["responses"])
        if section["summary"]:
            section["summary_html"] = summary_form_html(
                request, region, workplan, section["summary"], summary_form(section["summary"])
            )
    for s in sections:
        s["badge"] = badge("tab", s["priority"].number, s["completeness"])
    perms = request.region_perms
    return render(
        request,
        "toolkit/workplan_edit.html",
        {
            "region": region,
            "workplan": workplan,
            "editor": editor,
            "progress_html": progress_section(request, editor),
            "heading_badge": section
            and badge("heading", section["priority"].number, section["completeness"]),
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
            **role_notice(request, region),
            **submission_panel(request, region, workplan),
            "can_review": "review_workplan" in perms
            and workplan.status == WorkplanStatus.SUBMITTED,
            "can_revise": EDIT in perms and workplan.status == WorkplanStatus.APPROVED,
            "snapshots": selectors.workplan_snapshots(workplan),
            **live_context(workplan, request.user),
        },
    )


@require_POST
@region_view(write_perm=EDIT)
def priority_save(request, region, workplan, summary):
    summary = selectors.priority_response_for_region(region, workplan, summary)
    workplan = summary.workplan
    require_edit(request, workplan)
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
                editor_url(region, workplan, "summary-" + summary.uuid.hex, summary.priority)
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


@GET_POST
@region_view(write_perm=EDIT)
def item(request, region, workplan, response):
    response = selectors.response_for_region(region, workplan, response)
    workplan = response.workplan
    conflict = None
    if request.method == "POST":
        require_edit(request, workplan)
        result = item_save(request, region, workplan, response)
        if not isinstance(result, tuple):
            return result
        context, status = result
        form, conflict = context["form"], context["conflict"]
    else:
        form = response_form(response)
        status = 200
    kinds = comment_kinds(request, workplan)
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
            **(context if request.method == "POST" else {}),
            "can_edit": may_edit(request, workplan),
            **role_notice(request, region),
            "comments": selectors.response_comments(response),
            "comment_form": CommentForm(kinds=kinds)
            if "comment_workplan" in request.region_perms
            else None,
            **discussion_rights(request),
            **live_context(workplan, request.user),
        },
        status=status,
    )


@require_POST
@region_view(write_perm="comment_workplan")
def item_comment(request, region, workplan, response):
    response = selectors.response_for_region(region, workplan, response)
    form = CommentForm(request.POST, kinds=comment_kinds(request, response.workplan))
    if form.is_valid():
        comment = services.comment_add(response=response, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment was added."))
        return redirect(
            reverse(
                "toolkit:item",
                kwargs={"region": region.slug, "workplan": workplan, "response": response.uuid},
            )
            + f"#comment-{comment.uuid.hex}"
        )
    return render(
        request,
        "toolkit/item.html",
        {
            "region": region,
            "workplan": response.workplan,
            "response": response,
            "form": response_form(response),
            "can_edit": may_edit(request, response.workplan),
            **role_notice(request, region),
            "comments": selectors.response_comments(response),
            "comment_form": form,
            **discussion_rights(request),
        },
        status=400,
    )


@require_POST
@region_view(write_perm=EDIT)
def proposal_decide(request, region, workplan, comment):
    proposal = selectors.comment_for_region(region, workplan, comment)
    require_edit(request, proposal.response.workplan)
    if proposal.kind != CommentKind.PROPOSAL or proposal.state != ProposalState.OPEN:
        raise Http404("No open proposal")
    accept = request.POST.get("decision") == "accept"
    services.proposal_decide(proposal=proposal, by=request.user, accept=accept)
    messages.success(request, _("Proposal accepted.") if accept else _("Proposal dismissed."))
    return redirect(
        "toolkit:item", region=region.slug, workplan=workplan, response=proposal.response.uuid
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
