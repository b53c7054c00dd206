"""History with restore, frozen snapshots, new revisions and replication of actions."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from eubelong.core.locking import ConflictError
from regions.access import region_view

from .. import selectors, services
from ..selectors.change_text import change_sentences
from .common import EDIT, GET_POST, editor_url, may_edit, require_edit

REPLICATE_PAGE_SIZE = 100


@require_POST
@region_view(write_perm=EDIT)
def workplan_revise(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    services.workplan_start_revision(workplan=workplan, by=request.user)
    messages.success(request, _("A new draft revision was started; the approved one is kept."))
    return redirect(editor_url(region, workplan))


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
    changes = selectors.workplan_history(workplan)
    for change in changes:
        change.sentences = change_sentences(change, workplan.language)
    return render(
        request,
        "toolkit/workplan_history.html",
        {
            "region": region,
            "workplan": workplan,
            "changes": changes,
            "choices": choices,
            "old_key": old_key,
            "new_key": new_key,
            "diffs": diffs,
            "can_restore": may_edit(request, workplan),
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
    require_edit(request, change.workplan)
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
        require_edit(request, workplan)
        source = selectors.approved_action(request.user, region, request.POST.get("source"))
        copy = services.action_replicate(source=source, workplan=workplan, by=request.user)
        messages.success(request, _("Action copied. Adapt it to your region."))
        return redirect(
            "toolkit:action-edit", region=region.slug, workplan=workplan.uuid, action=copy.uuid
        )
    # Every action the comparison pages show as approved, a page at a time.
    page = Paginator(selectors.approved_actions(request.user, region), REPLICATE_PAGE_SIZE)
    return render(
        request,
        "toolkit/replicate.html",
        {
            "region": region,
            "workplan": workplan,
            "page": page.get_page(request.GET.get("page")),
            "can_edit": may_edit(request, workplan),
        },
    )
