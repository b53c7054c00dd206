"""Personal data: a person's own download, erasure by platform staff, and the platform people
page through which staff manage any region's members and the coordinators."""

import json
import secrets

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_safe
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .audit import audit_record
from .members import (
    coordinator_grant,
    coordinator_revoke,
    member_change_role,
    member_invite,
    member_remove,
    sessions_end,
    user_deactivate,
)
from .members_views import InvitationLanguageForm
from .models import AuditEntry, ContactPerson, Invitation, Network, Region, RegionGroup, Role
from .twofactor import has_authenticator, second_factor_reset

FORMER_MEMBER = "Former member"


def personal_data(user) -> dict:
    """Everything held about `user`, as plain data."""
    roles = RegionGroup.objects.filter(group__user=user).select_related("region")
    profile = getattr(user, "profile", None)
    contacts = ContactPerson.objects.filter(email__iexact=user.email) if user.email else []
    return {
        "account": {
            "username": user.get_username(),
            "first_name": user.first_name,
            "last_name": user.last_name,
            "email": user.email,
            "date_joined": user.date_joined.isoformat(),
            "last_login": user.last_login.isoformat() if user.last_login else None,
            "is_active": user.is_active,
        },
        "profile": {"display_name": profile.display_name, "language": profile.language}
        if profile
        else None,
        "roles": [{"region": r.region.slug, "role": r.role} for r in roles],
        "coordinator_of": list(
            Network.objects.filter(coordinator_group__user=user).values_list("slug", flat=True)
        ),
        "second_factor": {
            "authenticator_apps": TOTPDevice.objects.filter(user=user, confirmed=True).count(),
            "recovery_code_sets": StaticDevice.objects.filter(user=user).count(),
        },
        "contact_records": [
            {
                "region": c.region.slug,
                "organisation": c.stakeholder.name,
                "name": c.name,
                "email": c.email,
                "phone": c.phone,
                "role": c.role,
                "consent": c.consent,
                "consent_date": c.consent_date.isoformat() if c.consent_date else None,
                "consent_purpose": c.consent_purpose,
            }
            for c in (contacts.select_related("region", "stakeholder") if user.email else contacts)
        ],
        "invitations": [
            {"region": i.region.slug, "role": i.role, "created_at": i.created_at.isoformat()}
            for i in Invitation.objects.filter(email__iexact=user.email).select_related("region")
        ]
        if user.email
        else [],
        "audit_entries": [
            {
                "time": e.created_at.isoformat(),
                "action": e.action,
                "region": e.region.slug if e.region else None,
                "target": e.target_label,
                "ip_address": e.ip_address,
            }
            for e in AuditEntry.objects.filter(
                Q(actor=user) | Q(target_type__in=["user", "member"], target_label=user.username)
            ).select_related("region")
        ],
    }


@transaction.atomic
def person_erase(*, user, by, request=None) -> None:
    """Remove a person's contact data; what they wrote stays, attributed to a former member."""
    old_email = user.email
    for role in RegionGroup.objects.filter(group__user=user).select_related("region"):
        role.group.user_set.remove(user)
    user.groups.clear()
    sessions_end(user=user)
    if old_email:
        ContactPerson.objects.filter(email__iexact=old_email).delete()
        Invitation.objects.filter(email__iexact=old_email).delete()
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    if hasattr(user, "profile"):
        user.profile.delete()
    user.username = f"former-member-{secrets.token_hex(6)}"
    user.first_name = "Former"
    user.last_name = "member"
    user.email = ""
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    # The entry names the account by its id only, so that it holds no personal data itself.
    audit_record(
        action="gdpr.erase",
        actor=by,
        target_type="user",
        target_label=f"user #{user.pk}",
        request=request,
    )


# --- the person's own page -----------------------------------------------------------------


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def my_data(request):
    if request.method == "POST":
        data = personal_data(request.user)
        audit_record(
            action="gdpr.export",
            actor=request.user,
            target_type="user",
            target_label=request.user.get_username(),
            request=request,
        )
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = 'attachment; filename="my-data.json"'
        return response
    return render(request, "accounts/my_data.html")


# --- platform staff ------------------------------------------------------------------------


class PlatformInviteForm(InvitationLanguageForm):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    region = forms.ModelChoiceField(
        label=gettext_lazy("Region"), queryset=Region.objects.order_by("name"), to_field_name="slug"
    )
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    field_order = ["email", "region", "role", "language"]


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
            Q(username__icontains=query) | Q(email__icontains=query) | Q(last_name__icontains=query)
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
            "roles": RegionGroup.objects.filter(group__user=user).select_related("region"),
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
    from .stakeholders import retention_cutoff

    contacts = (
        ContactPerson.objects.filter(consent=False, created_at__lt=retention_cutoff())
        .select_related("region", "stakeholder")
        .order_by("region__name", "created_at")
    )
    page = Paginator(contacts, 100).get_page(request.GET.get("page"))
    return render(request, "accounts/platform_retention.html", {"page": page})
