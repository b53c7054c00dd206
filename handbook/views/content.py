"""The Model Framework and Handbook: sections and thematic areas, read, edited and with their
history."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from regions.access import coordinator_required, is_coordinator

from .. import selectors, services
from ..forms import (
    AreaForm,
    SectionForm,
)
from ..models import (
    Publication,
    Section,
    ThematicArea,
)
from ..translation.lookup import translate
from .common import EDIT_METHODS, edit_page, history_page

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
    return edit_page(
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
    return history_page(
        request,
        obj=section,
        title=_("History of %(title)s") % {"title": translate(section, "title")[0]},
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


@require_safe
@login_required
def area_detail(request, area):
    area, modules, resources = selectors.area_page(area)
    return render(
        request,
        "handbook/area.html",
        {
            "area": area,
            "modules": modules,
            "resources": resources,
            "can_edit": is_coordinator(request.user),
        },
    )


@require_http_methods(EDIT_METHODS)
@coordinator_required
def area_edit(request, area):
    area = get_object_or_404(ThematicArea, slug=area)
    url = reverse("handbook:area", kwargs={"area": area.slug})
    return edit_page(
        request,
        obj=area,
        form_class=AreaForm,
        save=lambda form: services.area_update(
            area=area, version=form.cleaned_data["version"], data=form.cleaned_data, by=request.user
        ),
        context={
            "title": _("Edit thematic area %(title)s") % {"title": translate(area, "title")[0]},
            "cancel_url": url,
        },
        success_url=url,
        message=_("Thematic area saved."),
    )


@require_safe
@login_required
def area_history(request, area):
    area = get_object_or_404(ThematicArea, slug=area)
    return history_page(
        request,
        obj=area,
        title=_("History of %(title)s") % {"title": translate(area, "title")[0]},
        back_url=reverse("handbook:area", kwargs={"area": area.slug}),
    )
