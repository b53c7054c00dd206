"""The workplan's history reads as sentences with labels, amounts as money."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from toolkit import services
from toolkit.models import ActionStatus

from . import factories

pytestmark = pytest.mark.django_db


def _text(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split()).replace(" ”", "”").replace("“ ", "“")


def test_it_tells_a_budget_change_as_a_sentence_with_amounts(login, region, editor):
    workplan = factories.workplan(region, by=editor)
    action = factories.action(
        workplan, by=editor, title="Map integration services", budget=Decimal("45000")
    )
    services.action_update(
        action=action,
        by=editor,
        version=action.version,
        data={"budget": Decimal("60000"), "status": ActionStatus.ONGOING},
    )
    page = login(editor).get(
        reverse(
            "toolkit:workplan-history", kwargs={"region": region.slug, "workplan": workplan.uuid}
        )
    )
    body = page.content.decode()
    text = _text(body)
    assert "Budget of “Map integration services” changed from €45,000.00 to €60,000.00" in text
    assert "Status of “Map integration services” changed from Planned to" in text
    assert "Action “Map integration services” added" in text
    assert (
        "Funding by year and source of “Map integration services” changed from 2025 AMIF: €" in text
    )
    for raw in ["{&#x27;", "[&#x27;", "ongoing", "amif", "45000.00", "priority_id"]:
        assert raw not in body, raw
