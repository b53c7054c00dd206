"""Reads for the public pages beyond the published strategies themselves: which partner regions
have not published (names only), the networks' names, and the shared Handbook and Model Framework
content (network-level rows, never a region's own)."""

from django.shortcuts import get_object_or_404

from handbook.models import Section, ThematicArea
from regions.models import Network, Region


def network_names() -> list[str]:
    return list(Network.objects.order_by("name").values_list("name", flat=True))


def not_published(published_slugs) -> list[str]:
    """The names of the partner regions without a live publication; nothing else about them."""
    rows = Region.objects.exclude(slug__in=list(published_slugs)).order_by("name")
    return list(rows.values_list("name", flat=True))


def sections(publication: str) -> list[Section]:
    return list(Section.objects.filter(publication=publication).order_by("number"))


def section(publication: str, slug: str) -> Section:
    return get_object_or_404(Section, publication=publication, slug=slug)


def areas() -> list[ThematicArea]:
    return list(ThematicArea.objects.order_by("number"))


def area(slug: str) -> ThematicArea:
    return get_object_or_404(ThematicArea, slug=slug)
