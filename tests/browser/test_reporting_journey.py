"""A yearly report filed in a real browser: the editor finds it on the home page and fills it, a
value off track is refused until explained, the admin submits, the coordinator finds it on the
reporting board and accepts it."""

import pytest

from tests.reporting import factories as rep
from toolkit.reporting.models import ReportStatus

pytestmark = pytest.mark.browser


def test_a_region_files_its_yearly_report(actor):
    editor = actor("editor")
    region = editor.region
    admin = actor("regional-admin", region=region)
    coordinator = actor("coordinator", region=region)
    report = rep.report(region, actions=1, by=admin.user, coordinator=coordinator.user)
    value = report.indicator_rows.get()
    row = report.action_rows.get()

    page = editor.new_page()
    page.goto("/")
    page.locator("section:has(#deadline-heading)").get_by_role("link").click()
    page.wait_for_selector("h1:has-text('Progress report 2025')")
    action = page.locator(f"#row-{row.uuid.hex}")
    # Each row saves itself as it changes; the button saves at once too.
    action.get_by_label("Status in the period").select_option("ongoing")
    action.get_by_label("What was done").fill("Two welcome desks opened.")
    action.get_by_label("AMIF: spent in the period (EUR)").fill("900")
    action.get_by_role("button", name="Save").click()
    page.wait_for_selector(f"#state-{row.uuid.hex} .save-ok")
    page.wait_for_load_state("networkidle")
    row.refresh_from_db()
    assert (row.status, row.spent, row.narrative) == ("ongoing", 900, "Two welcome desks opened.")
    indicator = page.locator(f"#row-{value.uuid.hex}")
    indicator.get_by_label("Value in the period").fill("1")
    indicator.get_by_role("button", name="Save").click()
    page.wait_for_selector("text=explain what happened")
    indicator = page.locator(f"#row-{value.uuid.hex}")
    assert indicator.get_by_label("Value in the period").input_value() == "1"  # kept
    indicator.get_by_label("Explanation").fill("The desks opened in December.")
    indicator.get_by_role("button", name="Save").click()
    page.wait_for_selector(f"#state-{value.uuid.hex} .save-ok")
    page.wait_for_load_state("networkidle")
    page.reload()
    page.wait_for_selector(f"#row-{value.uuid.hex} >> text=Off track")
    page.locator("#history summary").click()
    page.wait_for_selector("#history >> text=Two welcome desks opened.")

    page = admin.new_page()
    page.goto(f"/regions/{region.slug}/reports/{report.uuid}/")
    page.get_by_role("button", name="Submit the report").click()
    page.wait_for_selector("text=Report submitted")

    page = coordinator.new_page()
    page.goto("/reporting/")
    board = page.locator("table.board")
    board.get_by_role("link", name="submitted").click()
    page.get_by_label("Accept").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("text=Report accepted.")
    report.refresh_from_db()
    assert report.status == ReportStatus.ACCEPTED
