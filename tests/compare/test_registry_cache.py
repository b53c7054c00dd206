"""The comparison's registry panels are kept per exact set of regions and read again after any
change of what they count, through whichever service made it."""

import pytest
from django.core.cache import cache as django_cache

from regions.models import GovernanceLevel, Role, Sector
from regions.stakeholders import services
from tests import factories
from toolkit.compare.selectors import aggregates

pytestmark = pytest.mark.django_db

FIELDS = {"website": "", "notes": ""}


def _sectors(mix, region) -> dict:
    row = mix["values"][mix["ids"].index(region.pk)]
    return {value: n for (value, _label), n in zip(Sector.choices, row, strict=True) if n}


def test_a_created_edited_or_deleted_stakeholder_shows_at_once():
    region = factories.region()
    admin = factories.member(region, Role.ADMIN)
    make = {"sector": Sector.PUBLIC, "level": GovernanceLevel.REGIONAL, **FIELDS}
    first = services.stakeholder_create(region=region, data={"name": "A", **make}, by=admin)
    assert _sectors(aggregates.stakeholder_mix([region]), region) == {Sector.PUBLIC: 1}
    assert _sectors(aggregates.stakeholder_mix([region]), region) == {Sector.PUBLIC: 1}  # kept

    services.stakeholder_create(region=region, data={"name": "B", **make}, by=admin)
    assert _sectors(aggregates.stakeholder_mix([region]), region) == {Sector.PUBLIC: 2}

    # A guarded UPDATE sends no post_save: its audit entry renews the panels.
    services.stakeholder_update(
        stakeholder=first,
        version=first.version,
        data={"name": "A", **make, "sector": Sector.MIGRANT_LED},
        by=admin,
    )
    mix = aggregates.stakeholder_mix([region])
    assert _sectors(mix, region) == {Sector.PUBLIC: 1, Sector.MIGRANT_LED: 1}

    services.stakeholder_delete(stakeholder=first, by=admin)
    assert _sectors(aggregates.stakeholder_mix([region]), region) == {Sector.PUBLIC: 1}


def test_different_sets_of_regions_never_share_an_entry():
    mine, theirs = factories.region(name="Mine"), factories.region(name="Theirs")
    admin = factories.member(theirs, Role.ADMIN)
    make = {"sector": Sector.MEDIA, "level": GovernanceLevel.LOCAL, **FIELDS}
    services.stakeholder_create(region=theirs, data={"name": "Paper", **make}, by=admin)
    both = aggregates.stakeholder_mix([mine, theirs])
    assert "Theirs" in both["categories"]
    only_mine = aggregates.stakeholder_mix([mine])
    assert "Theirs" not in only_mine["categories"] and only_mine["values"] == []
    assert "Theirs" not in aggregates.capacity_reach([mine])["categories"]


def test_the_panels_are_kept_between_views(django_assert_num_queries):
    region = factories.region()
    django_cache.clear()
    aggregates.stakeholder_mix([region])
    aggregates.capacity_reach([region])
    with django_assert_num_queries(0):
        aggregates.stakeholder_mix([region])
        aggregates.capacity_reach([region])


def _source(region, snapshot_id, kind="approved"):
    from toolkit.compare.selectors.sources import Source

    return Source(
        region=region, workplan_id=1, cycle="2025–2027", start_year=2025, template_id=1,
        kind=kind, revision=1, snapshot_id=snapshot_id,
    )  # fmt: skip


def test_a_drill_down_page_of_snapshots_is_built_once_and_a_draft_page_every_time():
    from django.utils import translation

    from toolkit.compare.cache import kept_matrix

    first, second = factories.region(), factories.region()
    built = []

    def build():
        built.append(1)
        return ["columns"], [("<td></td>", 50)]

    page = [_source(first, 11), _source(second, 12)]
    assert kept_matrix(page, 1, "?a", build) == (["columns"], [("<td></td>", 50)])
    kept_matrix(page, 1, "?a", build)
    assert len(built) == 1
    # Another page, priority, link query or language is another entry.
    kept_matrix([_source(first, 11)], 1, "?a", build)
    kept_matrix(page, 2, "?a", build)
    kept_matrix(page, 1, "?b", build)
    with translation.override("pl"):
        kept_matrix(page, 1, "?a", build)
    assert len(built) == 5
    # A renamed region renews every entry; a live draft is never kept.
    first.name = "Renamed"
    first.save()
    kept_matrix(page, 1, "?a", build)
    assert len(built) == 6
    drafts = [_source(first, None, kind="draft")]
    kept_matrix(drafts, 1, "?a", build)
    kept_matrix(drafts, 1, "?a", build)
    assert len(built) == 8
