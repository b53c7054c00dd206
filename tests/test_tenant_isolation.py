"""Walks every URL pattern and proves nobody reaches a region they hold no role in.

A new URL pattern is covered by classifying it in its app's `tests/<app>/isolation.py`:
- public: anyone (only a server error fails);
- signed-in: anonymous visitors are sent to sign in;
- region: region data; people without a role in the region get 403/404/405, coordinators may read
  but not write;
- region-review: like region, but coordinators may also write (review actions);
- coordinator: only network coordinators;
- admin: Django admin, staff only.
"""

from importlib import import_module

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from regions.models import Role

from . import factories

APPS = ["regions", "toolkit", "handbook", "exports"]
URL_CLASSES: dict[str, str] = {}
ARG_FACTORIES: dict = {}
for _app in APPS:
    try:
        _module = import_module(f"tests.{_app}.isolation")
    except ModuleNotFoundError:
        continue
    URL_CLASSES.update(_module.URL_CLASSES)
    ARG_FACTORIES.update(_module.ARG_FACTORIES)

KNOWN_CLASSES = {"public", "signed-in", "region", "region-review", "coordinator", "admin"}
METHODS = ["get", "head", "options", "post", "put", "patch", "delete"]
SAFE = {"get", "head", "options"}
DENIED = {403, 404, 405}
VICTIM_NAME = "Victima Regionis Zq"


def _walk(patterns, namespace=None):
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = entry.namespace
            child = f"{namespace}:{ns}" if namespace and ns else (ns or namespace)
            yield from _walk(entry.url_patterns, child)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            yield name, list(entry.pattern.converters) or _regex_groups(entry)


def _regex_groups(entry):
    return list(entry.pattern.regex.groupindex)


def all_patterns():
    seen = {}
    for name, args in _walk(get_resolver().url_patterns):
        seen.setdefault(name, args)
    return seen


PATTERNS = all_patterns()
NON_ADMIN = sorted(name for name in PATTERNS if not name.startswith("admin:"))


def classify(name: str) -> str | None:
    if name.startswith("admin:"):
        return "admin"
    return URL_CLASSES.get(name)


def test_it_classifies_every_url_pattern():
    unclassified = [name for name in PATTERNS if classify(name) is None]
    assert not unclassified, (
        f"classify these URL patterns in tests/<app>/isolation.py: {unclassified}"
    )
    unknown = {name: c for name, c in URL_CLASSES.items() if c not in KNOWN_CLASSES}
    assert not unknown
    stale = [name for name in URL_CLASSES if name not in PATTERNS]
    assert not stale, f"classified but no longer a URL pattern: {stale}"


@pytest.fixture
def cast(db):
    victim = factories.region(name=VICTIM_NAME, slug="victima")
    elsewhere = factories.region(name="Elsewhere", slug="elsewhere")
    return {
        "victim": victim,
        "anonymous": None,
        "outsider": factories.UserFactory(),
        "contributor": factories.member(elsewhere, Role.CONTRIBUTOR),
        "editor": factories.member(elsewhere, Role.EDITOR),
        "admin-elsewhere": factories.member(elsewhere, Role.ADMIN),
        "coordinator": factories.coordinator(),
    }


def _url(name, victim):
    kwargs = {}
    for arg in PATTERNS[name]:
        assert arg in ARG_FACTORIES, f"no ARG_FACTORIES entry for URL argument {arg!r} of {name}"
        kwargs[arg] = ARG_FACTORIES[arg](victim)
    return reverse(name, kwargs=kwargs)


def _allowed(url_class: str, who: str, method: str, response) -> bool:
    status = response.status_code
    if status >= 500:
        return False
    if url_class == "public":
        return True
    if who == "anonymous":
        login = status == 302 and "/accounts/login/" in response.get("Location", "")
        admin_login = status == 302 and "/admin/login/" in response.get("Location", "")
        return login or admin_login or status in DENIED
    if url_class == "signed-in":
        return True
    if url_class == "admin":
        return status in DENIED or (status == 302 and "/admin/login/" in response["Location"])
    if who == "coordinator":
        if url_class == "coordinator":
            return True
        if url_class in {"region", "region-review"} and method in SAFE:
            return True
        if url_class == "region-review":
            return True
        return status in DENIED
    return status in DENIED


@pytest.mark.parametrize("name", NON_ADMIN + ["admin:index", "admin:regions_region_changelist"])
def test_it_keeps_every_url_inside_its_tenant(client, cast, name):
    url_class = classify(name)
    url = _url(name, cast["victim"]) if name in NON_ADMIN else reverse(name)
    failures = []
    for who in ["anonymous", "outsider", "contributor", "editor", "admin-elsewhere", "coordinator"]:
        client.logout()
        if cast[who] is not None:
            client.force_login(cast[who])
        for method in METHODS:
            for htmx in (False, True):
                headers = {"HX-Request": "true"} if htmx else {}
                response = getattr(client, method)(url, headers=headers)
                if not _allowed(url_class, who, method, response):
                    failures.append(f"{who} {method.upper()} htmx={htmx}: {response.status_code}")
                elif response.status_code in DENIED and who != "coordinator":
                    body = response.content.decode(errors="replace")
                    if VICTIM_NAME in body:
                        failures.append(f"{who} {method.upper()}: denial names the region")
    assert not failures, f"{name} ({url_class}) {url}:\n" + "\n".join(failures)
