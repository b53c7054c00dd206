"""Handbook pages in a real browser, checked with axe-core, for an editor and a coordinator."""

import pytest
from django.urls import reverse

from handbook.models import ThematicArea
from handbook.seed import seed
from tests.browser.harness import describe_violations, run_axe

from . import factories

pytestmark = pytest.mark.browser


def _pages(region, module, activity):
    return [
        reverse("handbook:framework"),
        reverse("handbook:framework-section", kwargs={"section": "regional-contexts"}),
        reverse("handbook:index"),
        reverse("handbook:section", kwargs={"section": "thematic-areas"}),
        reverse("handbook:area", kwargs={"area": "housing"}),
        reverse("handbook:area-history", kwargs={"area": "housing"}),
        reverse("handbook:modules"),
        reverse("handbook:module", kwargs={"module": module.uuid}),
        reverse("handbook:resources"),
        reverse("search") + "?q=housing",
        reverse("handbook:capacity", kwargs={"region": region.slug}),
    ]


def _check(actor_obj, urls):
    page = actor_obj.new_page()
    failures = []
    for url in urls:
        response = page.goto(url)
        assert response.status == 200, f"{url}: {response.status}"
        failures += describe_violations(run_axe(page), url, actor_obj.role)
    assert not failures, "\n".join(failures)


def _content(region):
    seed()
    module = factories.module(region, title="Housing lab")
    module.thematic_areas.add(ThematicArea.objects.get(slug="housing"))
    factories.material(module)
    activity = factories.activity(region, module=module)
    return module, activity


def test_it_has_no_axe_violations_for_an_editor(actor):
    editor = actor("editor")
    module, activity = _content(editor.region)
    region = editor.region
    urls = _pages(region, module, activity) + [
        reverse("handbook:module-create", kwargs={"region": region.slug}),
        reverse("handbook:module-edit", kwargs={"region": region.slug, "module": module.uuid}),
        reverse("handbook:activity-create", kwargs={"region": region.slug}),
        reverse(
            "handbook:activity-edit", kwargs={"region": region.slug, "activity": activity.uuid}
        ),
    ]
    _check(editor, urls)


def test_it_has_no_axe_violations_for_a_coordinator(actor):
    coordinator = actor("coordinator")
    module, activity = _content(coordinator.region)
    urls = _pages(coordinator.region, module, activity) + [
        reverse("handbook:area-edit", kwargs={"area": "housing"}),
        reverse("handbook:framework-section-edit", kwargs={"section": "objectives"}),
        reverse("handbook:resource-create"),
        reverse("handbook:network-reach"),
    ]
    _check(coordinator, urls)
