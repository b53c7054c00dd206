"""Coordinators' pages for the shared Toolkit template: its priorities, checklists and versions."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from regions.access import coordinator_required

from .. import selectors, services
from ..forms import (
    CycleForm,
    TemplatePriorityForm,
)
from ..models import (
    Priority,
)
from .common import GET_POST


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
        draft = services.template_create_draft(by=request.user)
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
            services.template_priority_update(
                priority=priority, by=request.user, **form.cleaned_data
            )
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
    services.template_publish(
        template=version, notes=request.POST.get("notes", ""), by=request.user
    )
    messages.success(
        request,
        _("Version %(n)s is published. New workplans start from it; existing ones keep theirs.")
        % {"n": version.number},
    )
    return redirect("toolkit:template-list")
