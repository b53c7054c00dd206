"""Capacity-building activities of a region and the reach they add up to across the network."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from regions.access import coordinator_required, region_view

from .. import selectors, services
from ..forms import (
    ActivityEditForm,
    ActivityForm,
)
from ..models import (
    PARTICIPANT_FIELDS,
    SECTOR_LABELS,
)
from .common import EDIT_METHODS, edit_page


def _reach_rows(totals: dict) -> list[tuple[str, int]]:
    return [(SECTOR_LABELS[f.removeprefix("participants_")], totals[f]) for f in PARTICIPANT_FIELDS]


@require_safe
@region_view()
def capacity(request, region):
    activities = list(selectors.region_activities(region))
    totals = selectors.region_reach(region)
    return render(
        request,
        "handbook/capacity.html",
        {
            "region": region,
            "activities": activities,
            "totals": totals,
            "reach_rows": _reach_rows(totals),
            "can_edit": "edit_workplan" in request.region_perms,
        },
    )


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def activity_create(request, region):
    form = ActivityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.activity_create(region=region, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Activity recorded."))
        return redirect("handbook:capacity", region=region.slug)
    return render(
        request,
        "handbook/edit.html",
        {
            "form": form,
            "region": region,
            "title": _("Record a capacity-building activity"),
            "cancel_url": reverse("handbook:capacity", kwargs={"region": region.slug}),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _region_activity(region, activity_uuid):
    return selectors.activity_for_region(region, activity_uuid)


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def activity_edit(request, region, activity):
    activity = _region_activity(region, activity)
    url = reverse("handbook:capacity", kwargs={"region": region.slug})
    return edit_page(
        request,
        obj=activity,
        form_class=ActivityEditForm,
        save=lambda form: services.activity_update(
            activity=activity,
            version=form.cleaned_data["version"],
            data=form.cleaned_data,
            by=request.user,
        ),
        context={
            "title": _("Edit activity %(title)s") % {"title": activity.title},
            "cancel_url": url,
            "region": region,
        },
        success_url=url,
        message=_("Activity saved."),
    )


@require_POST
@region_view("edit_workplan")
def activity_delete(request, region, activity):
    activity = _region_activity(region, activity)
    services.activity_delete(activity=activity, by=request.user)
    messages.success(request, _("Activity deleted."))
    return redirect("handbook:capacity", region=region.slug)


@require_safe
@coordinator_required
def network_reach(request):
    rows, totals = selectors.network_reach(request.user)
    return render(
        request,
        "handbook/reach.html",
        {"rows": rows, "totals": totals, "reach_rows": _reach_rows(totals)},
    )
