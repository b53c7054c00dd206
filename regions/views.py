from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from eubelong.core.locking import ConflictError, conflict_keep, conflict_rows

from .access import VIEW, RoleRequired, region_perms, region_view
from .forms import RegionProfileForm
from .roles import role_needed
from .selectors import region_members, user_coordinated_networks, user_regions
from .services import PROFILE_FIELDS, region_update_profile

HOME_PAGE_SIZE = 48


@require_safe
@login_required
def region_index(request):
    # A coordinator holds every region of the network: a page of them at a time keeps the
    # page as quick at three hundred regions as at ten.
    regions = Paginator(list(user_regions(request.user)), HOME_PAGE_SIZE)
    return render(
        request,
        "regions/index.html",
        {
            "page": regions.get_page(request.GET.get("page")),
            "networks": user_coordinated_networks(request.user),
        },
    )


@require_safe
@region_view()
def region_home(request, region):
    return render(
        request,
        "regions/region_home.html",
        {
            "region": region,
            "members": region_members(region),
            "can_edit": "change_region" in request.region_perms,
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view("change_region")
def region_edit(request, region):
    conflict = None
    if request.method == "POST":
        form = RegionProfileForm(request.POST, instance=region)
        if form.is_valid():
            try:
                region_update_profile(
                    region=region,
                    version=form.cleaned_data["version"],
                    data={f: form.cleaned_data[f] for f in PROFILE_FIELDS},
                )
            except ConflictError as error:
                conflict = conflict_keep(form, error)
            else:
                messages.success(request, _("Region profile saved."))
                return redirect(reverse("regions:home", kwargs={"region": region.slug}))
    else:
        form = RegionProfileForm(instance=region, initial={"version": region.version})
    status = 409 if conflict else (400 if form.is_bound and form.errors else 200)
    return render(
        request,
        "regions/region_edit.html",
        {
            "region": region,
            "form": form,
            "conflict": conflict,
            "conflict_rows": conflict_rows(form, conflict),
            "profile_fields": PROFILE_FIELDS,
        },
        status=status,
    )


def permission_denied(request, exception=None):
    """The 403 page says why: the role an action needs and who in the region holds it, or the
    state that forbids it now (an exception's `explanation`), never one for the other."""
    context = {"explanation": getattr(exception, "explanation", None)}
    if isinstance(exception, RoleRequired):
        perms = region_perms(request.user, exception.region)
        context["role_needed"] = role_needed(exception.region, exception.perm, perms)
        context["region"] = exception.region if VIEW in perms else None
    return render(request, "403.html", context, status=403)
