"""Recommendations and resources."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core.security import accepts_uploads
from regions.access import coordinator_required, is_coordinator

from .. import selectors, services
from ..forms import (
    ResourceEditForm,
    ResourceForm,
)
from ..models import (
    Resource,
)
from ..translation.lookup import translate
from ..uploads import file_response
from .common import EDIT_METHODS, edit_page, history_page


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
    return edit_page(
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
            "title": _("Edit resource %(title)s") % {"title": translate(resource, "title")[0]},
            "cancel_url": url,
        },
        success_url=url,
        message=_("Resource saved."),
    )


@require_safe
@login_required
def resource_history(request, resource):
    resource = get_object_or_404(Resource, uuid=resource)
    return history_page(
        request,
        obj=resource,
        title=_("History of %(title)s") % {"title": translate(resource, "title")[0]},
        back_url=reverse("handbook:resources"),
    )


@require_safe
@login_required
def resource_download(request, resource):
    resource = get_object_or_404(Resource, uuid=resource)
    if not resource.file:
        raise Http404("No file")
    return file_response(resource)
