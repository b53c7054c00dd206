"""The co-design loop in a real browser: an editor marks the workplan ready, the regional admin
submits it through the check page, the coordinator finds it in the review queue, leaves a note
on one item and requests changes; the editor is told in the platform and by e-mail, answers the
note; the admin submits again; the coordinator resolves the note and approves. Each step shows
on each person's home page."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from eubelong.notify.models import EmailMode
from eubelong.notify.services import preference_set
from tests.toolkit import factories as tk
from toolkit.models import ItemResponse, WorkplanStatus

pytestmark = pytest.mark.browser


def _first_response(workplan):
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )


def test_the_review_loop_drives_itself(actor):
    editor = actor("editor")
    region = editor.region
    admin = actor("regional-admin", region=region)
    coordinator = actor("coordinator", region=region)
    preference_set(user=editor.user, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    workplan = tk.workplan(region, by=admin.user, items=2)
    tk.action(workplan)
    workplan_url = reverse(
        "toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    name = f"{region.name} {workplan.cycle}"

    # 1. The editor marks it ready.
    page = editor.new_page()
    page.goto(workplan_url)
    page.get_by_role("button", name="Mark ready for submission").click()
    page.wait_for_selector("text=Marked ready for submission")

    # 2. The admin sees it on their home page and submits through the check page.
    page = admin.new_page()
    page.goto("/")
    page.wait_for_selector("text=marked " + name + " ready for submission")
    page.get_by_role("link", name=name).first.click()
    page.get_by_role("link", name="Check and submit for review").click()
    page.get_by_label("Message to the reviewer (optional)").fill("First full draft.")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("h1:has-text('Workplan submitted')")

    # 3. The coordinator finds it in the review queue, notes one item, requests changes.
    page = coordinator.new_page()
    page.goto("/")
    queue = page.locator("section:has(#queue-heading)")
    queue.get_by_role("link", name=name).click()
    page.wait_for_selector("text=First full draft.")
    response = _first_response(workplan)
    item = page.locator(f"#item-{response.uuid.hex}")
    item.locator("summary", has_text="Add a review note").click()
    item.get_by_label("Review note").fill("Which departments took part?")
    item.get_by_role("button", name="Add note").click()
    page.wait_for_selector("text=Your review note was added")
    page.get_by_label("Request changes").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("text=Changes requested")
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.CHANGES_REQUESTED

    # 4. The editor is told in the platform and by e-mail, and answers the note.
    assert any(editor.user.email in m.to and "Changes requested" in m.subject for m in mail.outbox)
    page = editor.new_page()
    page.goto("/")
    page.wait_for_selector(f"text=Changes requested on {name}")
    assert page.locator("#notes-heading ~ ul").inner_text().count("Which departments") == 1
    page.get_by_role("link", name=re.compile(r"item 1\.1")).first.click()
    page.get_by_label("Reply").fill("Health, education and housing.")
    page.get_by_role("button", name="Send reply").click()
    page.wait_for_selector("text=Health, education and housing.")

    # 5. The admin submits again.
    page = admin.new_page()
    page.goto(workplan_url)
    page.get_by_role("link", name="Check and submit for review").click()
    page.wait_for_selector("text=1 review note is still open.")
    page.get_by_role("button", name="Submit for review").click()
    page.wait_for_selector("h1:has-text('Workplan submitted')")

    # 6. The coordinator resolves the note and approves.
    page = coordinator.new_page()
    page.goto("/")
    page.locator("section:has(#queue-heading)").get_by_role("link", name=name).click()
    page.wait_for_selector("text=Health, education and housing.")
    page.get_by_role("button", name="Resolve this note").click()
    page.wait_for_selector("text=Note resolved.")
    page.get_by_label("Approve").check()
    page.get_by_role("button", name="Record decision").click()
    page.wait_for_selector("text=Workplan approved")
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.APPROVED
    page.goto("/")
    decided = page.locator("section:has(#decided-heading)").inner_text()
    assert name in decided and "Approved" in decided

    # Every step shows on the editor's home page.
    page = editor.new_page()
    page.goto("/")
    assert f"{name} was approved" in page.locator("section:has(#news-heading)").inner_text()
    assert "Approved" in page.locator("section:has(#workplans-heading)").inner_text()
