"""The session ends while someone is typing: the text stays in the field, the page offers to
sign in again in another tab, and the change is saved once they have, without a reload."""

import pytest
from django.urls import reverse

from regions.members.services import sessions_end
from tests import factories
from tests.toolkit import factories as tk
from toolkit.models import ItemResponse

from .conftest import sign_in

pytestmark = pytest.mark.browser

TYPED = "Agreed with the county housing office; minutes on the shared drive."


def test_text_typed_when_the_session_ends_is_saved_after_signing_in_again(
    open_context, live_server, password_user
):
    user, region = password_user
    workplan = tk.workplan(region, by=user, items=2)
    response = (
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    context = open_context(viewport={"width": 375, "height": 800})
    sign_in(context, user, live_server.url)
    page = context.new_page()
    page.goto(
        reverse("toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid})
    )
    form = page.locator(f"#item-{response.uuid.hex}")
    note = form.get_by_label("Evidence note")
    note.fill(TYPED)
    assert "Not saved yet" in form.locator(".save-state").inner_text()

    sessions_end(user=user)  # the idle time-out, or a sign-out elsewhere
    note.dispatch_event("change")

    dialog = page.locator("#session-dialog")
    dialog.wait_for(state="visible")
    assert dialog.get_by_role("heading").inner_text() == "You have been signed out"
    assert note.input_value() == TYPED
    form.locator(".save-state", has_text="you have been signed out").wait_for()
    assert ItemResponse.objects.get(pk=response.pk).evidence == ""

    with page.expect_popup() as opened:
        dialog.get_by_role("link", name="Sign in again").click()
    tab = opened.value
    tab.get_by_label("Username").fill(user.username)
    tab.get_by_label("Password").fill(factories.PASSWORD)
    tab.locator("main").get_by_role("button", name="Sign in").click()
    tab.get_by_role("heading", name="You are signed in again").wait_for()

    # The waiting page hears of it and saves; nothing was reloaded.
    form.locator(".save-ok").wait_for()
    assert not dialog.is_visible()
    assert note.input_value() == TYPED
    saved = ItemResponse.objects.get(pk=response.pk)
    assert saved.evidence == TYPED and saved.updated_by == user


def test_leaving_a_page_with_unsaved_text_asks_first(actor):
    editor = actor("editor")
    workplan = tk.workplan(editor.region, by=editor.user, items=1)
    url = reverse(
        "toolkit:workplan-edit", kwargs={"region": editor.region.slug, "workplan": workplan.uuid}
    )
    page = editor.new_page()
    page.goto(url)
    note = page.get_by_label("Evidence note").first
    note.click()
    page.keyboard.type("Half a sentence")
    with page.expect_event("dialog") as asked:
        page.close(run_before_unload=True)
    assert asked.value.type == "beforeunload"
    asked.value.dismiss()
    assert not page.is_closed() and note.input_value() == "Half a sentence"

    # Once saved, leaving asks nothing.
    note.blur()
    page.locator(".save-ok").first.wait_for()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_event("close")
    assert dialogs == []
