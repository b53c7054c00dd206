from datetime import date

import pytest
from django.urls import reverse

from toolkit import services
from toolkit.forms import long_date
from toolkit.models import Action, Change, Indicator

from . import factories

pytestmark = pytest.mark.django_db


def new_url(workplan):
    return reverse(
        "toolkit:action-new", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )


def edit_url(action):
    return reverse(
        "toolkit:action-edit",
        kwargs={
            "region": action.region.slug,
            "workplan": action.workplan.uuid,
            "action": action.uuid,
        },
    )


def action_data(**overrides):
    data = {
        "title": "Welcome desk",
        "objective": "One door for newcomers",
        "description": "",
        "lead_stakeholder": "Directorate",
        "partner_stakeholders": "Red Cross\nMunicipality",
        "start_date": "2025-03-01",
        "end_date": "2026-06-30",
        "budget": "25000",
        "funding_source": "amif",
        "status": "planned",
        "legal_basis": "Regional law",
        "version": "0",
    }
    data.update(overrides)
    return data


def test_it_adds_an_action_with_a_budget_and_an_indicator(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    assert client.get(new_url(workplan)).status_code == 200
    priority = workplan.template.priorities.get(number=2)
    reply = client.post(f"{new_url(workplan)}?priority={priority.uuid}", action_data())
    assert reply.status_code == 302
    action = Action.objects.for_region(region).get()
    assert action.priority == priority
    assert action.partner_list == ["Red Cross", "Municipality"]
    url = reverse(
        "toolkit:indicator-new",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "action": action.uuid},
    )
    reply = client.post(
        url,
        {"name": "People reached", "unit": "people", "baseline": "0", "target": "500",
         "actual_2025": "120"},
    )  # fmt: skip
    assert reply.status_code == 302
    indicator = Indicator.objects.for_region(region).get()
    assert indicator.actuals == {"2025": "120"}
    assert str(indicator.target) == "500.00"
    assert Change.objects.for_region(region).filter(kind__in=["action", "indicator"]).count() == 2


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        (
            {"end_date": "2025-01-01"},
            "end_date",
            f"Enter an end date on or after the start date, {long_date(date(2025, 3, 1))}.",
        ),
        ({"budget": "-5"}, "budget", "Enter a budget of zero or more."),
        (
            {"start_date": "2024-12-01"},
            "start_date",
            f"Enter a date between {long_date(date(2025, 1, 1))} and "
            f"{long_date(date(2027, 12, 31))}",
        ),
        ({"end_date": "2028-01-01"}, "end_date", "the strategy cycle"),
        ({"funding_source": ""}, "funding_source", "Choose where the money"),
        ({"end_date": "soon"}, "end_date", "Enter a real date as year-month-day"),
    ],
)
def test_it_rejects_an_invalid_action_and_keeps_the_input(
    login, region, editor, overrides, field, message
):
    workplan = factories.workplan(region)
    reply = login(editor).post(new_url(workplan), action_data(title="Typed title", **overrides))
    assert reply.status_code == 400
    body = reply.content.decode()
    assert message in body
    assert 'value="Typed title"' in body
    assert field in reply.context["form"].errors
    assert not Action.objects.for_region(region).exists()


def test_it_rejects_a_target_without_a_unit(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    url = reverse(
        "toolkit:indicator-new",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "action": action.uuid},
    )
    reply = login(editor).post(url, {"name": "Reach", "unit": "", "target": "10"})
    assert reply.status_code == 400
    assert "Give the unit" in reply.content.decode()
    assert 'value="Reach"' in reply.content.decode()


def test_it_shows_a_conflict_when_an_action_was_saved_meanwhile(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    client = login(editor)
    assert client.post(edit_url(action), action_data(version="1", title="Mine")).status_code == 302
    reply = client.post(edit_url(action), action_data(version="1", title="Theirs"))
    assert reply.status_code == 409
    body = reply.content.decode()
    assert "Mine" in body and "Theirs" in body
    action.refresh_from_db()
    assert action.title == "Mine"


def test_it_refuses_action_writes_to_read_only_roles(login, region, contributor, coordinator):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    for user in (contributor, coordinator):
        client = login(user)
        assert client.get(edit_url(action)).status_code == 200
        assert client.post(edit_url(action), action_data(version="1")).status_code == 403
        assert client.post(new_url(workplan), action_data()).status_code == 403


def test_it_creates_an_action_from_outside_content(region, editor):
    from handbook.models import ThematicArea

    area = ThematicArea.objects.first() or ThematicArea.objects.create(
        number=99, slug="test-area", title="Test area"
    )
    workplan = factories.workplan(region)
    action = services.action_create_from_template(
        workplan=workplan,
        by=editor,
        title="Learning lab",
        objective="Train officials",
        description="Three days",
        thematic_areas=[area],
        based_on_label="Handbook module: learning labs",
    )
    assert action.priority.number == 1
    assert list(action.thematic_areas.all()) == [area]
    assert action.based_on_label == "Handbook module: learning labs"


def test_it_shows_both_versions_of_an_indicator_saved_meanwhile(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    indicator = factories.indicator(action)
    url = reverse(
        "toolkit:indicator-edit",
        kwargs={
            "region": region.slug,
            "workplan": workplan.uuid,
            "action": action.uuid,
            "indicator": indicator.uuid,
        },
    )
    client = login(editor)
    mine = {"version": 1, "name": "People reached", "unit": "people", "target": "150"}
    assert client.post(url, mine).status_code == 302
    theirs = {"version": 1, "name": "People reached", "unit": "people", "target": "175.5"}
    reply = client.post(url, theirs)
    assert reply.status_code == 409
    body = reply.content.decode()
    assert "150.00" in body and "175.5" in body
    indicator.refresh_from_db()
    assert str(indicator.target) == "150.00"


def test_it_shows_readable_saved_values_in_an_action_conflict(login, region, editor):
    workplan = factories.workplan(region)
    action = factories.action(workplan)
    client = login(editor)
    client.post(edit_url(action), action_data(version="1", status="ongoing"))
    body = client.post(edit_url(action), action_data(version="1")).content.decode()
    assert "Ongoing" in body
    assert "ThematicArea.None" not in body
