"""Every named URL pattern of the project, classified by the apps' `tests/<app>/isolation.py`.

Shared by the tenant isolation harness and the browser harness, so a page added by any app is
walked by both without new test code.
"""

from importlib import import_module

from django.urls import URLPattern, URLResolver, get_resolver, reverse

APPS = ["regions", "toolkit", "handbook", "exports", "compare", "notify", "reporting", "publishing"]
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


def url_for(name: str, region) -> str:
    """Reverse `name` with every argument pointing at an object of `region`."""
    kwargs = {}
    for arg in PATTERNS[name]:
        assert arg in ARG_FACTORIES, f"no ARG_FACTORIES entry for URL argument {arg!r} of {name}"
        kwargs[arg] = ARG_FACTORIES[arg](region)
    return reverse(name, kwargs=kwargs)
