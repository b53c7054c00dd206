"""Shared fixtures.

Under CI=true a missing PostgreSQL, Redis or worker fails the run; locally the tests that need one
skip with the reason.
"""

import os

import pytest
from django.conf import settings

from regions.models import Role

from . import factories

pytest_plugins = ["tests.celery_worker"]

CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def require_service(name: str, available: bool, reason: str):
    if available:
        return
    if CI:
        pytest.fail(f"{name} is required under CI=true: {reason}")
    pytest.skip(f"{name} not available: {reason}")


@pytest.fixture(autouse=True)
def _default_language():
    # A request in another language leaves it active in the thread; start every test in English.
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _fast_password_hashing(settings):
    # The production hasher costs ~0.3 s per user; tests create hundreds of users.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fresh_presence():
    """Who has a live page open is kept per user and workplan id, which SQLite hands out again
    after a test's rollback: a stream an earlier test left open must not count in the next (the
    in-process channel; with Redis, PostgreSQL's ids are never reused)."""
    from eubelong.core import live

    backend = live.backend()
    if not backend.url:
        with backend.lock:
            backend.present.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    # Rate-limit counters live in the cache and are keyed by user id, which tests reuse. The
    # workers' heartbeat is theirs, not the test's: it survives, as does no health report.
    from django.core.cache import cache

    from eubelong.core import health

    try:
        beat = cache.get(health.HEARTBEAT_KEY)
    except Exception:  # noqa: BLE001 - tests of a broken cache configure their own
        beat = None
    cache.clear()
    if beat is not None:
        cache.set(health.HEARTBEAT_KEY, beat, timeout=health.HEARTBEAT_STALE)
    health.cached_report.clear()


@pytest.fixture(autouse=True)
def _tasks_in_process():
    """Tasks run in the test's own process unless the test asks for the real worker
    (`celery_worker`), which sends them to its queue instead."""
    from eubelong.celery import app

    previous = app.conf.task_always_eager
    app.conf.task_always_eager = True
    yield
    app.conf.task_always_eager = previous


@pytest.fixture
def needs_postgres():
    engine = settings.DATABASES["default"]["ENGINE"]
    require_service("PostgreSQL", engine.endswith("postgresql"), "set DATABASE_URL=postgres://...")


@pytest.fixture
def needs_redis():
    require_service("Redis", bool(settings.REDIS_URL), "set REDIS_URL=redis://...")


@pytest.fixture
def region(db):
    return factories.region(name="Home Region", slug="home-region")


@pytest.fixture
def other_region(db):
    return factories.region(name="Other Region", slug="other-region")


@pytest.fixture
def editor(region):
    return factories.member(region, Role.EDITOR)


@pytest.fixture
def contributor(region):
    return factories.member(region, Role.CONTRIBUTOR)


@pytest.fixture
def regional_admin(region):
    return factories.member(region, Role.ADMIN)


@pytest.fixture
def coordinator(db):
    return factories.coordinator()


@pytest.fixture
def outsider(other_region):
    """Somebody with a role, but only in another region."""
    return factories.member(other_region, Role.ADMIN)


@pytest.fixture
def login(client):
    def _login(user):
        client.force_login(user)
        return client

    return _login


@pytest.fixture(autouse=True)
def _second_factor_on_force_login(monkeypatch):
    """`client.force_login` stands for a complete sign-in: a person who must pass a second factor
    (coordinators, platform staff; see docs/accounts.md) gets a confirmed authenticator and a
    verified session (tests/signin.py). Tests of the second factor itself sign in through the
    real views."""
    from django.test import Client

    from .signin import pass_second_factor

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        pass_second_factor(self, user)

    monkeypatch.setattr(Client, "force_login", force_login)
