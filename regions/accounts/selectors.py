"""Reads about one person across regions, for their own personal-data download."""

from django.db.models import Q
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..models import AuditEntry, ContactPerson, Invitation, Network, RegionGroup


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
