"""The comparison pages with data in them, in a real browser: axe-core and 320px reflow."""

import pytest
from django.urls import reverse

from tests.browser.conftest import actor, browser, open_context  # noqa: F401
from tests.browser.harness import describe_violations, measure_reflow, run_axe

from . import factories as cf

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ["editor", "coordinator"])
def test_it_has_no_axe_violations_on_filled_comparison_pages(actor, role):  # noqa: F811
    person = actor(role)
    cf.workplan(person.region, status="approved", evidence="Mapped with the municipalities.")
    cf.assessment(person.region)
    paths = [
        reverse("compare:dashboard"),
        reverse("compare:drilldown") + "?priority=1",
        reverse("compare:evidence") + f"?priority=1&item=1&region={person.region.slug}",
        reverse("compare:side-by-side") + f"?regions={person.region.slug}",
        reverse("compare:index"),
        reverse("compare:assessment", kwargs={"region": person.region.slug}),
        reverse("compare:sharing", kwargs={"region": person.region.slug}),
    ]
    if role == "coordinator":
        paths.append(reverse("compare:questionnaire"))
    page = person.new_page()
    failures = []
    for path in paths:
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(path)
        assert response.status == 200, path
        failures += describe_violations(run_axe(page), path, role)
        failures += measure_reflow(page, path, role)
    assert not failures, "\n".join(failures)
