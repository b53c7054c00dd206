"""The page chrome, kept per language and state: what varies per person and request still does."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.test import Client

from eubelong.notify.services import notify

pytestmark = pytest.mark.django_db


def _nav(page: str) -> str:
    return re.search(r'<header class="site-header">.*?</header>', page, re.S).group(0)


def test_the_header_marks_the_section_the_page_belongs_to(login, editor):
    client = login(editor)
    home = _nav(client.get("/").content.decode())
    assert re.search(r'href="/" aria-current="page">My work<', home)
    compare = _nav(client.get("/compare/").content.decode())
    assert 'aria-current="true">Compare regions<' in compare
    assert 'aria-current="page">My work<' not in compare
    notices = _nav(client.get("/notifications/").content.decode())
    assert re.search(r'aria-current="page">Notifications<', notices)


def test_the_unread_count_follows_new_notices(login, editor, region):
    client = login(editor)
    assert "unread" not in _nav(client.get("/").content.decode())
    notify(
        kind="comment.added",
        recipients=[editor],
        url=f"/regions/{region.slug}/",
        dedupe="chrome-test",
        region=region,
        params={"person": "Ana", "workplan": "2025–2027", "item": "1.1"},
    )
    assert '<span class="badge">1 unread</span>' in _nav(client.get("/").content.decode())


def test_each_request_gets_its_own_token_and_return_path(editor, region):
    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(get_user_model().objects.create_user("other-person"))
    pages = [c.get("/search/?q=%3Cb%3Ex").content.decode() for c in (first, second)]
    tokens = [
        re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', _nav(p)).group(1) for p in pages
    ]
    assert tokens[0] != tokens[1] and "\x00" not in tokens[0]
    # The token in the header's forms belongs to the session: signing out with it works.
    reply = first.post("/accounts/logout/", {"csrfmiddlewaretoken": tokens[0]})
    assert reply.status_code in (200, 302)
    assert "_auth_user_id" not in first.session
    # The language switcher returns to the page, escaped.
    assert 'name="next" type="hidden" value="/search/?q=%3Cb%3Ex"' in pages[0]


def test_staff_and_language_change_the_header(login, editor, region):
    staff = get_user_model().objects.create_user("staff-person", is_staff=True)
    client = login(staff)
    assert "Administration" in _nav(client.get("/").content.decode())
    client = login(editor)
    page = client.get("/")
    assert "Administration" not in _nav(page.content.decode())
    client.cookies["django_language"] = "pl"
    nav = _nav(client.get("/").content.decode())
    assert "Wyszukiwanie" in nav or "Szukaj" in nav
    assert "My work" not in nav


def test_a_page_rendered_without_a_request_carries_no_stand_ins():
    from django.template.loader import render_to_string

    page = render_to_string("404.html", {})
    assert "\x00" not in page and '<header class="site-header">' in page


def test_the_chrome_follows_the_script_prefix(rf, editor):
    from django.urls import set_script_prefix

    from eubelong.core import chrome

    request = rf.get("/")
    request.user = editor
    try:
        set_script_prefix("/eu-belong/")
        assert 'href="/eu-belong/handbook/"' in chrome.header(request)
    finally:
        set_script_prefix("/")
    assert 'href="/handbook/"' in chrome.header(request)
