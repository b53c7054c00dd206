"""Strict readers for settings taken from the environment.

A malformed value stops start-up with a message that names the variable, so a typo in a deployment
never turns into a silently different configuration.
"""

import os
from urllib.parse import urlsplit

import environ
from django.core.exceptions import ImproperlyConfigured

POSTGRES = {"postgres", "postgresql", "pgsql"}
# Booleans are read here, not by django-environ, which reads any unknown word as false.
TRUE = {"1", "true", "yes", "on"}
FALSE = {"0", "false", "no", "off", ""}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    return None if value is None else value.strip()


def env_str(name: str, default: str | None = None) -> str | None:
    value = _raw(name)
    return default if value is None or value == "" else value


def env_bool(name: str, default: bool) -> bool:
    value = _raw(name)
    if value is None:
        return default
    if value.lower() in TRUE:
        return True
    if value.lower() in FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of true/false/1/0/yes/no, got {value!r}")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    value = _raw(name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from None
    if minimum is not None and number < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {number}")
    return number


def env_list(name: str, default: list[str]) -> list[str]:
    value = _raw(name)
    if value is None or value == "":
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def env_choice(name: str, default: str, choices: set[str]) -> str:
    value = env_str(name, default)
    if value not in choices:
        raise ImproperlyConfigured(f"{name} must be one of {sorted(choices)}, got {value!r}")
    return value


def parse_database_url(url: str, *, name: str = "DATABASE_URL") -> dict:
    """Turn postgres://user:pass@host:port/db or sqlite:///path into a DATABASES entry.

    django-environ parses the URL; what it would let through silently (another database, no
    name, a port that is not a number) stops start-up here with the variable's name."""
    parts = urlsplit(url)
    if parts.scheme not in POSTGRES | {"sqlite"}:
        raise ImproperlyConfigured(
            f"{name} must start with postgres:// or sqlite://, got {parts.scheme or url!r}"
        )
    try:
        config = environ.Env.db_url_config(url)
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port: {url!r}") from None
    if not config.get("NAME"):
        what = "a database" if parts.scheme in POSTGRES else "a file"
        raise ImproperlyConfigured(f"{name} must name {what}: {url!r}")
    if parts.scheme in POSTGRES:
        config["PORT"] = str(config.get("PORT") or "")
        config.setdefault("OPTIONS", {})
        config["CONN_HEALTH_CHECKS"] = True  # how long a connection lives: settings.py
    return config


def check_redis_url(url: str, *, name: str = "REDIS_URL") -> str:
    parts = urlsplit(url)
    if parts.scheme not in {"redis", "rediss"} or not parts.hostname:
        raise ImproperlyConfigured(f"{name} must look like redis://host:port/db, got {url!r}")
    try:
        parts.port  # noqa: B018 - raises on a malformed port
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port: {url!r}") from None
    return url
