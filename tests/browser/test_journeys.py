"""The main journeys done with the keyboard alone: every control is reached with Tab, shows a
visible focus indicator and lets focus move on; after each swap focus lands somewhere sensible
and the outcome is announced through the live region."""

import re

import pytest
from django.urls import reverse

from eubelong.celery import app as celery_app
from tests import factories
from tests.compare import factories as cf
from tests.toolkit import factories as tk
from toolkit.models import Action, ItemResponse, WorkplanStatus

pytestmark = pytest.mark.browser

TAB_LIMIT = 120

FOCUSED = """() => {
    const el = document.activeElement;
    if (!el || el === document.body || el === document.documentElement) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
        text: (el.textContent || el.value || '').trim().slice(0, 80),
        focusVisible: el.matches(':focus-visible'),
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        shadow: style.boxShadow,
    };
}"""

MATCHES = """([selector, text]) => {
    const el = document.activeElement;
    if (!el || !el.matches(selector)) return false;
    return !text || (el.textContent || el.value || '').includes(text);
}"""

LIVE_TEXT = "() => document.getElementById('live-region').textContent"


def focused(page):
    return page.evaluate(FOCUSED)


def assert_focus_visible(page, what):
    info = focused(page)
    assert info, f"{what}: focus fell back to <body>"
    assert info["focusVisible"], f"{what}: does not match :focus-visible after Tab: {info}"
    outlined = info["outline"] != "none" and info["outlineWidth"] > 0
    assert outlined or info["shadow"] not in ("", "none"), f"{what}: no focus indicator: {info}"


def tab_to(page, selector, what, *, text=None, key="Tab"):
    """Press Tab until the focused element matches; fail if it is never reached."""
    seen = []
    for _ in range(TAB_LIMIT):
        page.keyboard.press(key)
        if page.evaluate(MATCHES, [selector, text]):
            assert_focus_visible(page, what)
            return
        info = focused(page)
        seen.append(info and f"{info['tag']}#{info['id']} {info['text'][:30]!r}")
    pytest.fail(f"{TAB_LIMIT} presses of {key} never reached {what}; last stops: {seen[-6:]}")


def assert_not_trapped(page, selector, what, text=None):
    """Tab leaves the control and Shift+Tab comes back to it."""
    page.keyboard.press("Tab")
    assert not page.evaluate(MATCHES, [selector, text]), f"Tab does not leave {what}"
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(MATCHES, [selector, text]), f"Shift+Tab does not return to {what}"


def clear_live_region(page):
    page.evaluate("() => { document.getElementById('live-region').textContent = ''; }")


def wait_announced(page, text):
    page.wait_for_function(
        "(text) => document.getElementById('live-region').textContent.includes(text)", arg=text
    )


def first_response(workplan):
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )


def editor_url(workplan):
    return reverse(
        "toolkit:workplan-edit", kwargs={"region": workplan.region.slug, "workplan": workplan.uuid}
    )


def test_it_fills_a_checklist_item_with_the_keyboard(actor):
    editor = actor("editor")
    workplan = tk.workplan(editor.region, items=1)
    response = first_response(workplan)
    hexid = response.uuid.hex
    page = editor.new_page()
    page.goto(editor_url(workplan))

    status = f"#item-{hexid} select[name$='status']"
    tab_to(page, status, "the status of the first item")
    before = page.locator(status).input_value()
    clear_live_region(page)
    # A closed select changes value with the arrow keys and fires change: the autosave.
    page.keyboard.press("ArrowDown")
    assert page.locator(status).input_value() != before
    wait_announced(page, "Saved")
    page.wait_for_selector(f"#state-{hexid} .save-ok")
    assert page.evaluate(MATCHES, [status, None]), "focus must stay on the status after saving"
    response.refresh_from_db()
    assert response.status == page.locator(status).input_value()

    evidence = f"#item-{hexid} textarea[name$='evidence']"
    tab_to(page, evidence, "the evidence note")
    page.keyboard.type("Agreed with the municipalities.")
    clear_live_region(page)
    page.keyboard.press("Tab")  # leaving the field saves it
    wait_announced(page, "Saved")
    assert focused(page), "focus fell back to <body> after the save"
    response.refresh_from_db()
    assert response.evidence == "Agreed with the municipalities."

    button = f"#item-{hexid} button[type=submit]"
    tab_to(page, button, "the Save button", text="Save")
    assert_not_trapped(page, button, "the Save button", "Save")
    clear_live_region(page)
    page.keyboard.press("Enter")
    wait_announced(page, "Saved")
    assert page.evaluate(MATCHES, [button, "Save"]), "focus must stay on the Save button"


def test_it_adds_an_action_with_the_keyboard(actor):
    editor = actor("editor", locale="en-US")
    workplan = tk.workplan(editor.region, items=1)
    page = editor.new_page()
    page.goto(editor_url(workplan))

    tab_to(page, "a.button", "the add-action link", text="Add an action to priority 1")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/actions/new/" in page.url

    tab_to(page, "[name=title]", "the title")
    page.keyboard.type("Language café")
    tab_to(page, "[name=start_date]", "the start date")
    page.keyboard.type(f"0301{workplan.cycle.start_year}")
    tab_to(page, "[name=end_date]", "the end date")
    page.keyboard.type(f"1231{workplan.cycle.start_year}")
    tab_to(page, "[name=budget]", "the budget")
    page.keyboard.type("2500")
    assert_not_trapped(page, "[name=budget]", "the budget")
    tab_to(page, "select[name=funding_source]", "the funding source")
    page.keyboard.press("ArrowDown")
    assert page.locator("select[name=funding_source]").input_value()
    tab_to(page, "button[type=submit]", "the Add action button", text="Add action")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    errors = page.locator(".errorlist").all_inner_texts()
    assert not errors, errors
    action = Action.objects.for_region(editor.region).get(title="Language café")
    assert str(action.start_date) == f"{workplan.cycle.start_year}-03-01"
    assert action.budget == 2500
    # Back on its priority: the confirmation is announced and the keyboard starts from the new
    # action's row, so the next Tab goes on from there.
    wait_announced(page, "Language café")
    info = focused(page)
    row = f"action-{action.uuid.hex}"
    assert info and info["id"] == row, f"focus is not on the new action's row: {info}"
    tab_to(page, f"#{row} a", "a link of the new action's row")

    page.goto(editor_url(workplan))
    tab_to(page, f"#action-{action.uuid.hex} a", "the new action in the list")


def test_it_submits_the_workplan_with_the_keyboard(actor):
    admin = actor("regional-admin")
    workplan = tk.workplan(admin.region, items=1)
    tk.action(workplan)
    page = admin.new_page()
    page.goto(editor_url(workplan))

    check = "a.button"
    tab_to(page, check, "the link to the check page", text="Check and submit for review")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_selector("h1:has-text('Check before you submit')")
    button = "button[type=submit]"
    tab_to(page, button, "the submit button", text="Submit for review")
    assert_not_trapped(page, button, "the submit button", "Submit for review")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    workplan.refresh_from_db()
    assert workplan.status == WorkplanStatus.SUBMITTED
    wait_announced(page, "submitted")
    info = focused(page)
    assert info and "submitted" in info["text"], f"focus is not on the confirmation: {info}"
    assert page.locator(".panel-confirmation h1").inner_text().strip() == "Workplan submitted"


@pytest.fixture
def eager_exports(settings, tmp_path):
    """Tasks run in-process, as when no REDIS_URL is set."""
    settings.MEDIA_ROOT = tmp_path / "media"
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = previous


def test_it_exports_a_region_profile_with_the_keyboard(actor, eager_exports):
    editor = actor("editor")
    page = editor.new_page()
    page.goto(reverse("regions:home", kwargs={"region": editor.region.slug}))

    button = "form[action*='export'] button[type=submit]"
    tab_to(page, button, "the export button", text="Export PDF")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/exports?/"))
    page.wait_for_selector("#export-status a.button", timeout=30_000)
    if page.evaluate(LIVE_TEXT):
        # It finished after the page loaded: the swap moved focus to the status and said so.
        wait_announced(page, "Your PDF is ready.")
        assert focused(page), "focus fell back to <body> after the status swap"
    tab_to(page, "#export-status a.button", "the download link", text="Download PDF")
    assert_not_trapped(page, "#export-status a.button", "the download link", "Download PDF")
    download = page.locator("#export-status a.button").get_attribute("href")
    answer = editor.context.request.get(download)
    assert answer.status == 200
    assert answer.body().startswith(b"%PDF")


def test_it_compares_regions_with_the_keyboard(actor):
    coordinator = actor("coordinator")
    cf.workplan(coordinator.region, status="approved")
    other = factories.region(name="Región Vecina", slug="vecina")
    cf.workplan(other, status="submitted")
    page = coordinator.new_page()
    page.goto(reverse("compare:dashboard"))
    assert "Región Vecina" in page.locator(".heat-table").inner_text()

    country = "select[name=country]"
    tab_to(page, country, "the country filter")
    assert_not_trapped(page, country, "the country filter")
    page.keyboard.press("ArrowDown")
    chosen = page.locator(country).input_value()
    assert chosen, "the arrow key did not pick a country"
    tab_to(page, "button[type=submit]", "the Show button", text="Show")
    clear_live_region(page)
    page.keyboard.press("Enter")
    wait_announced(page, "compared")
    page.wait_for_url(re.compile(f"country={chosen}"))
    info = focused(page)
    assert info and info["id"] == "matrix-heading", f"focus after the swap: {info}"
    # From the results heading the keyboard goes on into the results.
    tab_to(page, "#compare-results a, #compare-results [tabindex='0']", "the results")
