"""Personal data: a person's own download, and erasure by platform staff."""

import json
import secrets

from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..audit import audit_record
from ..members.services import sessions_end
from ..models import AuditEntry, ContactPerson, Invitation, Network, RegionGroup

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
