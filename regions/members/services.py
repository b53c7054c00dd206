"""Member accounts of a region: invitations, role changes, removal. Every change is audited in
the same transaction, and removing someone ends their sessions at once."""

import hashlib
import secrets
from base64 import urlsafe_b64encode
from datetime import timedelta

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.sessions.models import Session
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.crypto import salted_hmac

from eubelong.core import session_store
from eubelong.core.mail import mail_render
from eubelong.core.text import person_name
from eubelong.notify.services import notify

from ..accounts.language import saved_language
from ..audit import audit_record
from ..models import Invitation, Network, Region, RegionGroup, Role, UserSession
from ..selectors import people_with_perm
from ..services import coordinator_add, membership_add, membership_remove


class InvitationError(Exception):
    """The invitation cannot be used: unknown, expired, revoked or already accepted."""


class InvitationAddressError(InvitationError):
    """The invitation was sent to another address than the account's."""


def invitation_matches(invitation: Invitation, user) -> bool:
    """An invitation is for the address it was sent to, and only for an account holding it."""
    email = (getattr(user, "email", "") or "").strip().lower()
    return bool(email) and email == invitation.email


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def user_roles_in_region(*, user, region: Region) -> list[str]:
    return sorted(
        RegionGroup.objects.filter(region=region, group__user=user).values_list("role", flat=True)
    )


def sessions_end(*, user) -> int:
    """Delete every session of `user`, with its cached copy; their next request is anonymous."""
    keys = list(UserSession.objects.filter(user=user).values_list("session_key", flat=True))
    deleted, _ = Session.objects.filter(session_key__in=keys).delete()
    UserSession.objects.filter(user=user).delete()
    # Now and again after commit: a request reading the row before the commit may cache it anew.
    session_store.forget(keys)
    transaction.on_commit(lambda: session_store.forget(keys))
    return deleted


def _link_token(invitation: Invitation) -> str:
    digest = salted_hmac(
        "regions.invitation.link", f"{invitation.uuid}:{invitation.link_nonce}", algorithm="sha256"
    ).digest()
    return urlsafe_b64encode(digest).rstrip(b"=").decode()


def _new_link(invitation: Invitation) -> str:
    """Give the invitation a new link (the old one stops working); returns its token."""
    invitation.link_nonce = secrets.token_hex(16)
    token = _link_token(invitation)
    invitation.token_hash = _hash(token)
    return token


def invitation_token(invitation: Invitation) -> str | None:
    """The token of the invitation's current link, or None when it cannot be made again: an
    invitation from before links could be shown, or one made under an earlier secret key."""
    if not invitation.link_nonce:
        return None
    token = _link_token(invitation)
    return token if _hash(token) == invitation.token_hash else None


def invitation_link(invitation: Invitation, request=None) -> str | None:
    token = invitation_token(invitation)
    if token is None:
        return None
    path = reverse("accounts:invitation-accept", kwargs={"token": token})
    return request.build_absolute_uri(path) if request is not None else path


def _invitation_mail(invitation: Invitation, *, token: str, by, request=None) -> None:
    """The e-mail with the link, in the language the invitee saved when they already have an
    account; else the one chosen on the form, else the inviter's current language."""
    path = reverse("accounts:invitation-accept", kwargs={"token": token})
    link = request.build_absolute_uri(path) if request is not None else path
    region = invitation.region
    inviter = invitation.invited_by or (by if by is not None and by.is_authenticated else None)
    inviter_role = None
    if inviter is not None:
        held = user_roles_in_region(user=inviter, region=region)
        inviter_role = Role(held[-1]).label if held else None
    context = {
        "region": region,
        "role": Role(invitation.role).label,
        "link": link,
        "invitation": invitation,
        "inviter": person_name(inviter) if inviter is not None else "",
        "inviter_role": inviter_role,
    }
    offered = {code for code, _name in settings.LANGUAGES}
    language = (
        saved_language(email=invitation.email)
        or (invitation.language if invitation.language in offered else None)
        or translation.get_language()
        or settings.LANGUAGE_CODE
    )
    mail_render(
        to=[invitation.email],
        language=language,
        subject_template="accounts/invitation_subject.txt",
        body_template="accounts/invitation_email.txt",
        context=context,
    )


@transaction.atomic
def member_invite(
    *,
    region: Region,
    email: str,
    role: Role,
    by,
    request=None,
    language: str = "",
    name: str = "",
) -> tuple[Invitation, str]:
    """Create an invitation and e-mail its link; returns the invitation and the raw token.

    The email is in the language the invitee saved, when they already have an account; else in
    `language` (chosen on the form), else in the inviter's current language."""
    offered = {code for code, _name in settings.LANGUAGES}
    invitation = Invitation(
        region=region,
        email=email.strip().lower(),
        name=" ".join(name.split())[:150],
        role=role,
        language=language if language in offered else "",
        invited_by=by if by is not None and by.is_authenticated else None,
        expires_at=timezone.now() + timedelta(seconds=settings.INVITATION_MAX_AGE),
    )
    token = _new_link(invitation)
    invitation.save()
    audit_record(
        action="invitation.create",
        actor=by,
        region=region,
        target_type="invitation",
        target_label=invitation.email,
        after={"email": invitation.email, "name": invitation.name, "role": str(role)},
        request=request,
    )
    _invitation_mail(invitation, token=token, by=by, request=request)
    return invitation, token


@transaction.atomic
def invitation_resend(*, invitation: Invitation, by, request=None) -> Invitation:
    """Send the invitation's e-mail again. An expired invitation gets a new link and a new
    expiry; one whose link cannot be made again gets a new link with its old expiry."""
    invitation = (
        Invitation.objects.select_for_update().select_related("region").get(pk=invitation.pk)
    )
    if invitation.accepted_at or invitation.revoked_at:
        raise InvitationError("unusable")
    token = invitation_token(invitation)
    expired = invitation.expires_at <= timezone.now()
    fields = []
    if token is None or expired:
        token = _new_link(invitation)
        fields += ["link_nonce", "token_hash"]
    if expired:
        invitation.expires_at = timezone.now() + timedelta(seconds=settings.INVITATION_MAX_AGE)
        fields.append("expires_at")
    if fields:
        invitation.save(update_fields=fields)
    audit_record(
        action="invitation.resend",
        actor=by,
        region=invitation.region,
        target_type="invitation",
        target_label=invitation.email,
        after={"email": invitation.email, "role": invitation.role, "new_link": bool(fields)},
        request=request,
    )
    _invitation_mail(invitation, token=token, by=by, request=request)
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation: Invitation, by, request=None) -> None:
    if invitation.accepted_at or invitation.revoked_at:
        return
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(
        action="invitation.revoke",
        actor=by,
        region=invitation.region,
        target_type="invitation",
        target_label=invitation.email,
        before={"email": invitation.email, "role": invitation.role},
        request=request,
    )


def invitation_for_token(token: str) -> Invitation:
    invitation = (
        Invitation.objects.select_related("region", "invited_by")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None or invitation.revoked_at or invitation.accepted_at:
        raise InvitationError("unusable")
    if invitation.expires_at <= timezone.now():
        raise InvitationError("expired")
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, user, request=None) -> Invitation:
    """Give `user` the invited role; the token works once (claimed with a conditional update)
    and only for the account with the invited address."""
    invitation = invitation_for_token(token)
    if not invitation_matches(invitation, user):
        raise InvitationAddressError("address")
    claimed = Invitation.objects.filter(
        pk=invitation.pk, accepted_at__isnull=True, revoked_at__isnull=True
    ).update(accepted_at=timezone.now(), accepted_by=user)
    if not claimed:
        raise InvitationError("unusable")
    if invitation.name and not user.get_full_name():
        user.first_name = invitation.name
        user.save(update_fields=["first_name"])
    before = user_roles_in_region(user=user, region=invitation.region)
    # One role per person and region: the invited role replaces any earlier one.
    for old in before:
        membership_remove(user=user, region=invitation.region, role=old)
    membership_add(user=user, region=invitation.region, role=invitation.role)
    audit_record(
        action="invitation.accept",
        actor=user,
        region=invitation.region,
        target_type="member",
        target_label=user.get_username(),
        before={"roles": before},
        after={"roles": user_roles_in_region(user=user, region=invitation.region)},
        request=request,
    )
    region = invitation.region
    notify(
        kind="invitation.accepted",
        recipients=[invitation.invited_by, *people_with_perm(region, "manage_members")],
        url=reverse("regions:members", kwargs={"region": region.slug}),
        dedupe=f"invitation.accepted:{invitation.uuid}",
        region=region,
        actor=user,
        params={"person": person_name(user), "region": region.name, "role": invitation.role},
        group=(f"region:{region.pk}", region.name),
    )
    return invitation


@transaction.atomic
def invitation_accept_new_user(
    *, token: str, username: str, password: str, name: str = "", request=None
):
    """Create the invited person's account (named as they wrote, else as the inviter did) and
    accept the invitation with it."""
    invitation = invitation_for_token(token)
    name = " ".join(name.split())[:150] or invitation.name
    # One "full name" field: the whole name is kept as the first name, so it is shown as typed.
    user = get_user_model().objects.create_user(
        username=username, email=invitation.email, password=password, first_name=name
    )
    audit_record(
        action="user.create",
        actor=user,
        region=invitation.region,
        target_type="user",
        target_label=username,
        after={"username": username, "email": invitation.email, "name": name},
        request=request,
    )
    invitation_accept(token=token, user=user, request=request)
    return user


@transaction.atomic
def member_change_role(*, region: Region, user, role: Role, by, request=None) -> None:
    before = user_roles_in_region(user=user, region=region)
    if before == [str(role)]:
        return
    for old in before:
        membership_remove(user=user, region=region, role=old)
    membership_add(user=user, region=region, role=role)
    audit_record(
        action="member.role_change",
        actor=by,
        region=region,
        target_type="member",
        target_label=user.get_username(),
        before={"roles": before},
        after={"roles": [str(role)]},
        request=request,
    )
    notify(
        kind="member.role_changed",
        recipients=[user],
        url=reverse("regions:home", kwargs={"region": region.slug}),
        dedupe=f"member.role_changed:{region.pk}:{user.pk}:{timezone.now().isoformat()}",
        region=region,
        actor=by,
        params={"region": region.name, "role": str(role)},
        group=(f"region:{region.pk}", region.name),
    )


@transaction.atomic
def member_remove(*, region: Region, user, by, request=None) -> None:
    before = user_roles_in_region(user=user, region=region)
    for old in before:
        membership_remove(user=user, region=region, role=old)
    sessions_end(user=user)
    audit_record(
        action="member.remove",
        actor=by,
        region=region,
        target_type="member",
        target_label=user.get_username(),
        before={"roles": before},
        after={"roles": []},
        request=request,
    )


@transaction.atomic
def user_deactivate(*, user, by, request=None) -> None:
    user.is_active = False
    user.save(update_fields=["is_active"])
    sessions_end(user=user)
    audit_record(
        action="user.deactivate",
        actor=by,
        target_type="user",
        target_label=user.get_username(),
        before={"is_active": True},
        after={"is_active": False},
        request=request,
    )


@transaction.atomic
def coordinator_grant(*, user, network: Network, by, request=None) -> None:
    coordinator_add(user=user, network=network)
    audit_record(
        action="coordinator.add",
        actor=by,
        target_type="coordinator",
        target_label=user.get_username(),
        after={"network": network.slug},
        request=request,
    )


@transaction.atomic
def coordinator_revoke(*, user, network: Network, by, request=None) -> None:
    network.coordinator_group.user_set.remove(user)
    sessions_end(user=user)
    audit_record(
        action="coordinator.remove",
        actor=by,
        target_type="coordinator",
        target_label=user.get_username(),
        before={"network": network.slug},
        request=request,
    )
