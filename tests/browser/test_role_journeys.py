"""Each role's main journey at a phone's and a laptop's width: the page never scrolls sideways,
axe finds nothing (WCAG 2.2 AA included) and no stored code, Python value or event code shows
where people read labels and sentences.

The walk in harness.py covers every page at 1280 px (axe) and 320 px (reflow); this follows
the pages each role works in every day, at 375 px and 1366 px, with realistic data on them."""

import re

import pytest
from django.db import models
from django.urls import reverse

from regions.models import AuditEntry
from tests import factories
from tests.compare import factories as cf
from tests.toolkit import factories as tk
from toolkit import models as toolkit_models
from toolkit.models import ItemResponse

from .harness import describe_violations, run_axe

pytestmark = pytest.mark.browser

WIDTHS = (375, 1366)
# Python values that leak when a template prints a structure instead of its words.
# ("None: the region's own indicator", "None of the regions" are sentences, not leaks.)
LEAKS = re.compile(r"\{'|'\}|\[\{|\(\('|\bNone\b(?!:| of )|<QuerySet|object at 0x")


def _codes() -> set[str]:
    """Stored choice codes that differ from their label (not_started, changes_requested, ...)
    and the event codes the audit log recorded (workplan.submitted, ...)."""
    codes = set(AuditEntry.objects.values_list("action", flat=True))
    for name in dir(toolkit_models):
        choices = getattr(toolkit_models, name)
        if isinstance(choices, type) and issubclass(choices, models.Choices):
            codes |= {str(v) for v, label in choices.choices if "_" in str(v) or "." in str(v)}
    return codes


def _visible_text(page) -> str:
    return page.evaluate("() => document.querySelector('main').innerText")


def _check(page, url, role, codes) -> list[str]:
    problems = []
    page.goto(url, wait_until="load")
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > width + 1:
            problems.append(f"[{role}] {url}: {scroll}px wide at {width}px")
        text = _visible_text(page)
        if leak := LEAKS.search(text):
            problems.append(f"[{role}] {url} at {width}px shows {leak.group(0)!r}")
        shown = {
            code for code in codes if re.search(rf"(?<![\w.-]){re.escape(code)}(?![\w-])", text)
        }
        if shown:
            problems.append(f"[{role}] {url} at {width}px shows codes {sorted(shown)}")
    page.set_viewport_size({"width": 375, "height": 900})
    problems += describe_violations(run_axe(page), f"{url} at 375px", role)
    return problems


def _journeys(region, workplan, action, response, submitted) -> dict[str, list[str]]:
    r, w = region.slug, workplan.uuid
    editor = reverse("toolkit:workplan-edit", kwargs={"region": r, "workplan": w})
    item = reverse("toolkit:item", kwargs={"region": r, "workplan": w, "response": response.uuid})
    action_url = reverse(
        "toolkit:action-edit", kwargs={"region": r, "workplan": w, "action": action.uuid}
    )
    history = reverse("toolkit:workplan-history", kwargs={"region": r, "workplan": w})
    review = reverse(
        "toolkit:workplan-review",
        kwargs={"region": submitted.region.slug, "workplan": submitted.uuid},
    )
    region_home = reverse("regions:home", kwargs={"region": r})
    return {
        "contributor": ["/", region_home, editor, item, action_url],
        "editor": ["/", region_home, editor, f"{editor}?priority=2", item, action_url, history],
        "regional-admin": [
            "/",
            region_home,
            editor,
            reverse("regions:members", kwargs={"region": r}),
            reverse("regions:audit", kwargs={"region": r}),
            reverse("compare:dashboard"),
        ],
        "coordinator": [
            "/",
            reverse("compare:dashboard"),
            review,
        ],
    }


@pytest.mark.parametrize("role", ["contributor", "editor", "regional-admin", "coordinator"])
def test_each_role_s_main_journey_reads_well_on_a_phone_and_a_laptop(actor, role):
    someone = actor(role)
    region = someone.region
    workplan = tk.filled_workplan(region, items=2, actions=1)
    action = workplan.actions.order_by("priority__number").first()
    response = (
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    ItemResponse.objects.filter(pk=response.pk).update(
        status="in_progress", evidence="Mapped with the municipalities."
    )
    neighbour = cf.workplan(factories.region(name="Región Vecina", slug="vecina"))
    codes = _codes()
    page = someone.new_page()
    problems = []
    for url in _journeys(region, workplan, action, response, neighbour)[role]:
        problems += _check(page, url, role, codes)
    assert not problems, "\n".join(problems)
