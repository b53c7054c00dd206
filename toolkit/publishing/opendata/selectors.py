"""What the open data reads besides the published strategies: the capacity-building reach of
regions that have published, the network whose terms apply, and when the public data changed.

Only aggregates leave this module: counts of activities and participants, never a title, an
outcome or a person."""

from django.db.models import Count, Max, Min, Sum
from django.db.models.functions import ExtractYear

from handbook.models import PARTICIPANT_FIELDS, CapacityActivity
from regions.models import Network

from ..models import Publication


def published_region_ids(publications) -> list[int]:
    return sorted({p.region_id for p in publications})


def capacity_reach(publications) -> list[dict]:
    """Activities and participants by sector per region, year and kind, for the regions that
    have a live publication; one query."""
    region_ids = published_region_ids(publications)
    if not region_ids:
        return []
    rows = (
        CapacityActivity.objects.filter(region_id__in=region_ids)
        .annotate(year=ExtractYear("date"))
        .values("region__name", "year", "kind")
        .annotate(activities=Count("id"), **{f: Sum(f, default=0) for f in PARTICIPANT_FIELDS})
        .order_by("region__name", "year", "kind")
    )
    return list(rows)


def catalogue_network(publications) -> Network | None:
    """The network whose open-data terms apply: the one most live publications belong to (the
    platform serves one network in practice), else the first network by name."""
    counts = {}
    for p in publications:
        counts[p.region.network_id] = counts.get(p.region.network_id, 0) + 1
    if counts:
        chosen = max(sorted(counts), key=lambda pk: counts[pk])
        return next(p.region.network for p in publications if p.region.network_id == chosen)
    return Network.objects.order_by("name").first()


def publication_dates() -> dict:
    """When the public data first appeared and last changed (a publication or a withdrawal);
    one query."""
    found = Publication.objects.aggregate(
        first=Min("published_at"), published=Max("published_at"), withdrawn=Max("withdrawn_at")
    )
    changes = [d for d in (found["published"], found["withdrawn"]) if d is not None]
    return {"issued": found["first"], "modified": max(changes) if changes else None}
