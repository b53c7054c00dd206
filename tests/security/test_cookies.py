"""Cookies as production sets them: __Host- names, Secure, HttpOnly and SameSite on sign-in."""

import json
import os
import subprocess
import sys

import pytest
from django.urls import reverse

from tests.eubelong.test_settings import PRODUCTION, ROOT
from tests.factories import PASSWORD

NAMES = [
    "SESSION_COOKIE_NAME",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "SESSION_COOKIE_DOMAIN",
    "SESSION_COOKIE_PATH",
    "CSRF_COOKIE_NAME",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_SAMESITE",
    "CSRF_COOKIE_DOMAIN",
    "CSRF_COOKIE_PATH",
    "LANGUAGE_COOKIE_SECURE",
    "LANGUAGE_COOKIE_HTTPONLY",
    "LANGUAGE_COOKIE_SAMESITE",
    "SECOND_FACTOR_FOR_EVERYONE",
]


@pytest.fixture(scope="module")
def production_cookies():
    code = (
        "import django, json; django.setup(); from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n) for n in {NAMES!r}}}))"
    )
    base = {
        k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS"}
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**base, **PRODUCTION, "DJANGO_SETTINGS_MODULE": "eubelong.settings"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_it_sets_host_prefixed_secure_cookies_at_sign_in(
    client, editor, settings, production_cookies
):
    for name, value in production_cookies.items():
        setattr(settings, name, value)
    settings.SECOND_FACTOR_FOR_EVERYONE = False
    assert production_cookies["SESSION_COOKIE_NAME"].startswith("__Host-")
    assert production_cookies["CSRF_COOKIE_NAME"].startswith("__Host-")

    client.get(reverse("accounts:login"), secure=True)
    response = client.post(
        reverse("accounts:login"),
        {"username": editor.username, "password": PASSWORD},
        secure=True,
    )
    assert response.status_code == 302
    session = response.cookies[production_cookies["SESSION_COOKIE_NAME"]]
    csrf = client.cookies[production_cookies["CSRF_COOKIE_NAME"]]
    for cookie in (session, csrf):
        # The __Host- prefix is only honoured with Secure, Path=/ and no Domain.
        assert cookie["secure"] is True
        assert cookie["path"] == "/"
        assert not cookie["domain"]
        assert cookie["samesite"] == "Lax"
    assert session["httponly"] is True


def test_it_sends_the_language_cookie_secure_and_http_only(client, settings, production_cookies):
    for name, value in production_cookies.items():
        setattr(settings, name, value)
    response = client.post(reverse("set_language"), {"language": "de", "next": "/"}, secure=True)
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_it_requires_a_second_factor_of_everyone_when_configured(client, editor, region, settings):
    settings.SECOND_FACTOR_FOR_EVERYONE = True
    client.get(reverse("accounts:login"))
    client.post(reverse("accounts:login"), {"username": editor.username, "password": PASSWORD})
    page = client.get(reverse("regions:home", kwargs={"region": region.slug}))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:two-factor-setup"))


def test_it_turns_the_second_factor_on_for_everyone_in_production(production_cookies):
    assert production_cookies["SECOND_FACTOR_FOR_EVERYONE"] is True
