"""Actions of a workplan and their indicators."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from regions.access import region_view

from .. import funding, selectors, services
from ..forms import (
    ActionForm,
    CommentForm,
    FundingForm,
    IndicatorForm,
    NewIndicatorForm,
    saved_field,
)
from ..models import (
    EU_FUNDS,
    ActionStatus,
    CommentKind,
    FundingSource,
)
from .common import (
    EDIT,
    GET_POST,
    comment_kinds,
    discussion_rights,
    editor_url,
    may_edit,
    require_edit,
    role_notice,
)


def _back(region, workplan, action=None, priority=None):
    """The editor page of the action's priority, at the action's row (or the priority's
    actions, for an action not saved yet or deleted)."""
    if action is None or action.pk is None:
        return editor_url(region, workplan, "actions", priority)
    return editor_url(region, workplan, f"action-{action.uuid.hex}", action.priority)


def _form_context(request, region, workplan, *, action=None, priority=None) -> dict:
    """What every page holding the action form needs besides the forms."""
    return {
        "back_url": _back(region, workplan, action, priority),
        "stakeholder_names": selectors.stakeholder_names(region),
        "can_manage_registry": "manage_members" in request.region_perms,
    }


@GET_POST
@region_view(write_perm=EDIT)
def action_new(request, region, workplan):
    workplan = selectors.workplan_for_region(region, workplan)
    priorities = list(workplan.template.priorities.all())
    chosen = request.GET.get("priority") or request.POST.get("priority")
    priority = next((p for p in priorities if str(p.uuid) == chosen), priorities[0])
    if request.method == "POST":
        require_edit(request, workplan)
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
            messages.success(
                request,
                _("Action “%(title)s” added. Next, add its indicators and its funding by year.")
                % {"title": action.title},
            )
            return redirect(_back(region, workplan, action))
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
            "can_edit": may_edit(request, workplan),
            **role_notice(request, region),
            **_form_context(request, region, workplan, priority=priority),
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
        require_edit(request, workplan)
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
                return redirect(_back(region, workplan, action))
    else:
        form = ActionForm(
            instance=action,
            cycle=workplan.cycle,
            region=region,
            initial={"version": action.version},
        )
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return _action_page(request, region, action, form, conflict, status=status)


def _funding(action, form=None) -> dict:
    """The funding grid of the action page and the totals beside it."""
    rows = [(f.year, f.source, f.amount) for f in action.funding.all()]
    current = {(year, source): amount for year, source, amount in rows}
    years = action.workplan.cycle.years
    totals = funding.totals(rows)
    return {
        "funding_form": form
        or FundingForm(
            years=years,
            current=current,
            initial={"version": action.version},
            auto_id="id_funding_%s",
        ),
        "funding_totals": totals,
        "funding_years": years,
        "funding_rows": [
            (label, [current.get((year, source)) for year in years], totals["by_source"][source])
            for source, label in FundingSource.choices
            if source in totals["by_source"]
        ],
        "funding_eu_share": funding.eu_share(current, EU_FUNDS),
    }


@require_POST
@region_view(write_perm=EDIT)
def action_funding(request, region, workplan, action):
    action = selectors.action_for_region(region, workplan, action)
    require_edit(request, action.workplan)
    form = FundingForm(request.POST, years=action.workplan.cycle.years, auto_id="id_funding_%s")
    conflict = None
    if form.is_valid():
        action.refresh_from_db()
        try:
            services.action_update(
                action=action,
                by=request.user,
                version=form.cleaned_data["version"],
                data={"funding": form.amounts()},
            )
        except ConflictError as error:
            conflict = conflict_keep(form, error)
        else:
            messages.success(request, _("Funding saved."))
            return redirect(_back(region, action.workplan, action))
    action = selectors.action_for_region(region, workplan, action.uuid)
    edit_form = ActionForm(
        instance=action, cycle=action.workplan.cycle, region=region,
        initial={"version": action.version},
    )  # fmt: skip
    return _action_page(
        request, region, action, edit_form, None, status=409 if conflict else 400,
        funding_form=form, funding_conflict=conflict,
    )  # fmt: skip


def _action_page(
    request, region, action, form, conflict, *, status, comment_form=None, funding_form=None,
    funding_conflict=None,
):  # fmt: skip
    workplan = action.workplan
    years = workplan.cycle.years
    entries = selectors.library_entries()
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
            "can_edit": may_edit(request, workplan),
            **role_notice(request, region),
            **_form_context(request, region, workplan, action=action),
            "indicator_forms": [
                (
                    i,
                    IndicatorForm(
                        instance=i,
                        years=years,
                        initial={"version": i.version},
                        auto_id=f"id_%s_{i.uuid.hex}",
                        library_entries=entries,
                    ),
                )
                for i in action.indicators.all()
            ],
            "new_indicator_form": NewIndicatorForm(
                years=years, auto_id="id_new_%s", library_entries=entries
            ),
            **_funding(action, funding_form),
            "funding_conflict": funding_conflict,
            **_discussion(request, action, comment_form),
        },
        status=status,
    )


def _discussion(request, action, comment_form=None) -> dict:
    can_comment = "comment_workplan" in request.region_perms
    kinds = [k for k in comment_kinds(request, action.workplan) if k != CommentKind.PROPOSAL]
    return {
        "comments": selectors.action_comments(action),
        "comment_form": comment_form or (CommentForm(kinds=kinds) if can_comment else None),
        **discussion_rights(request),
    }


@require_POST
@region_view(write_perm="comment_workplan")
def action_comment(request, region, workplan, action):
    """A comment or (for the reviewer) a review note on an action."""
    action = selectors.action_for_region(region, workplan, action)
    kinds = [k for k in comment_kinds(request, action.workplan) if k != CommentKind.PROPOSAL]
    form = CommentForm(request.POST, kinds=kinds)
    if form.is_valid():
        comment = services.comment_add(action=action, by=request.user, **form.cleaned_data)
        messages.success(request, _("Your comment was added."))
        url = reverse(
            "toolkit:action-edit",
            kwargs={"region": region.slug, "workplan": workplan, "action": action.uuid},
        )
        return redirect(f"{url}#comment-{comment.uuid.hex}")
    page_form = ActionForm(
        instance=action,
        cycle=action.workplan.cycle,
        region=region,
        initial={"version": action.version},
    )
    return _action_page(request, region, action, page_form, None, status=400, comment_form=form)


@require_http_methods(["GET", "POST"])
@region_view(write_perm=EDIT)
def action_delete(request, region, workplan, action):
    """GET asks to confirm (like every other delete); POST deletes."""
    action = selectors.action_for_region(region, workplan, action)
    require_edit(request, action.workplan)
    if request.method != "POST":
        return render(
            request,
            "toolkit/action_confirm_delete.html",
            {"region": region, "workplan": action.workplan, "action": action},
        )
    services.action_delete(action=action, by=request.user)
    messages.success(request, _("Action deleted. It can be restored from the history."))
    return redirect(_back(region, action.workplan, priority=action.priority))


@require_POST
@region_view(write_perm=EDIT)
def indicator_new(request, region, workplan, action):
    action = selectors.action_for_region(region, workplan, action)
    require_edit(request, action.workplan)
    form = NewIndicatorForm(request.POST, years=action.workplan.cycle.years, auto_id="id_new_%s")
    if form.is_valid():
        services.indicator_create(action=action, by=request.user, data=form.cleaned_data)
        messages.success(request, _("Indicator added."))
        return redirect(_back(region, action.workplan, action))
    return _indicator_page(request, region, action, new_form=form)


@require_POST
@region_view(write_perm=EDIT)
def indicator_edit(request, region, workplan, action, indicator):
    indicator = selectors.indicator_for_region(region, action, indicator)
    action_obj = indicator.action
    require_edit(request, action_obj.workplan)
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
    entries = selectors.library_entries()
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
                        library_entries=entries,
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
            **_form_context(request, region, action.workplan, action=action),
            "indicator_forms": forms,
            "indicator_conflict": conflict,
            "indicator_conflict_rows": conflict_rows(edited[1], conflict, saved=saved_field)
            if edited and conflict
            else [],
            "new_indicator_form": new_form
            or NewIndicatorForm(years=years, auto_id="id_new_%s", library_entries=entries),
            **_funding(action),
        },
        status=409 if conflict else 400,
    )
