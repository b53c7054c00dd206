"""Reads. Shared content (sections, areas, resources, the module library) is read by every signed-in
user; capacity-building records are tenant data and always start from a region."""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Count, Q, Sum
from django.http import Http404
from django.shortcuts import get_object_or_404

from eubelong.core.frozensql import frozen_query
from regions.access import regions_for_user
from regions.models import Network, Region

from .access import coordinated_regions
from .models import (
    PARTICIPANT_FIELDS,
    CapacityActivity,
    Material,
    Resource,
    Revision,
    Section,
    Sector,
    ThematicArea,
    TrainingModule,
)


def sections(publication: str):
    return Section.objects.filter(publication=publication).only(
        "publication", "number", "slug", "title"
    )


def module_library():
    """The shared library: every region's modules are readable by every signed-in user."""
    return (
        TrainingModule.objects.select_related("region")
        .prefetch_related("thematic_areas", "audience")
        .order_by("title")
    )


def modules_of_areas(areas) -> list:
    """The library's modules of these thematic areas, with their regions and areas."""
    return list(
        TrainingModule.objects.filter(thematic_areas__in=areas)
        .select_related("region")
        .prefetch_related("thematic_areas")
        .order_by("title")
        .distinct()
    )


def module_choices():
    """Every module of the shared library, as the choices of a capacity-building record."""
    return TrainingModule.objects.select_related("region")


def module_for_region(region, uuid) -> TrainingModule:
    return get_object_or_404(
        TrainingModule.objects.for_region(region).select_related("region"), uuid=uuid
    )


def material_for_region(region, uuid) -> Material:
    return get_object_or_404(
        Material.objects.for_region(region).select_related("module"), uuid=uuid
    )


def activity_for_region(region, uuid) -> CapacityActivity:
    return get_object_or_404(CapacityActivity.objects.for_region(region), uuid=uuid)


def modules_filtered(*, area=None, format="", audience=None, region=None):
    modules = module_library()
    if area:
        modules = modules.filter(thematic_areas=area)
    if format:
        modules = modules.filter(format=format)
    if audience:
        modules = modules.filter(audience=audience)
    if region:
        modules = modules.filter(region=region)
    return modules


def area_page(slug: str) -> tuple[ThematicArea, list, list]:
    """A thematic area by its slug (or 404), its library's modules and its resources, through
    kept statements: every signed-in person reads these pages."""
    found = list(_area_by_slug(slug))
    if not found:
        raise Http404("No such thematic area")
    area = found[0]
    return area, list(_area_modules(area.pk)), list(_area_resources(area.pk))


@frozen_query
def _area_by_slug(slug: str):
    return ThematicArea.objects.filter(slug=slug)


@frozen_query
def _area_modules(area_id: int):
    return module_library().filter(thematic_areas=area_id)


@frozen_query
def _area_resources(area_id: int):
    return resources().filter(thematic_areas=area_id)


def resources(area: ThematicArea | None = None):
    qs = Resource.objects.prefetch_related("thematic_areas")
    return qs.filter(thematic_areas=area) if area else qs


def sectors():
    return Sector.objects.all()


def areas():
    return ThematicArea.objects.annotate(module_count=Count("modules", distinct=True))


def history(obj):
    return Revision.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("author")


def region_activities(region):
    return CapacityActivity.objects.for_region(region).select_related("module")


def region_reach(region) -> dict:
    """Participant totals by sector and overall, as `ActivityQuerySet.reach` gives them, read
    through a kept statement (the region home shows them on every view)."""
    found = list(_reach(getattr(region, "pk", region)))
    totals = found[0] if found else {"activities": 0, **dict.fromkeys(PARTICIPANT_FIELDS, 0)}
    totals.pop("region", None)
    totals["total"] = sum(totals[f] for f in PARTICIPANT_FIELDS)
    return totals


@frozen_query
def _reach(region_id: int):
    return (
        CapacityActivity.objects.for_region(region_id)
        .values("region")
        .annotate(activities=Count("id"), **{f: Sum(f, default=0) for f in PARTICIPANT_FIELDS})
        .order_by()
    )


def network_reach(user) -> tuple[list[dict], dict]:
    """Totals per region and for the network, for a coordinator: two queries."""
    regions = coordinated_regions(user)
    sums = {f: Sum(f"capacity_activities__{f}", default=0) for f in PARTICIPANT_FIELDS}
    rows = list(
        regions.annotate(activities=Count("capacity_activities"), **sums)
        .values("name", "slug", "activities", *PARTICIPANT_FIELDS)
        .order_by("name")
    )
    for row in rows:
        row["total"] = sum(row[f] for f in PARTICIPANT_FIELDS)
    totals = CapacityActivity.objects.filter(region__in=regions).reach()
    return rows, totals


def regional_contexts(user):
    """Contextual analyses of the regions in the user's networks: shared within a network."""
    networks = Network.objects.filter(
        Q(coordinator_group__user=user) | Q(regions__role_groups__group__user=user)
    ).values("pk")
    return Region.objects.filter(network__in=networks).only(
        "name", "slug", "country", "contextual_analysis", "network_id"
    )


def editable_region_slugs(user, perm: str) -> set[str]:
    return set(regions_for_user(user, perm).values_list("slug", flat=True))
