"""What the toolkit's pages share: who may edit a workplan, its forms, and links back into the
editor."""

from django.urls import reverse
from django.views.decorators.http import require_http_methods

from regions.access import RoleRequired
from regions.roles import role_needed

from ..forms import (
    PrioritySummaryForm,
    ResponseForm,
)
from ..models import (
    CommentKind,
    WorkplanStatus,
)
from ..services import NotEditable

EDIT = "edit_workplan"


GET_POST = require_http_methods(["GET", "HEAD", "POST"])


def may_edit(request, workplan) -> bool:
    return EDIT in request.region_perms and workplan.is_editable


def may_submit(request, region) -> bool:
    """Regional admins submit; editors too where the region allows it."""
    perms = request.region_perms
    return "submit_workplan" in perms or (region.editors_may_submit and EDIT in perms)


def discussion_rights(request) -> dict:
    """Who may answer review notes (anyone who comments) and resolve any of them (reviewers;
    authors resolve their own)."""
    perms = request.region_perms
    return {"can_reply": "comment_workplan" in perms, "can_resolve_all": "review_workplan" in perms}


def require_edit(request, workplan):
    if EDIT not in request.region_perms:
        raise RoleRequired(workplan.region, EDIT)
    if not workplan.is_editable:
        raise NotEditable


def response_form(response, data=None):
    return ResponseForm(
        data,
        instance=response,
        initial={"version": response.version},
        auto_id=f"id_%s_{response.uuid.hex}",
    )


def summary_form(summary, data=None):
    return PrioritySummaryForm(
        data,
        initial={"version": summary.version, "summary": summary.summary},
        auto_id=f"id_%s_{summary.uuid.hex}",
    )


def editor_url(region, workplan, anchor="", priority=None):
    url = reverse(
        "toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    if priority is not None:
        url += f"?priority={priority.number}"
    return f"{url}#{anchor}" if anchor else url


def comment_kinds(request, workplan) -> list[str]:
    kinds = [CommentKind.COMMENT]
    if workplan.is_editable:
        kinds.append(CommentKind.PROPOSAL)
    if "review_workplan" in request.region_perms and workplan.status == WorkplanStatus.SUBMITTED:
        kinds.insert(0, CommentKind.REVIEW)
    return kinds


def role_notice(request, region) -> dict:
    """What a read-only page tells someone who may not edit for want of a role: that they can
    comment and propose, when they can, and who in the region can edit."""
    perms = request.region_perms
    return {
        "role_needed": role_needed(region, EDIT, perms),
        "comments_only": EDIT not in perms
        and "comment_workplan" in perms
        and "review_workplan" not in perms,
    }
