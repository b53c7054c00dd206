"""Print layout of the workplan and the comparison report at demo size, with the long URLs,
e-mail addresses and unbroken codes people paste: nothing past the margins, no caption or
heading left at the foot of a page, no page left mostly empty."""

import pytest
from django.db import transaction

from eubelong.exports.registry import get_kind
from eubelong.exports.rendering import render_document, render_html
from tests import factories
from toolkit import seed as toolkit_seed
from toolkit import services as toolkit_services
from toolkit.models import ChecklistItem, ItemResponse, ItemStatus

from .pdfcheck import (
    assert_no_stranded_introducers,
    assert_pages_filled,
    assert_within_margins,
    page_layouts,
)

# Declares the database to pytest-django, which sets up only the databases tests ask for; the
# documents themselves are rendered once, by the module fixture.
pytestmark = pytest.mark.django_db

LONG_URL = (
    "https://www.regional-government.example.eu/integration/evidence/"
    + "/".join(f"working-group-{n}" for n in range(12))
    + "/final-report.pdf?download=1&revision="
    + "a1b2c3d4" * 6
)
LONG_CODE = "EUBELONG_REGIONAL_INTEGRATION_STRATEGY_" + "AB12CD34" * 8
EMAIL = "integration.coordination.department@regional-government-of-somewhere.example.eu"
EVIDENCE = f"Filed as {LONG_CODE}; questions to {EMAIL}. See {LONG_URL}"


def _demo_workplan(region, coordinator, *, approve: bool):
    """The demo's workplan (all priorities answered, every demo action) with pasted codes."""
    wp = toolkit_services.workplan_create(
        region=region, cycle=toolkit_services.cycle_get_or_create(start_year=2025), by=None
    )
    toolkit_seed.workplan_fill(wp, share=1.0, by=None)
    responses = ItemResponse.objects.for_region(region).filter(workplan=wp).order_by("item_id")
    for response in responses[::5]:
        toolkit_services.response_update(
            response=response,
            by=None,
            version=response.version,
            data={"status": ItemStatus.DONE, "evidence": EVIDENCE, "link": LONG_URL},
        )
    action = wp.actions.order_by("pk").first()
    toolkit_services.action_update(
        action=action,
        by=None,
        version=action.version,
        data={"legal_basis": f"{LONG_URL} and {LONG_CODE}", "lead_stakeholder": EMAIL},
    )
    action.indicators.update(name=LONG_CODE, unit="people")
    toolkit_services.workplan_submit(workplan=wp, by=None)
    if approve:
        toolkit_services.workplan_approve(workplan=wp, by=coordinator, message=EVIDENCE)
    return wp


@pytest.fixture(scope="module")
def layouts(django_db_setup, django_db_blocker):
    """Both documents rendered once for the module; the data is rolled back afterwards."""
    with django_db_blocker.unblock(), transaction.atomic():
        template = toolkit_seed.template_seed()
        item = ChecklistItem.objects.filter(priority__template=template).order_by("pk").first()
        item.text = f"{item.text} Reference {LONG_CODE}, contact {EMAIL}."
        item.save(update_fields=["text"])
        coordinator = factories.coordinator()
        home = factories.region(name="Provincia autonoma di Bolzano – Alto Adige")
        others = [factories.region() for _ in range(2)]
        wp = _demo_workplan(home, coordinator, approve=True)
        for n, region in enumerate(others):
            _demo_workplan(region, coordinator, approve=bool(n % 2))
        out = {}
        for key, region, object_id, user in (
            ("workplan", home, f"current:{wp.uuid}", None),
            ("comparison", None, "", coordinator),
        ):
            html, _title = render_html(
                get_kind(key), region=region, object_id=object_id, user=user, language="en"
            )
            assert LONG_CODE in html
            out[key] = page_layouts(render_document(html))
        transaction.set_rollback(True)
    return out


DOCUMENTS = ["workplan", "comparison"]


@pytest.mark.parametrize("key", DOCUMENTS)
def test_nothing_reaches_past_the_right_margin(layouts, key):
    assert_within_margins(layouts[key])


@pytest.mark.parametrize("key", DOCUMENTS)
def test_no_page_ends_with_a_caption_or_heading(layouts, key):
    assert_no_stranded_introducers(layouts[key])


@pytest.mark.parametrize("key", DOCUMENTS)
def test_no_page_is_left_mostly_empty(layouts, key):
    assert len(layouts[key]) > 4, "the fixture should run over several pages"
    assert_pages_filled(layouts[key])
