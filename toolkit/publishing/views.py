"""The region's side of publishing: what is public, publishing an approved workplan with the
region's choices, the confirmation, and withdrawing it."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from regions.access import RoleRequired, region_view
from toolkit.selectors.lookups import workplan_for_region

from . import selectors, services
from .forms import PublishForm

GET_POST = require_http_methods(["GET", "HEAD", "POST"])
PUBLISH = "change_region"


def public_url(region) -> str:
    return reverse("public:region", kwargs={"lang": get_language(), "region": region.slug})


@require_safe
@region_view()
def region_publishing(request, region):
    return render(
        request,
        "publishing/region.html",
        {
            "region": region,
            "rows": selectors.region_publishing(region),
            "may_publish": PUBLISH in request.region_perms,
            "public_url": public_url(region),
        },
    )


def _row(region, workplan_uuid) -> dict:
    workplan = workplan_for_region(region, workplan_uuid)
    for row in selectors.region_publishing(region):
        if row["workplan"].pk == workplan.pk:
            return row
    raise Http404


@GET_POST
@region_view()
def publish(request, region, workplan):
    if PUBLISH not in request.region_perms:
        raise RoleRequired(region, PUBLISH)
    row = _row(region, workplan)
    if row["approved"] is None:
        raise Http404
    current = row["publication"]
    # Publishing again starts from the choices made last time.
    initial = {} if current is None else {f: getattr(current, f) for f in PublishForm.Meta.fields}
    # An all-unticked form posts nothing, and is still an answer.
    form = PublishForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        services.publish(workplan=row["workplan"], by=request.user, request=request,
                         **form.cleaned_data)  # fmt: skip
        return redirect("publishing:published", region=region.slug, workplan=workplan)
    return render(
        request,
        "publishing/publish.html",
        {"region": region, **row, "form": form},
        status=400 if request.method == "POST" else 200,
    )


@require_safe
@region_view()
def published(request, region, workplan):
    publication = selectors.live_publication_of(region, workplan)
    if publication is None:
        raise Http404
    return render(
        request,
        "publishing/published.html",
        {"region": region, "publication": publication, "public_url": public_url(region)},
    )


@GET_POST
@region_view()
def withdraw(request, region, workplan):
    if PUBLISH not in request.region_perms:
        raise RoleRequired(region, PUBLISH)
    publication = selectors.live_publication_of(region, workplan)
    if publication is None:
        raise Http404
    if request.method == "POST":
        services.unpublish(publication=publication, by=request.user, request=request)
        messages.success(
            request, _("The strategy was withdrawn from the public site and its open data.")
        )
        return redirect("publishing:region", region=region.slug)
    return render(
        request, "publishing/withdraw.html", {"region": region, "publication": publication}
    )
