"""Keyboard and form behaviour that axe cannot see: skip link, language switcher, signing in."""

import re

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.browser

FOCUSED = """() => {
    const el = document.activeElement;
    return el ? {tag: el.tagName.toLowerCase(), id: el.id, cls: el.className,
                 type: el.getAttribute('type'), text: (el.textContent || '').trim()} : null;
}"""


def _region_home(region) -> str:
    return reverse("regions:home", kwargs={"region": region.slug})


@pytest.mark.parametrize(("role", "where"), [("anonymous", "home"), ("editor", "region")])
def test_it_makes_the_skip_link_the_first_stop_and_moves_focus_to_main(actor, role, where):
    who = actor(role)
    page = who.new_page()
    page.goto(_region_home(who.region) if where == "region" else reverse("home"))
    page.keyboard.press("Tab")
    focused = page.evaluate(FOCUSED)
    assert focused["tag"] == "a" and "skip-link" in focused["cls"], focused
    box = page.locator(".skip-link").bounding_box()
    assert box and box["x"] >= 0 and box["y"] >= 0, "the skip link must be visible when focused"
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement && document.activeElement.id === 'main'")
    assert page.url.endswith("#main")


@pytest.mark.parametrize("role", ["anonymous", "editor"])
def test_it_keeps_you_on_the_page_when_you_change_language(actor, role):
    who = actor(role)
    page = who.new_page()
    path = reverse("accounts:login") if role == "anonymous" else _region_home(who.region)
    page.goto(path)
    lang = page.evaluate("() => document.documentElement.lang")
    page.get_by_label("Language").select_option(lang)
    with page.expect_navigation() as navigation:
        page.locator(".language-switcher").get_by_role("button").click()
    assert navigation.value.status == 200
    assert page.url == f"{who.base_url}{path}"
    assert page.evaluate("() => document.documentElement.lang") == lang


def test_it_signs_in_through_the_form_and_lands_on_the_region_home(browser_page, password_user):
    user, region = password_user
    page = browser_page
    page.goto(reverse("accounts:login"))
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(factories.PASSWORD)
    page.locator("main").get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(_region_home(region)) + "$"))
    assert page.get_by_role("heading", level=1).inner_text() == region.name


def test_it_lets_a_keyboard_user_tab_to_sign_in_and_submit(browser_page, password_user):
    user, region = password_user
    page = browser_page
    page.goto(reverse("accounts:login"))
    typed = set()
    # The username field may hold focus already (autofocus); look before each Tab.
    for _ in range(30):
        focused = page.evaluate(FOCUSED)
        if focused["id"] == "id_username" and "username" not in typed:
            page.keyboard.type(user.username)
            typed.add("username")
        elif focused["id"] == "id_password" and "password" not in typed:
            page.keyboard.type(factories.PASSWORD)
            typed.add("password")
        elif focused["tag"] == "button" and focused["text"] == "Sign in":
            break
        page.keyboard.press("Tab")
    else:
        pytest.fail("Tab never reached the sign-in button")
    assert typed == {"username", "password"}, "the fields come before the button in tab order"
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(_region_home(region)) + "$"))
