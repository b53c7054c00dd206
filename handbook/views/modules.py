"""The shared library of training modules, each edited by the region that contributed it, with its
materials."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from eubelong.core.htmx import render_page
from eubelong.core.security import accepts_uploads
from regions.access import region_perms, region_view

from .. import selectors, services
from ..forms import (
    MaterialForm,
    ModuleEditForm,
    ModuleFilterForm,
    ModuleForm,
)
from ..models import (
    Material,
    TrainingModule,
)
from ..translation.lookup import translate
from ..uploads import file_response
from .common import EDIT_METHODS, edit_page, history_page


@require_safe
@login_required
def module_list(request):
    form = ModuleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    modules = list(selectors.modules_filtered(**{k: v for k, v in filters.items() if v}))
    return render_page(
        request,
        "handbook/modules.html",
        {
            "form": form,
            "modules": modules,
            "filtered": bool(filters and any(filters.values())),
            "create_regions": list(
                selectors.regions_for_user(request.user, "edit_workplan").only("name", "slug")
            ),
        },
        partial="results",
    )


@require_safe
@login_required
def module_detail(request, module):
    module = get_object_or_404(selectors.module_library(), uuid=module)
    perms = region_perms(request.user, module.region)
    return render(
        request,
        "handbook/module.html",
        {
            "module": module,
            "materials": list(module.materials.all()),
            "can_edit": "edit_workplan" in perms,
        },
    )


@require_safe
@login_required
def module_history(request, module):
    module = get_object_or_404(TrainingModule, uuid=module)
    return history_page(
        request,
        obj=module,
        title=_("History of %(title)s") % {"title": translate(module, "title")[0]},
        back_url=reverse("handbook:module", kwargs={"module": module.uuid}),
    )


@require_safe
@login_required
def material_download(request, material):
    material = get_object_or_404(Material, uuid=material)
    return file_response(material)


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def module_create(request, region):
    form = ModuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        module = services.module_create(region=region, data=form.cleaned_data, by=request.user)
        messages.success(request, _("Training module added. You can now attach materials."))
        return redirect("handbook:module-edit", region=region.slug, module=module.uuid)
    return render(
        request,
        "handbook/edit.html",
        {
            "form": form,
            "region": region,
            "title": _("New training module from %(region)s") % {"region": region.name},
            "cancel_url": reverse("handbook:modules"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


def _region_module(region, module_uuid):
    return selectors.module_for_region(region, module_uuid)


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def module_edit(request, region, module):
    module = _region_module(region, module)
    url = reverse("handbook:module", kwargs={"module": module.uuid})
    return edit_page(
        request,
        obj=module,
        form_class=ModuleEditForm,
        save=lambda form: services.module_update(
            module=module,
            version=form.cleaned_data["version"],
            data=form.cleaned_data,
            by=request.user,
        ),
        context={
            "title": _("Edit training module %(title)s") % {"title": translate(module, "title")[0]},
            "cancel_url": url,
            "region": region,
            "materials": list(module.materials.all()),
            "material_form": MaterialForm(auto_id="id_material_%s"),
        },
        template="handbook/module_edit.html",
        success_url=url,
        message=_("Training module saved."),
    )


@accepts_uploads
@require_POST
@region_view("edit_workplan")
def material_add(request, region, module):
    module = _region_module(region, module)
    form = MaterialForm(request.POST, request.FILES, auto_id="id_material_%s")
    if form.is_valid():
        services.material_add(
            module=module,
            title=form.cleaned_data["title"],
            url=form.cleaned_data.get("url") or "",
            upload=form.cleaned_data.get("upload"),
            by=request.user,
        )
        messages.success(request, _("Material added."))
        return redirect("handbook:module-edit", region=region.slug, module=module.uuid)
    return render(
        request,
        "handbook/module_edit.html",
        {
            "form": ModuleEditForm(instance=module, initial={"version": module.version}),
            "object": module,
            "region": region,
            "title": _("Edit training module %(title)s") % {"title": translate(module, "title")[0]},
            "cancel_url": reverse("handbook:module", kwargs={"module": module.uuid}),
            "materials": list(module.materials.all()),
            "material_form": form,
        },
        status=400,
    )


@require_POST
@region_view("edit_workplan")
def material_delete(request, region, material):
    material = selectors.material_for_region(region, material)
    module = material.module
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("Material removed."))
    return redirect("handbook:module-edit", region=region.slug, module=module.uuid)
