"""The review workspace: the submitted content with its differences, review notes in place as
threads that are resolved and reopened, assigning the review, and the decision."""

import uuid

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regions.access import region_view

from .. import selectors, services
from ..forms import AssignForm, NoteForm, ReplyForm, ReviewForm
from ..models import CommentKind, WorkplanStatus
from ..services.notices import comment_url, reviewers_possible
from .live import live_context

REVIEW = "review_workplan"
COMMENT = "comment_workplan"


def _review_url(region, workplan, anchor=""):
    url = reverse("toolkit:workplan-review", kwargs={"region": region.slug, "workplan": workplan})
    return f"{url}#{anchor}" if anchor else url


def _back(request, fallback: str) -> str:
    target = request.POST.get("next", "")
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return fallback


def _workspace(request, region, workplan, *, form=None, note_form=None, assign_form=None):
    snapshot = selectors.review_snapshot(workplan)
    can_review = REVIEW in request.region_perms and workplan.status == WorkplanStatus.SUBMITTED
    context = {
        "region": region,
        "workplan": workplan,
        "snapshot": snapshot,
        "can_review": can_review,
        "can_reply": COMMENT in request.region_perms,
        "form": form or ReviewForm(),
        "note_form": note_form or NoteForm(),
        "reply_form": ReplyForm(),
        "open_notes": selectors.open_notes_of(workplan),
        **live_context(workplan, request.user),
    }
    if snapshot is None:
        return context
    against = request.GET.get("against", "previous")
    earlier = selectors.earlier_snapshots(workplan, snapshot.revision)
    if against not in earlier:
        against = "previous"
    base = earlier[against]
    data = selectors.workplan_snapshot_data(snapshot)
    context.update(
        {
            "data": selectors.localise_workplan_data(data),
            "threads": selectors.note_threads(workplan),
            "against": against,
            "earlier": earlier,
            "base": base,
            "diffs": selectors.compare_versions(selectors.workplan_snapshot_data(base), data)
            if base
            else None,
        }
    )
    if can_review:
        people = reviewers_possible(workplan)
        context["assign_form"] = assign_form or AssignForm(
            people=people, initial={"reviewer": str(workplan.reviewer_id or request.user.pk)}
        )
    return context


@require_safe
@region_view()
def workplan_review(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    return render(request, "toolkit/review.html", _workspace(request, region, workplan))


@require_safe
@region_view()
def review_threads(request, region, workplan, target):
    """The notes on one item or action, for a review page that heard of a new note or reply;
    a plain request is sent to them on the review page."""
    workplan = selectors.workplan_for_region(region, workplan)
    if not request.htmx:
        return redirect(_review_url(region, workplan.uuid))
    context = {
        "region": region,
        "workplan": workplan,
        "threads": selectors.note_threads(workplan),
        "target": str(target),
        "can_review": REVIEW in request.region_perms
        and workplan.status == WorkplanStatus.SUBMITTED,
        "can_reply": COMMENT in request.region_perms,
        "back": _review_url(region, workplan.uuid),
    }
    reply = render(request, "toolkit/_threads.html", context)
    patch_vary_headers(reply, ["HX-Request"])
    return reply


@require_POST
@region_view(REVIEW)
def review_decide(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    if workplan.status != WorkplanStatus.SUBMITTED:
        messages.error(request, _("There is no submission awaiting review."))
        return redirect(_review_url(region, workplan.uuid))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        context = _workspace(request, region, workplan, form=form)
        return render(request, "toolkit/review.html", context, status=400)
    decision, message = form.cleaned_data["decision"], form.cleaned_data["message"]
    open_notes = selectors.open_notes_of(workplan)
    if decision == "approve" and open_notes and not form.cleaned_data["confirm_open_notes"]:
        return render(
            request,
            "toolkit/review_confirm.html",
            {"region": region, "workplan": workplan, "open_notes": open_notes,
             "message": message},
        )  # fmt: skip
    if decision == "approve":
        services.workplan_approve(workplan=workplan, by=request.user, message=message)
        messages.success(request, _("Workplan approved. The region was told."))
    else:
        services.workplan_request_changes(workplan=workplan, by=request.user, message=message)
        messages.success(
            request, _("Changes requested. The region was told and can edit a new draft.")
        )
    return redirect(_review_url(region, workplan.uuid))


@require_POST
@region_view(REVIEW)
def review_assign(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    form = AssignForm(request.POST, people=reviewers_possible(workplan))
    if workplan.status != WorkplanStatus.SUBMITTED or not form.is_valid():
        context = _workspace(request, region, workplan, assign_form=form)
        return render(request, "toolkit/review.html", context, status=400)
    reviewer = form.cleaned_data["reviewer"]
    services.review_assign(workplan=workplan, by=request.user, reviewer=reviewer)
    if reviewer == request.user:
        messages.success(request, _("You took this review on."))
    else:
        messages.success(
            request,
            _("%(name)s reviews this workplan now and was told.")
            % {"name": reviewer.get_full_name() or reviewer.get_username()},
        )
    return redirect(_review_url(region, workplan.uuid))


@require_POST
@region_view(REVIEW)
def review_note_add(request, region, workplan):
    """A review note on one checklist item or one action, written in the workspace."""
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    if workplan.status != WorkplanStatus.SUBMITTED:
        raise PermissionDenied
    target = {}
    if request.POST.get("response"):
        target["response"] = selectors.response_for_region(
            region, workplan.uuid, _uuid(request.POST["response"])
        )
        key = target["response"].uuid
        anchor = f"item-{key.hex}"
    else:
        target["action"] = selectors.action_for_note(
            region, workplan.uuid, _uuid(request.POST.get("action", ""))
        )
        key = target["action"].uuid
        anchor = f"action-{key.hex}"
    form = NoteForm(request.POST)
    if not form.is_valid():
        context = _workspace(request, region, workplan, note_form=form)
        context["note_target"] = str(key)
        return render(request, "toolkit/review.html", context, status=400)
    services.comment_add(
        by=request.user, kind=CommentKind.REVIEW, body=form.cleaned_data["body"], **target
    )
    messages.success(request, _("Your review note was added. The region was told."))
    return redirect(_review_url(region, workplan.uuid, anchor))


def _uuid(value: str):
    try:
        return uuid.UUID(value)
    except ValueError as error:
        raise Http404("No such item") from error


@require_POST
@region_view(COMMENT)
def note_reply(request, region, workplan, note):
    note = selectors.note_for_region(region, workplan, note)
    form = ReplyForm(request.POST)
    if form.is_valid():
        try:
            reply = services.note_reply(note=note, by=request.user, body=form.cleaned_data["body"])
        except services.NotAThread as error:
            raise Http404("Not a review note") from error
        messages.success(request, _("Your reply was added."))
        return redirect(_back(request, comment_url(reply)))
    messages.error(request, form.errors["body"][0])
    return redirect(_back(request, comment_url(note)))


@require_POST
@region_view(COMMENT)
def note_state(request, region, workplan, note, resolve: bool):
    note = selectors.note_for_region(region, workplan, note)
    if REVIEW not in request.region_perms and note.author_id != request.user.pk:
        raise PermissionDenied
    try:
        if resolve:
            services.note_resolve(note=note, by=request.user)
        else:
            services.note_reopen(note=note, by=request.user)
    except services.NotAThread as error:
        raise Http404("Not a review note") from error
    messages.success(request, _("Note resolved.") if resolve else _("Note reopened."))
    return redirect(_back(request, comment_url(note)))


@require_safe
@region_view()
def workplan_notes(request, region, workplan):
    """All open review notes of a workplan, each linking to its item or action."""
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    notes = selectors.open_notes_of(workplan)
    for note in notes:
        note.workplan = workplan
        note.link = comment_url(note)
    return render(
        request,
        "toolkit/notes.html",
        {"region": region, "workplan": workplan, "notes": notes},
    )
