"""Every region-scoped handbook view: outsiders see nothing, read-only roles cannot write."""

import pytest
from django.urls import reverse

from handbook.models import ThematicArea

from . import factories


def _urls(region):
    module = factories.module(region)
    material = factories.material(module)
    activity = factories.activity(region)
    r = region.slug
    return {
        "handbook:module-create": {"region": r},
        "handbook:module-edit": {"region": r, "module": module.uuid},
        "toolkit:module-use": {"region": r, "module": module.uuid},
        "handbook:material-add": {"region": r, "module": module.uuid},
        "handbook:material-delete": {"region": r, "material": material.uuid},
        "handbook:capacity": {"region": r},
        "handbook:activity-create": {"region": r},
        "handbook:activity-edit": {"region": r, "activity": activity.uuid},
        "handbook:activity-delete": {"region": r, "activity": activity.uuid},
    }


def test_it_hides_every_region_page_from_outsiders(login, outsider, region):
    client = login(outsider)
    for name, kwargs in _urls(region).items():
        url = reverse(name, kwargs=kwargs)
        for method in ("get", "post"):
            status = getattr(client, method)(url).status_code
            assert status in (404, 405), f"{name} {method}: {status}"


def test_it_refuses_writes_to_read_only_roles(login, contributor, coordinator, region):
    urls = _urls(region)
    for user in (contributor, coordinator):
        client = login(user)
        for name, kwargs in urls.items():
            if name == "handbook:capacity":
                assert client.get(reverse(name, kwargs=kwargs)).status_code == 200
                continue
            status = client.post(reverse(name, kwargs=kwargs), {}).status_code
            assert status == 403, f"{user} {name}: {status}"


@pytest.mark.parametrize(
    "name,kwargs",
    [
        ("handbook:area-edit", {"area": "area-1"}),
        ("handbook:framework-section-edit", {"section": "section-1"}),
        ("handbook:section-edit", {"section": "section-1"}),
        ("handbook:resource-create", {}),
        ("handbook:network-reach", {}),
    ],
)
def test_it_keeps_coordinator_pages_from_regional_roles(
    login, regional_admin, editor, name, kwargs
):
    factories.area()
    factories.section("framework")
    factories.section("handbook")
    for user in (regional_admin, editor):
        client = login(user)
        assert client.get(reverse(name, kwargs=kwargs)).status_code == 403
        assert client.post(reverse(name, kwargs=kwargs), {}).status_code in (403, 405)


def test_it_keeps_the_area_page_flat(login, contributor, region, django_assert_max_num_queries):
    area = factories.area(4, slug="housing")
    client = login(contributor)
    url = reverse("handbook:area", kwargs={"area": area.slug})
    factories.module(region).thematic_areas.add(area)
    factories.resource().thematic_areas.add(area)
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for n in range(4):
        factories.module(region, title=f"M{n}").thematic_areas.add(area)
        factories.resource(title=f"R{n}").thematic_areas.add(area)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_it_keeps_the_network_reach_flat(login, coordinator, region, django_assert_max_num_queries):
    from tests import factories as base

    factories.activity(region)
    client = login(coordinator)
    url = reverse("handbook:network-reach")
    client.get(url)
    with django_assert_max_num_queries(15) as few:
        client.get(url)
    for _ in range(3):
        factories.activity(base.region())
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_it_records_history_of_section_edits(login, coordinator, contributor):
    section = factories.section("framework", 4, slug="objectives")
    client = login(coordinator)
    url = reverse("handbook:framework-section-edit", kwargs={"section": "objectives"})
    response = client.post(url, {"title": "Objectives", "body": "New body", "version": 1})
    assert response.status_code == 302
    section.refresh_from_db()
    assert section.body == "New body" and section.version == 2
    history = login(contributor).get(
        reverse("handbook:framework-section-history", kwargs={"section": "objectives"})
    )
    assert "New body" in history.text and "Body text." in history.text
    assert ThematicArea.objects.count() == 0
