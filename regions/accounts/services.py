"""Writes about one person's account across regions: erasure of their personal data."""

import secrets

from django.db import transaction
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from ..audit import audit_record
from ..members.services import sessions_end
from ..models import ContactPerson, Invitation, RegionGroup

FORMER_MEMBER = "Former member"


@transaction.atomic
def user_name_change(*, user, name: str, request=None) -> bool:
    """A person renames themselves. One full-name field: the whole name is kept as the first
    name, so it is shown as typed. Returns whether anything changed."""
    name = " ".join(name.split())[:150]
    before = user.get_full_name()
    if name == before:
        return False
    user.first_name, user.last_name = name, ""
    user.save(update_fields=["first_name", "last_name"])
    audit_record(
        action="user.update",
        actor=user,
        target_type="user",
        target_label=user.get_username(),
        before={"name": before},
        after={"name": name},
        request=request,
    )
    return True


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
