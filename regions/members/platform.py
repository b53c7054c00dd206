"""The platform people pages, through which staff manage any region's members, the coordinators
and people's second factor, and the retention list."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe

from ..accounts.services import person_erase
from ..accounts.twofactor import has_authenticator, second_factor_reset
from ..models import Network, Region, Role
from ..selectors import contacts_past_retention_everywhere, user_roles
from .services import (
    coordinator_grant,
    coordinator_revoke,
    member_change_role,
    member_invite,
    member_remove,
    user_deactivate,
)
from .views import InvitationLanguageForm, InvitationNameMixin

# --- platform staff ------------------------------------------------------------------------


class PlatformInviteForm(InvitationNameMixin, InvitationLanguageForm):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.order_by("name"), to_field_name="slug"
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    field_order = ["name", "email", "region", "role", "language"]


class PlatformRoleForm(forms.Form):
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.order_by("name"), to_field_name="slug"
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices, required=False)


class PlatformNetworkForm(forms.Form):
    network = forms.ModelChoiceField(
        label=gettext_lazy("Network"),
        queryset=Network.objects.order_by("name"),
        to_field_name="slug",
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_member_required
def platform_people(request):
    invite_form = PlatformInviteForm(request.POST or None)
    if request.method == "POST" and invite_form.is_valid():
        data = invite_form.cleaned_data
        member_invite(
            region=data["region"],
            email=data["email"],
            name=data["name"],
            role=data["role"],
            by=request.user,
            request=request,
            language=data["language"],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": data["email"]})
        return redirect("accounts:platform-people")
    query = request.GET.get("q", "").strip()
    users = get_user_model().objects.order_by("username")
    if query:
        users = users.filter(
            Q(username__icontains=query)
            | Q(email__icontains=query)
            | Q(first_name__icontains=query)
            | Q(last_name__icontains=query)
        )
    page = Paginator(
        users.only("username", "first_name", "last_name", "email", "is_active", "is_staff"), 50
    ).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/platform_people.html",
        {"page": page, "q": query, "invite_form": invite_form},
        status=400 if invite_form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@staff_member_required
def platform_person(request, member):
    user = get_user_model().objects.filter(username=member).first()
    if user is None:
        raise Http404
    if request.method == "POST":
        return _platform_action(request, user)
    return render(
        request,
        "accounts/platform_person.html",
        {
            "person": user,
            "roles": user_roles(user),
            "networks": Network.objects.filter(coordinator_group__user=user),
            "role_form": PlatformRoleForm(),
            "network_form": PlatformNetworkForm(),
            "has_authenticator": has_authenticator(user),
        },
    )


def _platform_action(request, user):
    action = request.POST.get("action")
    if user == request.user and action in {"deactivate", "erase", "reset_second_factor"}:
        messages.error(request, _("Ask another platform administrator to do this."))
        return redirect("accounts:platform-person", member=user.username)
    if action in {"set_role", "remove_role"}:
        form = PlatformRoleForm(request.POST)
        if form.is_valid():
            region = form.cleaned_data["region"]
            if action == "set_role" and form.cleaned_data["role"]:
                member_change_role(
                    region=region,
                    user=user,
                    role=form.cleaned_data["role"],
                    by=request.user,
                    request=request,
                )
            elif action == "remove_role":
                member_remove(region=region, user=user, by=request.user, request=request)
            messages.success(request, _("Roles updated."))
    elif action in {"coordinator_add", "coordinator_remove"}:
        form = PlatformNetworkForm(request.POST)
        if form.is_valid():
            network = form.cleaned_data["network"]
            if action == "coordinator_add":
                coordinator_grant(user=user, network=network, by=request.user, request=request)
            else:
                coordinator_revoke(user=user, network=network, by=request.user, request=request)
            messages.success(request, _("Coordinator roles updated."))
    elif action == "deactivate":
        user_deactivate(user=user, by=request.user, request=request)
        messages.success(request, _("Account deactivated; its sessions have ended."))
    elif action == "reset_second_factor":
        second_factor_reset(user=user, by=request.user, request=request)
        messages.success(
            request,
            _("Two-step sign-in reset; the person sets it up again at their next sign-in."),
        )
    elif action == "erase":
        person_erase(user=user, by=request.user, request=request)
        messages.success(request, _("Personal data erased."))
        return redirect("accounts:platform-people")
    return redirect("accounts:platform-person", member=user.username)


@require_safe
@staff_member_required
def platform_retention(request):
    """Contact records without consent past the retention period, across regions."""
    from ..stakeholders.services import retention_cutoff

    contacts = contacts_past_retention_everywhere(retention_cutoff())
    page = Paginator(contacts, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/platform_retention.html", {"page": page})
