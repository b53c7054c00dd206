"""Submitting a workplan: ready for submission, asking whoever may submit, the check before
submitting, the confirmation, withdrawing, and following a workplan."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regions.access import RoleRequired, region_view

from .. import selectors, services
from ..forms import SubmitForm
from ..models import WorkplanStatus
from ..services.notices import reviewers, submitters
from .common import EDIT, GET_POST, editor_url, may_submit


@GET_POST
@region_view()
def workplan_submit(request, region, workplan):
    """Check before you submit: what blocks, what a reviewer will ask about, a message."""
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    if not may_submit(request, region):
        raise RoleRequired(region, "submit_workplan")
    check = selectors.submission_check(workplan)
    form = SubmitForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid() and not check["problems"]:
        snapshot = services.workplan_submit(
            workplan=workplan, by=request.user, message=form.cleaned_data["message"]
        )
        messages.success(request, _("Workplan submitted for review. A snapshot was frozen."))
        return redirect(
            "toolkit:workplan-submitted",
            region=region.slug,
            workplan=workplan.uuid,
            snapshot=snapshot.uuid,
        )
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "toolkit/submit_check.html",
        {"region": region, "workplan": workplan, "check": check, "form": form},
        status=status,
    )


@require_safe
@region_view()
def workplan_submitted(request, region, workplan, snapshot):
    snapshot = selectors.snapshot_for_region(region, workplan, snapshot)
    workplan = snapshot.workplan
    workplan.region = region
    return render(
        request,
        "toolkit/submitted.html",
        {
            "region": region,
            "workplan": workplan,
            "snapshot": snapshot,
            "reviewers": reviewers(workplan),
            "can_withdraw": may_submit(request, region) and _withdrawable(workplan, snapshot),
        },
    )


def _withdrawable(workplan, snapshot) -> bool:
    return (
        workplan.status == WorkplanStatus.SUBMITTED
        and snapshot.revision == workplan.revision
        and snapshot.review_started_at is None
    )


@require_POST
@region_view(write_perm=EDIT)
def workplan_ready(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    ready = request.POST.get("ready") != "0"
    services.workplan_mark_ready(workplan=workplan, by=request.user, ready=ready)
    if ready:
        messages.success(
            request, _("Marked ready for submission. The people who can submit were told.")
        )
    else:
        messages.success(request, _("No longer marked ready for submission."))
    return redirect(editor_url(region, workplan))


@require_POST
@region_view()
def workplan_ask_submit(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    if "review_workplan" in request.region_perms or may_submit(request, region):
        raise PermissionDenied  # reviewers do not ask; submitters submit
    if not workplan.is_editable:
        messages.error(request, _("This workplan cannot be submitted now."))
    elif services.workplan_ask_submit(workplan=workplan, by=request.user):
        messages.success(request, _("Your request was sent to the people who can submit."))
    else:
        messages.info(request, _("You already asked today; they have your request."))
    return redirect(editor_url(region, workplan))


@GET_POST
@region_view()
def workplan_withdraw(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    workplan.region = region
    if not may_submit(request, region):
        raise RoleRequired(region, "submit_workplan")
    snapshot = selectors.snapshot_under_review(workplan)
    if snapshot is None or not _withdrawable(workplan, snapshot):
        messages.error(
            request, _("The review has started; the submission can no longer be withdrawn.")
        )
        return redirect(editor_url(region, workplan))
    if request.method == "POST":
        try:
            services.workplan_withdraw(workplan=workplan, by=request.user)
        except services.NotEditable:
            messages.error(
                request, _("The review has started; the submission can no longer be withdrawn.")
            )
        else:
            messages.success(request, _("The submission was withdrawn. You can edit the draft."))
        return redirect(editor_url(region, workplan))
    return render(
        request,
        "toolkit/withdraw.html",
        {"region": region, "workplan": workplan, "snapshot": snapshot},
    )


@require_POST
@region_view()
def workplan_follow(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    following = request.POST.get("follow") == "1"
    services.follow_set(workplan=workplan, user=request.user, following=following)
    if following:
        messages.success(request, _("You follow this workplan: you will hear of its discussion."))
    else:
        messages.success(request, _("You no longer follow this workplan."))
    return redirect(editor_url(region, workplan))


def submission_panel(request, region, workplan) -> dict:
    """What the workplan page shows about submitting and following."""
    perms = request.region_perms
    can_submit = may_submit(request, region)
    return {
        "can_submit": can_submit and workplan.is_editable,
        "can_mark_ready": EDIT in perms and workplan.is_editable and not can_submit,
        "can_ask": workplan.is_editable
        and not can_submit
        and EDIT not in perms  # editors mark it ready, which tells the same people
        and "review_workplan" not in perms
        and workplan.ready_at is None,
        "submitters": submitters(workplan) if workplan.is_editable and not can_submit else [],
        "following": services.is_following(workplan, request.user, may_edit=EDIT in perms),
        "discussion": selectors.open_discussion_counts(workplan),
    }
