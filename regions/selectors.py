import functools
import logging

from django.contrib.auth import get_user_model
from django.db.models import BooleanField, ExpressionWrapper, Q
from django.utils import timezone

from eubelong.core.frozensql import frozen_query

from .access import is_coordinator, region_ids_for_user, regions_for_user
from .models import AuditEntry, ContactPerson, Invitation, Network, Region, RegionGroup

log = logging.getLogger("eubelong.audit")


def user_regions(user):
    return regions_for_user(user).only("name", "slug", "country", "nuts_code").order_by("name")


def first_user_regions(user, limit: int) -> list[Region]:
    """The first `limit` of `user_regions`, through a kept statement per limit (a slice's bounds
    are written into the SQL, so each limit is its own function)."""
    return list(_first_regions(limit)(region_ids_for_user(user)))


@functools.cache
def _first_regions(limit: int):
    @frozen_query
    def first(region_ids):
        return (
            Region.objects.filter(pk__in=region_ids)
            .only("name", "slug", "country", "nuts_code")
            .order_by("name")[:limit]
        )

    return first


def user_roles(user) -> list[RegionGroup]:
    return list(
        RegionGroup.objects.filter(group__user=user)
        .select_related("region")
        .order_by("region__name", "role")
    )


def user_coordinated_networks(user) -> list[Network]:
    return list(Network.objects.filter(coordinator_group__user=user).order_by("name"))


def region_members(region) -> list[dict]:
    """Members of `region` with their role, one row per (person, role), in one query."""
    rows = _members(region.pk)
    labels = dict(RegionGroup._meta.get_field("role").choices)
    return [
        {
            "name": f"{row['first_name']} {row['last_name']}".strip() or row["username"],
            "username": row["username"],
            "role": row["groups__region_role__role"],
            "role_label": labels[row["groups__region_role__role"]],
        }
        for row in rows
    ]


def audit_entries(region):
    """A region's audit log."""
    return AuditEntry.objects.for_region(region)


def audit_entries_visible_to(user):
    """The audit log across regions: platform staff read all of it; a network coordinator
    reads the entries of the regions of the networks they coordinate. Every such read is
    logged."""
    if user.is_staff and user.is_active:
        entries = AuditEntry.objects.all()
    else:
        entries = AuditEntry.objects.filter(
            region__network__coordinator_group__user=user, region__isnull=False
        )
    log.info("cross-region audit read by user %s", user.pk)
    return entries


def open_invitations(region):
    """Invitations neither accepted nor withdrawn, expired ones too: those can be resent."""
    return (
        Invitation.objects.for_region(region)
        .filter(accepted_at__isnull=True, revoked_at__isnull=True)
        .annotate(
            expired=ExpressionWrapper(
                Q(expires_at__lte=timezone.now()), output_field=BooleanField()
            )
        )
        .select_related("invited_by")
    )


def role_holders(region, roles) -> dict[str, list[str]]:
    """Names of the active people holding each of `roles` in `region`, in one query. Only for
    pages of that region, read by someone holding a role in it."""
    rows = (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__region_role__region=region,
            groups__region_role__role__in=[str(role) for role in roles],
        )
        .values("username", "first_name", "last_name", "groups__region_role__role")
        .order_by("first_name", "last_name", "username")
    )
    holders = {str(role): [] for role in roles}
    for row in rows:
        name = f"{row['first_name']} {row['last_name']}".strip() or row["username"]
        holders[row["groups__region_role__role"]].append(name)
    return holders


def invitation_for_region(region, uuid) -> Invitation | None:
    return Invitation.objects.for_region(region).filter(uuid=uuid).first()


def contact_for_region(region, uuid) -> ContactPerson | None:
    return (
        ContactPerson.objects.for_region(region)
        .select_related("stakeholder")
        .filter(uuid=uuid)
        .first()
    )


def contacts_past_retention_everywhere(cutoff):
    """Contact records without consent created before `cutoff`, across regions (platform
    staff's retention list)."""
    return (
        ContactPerson.objects.filter(consent=False, created_at__lt=cutoff)
        .select_related("region", "stakeholder")
        .order_by("region__name", "created_at")
    )


def people_with_perm(region, perm: str):
    """Active people who hold `perm` on `region` through a role (a region role or a network's
    coordinator group): whom to tell about something there."""
    return (
        get_user_model()
        .objects.filter(
            is_active=True,
            groups__regiongroupobjectpermission__content_object=region,  # or its id
            groups__regiongroupobjectpermission__permission__codename=perm,
        )
        .select_related("profile")
        .distinct()
    )


def people_holding(region, perm: str) -> list:
    """`people_with_perm` read through a kept statement: for pages that only list them."""
    return list(_holders(getattr(region, "pk", region), perm))


@frozen_query
def _holders(region_id: int, perm: str):
    return people_with_perm(region_id, perm)


def roles_of(user) -> set[str]:
    """The kinds of role a person holds anywhere: region roles and "coordinator"."""
    roles = set(_role_kinds(user.pk))
    if is_coordinator(user):
        roles.add("coordinator")
    return roles


@frozen_query
def _role_kinds(user_id: int):
    return RegionGroup.objects.filter(group__user=user_id).values_list("role", flat=True).distinct()


@frozen_query
def _members(region_id: int):
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__region_role__region=region_id)
        .values("username", "first_name", "last_name", "email", "groups__region_role__role")
        .order_by("groups__region_role__role", "first_name", "last_name", "username")
    )
