"""The region door, as the shared machinery (exports, notices) sees it.

The machinery imports no domain app, yet must open a region for a view and re-check what a
person may read there when a job runs or a notice is shown. The tenancy app registers its door
here at start-up (regions/apps.py): `region_view(perm)` decorates a view taking the region's slug
(404 for a region one holds no role in, 403 without `perm`), `region_perms(user, region)` gives the
codenames a user holds there, `regions_for_user(user)` the regions they may read and
`region_ids_for_user(user)` their ids.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class RegionDoor:
    region_view: Callable
    region_perms: Callable
    regions_for_user: Callable
    region_ids_for_user: Callable


_DOOR: list[RegionDoor] = []


def register_door(door: RegionDoor) -> None:
    _DOOR[:] = [door]


def door() -> RegionDoor:
    if not _DOOR:
        raise ImproperlyConfigured("No region door is registered")
    return _DOOR[0]
