"""The workplan editor in a real browser: empty, filled, validation error and conflict states,
each checked with axe-core, and the htmx autosave announced to screen readers."""

import pytest
from django.urls import reverse

from tests.browser.harness import describe_violations, run_axe
from toolkit.models import ItemResponse

from . import factories

pytestmark = pytest.mark.browser


def _axe(page, state):
    violations = run_axe(page)
    assert not violations, "\n".join(describe_violations(violations, state, "editor"))


def test_it_autosaves_and_shows_errors_and_conflicts_accessibly(actor):
    editor = actor("editor")
    workplan = factories.workplan(editor.region)
    url = reverse(
        "toolkit:workplan-edit", kwargs={"region": editor.region.slug, "workplan": workplan.uuid}
    )
    page = editor.new_page()
    page.goto(url)
    _axe(page, "empty editor")

    response = (
        ItemResponse.objects.for_region(editor.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    form = page.locator(f"#item-{response.uuid.hex}")
    form.get_by_label("Status").select_option("done")
    page.wait_for_selector(f"#state-{response.uuid.hex} .save-ok")
    page.wait_for_function(
        "() => document.getElementById('live-region').textContent.includes('Saved')"
    )
    response.refresh_from_db()
    assert response.status == "done"

    form.get_by_label("Evidence link").fill("not a link")
    form.get_by_label("Evidence link").dispatch_event("change")
    page.wait_for_selector(f"#item-{response.uuid.hex} .errorlist")
    assert form.get_by_label("Evidence link").input_value() == "not a link"
    _axe(page, "validation error")

    page.goto(url)
    # Once the live channel has sent its opening versions (the presence list comes after them),
    # a change written straight to the table is one the page cannot know of: a conflict.
    page.wait_for_selector("#live .live-people li")
    ItemResponse.objects.filter(pk=response.pk).update(evidence="Saved elsewhere", version=9)
    form = page.locator(f"#item-{response.uuid.hex}")
    form.get_by_label("Evidence note").fill("Mine")
    form.get_by_label("Evidence note").dispatch_event("change")
    page.wait_for_selector(f"#item-{response.uuid.hex} .notice")
    text = form.inner_text()
    assert "Saved elsewhere" in text
    assert form.get_by_label("Evidence note").input_value() == "Mine"
    _axe(page, "conflict")

    factories.indicator(factories.action(workplan))
    page.goto(url)
    _axe(page, "filled editor")
