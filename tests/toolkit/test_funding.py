"""The funding mix: amounts per year and funding source, the budget as their total, single
budgets migrated without loss, history and restore, and the grid on the action page."""

import importlib
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from regions.models import Role
from tests import factories as rf
from toolkit import services
from toolkit.funding import action_years, eu_share, spread
from toolkit.models import EU_FUNDS, Action, ActionFunding, Change

from . import factories as tk

pytestmark = pytest.mark.django_db


def _mix(action):
    return {(f.year, f.source): f.amount for f in ActionFunding.objects.filter(action=action)}


def test_a_single_budget_spreads_over_the_years_to_the_cent():
    parts = spread(Decimal("1000.00"), [2025, 2026, 2027])
    assert parts == {2025: Decimal("333.33"), 2026: Decimal("333.33"), 2027: Decimal("333.34")}
    assert sum(parts.values()) == Decimal("1000.00")
    assert eu_share({(2025, "amif"): Decimal(60), (2025, "regional"): Decimal(40)}, EU_FUNDS) == 60


def test_existing_single_budgets_migrate_without_loss(region):
    workplan = tk.workplan(region)
    action = Action.objects.create(
        region=region, workplan=workplan, priority=workplan.template.priorities.first(),
        title="Old", budget=Decimal("1000.01"), funding_source="esf_plus",
    )  # fmt: skip
    no_source = Action.objects.create(
        region=region, workplan=workplan, priority=workplan.template.priorities.first(),
        title="Older", budget=Decimal("90"),
    )  # fmt: skip
    migration = importlib.import_module("toolkit.migrations.0009_funding_mix")
    migration.budgets_spread(apps, None)
    mix = _mix(action)
    assert set(mix) == {(2025, "esf_plus"), (2026, "esf_plus"), (2027, "esf_plus")}
    assert sum(mix.values()) == Decimal("1000.01")
    assert set(_mix(no_source)) == {(y, "other") for y in (2025, 2026, 2027)}


def test_a_new_mix_sets_the_budget_and_is_restored_from_history(region, editor):
    workplan = tk.workplan(region, by=editor)
    action = tk.action(workplan, by=editor)  # 1,000 from AMIF over the action's years
    assert sum(_mix(action).values()) == Decimal("1000.00")
    assert action_years(workplan.cycle, action.start_date, action.end_date) == [2025, 2026, 2027]
    mix = {(2025, "erdf"): Decimal("500"), (2026, "regional"): Decimal("200")}
    services.action_update(action=action, by=editor, version=action.version, data={"funding": mix})
    action.refresh_from_db()
    assert (action.budget, action.funding_source) == (Decimal("700"), "erdf")
    assert _mix(action) == mix
    change = Change.objects.filter(object_uuid=action.uuid).order_by("-at", "-id").first()
    assert change.after["funding"] == [[2025, "erdf", "500.00"], [2026, "regional", "200.00"]]
    services.change_restore(change=change, by=editor)
    action.refresh_from_db()
    assert action.budget == Decimal("1000.00") and sum(_mix(action).values()) == Decimal("1000")
    assert {source for _year, source in _mix(action)} == {"amif"}
    # A new total typed on its own is spread again; an unchanged one leaves the mix alone.
    services.action_update(action=action, by=editor, version=action.version,
                           data={"title": "Renamed", "budget": action.budget})  # fmt: skip
    assert {source for _year, source in _mix(action)} == {"amif"}


def test_the_grid_saves_refuses_bad_amounts_and_reports_conflicts(client, region, editor):
    workplan = tk.workplan(region, by=editor)
    action = tk.action(workplan, by=editor)
    client.force_login(editor)
    kwargs = {"region": region.slug, "workplan": workplan.uuid, "action": action.uuid}
    url = reverse("toolkit:action-funding", kwargs=kwargs)
    page = client.get(reverse("toolkit:action-edit", kwargs=kwargs)).content.decode()
    assert "EU co-financing: 100%" in page and 'name="amount_erdf_2026"' in page
    bad = client.post(url, {"version": action.version, "amount_erdf_2026": "-3",
                            "amount_regional_2025": "1234.5"})  # fmt: skip
    assert bad.status_code == 400
    text = bad.content.decode()
    assert "Enter zero or more." in text and 'value="1234.5"' in text
    good = client.post(url, {"version": action.version, "amount_erdf_2026": "600",
                             "amount_regional_2025": "400"})  # fmt: skip
    assert good.status_code == 302
    action.refresh_from_db()
    assert action.budget == Decimal("1000") and action.funding_source == "erdf"
    stale = client.post(url, {"version": 1, "amount_national_2027": "77"})
    assert stale.status_code == 409
    assert 'value="77"' in stale.content.decode()
    assert _mix(action) == {(2025, "regional"): Decimal("400"), (2026, "erdf"): Decimal("600")}
    editor_page = client.get(reverse("toolkit:workplan-edit", kwargs={
        "region": region.slug, "workplan": workplan.uuid})).content.decode()  # fmt: skip
    assert "Budget by year and funding source (EUR)" in editor_page
    # A wide table a keyboard can scroll, named by its caption.
    assert (
        '<div class="table-scroll" tabindex="0" role="region" '
        'aria-labelledby="budget-years-caption"><table><caption id="budget-years-caption">'
    ) in editor_page


def test_nobody_outside_the_region_changes_its_funding(client, region, other_region):
    workplan = tk.workplan(region)
    action = tk.action(workplan)
    client.force_login(rf.member(other_region, Role.ADMIN))
    url = reverse("toolkit:action-funding", kwargs={
        "region": region.slug, "workplan": workplan.uuid, "action": action.uuid})  # fmt: skip
    assert client.post(url, {"version": 1, "amount_erdf_2025": "9"}).status_code in (403, 404)
    assert sum(_mix(action).values()) == Decimal("1000.00")


def test_the_workplan_pdf_totals_the_mix_per_year_and_source(region, editor):
    from eubelong.exports.registry import get_kind

    workplan = tk.workplan(region, by=editor)
    action = tk.action(workplan, by=editor)
    mix = {(2025, "erdf"): Decimal("500"), (2026, "regional"): Decimal("200")}
    services.action_update(action=action, by=editor, version=action.version, data={"funding": mix})
    ctx = get_kind("workplan").build_context(region, f"current:{workplan.uuid}", None)
    assert ctx["funding"]["years"] == [2025, 2026]
    assert [(str(label), total) for label, _amounts, total in ctx["funding"]["rows"]] == [
        ("Regional", Decimal("200")),
        ("ERDF", Decimal("500")),
    ]


def test_the_comparison_counts_the_budget_per_fund_of_the_mix(region, editor):
    from tests import factories as rf_
    from toolkit.compare import report
    from toolkit.compare.selectors import Filters

    workplan = tk.workplan(region, by=editor)
    action = tk.action(workplan, by=editor)
    mix = {(2025, "erdf"): Decimal("500"), (2026, "regional"): Decimal("200")}
    services.action_update(action=action, by=editor, version=action.version, data={"funding": mix})
    coordinator = rf_.coordinator()
    services.workplan_submit(workplan=workplan, by=editor)
    services.workplan_approve(workplan=workplan, by=coordinator)
    ctx = report.comparison(coordinator, Filters())
    budget = {(n, source): Decimal(total) for n, source, total in ctx["tallies"]["budget"]}
    assert budget == {(1, "erdf"): Decimal("500"), (1, "regional"): Decimal("200")}
