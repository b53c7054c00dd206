"""A workplan open in several browsers at once: each sees who else is there and in which item,
a gentle notice on an item someone else is in, and others' saves within two seconds, while a
field someone is typing in is never replaced."""

import time

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from eubelong.core.text import person_name
from tests.browser.harness import describe_violations, run_axe
from toolkit.models import ItemResponse

from . import factories

pytestmark = pytest.mark.browser
WITHIN_MS = 2000


@pytest.fixture(autouse=True)
def _quick(settings):
    # A closed tab's stream ends at its next sign of life: soon, so the server frees it.
    settings.LIVE_HEARTBEAT = 2


def _setup(actor, roles):
    people = [actor(role) for role in roles]
    workplan = factories.workplan(people[0].region)
    url = reverse(
        "toolkit:workplan-edit",
        kwargs={"region": people[0].region.slug, "workplan": workplan.uuid},
    )
    answer = (
        ItemResponse.objects.for_region(people[0].region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    pages = []
    for person in people:
        page = person.new_page()
        page.goto(url)
        pages.append(page)
    return people, pages, answer.uuid.hex


def _save(page, hex_, text):
    page.locator(f"#item-{hex_} textarea").fill(text)
    page.locator(f"#item-{hex_} button[type=submit]").click()
    page.wait_for_selector(f"#state-{hex_} .save-ok")


def test_two_people_see_each_other_their_items_and_their_saves(actor):
    (aoife, ben), (a, b), hex_ = _setup(actor, ["editor", "regional-admin"])
    expect(a.locator("#live .live-people")).to_contain_text(person_name(ben.user))
    expect(b.locator("#live .live-people")).to_contain_text(person_name(aoife.user))

    # Aoife goes into the first item: Ben's page names it and notes it on the item, gently.
    a.locator(f"#item-{hex_} textarea").focus()
    expect(b.locator("#live .live-people")).to_contain_text("is editing item")
    soft = b.locator(f"#item-{hex_}-row .live-soft")
    expect(soft).to_contain_text(person_name(aoife.user))
    expect(b.locator(f"#item-{hex_} textarea")).to_be_editable()
    violations = run_axe(b)
    assert not violations, "\n".join(describe_violations(violations, "live notice", "editor"))

    # Her save reaches Ben's page without a reload, within two seconds, and is announced.
    began = time.monotonic()
    _save(a, hex_, "Mapped with the municipalities.")
    expect(b.locator(f"#item-{hex_} textarea")).to_have_value(
        "Mapped with the municipalities.", timeout=WITHIN_MS
    )
    assert time.monotonic() - began < WITHIN_MS / 1000 + 1
    expect(b.locator("#live .live-state")).to_contain_text("was updated by")

    # Ben types in the same item; Aoife saves again: his text stays, and he is told.
    field = b.locator(f"#item-{hex_} textarea")
    field.focus()
    field.press("End")
    b.keyboard.type(" Also the schools.")
    _save(a, hex_, "Mapped with the municipalities and the county.")
    changed = b.locator(f"#item-{hex_}-row .live-changed")
    expect(changed).to_contain_text(person_name(aoife.user), timeout=WITHIN_MS)
    assert field.input_value() == "Mapped with the municipalities. Also the schools."

    # His save then offers the usual choice where both changed the field.
    b.locator(f"#item-{hex_} button[type=submit]").click()
    expect(b.locator(f"#item-{hex_}")).to_contain_text("Mapped with the municipalities and")

    # Leaving the page takes Ben off Aoife's list.
    b.close()
    expect(a.locator("#live .live-people")).not_to_contain_text(
        person_name(ben.user), timeout=10_000
    )


def test_five_people_all_see_a_save_within_two_seconds(actor):
    roles = ["editor", "editor", "regional-admin", "editor", "contributor"]
    people, pages, hex_ = _setup(actor, roles)
    for page in pages:
        expect(page.locator("#live .live-people li")).to_have_count(4)
    _save(pages[0], hex_, "Agreed at the lab.")
    for page in pages[1:4]:
        expect(page.locator(f"#item-{hex_} textarea")).to_have_value(
            "Agreed at the lab.", timeout=WITHIN_MS
        )
    # A contributor reads the checklist as a table: told, with a way to reload.
    reader = pages[4]
    expect(reader.locator("#live .live-elsewhere")).to_contain_text(
        person_name(people[0].user), timeout=WITHIN_MS
    )
    reader.locator("#live .live-elsewhere a").click()
    expect(reader.locator(f"#item-{hex_}")).to_contain_text("Agreed at the lab.")


def test_a_lab_participant_joins_through_the_link_and_the_room_sees_it_arrive(actor):
    from eubelong.exports.registry import get_kind
    from eubelong.exports.rendering import html_to_pdf, render_html
    from tests.exports.pdfcheck import inspect
    from toolkit.models import Lab

    (facilitator,), (editor_page,), hex_ = _setup(actor, ["editor"])
    page = facilitator.new_page()
    page.goto(editor_page.url)
    page.get_by_role("link", name="Learning labs").click()
    page.get_by_label("Name of the lab").fill("Learning lab, day 1")
    page.get_by_role("button", name="Open the lab").click()
    link = page.locator(".lab-link a").get_attribute("href")
    expect(page.locator(".lab-qr svg")).to_be_visible()

    # Someone in the room, on a phone, with no account.
    phone = actor("anonymous", viewport={"width": 375, "height": 740}).new_page()
    phone.goto(link)
    phone.get_by_label("Your name").fill("Amina Yusuf")
    phone.get_by_label("Your organisation").fill("Migrant Women Network")
    phone.get_by_label("Migrant-led organisation").check()
    phone.get_by_role("button", name="Join the lab").click()
    expect(phone.locator("h1")).to_have_text("Learning lab, day 1")
    violations = run_axe(phone)
    assert not violations, "\n".join(describe_violations(violations, "lab room", "participant"))
    form = phone.locator("form.lab-form").first
    form.get_by_label("Your text").fill("Include the language cafés run by our network.")
    form.get_by_label("A proposed text for this item").check()
    form.get_by_role("button", name="Add").click()
    expect(phone.locator(".messages, [role=status]").first).to_contain_text("Thank you")

    # The facilitator's screen shows it without a reload, with its sector counted.
    board = page.locator("#lab-board")
    expect(board).to_contain_text("Include the language cafés", timeout=WITHIN_MS)
    expect(board).to_contain_text("Amina Yusuf, Migrant Women Network")
    board.get_by_role("button", name="Show on screen").click()
    expect(page.locator(".lab-highlight blockquote")).to_contain_text("language cafés")
    violations = run_axe(page)
    assert not violations, "\n".join(describe_violations(violations, "lab screen", "editor"))
    # The editor with the workplan open sees the item's discussion grow.
    expect(editor_page.locator(f"#item-{hex_}-row")).to_contain_text("1 comment", timeout=WITHIN_MS)

    lab = Lab.objects.get(title="Learning lab, day 1")
    html, _title = render_html(
        get_kind("lab"), region=lab.region, object_id=str(lab.uuid), user=None, language="en"
    )
    text = " ".join(inspect(html_to_pdf(html))["text"].split())
    assert "Amina Yusuf" in text and "Include the language cafés run by our network." in text


def test_a_coordinator_and_the_region_review_together_live(actor):
    from toolkit import services

    admin = actor("regional-admin")
    coordinator = actor("coordinator", region=admin.region)
    workplan = factories.workplan(admin.region)
    services.workplan_submit(workplan=workplan, by=admin.user)
    answer = (
        ItemResponse.objects.for_region(admin.region)
        .filter(workplan=workplan)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    url = reverse(
        "toolkit:workplan-review", kwargs={"region": admin.region.slug, "workplan": workplan.uuid}
    )
    region_page, coordinator_page = admin.new_page(), coordinator.new_page()
    region_page.goto(url)
    coordinator_page.goto(url)
    expect(region_page.locator("#live .live-people")).to_contain_text(person_name(coordinator.user))
    target = f"#threads-{answer.uuid.hex}"

    # The coordinator writes a note: it appears on the region's page without a reload.
    item = coordinator_page.locator(f"#item-{answer.uuid.hex}")
    item.get_by_text("Add a review note").click()
    item.get_by_label("Review note").fill("Name the departments involved.")
    item.get_by_role("button", name="Add note").click()
    expect(region_page.locator(target)).to_contain_text(
        "Name the departments involved.", timeout=WITHIN_MS
    )
    expect(region_page.locator("#live .live-state")).to_contain_text("New review note")

    # The region replies: the coordinator sees the reply arrive.
    thread = region_page.locator(target)
    thread.get_by_label("Reply").fill("Social affairs and education.")
    thread.get_by_role("button", name="Send reply").click()
    expect(coordinator_page.locator(target)).to_contain_text(
        "Social affairs and education.", timeout=WITHIN_MS
    )

    # A reply being written is never wiped by someone else's: the writer is told instead.
    coordinator_page.locator(target).get_by_label("Reply").fill("Thank you, and the budget?")
    region_page.locator(target).get_by_label("Reply").fill("Also the employment office.")
    region_page.locator(target).get_by_role("button", name="Send reply").click()
    expect(coordinator_page.locator(f"{target} .live-changed")).to_be_visible(timeout=WITHIN_MS)
    assert (
        coordinator_page.locator(target).get_by_label("Reply").input_value()
        == "Thank you, and the budget?"
    )
