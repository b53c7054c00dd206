"""Yearly reporting: periods, opening, the report editor's checks, the lifecycle, reminders on a
frozen clock, and the coordinators' board."""

import datetime
import re
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from eubelong.notify.models import Notice
from regions.models import Role
from tests import factories as rf
from tests.toolkit import factories as tk
from toolkit.models import Indicator
from toolkit.reporting import services
from toolkit.reporting.models import ProgressReport, ReportingPeriod, ReportStatus
from toolkit.reporting.selectors import board
from toolkit.reporting.tasks import reporting_daily

from . import factories

pytestmark = pytest.mark.django_db


def _url(name, report, **kwargs):
    return reverse(
        f"reporting:{name}", kwargs={"region": report.region.slug, "report": report.uuid, **kwargs}
    )


def test_default_periods_open_in_november_and_are_due_in_march(db):
    cycle = tk.cycle(2025)
    made = services.periods_default(cycle=cycle)
    assert [(p.year, p.opens_on, p.due_on) for p in made] == [
        (2025, datetime.date(2025, 11, 1), datetime.date(2026, 3, 31)),
        (2026, datetime.date(2026, 11, 1), datetime.date(2027, 3, 31)),
        (2027, datetime.date(2027, 11, 1), datetime.date(2028, 3, 31)),
    ]
    assert services.periods_default(cycle=cycle) == []


def test_coordinators_set_periods_and_bad_dates_are_refused_with_what_was_typed(
    client, coordinator, editor
):
    cycle = tk.cycle(2025)
    url = reverse("reporting:periods", kwargs={"cycle": cycle.uuid})
    client.force_login(editor)
    assert client.get(url).status_code == 403
    client.force_login(coordinator)
    bad = client.post(url, {"year": 2026, "opens_on": "2027-02-01", "due_on": "2027-01-01"})
    assert bad.status_code == 400
    page = bad.content.decode()
    assert "The due date must come after the opening date." in page
    assert 'value="2027-02-01"' in page
    assert not ReportingPeriod.objects.exists()
    good = client.post(url, {"year": 2026, "opens_on": "2026-12-01", "due_on": "2027-02-28"})
    assert good.status_code == 302
    assert ReportingPeriod.objects.get().due_on == datetime.date(2027, 2, 28)


def test_a_period_opens_a_report_for_every_approved_workplan(region, other_region, editor):
    approved = factories.approved_workplan(region)
    tk.workplan(other_region)  # a draft: nothing to report on
    period = factories.period()
    assert services.period_open(period=period) == 1
    report = ProgressReport.objects.get()
    assert report.workplan == approved and report.workplan_revision == 1
    assert report.action_rows.count() == 2 and report.indicator_rows.count() == 2
    assert Notice.objects.filter(recipient=editor, kind="report.opened").exists()
    assert services.period_open(period=period) == 0  # once


def test_the_editor_refuses_values_that_cannot_be_right_and_keeps_them(client, region, editor):
    report = factories.report(region)
    client.force_login(editor)
    page = client.get(_url("report", report)).content.decode()
    assert "planned for the period: 1,000.00 EUR" in page
    row = report.action_rows.order_by("id").first()
    url = _url("action-row", report, row=row.uuid)
    prefix = row.uuid.hex
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "ongoing",
                              f"{prefix}-spent_amif": "-5"})  # fmt: skip
    assert reply.status_code == 400 and "Enter zero or more." in reply.content.decode()
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "ongoing",
                              f"{prefix}-spent_amif": "4000"})  # fmt: skip
    text = reply.content.decode()
    assert reply.status_code == 400 and "say why here" in text and 'value="4000"' in text
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-status": "ongoing",
                              f"{prefix}-spent_amif": "4000",
                              f"{prefix}-narrative": "Two extra courses."})  # fmt: skip
    assert reply.status_code == 302
    row.refresh_from_db()
    # The action's budget has one source, so its spending is reported against that source.
    assert row.spent == Decimal("4000") and row.version == 2
    assert row.spent_by_source == {"amif": "4000"}

    value = report.indicator_rows.order_by("id").first()
    url = _url("value-row", report, value=value.uuid)
    prefix = value.uuid.hex
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-value": "-1"})
    assert reply.status_code == 400
    # 2025 is the first of three years: 2 of 90 is far behind, so it needs a word.
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-value": "2"})
    assert "explain what happened" in reply.content.decode()
    reply = client.post(url, {f"{prefix}-version": 1, f"{prefix}-value": "30"})
    assert reply.status_code == 302
    page = client.get(_url("report", report)).content.decode()
    assert "On track" in page


def test_a_percentage_above_100_is_refused(client, region, editor):
    report = factories.report(region)
    value = report.indicator_rows.order_by("id").first()
    Indicator.objects.filter(pk=value.indicator_id).update(unit="%", target=Decimal("80"))
    client.force_login(editor)
    prefix = value.uuid.hex
    reply = client.post(_url("value-row", report, value=value.uuid),
                        {f"{prefix}-version": 1, f"{prefix}-value": "120"})  # fmt: skip
    assert reply.status_code == 400 and "cannot be above 100" in reply.content.decode()


def test_a_stale_save_is_reported_not_overwritten(client, region, editor):
    report = factories.report(region)
    client.force_login(editor)
    form = {"narrative-version": 1, "narrative-results": "Mine"}
    assert client.post(_url("report", report), form).status_code == 302
    stale = client.post(_url("report", report), {"narrative-version": 1,
                                                   "narrative-results": "Theirs"})  # fmt: skip
    assert stale.status_code == 409
    assert (
        "Someone else saved this" in stale.content.decode() and "Theirs" in stale.content.decode()
    )
    report.refresh_from_db()
    assert report.results == "Mine"


def test_the_lifecycle_records_accepted_values_and_tells_each_side(
    client, region, editor, regional_admin, coordinator, contributor
):
    report = factories.report(region, by=regional_admin, coordinator=coordinator)
    value = report.indicator_rows.order_by("id").first()
    services.value_save(row=value, by=editor, version=1, data={"value": Decimal("30")})
    client.force_login(contributor)
    assert client.post(_url("report-submit", report)).status_code == 403
    client.force_login(editor)
    assert client.post(_url("report-submit", report)).status_code == 403  # admins submit
    client.force_login(regional_admin)
    assert client.post(_url("report-submit", report)).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.SUBMITTED
    assert report.submitted_data["indicators"][0]["value"] == "30.00"
    assert Notice.objects.filter(recipient=coordinator, kind="report.submitted").exists()
    # Frozen: no more edits until the coordinator answers.
    client.force_login(editor)
    prefix = value.uuid.hex
    reply = client.post(_url("value-row", report, value=value.uuid),
                        {f"{prefix}-version": 2, f"{prefix}-value": "99"})  # fmt: skip
    assert reply.status_code == 403
    client.force_login(coordinator)
    assert client.post(_url("report-review", report), {"decision": "accept"}).status_code == 302
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
    assert Indicator.objects.get(pk=value.indicator_id).actuals["2025"] == "30.00"
    assert Notice.objects.filter(recipient=editor, kind="report.accepted").exists()


def test_reminders_follow_the_calendar_once_each(region, editor, regional_admin):
    report = factories.report(region)
    due = report.period.due_on

    def told():
        return list(
            Notice.objects.filter(recipient=editor, kind__startswith="report.")
            .exclude(kind="report.opened")
            .order_by("id")
            .values_list("kind", flat=True)
        )

    for days_before, expected in [
        (31, []),
        (30, ["report.due_soon"]),
        (20, ["report.due_soon"]),
        (7, ["report.due_soon"] * 2),
        (1, ["report.due_soon"] * 2),
        (0, ["report.due_soon"] * 2 + ["report.due_today"]),
        (-1, ["report.due_soon"] * 2 + ["report.due_today", "report.overdue"]),
        (-5, ["report.due_soon"] * 2 + ["report.due_today", "report.overdue"]),
        (-8, ["report.due_soon"] * 2 + ["report.due_today"] + ["report.overdue"] * 2),
    ]:
        services.reminders_send(today=due - datetime.timedelta(days=days_before))
        assert told() == expected, days_before

    services.report_submit(report=report, by=regional_admin)
    services.reminders_send(today=due + datetime.timedelta(days=15))
    assert told().count("report.overdue") == 2  # a submitted report is not chased


def test_the_daily_task_opens_periods_on_their_day(region, editor):
    factories.approved_workplan(region)
    period = factories.period()
    with time_machine.travel(datetime.datetime(2025, 10, 31, 12, tzinfo=datetime.UTC), tick=False):
        assert reporting_daily()["opened"] == 0
    with time_machine.travel(datetime.datetime(2025, 11, 1, 12, tzinfo=datetime.UTC), tick=False):
        assert reporting_daily()["opened"] == 1
    period.refresh_from_db()
    assert period.opened_at is not None


@time_machine.travel(datetime.datetime(2025, 12, 1, 12, tzinfo=datetime.UTC), tick=False)
def test_the_board_shows_each_regions_status_in_constant_queries(client, coordinator, region):
    report = factories.report(region)
    services.narrative_save(report=report, by=None, version=1, data={"results": "Started"})
    client.force_login(coordinator)
    url = reverse("reporting:board")
    page = client.get(url).content.decode()
    row = re.search(rf"<th scope=\"row\">{region.name}</th>(.*?)</tr>", page, re.S).group(1)
    assert "in progress" in row and "not open yet" in row
    with time_machine.travel(datetime.datetime(2026, 4, 2, 12, tzinfo=datetime.UTC), tick=False):
        cells = board(coordinator, report.period.cycle)["rows"][0]["cells"]
        assert cells[0]["status"] == "late"

    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    limit = len(few.captured_queries)
    for _n in range(6):
        other = rf.region()
        factories.report(other)
    client.get(url)
    with CaptureQueriesContext(connection) as many:
        page = client.get(url).content.decode()
    assert len(many.captured_queries) == limit
    assert page.count('<th scope="row">') == 7


def test_the_report_editor_costs_the_same_for_more_actions(client, region, other_region):
    small = factories.report(region, actions=1)
    large = factories.report(other_region, actions=9)

    def queries(report):
        client.force_login(rf.member(report.region, Role.EDITOR))
        url = _url("report", report)
        client.get(url)
        with CaptureQueriesContext(connection) as context:
            page = client.get(url).content.decode()
        return len(context.captured_queries), page.count('class="report-row"')

    few, rows_small = queries(small)
    many, rows_large = queries(large)
    assert (rows_small, rows_large) == (2, 18)
    assert many == few


def test_the_home_page_names_the_next_deadline(client, region, editor):
    report = factories.report(region)
    client.force_login(editor)
    page = client.get(reverse("home")).content.decode()
    deadline = page.split('id="deadline-heading"')[1].split("</section>")[0]
    assert "Progress report 2025" in deadline and _url("report", report) in deadline


def test_nobody_outside_the_region_reads_a_report(client, region, outsider):
    report = factories.report(region)
    client.force_login(outsider)
    assert client.get(_url("report", report)).status_code == 404
    client.force_login(rf.member(region, Role.CONTRIBUTOR))  # a reader of the region reads it
    page = client.get(_url("report", report))
    assert page.status_code == 200 and "Submit the report" not in page.content.decode()


def test_rows_autosave_and_a_refused_autosave_comes_back_as_typed(client, region, editor):
    report = factories.report(region)
    row = report.indicator_rows.order_by("id").first()
    prefix = row.uuid.hex
    url = _url("value-row", report, value=row.uuid)
    client.force_login(editor)
    htmx = {"HX-Request": "true"}
    saved = client.post(url, {f"{prefix}-version": 1, f"{prefix}-value": "30"}, headers=htmx)
    assert saved.status_code == 200
    body = saved.content.decode()
    assert "Saved" in body and f'name="{prefix}-version" value="2"' in body
    assert 'hx-swap-oob="true"' in body
    refused = client.post(url, {f"{prefix}-version": 2, f"{prefix}-value": "-4"}, headers=htmx)
    assert refused["HX-Retarget"] == f"#form-{prefix}" and refused["HX-Reswap"] == "outerHTML"
    assert 'value="-4"' in refused.content.decode()
    stale = client.post(url, {f"{prefix}-version": 1, f"{prefix}-value": "45"}, headers=htmx)
    text = stale.content.decode()
    assert stale["HX-Retarget"] == f"#form-{prefix}" and 'value="45"' in text
    assert "Someone else saved this while you were editing" in text
    row.refresh_from_db()
    assert row.value == Decimal("30") and row.version == 2
    narrative = client.post(
        _url("report", report),
        {"narrative-version": 1, "narrative-results": "Halfway there."},
        headers=htmx,
    )
    assert narrative.status_code == 200 and 'name="narrative-version" value="2"' in (
        narrative.content.decode()
    )
    # Each accepted save is in the report's history, with the value it replaced.
    changes = {(c.kind, str(c.before), str(c.after)) for c in report.changes.all()}
    assert changes == {
        ("indicator", "{'value': None}", "{'value': '30'}"),
        ("narrative", "{'results': ''}", "{'results': 'Halfway there.'}"),
    }


def test_the_report_keeps_a_readable_history_of_its_edits(client, region, editor):
    report = factories.report(region)
    row = report.action_rows.order_by("id").first()
    services.action_row_save(row=row, by=editor, version=1,
                             data={"status": "delayed", "spent": Decimal("12.5")})  # fmt: skip
    services.action_row_save(row=row, by=editor, version=2, data={"status": "delayed"})
    client.force_login(rf.member(region, Role.CONTRIBUTOR))
    page = client.get(_url("report", report)).content.decode()
    history = page.split('id="history-heading"')[1].split("</section>")[0]
    assert "The latest change" in history and row.action.title in history
    assert "Status in the period: “Planned” became “Delayed”" in history
    assert "Spent in the period (EUR): “—” became “12.50”" in history
    assert history.count("<li><time") == 1  # saving the same status again changed nothing


def test_the_board_shows_a_page_of_regions_at_a_time(client, coordinator, region):
    report = factories.report(region)
    for n in range(25):
        rf.region(name=f"Zone {n:02d}", slug=f"zone-{n:02d}")
    client.force_login(coordinator)
    url = reverse("reporting:board")
    first = client.get(url).content.decode()
    assert first.count('<th scope="row">') == 25 and "Page 1 of 2" in first
    second = client.get(f"{url}?cycle={report.period.cycle.uuid}&page=2").content.decode()
    assert second.count('<th scope="row">') == 1 and "Zone 24" in second
