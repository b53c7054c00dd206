from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows
from eubelong.core.security import accepts_uploads
from regions.access import coordinator_required, is_coordinator, region_perms, region_view

from . import selectors, services
from .forms import (
    ActivityEditForm,
    ActivityForm,
    AreaForm,
    MaterialForm,
    ModuleEditForm,
    ModuleFilterForm,
    ModuleForm,
    ResourceEditForm,
    ResourceForm,
    SearchForm,
    SectionForm,
)
from .models import (
    PARTICIPANT_FIELDS,
    SECTOR_LABELS,
    CapacityActivity,
    Material,
    Publication,
    Resource,
    Section,
    ThematicArea,
    TrainingModule,
)
from .search import search as run_search
from .uploads import file_response

EDIT_METHODS = ["GET", "HEAD", "POST"]

PUBLICATION_URLS = {
    Publication.FRAMEWORK: {
        "index": "handbook:framework",
        "section": "handbook:framework-section",
        "edit": "handbook:framework-section-edit",
        "history": "handbook:framework-section-history",
    },
    Publication.HANDBOOK: {
        "index": "handbook:index",
        "section": "handbook:section",
        "edit": "handbook:section-edit",
        "history": "handbook:section-history",
    },
}


def _edit(
    request,
    *,
    obj,
    form_class,
    save,
    context,
    success_url,
    template="handbook/edit.html",
    message=None,
):
    """The edit page of anything versioned: form, optimistic lock, conflict answer."""
    conflict = None
    rows = []
    if request.method == "POST":
        # A fresh instance, so the service still sees the saved values as "before".
        form = form_class(request.POST, request.FILES, instance=type(obj).objects.get(pk=obj.pk))
        if form.is_valid():
            try:
                save(form)
            except ConflictError as error:
                conflict = conflict_keep(form, error)
                rows = conflict_rows(form, conflict)
            else:
                messages.success(request, message or _("Saved."))
                return redirect(success_url)
    else:
        form = form_class(instance=obj, initial={"version": obj.version})
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(
        request,
        template,
        {"form": form, "conflict": conflict, "conflict_rows": rows, "object": obj} | context,
        status=status,
    )


def _history(request, *, obj, title, back_url):
    revisions = list(selectors.history(obj))
    model = type(obj)
    labels = {}
    for field in model._meta.get_fields():
        labels[field.name] = getattr(field, "verbose_name", field.name)
    labels.setdefault("material", _("material"))
    rows = [
        {
            "revision": revision,
            "changes": [
                (str(labels.get(key, key)).capitalize(), before, after)
                for key, before, after in revision.changes()
            ],
        }
        for revision in revisions
    ]
    return render(
        request,
        "handbook/history.html",
        {"title": title, "back_url": back_url, "rows": rows, "object": obj},
    )


# Publications: the Model Framework and the Handbook


def _publication_index(request, publication):
    context = {
        "publication": publication,
        "publication_label": Publication(publication).label,
        "sections": list(selectors.sections(publication)),
        "urls": PUBLICATION_URLS[publication],
        "is_coordinator": is_coordinator(request.user),
    }
    if publication == Publication.HANDBOOK:
        context["areas"] = list(selectors.areas())
    return render(request, "handbook/publication.html", context)


@require_safe
@login_required
def framework(request):
    return _publication_index(request, Publication.FRAMEWORK)


@require_safe
@login_required
def handbook_index(request):
    return _publication_index(request, Publication.HANDBOOK)


def _section_detail(request, publication, slug):
    section = get_object_or_404(Section, publication=publication, slug=slug)
    context = {
        "section": section,
        "publication_label": Publication(publication).label,
        "urls": PUBLICATION_URLS[publication],
        "can_edit": is_coordinator(request.user),
        "siblings": list(selectors.sections(publication)),
    }
    if section.shows == "contexts":
        context["contexts"] = list(selectors.regional_contexts(request.user))
        context["editable_regions"] = selectors.editable_region_slugs(request.user, "change_region")
    elif section.shows == "areas":
        context["areas"] = list(selectors.areas())
    elif section.shows == "resources":
        context["resources"] = list(selectors.resources())
    elif section.shows == "modules":
        context["module_count"] = selectors.module_library().count()
    return render(request, "handbook/section.html", context)


@require_safe
@login_required
def framework_section(request, section):
    return _section_detail(request, Publication.FRAMEWORK, section)


@require_safe
@login_required
def handbook_section(request, section):
    return _section_detail(request, Publication.HANDBOOK, section)


def _section_edit(request, publication, slug):
    section = get_object_or_404(Section, publication=publication, slug=slug)
    urls = PUBLICATION_URLS[publication]
    return _edit(
        request,
        obj=section,
        form_class=SectionForm,
        save=lambda form: services.section_update(
            section=section,
            version=form.cleaned_data["version"],
            data=form.cleaned_data,
            by=request.user,
        ),
        context={
            "title": _("Edit section %(number)s. %(title)s")
            % {"number": section.number, "title": section.title},
            "cancel_url": reverse(urls["section"], kwargs={"section": section.slug}),
        },
        success_url=reverse(urls["section"], kwargs={"section": section.slug}),
        message=_("Section saved."),
    )


@require_http_methods(EDIT_METHODS)
@coordinator_required
def framework_section_edit(request, section):
    return _section_edit(request, Publication.FRAMEWORK, section)


@require_http_methods(EDIT_METHODS)
@coordinator_required
def handbook_section_edit(request, section):
    return _section_edit(request, Publication.HANDBOOK, section)


def _section_history(request, publication, slug):
    section = get_object_or_404(Section, publication=publication, slug=slug)
    return _history(
        request,
        obj=section,
        title=_("History of %(title)s") % {"title": section.title},
        back_url=reverse(PUBLICATION_URLS[publication]["section"], kwargs={"section": slug}),
    )


@require_safe
@login_required
def framework_section_history(request, section):
    return _section_history(request, Publication.FRAMEWORK, section)


@require_safe
@login_required
def handbook_section_history(request, section):
    return _section_history(request, Publication.HANDBOOK, section)


# Thematic areas


@require_safe
@login_required
def area_detail(request, area):
    area = get_object_or_404(ThematicArea, slug=area)
    return render(
        request,
        "handbook/area.html",
        {
            "area": area,
            "modules": list(selectors.area_modules(area)),
            "resources": list(selectors.resources(area)),
            "can_edit": is_coordinator(request.user),
        },
    )


@require_http_methods(EDIT_METHODS)
@coordinator_required
def area_edit(request, area):
    area = get_object_or_404(ThematicArea, slug=area)
    url = reverse("handbook:area", kwargs={"area": area.slug})
    return _edit(
        request,
        obj=area,
        form_class=AreaForm,
        save=lambda form: services.area_update(
            area=area, version=form.cleaned_data["version"], data=form.cleaned_data, by=request.user
        ),
        context={
            "title": _("Edit thematic area %(title)s") % {"title": area.title},
            "cancel_url": url,
        },
        success_url=url,
        message=_("Thematic area saved."),
    )


@require_safe
@login_required
def area_history(request, area):
    area = get_object_or_404(ThematicArea, slug=area)
    return _history(
        request,
        obj=area,
        title=_("History of %(title)s") % {"title": area.title},
        back_url=reverse("handbook:area", kwargs={"area": area.slug}),
    )


# Training modules: a shared library, each module edited by its contributing region


@require_safe
@login_required
def module_list(request):
    form = ModuleFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    modules = list(selectors.modules_filtered(**{k: v for k, v in filters.items() if v}))
    template = "handbook/modules.html#results" if request.htmx else "handbook/modules.html"
    return render(
        request,
        template,
        {
            "form": form,
            "modules": modules,
            "filtered": bool(filters and any(filters.values())),
            "create_regions": list(
                selectors.regions_for_user(request.user, "edit_workplan").only("name", "slug")
            ),
        },
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
    return _history(
        request,
        obj=module,
        title=_("History of %(title)s") % {"title": module.title},
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
    return get_object_or_404(
        TrainingModule.objects.for_region(region).select_related("region"), uuid=module_uuid
    )


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def module_edit(request, region, module):
    module = _region_module(region, module)
    url = reverse("handbook:module", kwargs={"module": module.uuid})
    return _edit(
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
            "title": _("Edit training module %(title)s") % {"title": module.title},
            "cancel_url": url,
            "region": region,
            "materials": list(module.materials.all()),
            "material_form": MaterialForm(),
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
    form = MaterialForm(request.POST, request.FILES)
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
            "title": _("Edit training module %(title)s") % {"title": module.title},
            "cancel_url": reverse("handbook:module", kwargs={"module": module.uuid}),
            "materials": list(module.materials.all()),
            "material_form": form,
        },
        status=400,
    )


@require_POST
@region_view("edit_workplan")
def material_delete(request, region, material):
    material = get_object_or_404(
        Material.objects.for_region(region).select_related("module"), uuid=material
    )
    module = material.module
    services.material_delete(material=material, by=request.user)
    messages.success(request, _("Material removed."))
    return redirect("handbook:module-edit", region=region.slug, module=module.uuid)


# Capacity building: tenant records


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
    return get_object_or_404(CapacityActivity.objects.for_region(region), uuid=activity_uuid)


@require_http_methods(EDIT_METHODS)
@region_view("edit_workplan")
def activity_edit(request, region, activity):
    activity = _region_activity(region, activity)
    url = reverse("handbook:capacity", kwargs={"region": region.slug})
    return _edit(
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


# Recommendations and resources


@require_safe
@login_required
def resource_list(request):
    return render(
        request,
        "handbook/resources.html",
        {"resources": list(selectors.resources()), "can_edit": is_coordinator(request.user)},
    )


@accepts_uploads
@require_http_methods(EDIT_METHODS)
@coordinator_required
def resource_create(request):
    form = ResourceForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        services.resource_create(
            data=form.cleaned_data, upload=form.cleaned_data.get("upload"), by=request.user
        )
        messages.success(request, _("Resource added."))
        return redirect("handbook:resources")
    return render(
        request,
        "handbook/edit.html",
        {
            "form": form,
            "title": _("Add a resource"),
            "cancel_url": reverse("handbook:resources"),
        },
        status=400 if form.is_bound and form.errors else 200,
    )


@accepts_uploads
@require_http_methods(EDIT_METHODS)
@coordinator_required
def resource_edit(request, resource):
    resource = get_object_or_404(Resource, uuid=resource)
    url = reverse("handbook:resources")
    return _edit(
        request,
        obj=resource,
        form_class=ResourceEditForm,
        save=lambda form: services.resource_update(
            resource=resource,
            version=form.cleaned_data["version"],
            data=form.cleaned_data,
            upload=form.cleaned_data.get("upload"),
            by=request.user,
        ),
        context={
            "title": _("Edit resource %(title)s") % {"title": resource.title},
            "cancel_url": url,
        },
        success_url=url,
        message=_("Resource saved."),
    )


@require_safe
@login_required
def resource_history(request, resource):
    resource = get_object_or_404(Resource, uuid=resource)
    return _history(
        request,
        obj=resource,
        title=_("History of %(title)s") % {"title": resource.title},
        back_url=reverse("handbook:resources"),
    )


@require_safe
@login_required
def resource_download(request, resource):
    resource = get_object_or_404(Resource, uuid=resource)
    if not resource.file:
        raise Http404("No file")
    return file_response(resource)


# Search


@require_safe
@login_required
def search(request):
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    hits = run_search(query) if query else []
    template = "handbook/search.html#results" if request.htmx else "handbook/search.html"
    return render(request, template, {"form": form, "query": query, "hits": hits})
