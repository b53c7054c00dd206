"""One headless Chromium per test session, one browser context per role.

Playwright's sync API keeps an event loop running in the main thread, so Django's async-safety
check would refuse the tests' plain synchronous ORM calls; DJANGO_ALLOW_ASYNC_UNSAFE lifts that.
"""

import os
import shutil
from dataclasses import dataclass, field

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from regions.models import Region, Role
from tests import factories
from tests.conftest import require_service

from .harness import DESKTOP, walk

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ROLES = ["anonymous", "contributor", "editor", "regional-admin", "coordinator", "platform-admin"]
TIMEOUT_MS = 15_000


def chromium_path() -> str | None:
    path = os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium"
    if os.path.isfile(path) and os.access(path, os.X_OK):
        return path
    return shutil.which(path)


# Apps import the `browser` fixture into their own conftest, which makes pytest build it once per
# package; Playwright's sync API allows one running instance, so every copy shares this one.
_SHARED: dict = {"users": 0}


def _start_browser(path: str):
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - dev dependency missing
        require_service("Playwright", False, str(error))
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        require_service("Chromium", False, f"{path} did not start: {error}")
    _SHARED.update(playwright=playwright, browser=browser)


@pytest.fixture(scope="session")
def browser():
    path = chromium_path()
    require_service("Chromium", path is not None, "install chromium or set CHROMIUM_PATH")
    if "browser" not in _SHARED:
        _start_browser(path)
    _SHARED["users"] += 1
    yield _SHARED["browser"]
    _SHARED["users"] -= 1
    if _SHARED["users"] == 0:
        _SHARED.pop("browser").close()
        _SHARED.pop("playwright").stop()


@dataclass
class Actor:
    """A role as the browser sees it: who, which region is theirs, and a signed-in context."""

    role: str
    user: object | None
    region: object
    context: object = field(repr=False)
    base_url: str = ""

    def new_page(self):
        page = self.context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        return page


def make_user(role: str, region):
    if role == "anonymous":
        return None
    if role == "contributor":
        return factories.member(region, Role.CONTRIBUTOR)
    if role == "editor":
        return factories.member(region, Role.EDITOR)
    if role == "regional-admin":
        return factories.member(region, Role.ADMIN)
    if role == "coordinator":
        return factories.coordinator()
    if role == "platform-admin":
        return factories.UserFactory(is_staff=True, is_superuser=True)
    raise ValueError(role)


def sign_in(context, user, base_url: str):
    """Give the context the session cookie of `user`, as if they had signed in."""
    client = Client()
    client.force_login(user)  # past the second factor too (tests/signin.py)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )


@pytest.fixture
def open_context(browser, live_server):
    """Open a browser context; closed after the test."""
    contexts = []

    def _open(**options):
        options.setdefault("viewport", DESKTOP)
        # axe is injected as a script tag; a strict CSP must not stop the audit.
        options.setdefault("bypass_csp", True)
        context = browser.new_context(base_url=live_server.url, **options)
        contexts.append(context)
        return context

    yield _open
    for context in contexts:
        context.close()


def _test_region():
    return Region.objects.filter(slug="prueba").first() or factories.region(
        name="Región de Prueba", slug="prueba"
    )


@pytest.fixture
def actor(open_context, live_server, transactional_db):
    """Build an Actor for `role`, with a region of their own (any network region for others)."""

    def _actor(role: str, *, region=None, **options) -> Actor:
        # Several actors in one test share the region, so they meet on the same pages.
        region = region or _test_region()
        user = make_user(role, region)
        context = open_context(**options)
        if user is not None:
            sign_in(context, user, live_server.url)
        return Actor(role, user, region, context, live_server.url)

    return _actor


@pytest.fixture
def browser_page(open_context, transactional_db):
    """A page in a fresh, signed-out context."""
    page = open_context().new_page()
    page.set_default_timeout(TIMEOUT_MS)
    return page


@pytest.fixture
def password_user(transactional_db):
    """An editor of exactly one region, who signs in with the factory password."""
    region = _test_region()
    user = factories.member(region, Role.EDITOR, username="editor.prueba")
    assert get_user_model().objects.get(pk=user.pk).check_password(factories.PASSWORD)
    return user, region


@pytest.fixture(scope="session")
def _walks():
    return {}


@pytest.fixture
def role_walk(actor, _walks):
    """The walk of every page as `role`, done once per session and shared by the checks."""

    def _walk(role: str):
        if role not in _walks:
            _walks[role] = walk(actor(role))
        return _walks[role]

    return _walk
