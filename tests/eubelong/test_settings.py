"""Settings come from the environment only, and a bad value stops start-up with a clear message."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

from eubelong.core.env import parse_database_url

ROOT = Path(__file__).resolve().parents[2]
# Variables of the test process that a production start-up would not have.
PARENT_ONLY = {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "a-production-secret-key-that-is-long-and-random-7f3a9c2e1b5d8f0a4c6e",
    "ALLOWED_HOSTS": "eubelong.example.org",
    "DATABASE_URL": "sqlite:///" + str(ROOT / "var" / "deploy-check.sqlite3"),
}


def run_manage(*args, env: dict):
    base = {k: v for k, v in os.environ.items() if k not in PARENT_ONLY}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**base, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_it_passes_check_deploy_with_production_settings():
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("DEBUG", "maybe", "DEBUG must be one of"),
        ("SESSION_COOKIE_AGE", "eight hours", "SESSION_COOKIE_AGE must be an integer"),
        ("SESSION_COOKIE_AGE", "10", "SESSION_COOKIE_AGE must be at least"),
        ("DATABASE_URL", "mysql://db/x", "DATABASE_URL must start with postgres:// or sqlite://"),
        ("DATABASE_URL", "postgres://host:notaport/db", "DATABASE_URL has an invalid port"),
        ("REDIS_URL", "localhost:6379", "REDIS_URL must look like redis://"),
        ("LOG_LEVEL", "LOUD", "LOG_LEVEL must be one of"),
    ],
)
def test_it_refuses_to_start_with_a_malformed_value(name, value, message):
    result = run_manage("check", env={name: value})
    assert result.returncode != 0
    assert message in result.stderr


def test_it_requires_a_secret_key_and_hosts_in_production():
    without_key = {**PRODUCTION, "SECRET_KEY": ""}
    assert "SECRET_KEY must be set" in run_manage("check", env=without_key).stderr
    short_key = {**PRODUCTION, "SECRET_KEY": "short"}
    assert "at least 50 characters" in run_manage("check", env=short_key).stderr
    no_hosts = {**PRODUCTION, "ALLOWED_HOSTS": ""}
    assert "ALLOWED_HOSTS must be set" in run_manage("check", env=no_hosts).stderr


def test_it_parses_database_urls():
    pg = parse_database_url("postgres://user:p%40ss@db.example:6543/eubelong?sslmode=require")
    assert pg["ENGINE"] == "django.db.backends.postgresql"
    assert (pg["NAME"], pg["USER"], pg["PASSWORD"], pg["HOST"], pg["PORT"]) == (
        "eubelong",
        "user",
        "p@ss",
        "db.example",
        "6543",
    )
    assert pg["OPTIONS"] == {"sslmode": "require"}
    assert parse_database_url("sqlite:////tmp/x.sqlite3")["NAME"] == "/tmp/x.sqlite3"
    assert parse_database_url("sqlite:///db.sqlite3")["NAME"] == "db.sqlite3"


def test_it_uses_production_cookies_and_headers_when_debug_is_off():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_NAME, s.SECURE_SSL_REDIRECT)"
    )
    base = {k: v for k, v in os.environ.items() if k not in PARENT_ONLY}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "eubelong.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["True", "True", "31536000", "__Host-sessionid", "True"]


def _postgres_setting(expression: str, **env) -> str:
    """What `expression` (over the database settings `d`) prints with a PostgreSQL URL and
    `env` (a None value leaves that variable unset)."""
    env = {"DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused", **env}
    env = {name: value for name, value in env.items() if value is not None}
    code = (
        f"from django.conf import settings; d = settings.DATABASES['default']; print({expression})"
    )
    result = run_manage("shell", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.strip().splitlines()[-1]


@pytest.mark.parametrize(("value", "prepared"), [(None, True), ("false", False)])
def test_postgresql_prepares_statements_unless_told_not_to(value, prepared):
    printed = _postgres_setting("d['OPTIONS']", DATABASE_PREPARED=value)
    assert ("'server_side_binding': True" in printed) is prepared
    assert ("'prepare_threshold': 1" in printed) is prepared


@pytest.mark.parametrize(
    ("value", "pooled"), [(None, False), ("true", True), ("false", False), ("1", True)]
)
def test_postgresql_connections_come_from_a_pool_when_asked(value, pooled):
    printed = _postgres_setting(
        "d['CONN_MAX_AGE'], d['OPTIONS'].get('pool')", DATABASE_POOL=value, DATABASE_POOL_SIZE="7"
    )
    if pooled:
        assert printed.startswith("0 {") and "'max_size': 7" in printed
    else:
        assert printed == "600 None"


@pytest.mark.parametrize(("value", "age"), [(None, "600"), ("0", "0"), ("3600", "3600")])
def test_postgresql_connections_live_as_long_as_told(value, age):
    assert _postgres_setting("d['CONN_MAX_AGE']", DATABASE_CONN_MAX_AGE=value) == age


def test_a_negative_connection_age_stops_start_up():
    env = {
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/unused",
        "DATABASE_CONN_MAX_AGE": "-1",
    }
    result = run_manage("check", env=env)
    assert result.returncode != 0
    assert "DATABASE_CONN_MAX_AGE must be at least 0" in result.stderr
