"""Frozen querysets answer exactly as the querysets they stand for, with each call's values."""

import uuid

import pytest
from django.db import connection
from django.db.models import Prefetch
from django.test.utils import CaptureQueriesContext

from eubelong.core.frozensql import FrozenQueryError, frozen_query
from regions.access import _grant_rows, access_region, region_ids_for_user
from regions.models import Region, RegionGroup, Role
from tests import factories


@frozen_query
def regions_named(slug: str, region_ids):
    return Region.objects.filter(slug=slug, pk__in=region_ids).order_by("name")


@frozen_query
def regions_by_uuid(region_uuid: uuid.UUID, with_network: bool):
    rows = Region.objects.filter(uuid=region_uuid)
    return rows.select_related("network") if with_network else rows


@frozen_query
def not_bindable(word: str):
    return Region.objects.filter(name__icontains=word)


@frozen_query
def prefetch_with_argument(region_id: int):
    groups = Prefetch("role_groups", queryset=RegionGroup.objects.filter(region=region_id))
    return Region.objects.filter(pk=region_id).prefetch_related(groups)


def test_each_call_binds_its_own_values(region, other_region):
    assert list(regions_named("home-region", [region.pk, other_region.pk])) == [region]
    assert list(regions_named("other-region", [region.pk, other_region.pk])) == [other_region]
    # The same shape, other values: no answer leaks from the call before.
    assert list(regions_named("other-region", [region.pk, 0])) == []
    assert list(regions_named("home-region", [region.pk])) == [region]
    assert list(regions_named("home-region", [])) == []


def test_the_compiled_statement_is_kept_per_shape(region, other_region):
    regions_named("home-region", [region.pk])  # compiled
    with CaptureQueriesContext(connection) as ctx:
        assert list(regions_named("other-region", [other_region.pk])) == [other_region]
    assert len(ctx.captured_queries) == 1
    assert str(other_region.pk) in ctx.captured_queries[0]["sql"]
    assert "frozen" not in ctx.captured_queries[0]["sql"]


def test_uuids_flags_and_related_rows(region):
    found = list(regions_by_uuid(region.uuid, True))
    assert found == [region]
    with CaptureQueriesContext(connection) as ctx:
        assert found[0].network.name == region.network.name
    assert not ctx.captured_queries  # joined, as select_related does
    assert list(regions_by_uuid(region.uuid, False)) == [region]
    assert list(regions_by_uuid(uuid.uuid4(), True)) == []


def test_a_frozen_queryset_cannot_be_changed(region):
    rows = regions_named("home-region", [region.pk])
    with pytest.raises(FrozenQueryError):
        rows.filter(name="x")
    with pytest.raises(FrozenQueryError):
        rows.count()
    assert list(rows) == [region]


def test_values_a_lookup_rewrites_or_prefetches_that_use_them_are_refused(region):
    with pytest.raises(FrozenQueryError):
        list(not_bindable("Home"))
    with pytest.raises(FrozenQueryError):
        list(prefetch_with_argument(region.pk))
    with pytest.raises(FrozenQueryError):
        regions_named("home-region", [region.pk, "two kinds"])


def test_grants_read_through_frozen_queries_follow_role_changes(region, other_region):
    person = factories.member(region, Role.EDITOR)
    assert region_ids_for_user(person) == [region.pk]
    found, perms = access_region(person, region.slug)
    assert found == region and "view_region" in perms
    later = factories.member(other_region, Role.EDITOR)
    assert region_ids_for_user(later) == [other_region.pk]
    # Another person's grants, with the statement already compiled.
    assert {pk for pk, _codename in _grant_rows(person.pk)} == {region.pk}
