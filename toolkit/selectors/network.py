"""What a person may see of the other regions of their network.

One rule for the comparison pages and for "copy an action from another region", so the two can
never disagree: the regions one holds a role in (the one door), plus the other regions of the same
networks that share with the network. It sits here, below the comparison, because the workplan
editor needs it too; the sharing setting itself belongs to the comparison and is read through its
relation name only, so this layer imports nothing above it.
"""

import logging
from uuid import UUID

from django.db.models import Q
from django.http import Http404

from regions.access import regions_for_user
from regions.models import Region

from ..models import Action, WorkplanStatus

log = logging.getLogger(__name__)


def comparable_regions(user) -> tuple[list[Region], set[int]]:
    """The regions `user` may compare, by name, and among them the ids they may read in full."""
    readable = regions_for_user(user)
    shared = Q(network__in=readable.values("network_id")) & ~Q(
        compare_sharing__shares_with_network=False
    )
    # Comparisons show names, countries and figures: a region's long text stays in the database.
    regions = list(
        Region.objects.filter(Q(pk__in=readable.values("pk")) | shared)
        .defer("contextual_analysis")
        .order_by("name")
    )
    return regions, set(readable.values_list("pk", flat=True))


def _approved_actions(user, region):
    """Actions of approved workplans in the regions `user` may compare, other than `region`.

    Only workplans approved as they stand: once one is reopened for a new revision its rows
    may hold text nobody reviewed, so it is offered again when approved again."""
    regions, _readable = comparable_regions(user)
    ids = [r.pk for r in regions if r.pk != region.pk]
    return Action.objects.filter(
        region__in=ids, workplan__region__in=ids, workplan__status=WorkplanStatus.APPROVED
    )


def approved_actions(user, region):
    """The actions `user` may copy into a workplan of `region`, in three queries whatever the
    number of regions. A read across regions, so it is logged."""
    log.info("cross-region read of approved actions by user %s from %s", user.pk, region.slug)
    return (
        _approved_actions(user, region)
        .select_related("region", "workplan__cycle", "priority")
        .order_by("region__name", "-workplan__cycle__start_year", "priority__number", "title")
    )


def approved_action(user, region, uuid) -> Action:
    """One of `approved_actions`; 404 for any other, whether it exists or not."""
    try:
        uuid = UUID(str(uuid))
    except ValueError as error:
        raise Http404("No such action") from error
    found = (
        _approved_actions(user, region)
        .select_related("region", "workplan__cycle", "priority")
        .prefetch_related("thematic_areas", "indicators")
        .filter(uuid=uuid)
        .first()
    )
    if found is None:
        raise Http404("No such action")
    return found
