from django.contrib.auth.models import Group
from django.db import transaction
from guardian.shortcuts import assign_perm

from eubelong.core.locking import guarded_update

from .models import (
    COORDINATOR_PERMISSIONS,
    ROLE_PERMISSIONS,
    Network,
    Region,
    RegionGroup,
    Role,
)


@transaction.atomic
def network_create(*, name: str, slug: str, description: str = "") -> Network:
    group, _ = Group.objects.get_or_create(name=f"network:{slug}:coordinator")
    network, _ = Network.objects.get_or_create(
        slug=slug,
        defaults={"name": name, "description": description, "coordinator_group": group},
    )
    return network


@transaction.atomic
def region_create(*, network: Network, slug: str, **fields) -> Region:
    """Create a region with one group per role and the permissions each role carries."""
    region = Region.objects.create(network=network, slug=slug, **fields)
    region_grant_roles(region=region)
    return region


def region_grant_roles(*, region: Region) -> None:
    for role, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=f"region:{region.slug}:{role}")
        RegionGroup.objects.get_or_create(region=region, role=role, defaults={"group": group})
        for perm in perms:
            assign_perm(f"regions.{perm}", group, region)
    for perm in COORDINATOR_PERMISSIONS:
        assign_perm(f"regions.{perm}", region.network.coordinator_group, region)


def membership_add(*, user, region: Region, role: Role) -> None:
    RegionGroup.objects.get(region=region, role=role).group.user_set.add(user)


def membership_remove(*, user, region: Region, role: Role) -> None:
    RegionGroup.objects.get(region=region, role=role).group.user_set.remove(user)


def coordinator_add(*, user, network: Network) -> None:
    network.coordinator_group.user_set.add(user)


PROFILE_FIELDS = [
    "name",
    "country",
    "nuts_code",
    "population",
    "languages",
    "lead_body",
    "contextual_analysis",
    "editors_may_submit",
]


@transaction.atomic
def region_update_profile(*, region: Region, version: int, data: dict) -> Region:
    """Save profile fields only if nobody saved since `version` was read."""
    changes = {field: data[field] for field in PROFILE_FIELDS if field in data}
    guarded_update(Region.objects.all(), region.pk, version=version, changes=changes)
    region.refresh_from_db()
    return region
