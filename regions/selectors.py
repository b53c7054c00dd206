from django.contrib.auth import get_user_model

from .access import regions_for_user
from .models import Network, RegionGroup


def user_regions(user):
    return regions_for_user(user).only("name", "slug", "country", "nuts_code").order_by("name")


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
    rows = (
        get_user_model()
        .objects.filter(is_active=True, groups__region_role__region=region)
        .values("username", "first_name", "last_name", "email", "groups__region_role__role")
        .order_by("groups__region_role__role", "last_name", "username")
    )
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
