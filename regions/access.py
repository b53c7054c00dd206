"""The one door to tenant data.

Every view that touches a region's data gets the region from here. A region that does not exist and
a region the user holds no role in look the same (404); a user who may read but not write gets 403.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404

from eubelong.core.frozensql import frozen_query

from .models import Network, Region, RegionGroupObjectPermission, RegionUserObjectPermission

VIEW = "view_region"


class RoleRequired(PermissionDenied):
    """Refused for want of `perm` on `region`: the 403 page names the role it needs and, to
    people of the region, who holds it."""

    def __init__(self, region: Region, perm: str):
        super().__init__(perm)
        self.region = region
        self.perm = perm


# Bumped in this process by every change of roles (see apps.py), so a person's region ids,
# kept on their user object for the rest of a request, are read again after such a change.
_roles_changed = [0]


def roles_changed(**_signal_kwargs) -> None:
    _roles_changed[0] += 1


def region_ids_for_user(user, perm: str = VIEW) -> list[int]:
    """The ids of the regions on which `user` holds `perm`, read once per user object (a
    request's, usually) for every codename at once and kept on it until roles change. Pages
    filter by these as literal ids: PostgreSQL plans a list of ids in a fraction of the time it
    takes for the permission subquery, which a page would otherwise repeat in every one of its
    queries."""
    if not user.is_authenticated or not user.is_active:
        return []
    memo = getattr(user, "_region_ids", None)
    if memo is None or memo[0] != _roles_changed[0]:
        memo = (_roles_changed[0], _grants_of(user))
        user._region_ids = memo
    return memo[1].get(perm, [])


def _grants_of(user) -> dict[str, list[int]]:
    """codename -> ids of the regions where `user` holds it, in region id order, in one query
    straight from the object-permission tables that holds no cached content-type id (a
    long-running worker answers the same as the web)."""
    grants: dict[str, set[int]] = {}
    for region_id, codename in _grant_rows(user.pk):
        grants.setdefault(codename, set()).add(region_id)
    return {codename: sorted(ids) for codename, ids in grants.items()}


@frozen_query
def _grant_rows(user_id: int):
    of_app = {"permission__content_type__app_label": "regions"}
    pairs = ("content_object_id", "permission__codename")
    via_groups = RegionGroupObjectPermission.objects.filter(group__user=user_id, **of_app)
    direct = RegionUserObjectPermission.objects.filter(user=user_id, **of_app)
    return via_groups.values_list(*pairs).union(direct.values_list(*pairs))


def regions_for_user(user, perm: str = VIEW):
    """Regions on which `user` holds `perm` through a role; superusers get no free pass."""
    # One array parameter (core.lookups): a coordinator's hundreds of ids stay one statement.
    return Region.objects.filter(pk__any_of=region_ids_for_user(user, perm))


def region_perms(user, region: Region) -> frozenset[str]:
    """The codenames `user` holds on `region`, read from guardian's tables in one query.

    guardian's own checker grants superusers everything; region access is by role only.
    """
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    via_groups = RegionGroupObjectPermission.objects.filter(
        content_object=region, group__user=user
    ).values_list("permission__codename", flat=True)
    direct = RegionUserObjectPermission.objects.filter(
        content_object=region, user=user
    ).values_list("permission__codename", flat=True)
    return frozenset(via_groups.union(direct))


def still_holds(user_id: int, region: Region, perm: str = VIEW) -> bool:
    """Whether the person still holds `perm` on `region` and may sign in, read afresh: for a
    long-lived answer (a live stream) that must stop when a role is taken away."""
    return RegionGroupObjectPermission.objects.filter(
        content_object=region,
        group__user__pk=user_id,
        group__user__is_active=True,
        permission__codename=perm,
    ).exists()


def still_holding(pairs, perm: str = VIEW) -> set[tuple[int, int]]:
    """Of (user id, region id) pairs, those where the person still holds `perm` and may sign
    in, read afresh in one query: many live streams are checked together."""
    users = {user for user, _region in pairs}
    regions = {region for _user, region in pairs}
    if not pairs:
        return set()
    held = RegionGroupObjectPermission.objects.filter(
        content_object_id__in=regions,
        group__user__pk__in=users,
        group__user__is_active=True,
        permission__codename=perm,
    ).values_list("group__user__pk", "content_object_id")
    return set(held) & set(pairs)


def access_region(user, slug: str, perm: str = VIEW) -> tuple[Region, frozenset[str]]:
    """The region and the codenames `user` holds on it, in one query.

    Roles are always granted to groups, so the region arrives with the group grants: no grant
    and no region look the same.
    """
    grants = []
    if user.is_authenticated and user.is_active:
        grants = list(_region_grants(user.pk, slug))
    perms = frozenset(grant.permission.codename for grant in grants)
    if VIEW not in perms:
        raise Http404("No such region")
    if perm not in perms:
        raise RoleRequired(grants[0].content_object, perm)
    return grants[0].content_object, perms


@frozen_query
def _region_grants(user_id: int, slug: str):
    return (
        RegionGroupObjectPermission.objects.filter(content_object__slug=slug, group__user=user_id)
        .select_related("content_object__network", "permission")
        .only("content_object", "permission__codename")
    )


def region_view(perm: str = VIEW, *, write_perm: str | None = None):
    """Decorate a view taking `slug`; it receives `region` instead and `request.region_perms`.

    `perm` is required for every method; `write_perm`, when given, is required for unsafe methods.
    """

    def decorator(view):
        @login_required
        @wraps(view)
        def wrapper(request, *args, region, **kwargs):
            region_obj, perms = access_region(request.user, region, perm)
            if write_perm and request.method not in ("GET", "HEAD", "OPTIONS"):
                if write_perm not in perms:
                    raise RoleRequired(region_obj, write_perm)
            request.region_perms = perms
            return view(request, *args, region=region_obj, **kwargs)

        return wrapper

    return decorator


def is_coordinator(user) -> bool:
    """Network coordinators edit shared content and review every region; cached per request user."""
    if not user.is_authenticated or not user.is_active:
        return False
    cached = getattr(user, "_is_coordinator", None)
    if cached is None:
        cached = bool(list(_coordinating(user.pk)))
        user._is_coordinator = cached
    return cached


@frozen_query
def _coordinating(user_id: int):
    return Network.objects.filter(coordinator_group__user=user_id).values_list("pk")[:1]


def coordinator_required(view):
    """Only network coordinators pass; other signed-in people get 403."""

    @login_required
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_coordinator(request.user):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
