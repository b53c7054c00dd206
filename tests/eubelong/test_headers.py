"""Security headers on every URL pattern and on the error pages."""

import pytest
from django.test import Client, override_settings
from django.urls import reverse

from regions.models import Role
from tests.urlwalk import PATTERNS, classify, url_for

from .. import factories

EXPECTED = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
CSP_DIRECTIVES = [
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "script-src 'self'",
]


def assert_security_headers(response, where):
    for name, value in EXPECTED.items():
        assert response.get(name) == value, f"{where}: {name}={response.get(name)!r}"
    csp = response.get("Content-Security-Policy", "")
    for directive in CSP_DIRECTIVES:
        assert directive in csp, f"{where}: CSP lacks {directive}"
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, where
    assert "camera=()" in response.get("Permissions-Policy", ""), where


@pytest.fixture
def member_client(db):
    region = factories.region(name="Header Region", slug="header-region")
    client = Client()
    client.force_login(factories.member(region, Role.ADMIN))
    return client, region


def test_it_sends_security_headers_on_every_url_pattern(member_client):
    client, region = member_client
    checked = 0
    for name, args in PATTERNS.items():
        if name.startswith("admin:") and args:
            continue
        response = client.get(url_for(name, region) if args else reverse(name))
        assert_security_headers(response, f"{name} ({classify(name)}) {response.status_code}")
        checked += 1
    assert checked >= len([n for n in PATTERNS if not n.startswith("admin:")])


def test_it_sends_security_headers_on_403_and_404(member_client, other_region):
    client, region = member_client
    not_found = client.get(reverse("regions:home", kwargs={"region": other_region.slug}))
    assert not_found.status_code == 404
    assert_security_headers(not_found, "404")
    editor_client = Client()
    editor_client.force_login(factories.member(region, Role.CONTRIBUTOR))
    forbidden = editor_client.get(reverse("regions:edit", kwargs={"region": region.slug}))
    assert forbidden.status_code == 403
    assert_security_headers(forbidden, "403")


@override_settings(ROOT_URLCONF="tests.eubelong.urls_boom", DEBUG=False)
def test_it_sends_security_headers_on_500(db):
    client = Client(raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert_security_headers(response, "500")
    assert "deliberate failure" not in response.content.decode()


@override_settings(SECURE_HSTS_SECONDS=31536000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True)
def test_it_sends_hsts_for_a_year_with_subdomains_over_https(db):
    response = Client().get(reverse("accounts:login"), secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]


def test_it_varies_on_htmx_wherever_one_url_serves_a_page_and_a_partial(member_client):
    """A cache must never hand the partial to a browser asking for the page, or the reverse."""
    client, region = member_client
    coordinator = Client()
    coordinator.force_login(factories.coordinator())
    both = 0
    for name, args in PATTERNS.items():
        if name.startswith("admin:"):
            continue
        url = url_for(name, region) if args else reverse(name)
        for who in (client, coordinator):
            page = who.get(url)
            partial = who.get(url, headers={"HX-Request": "true"})
            served_partial = b"<html" in page.content and b"<html" not in partial.content
            if page.status_code == partial.status_code == 200 and served_partial:
                both += 1
                for response in (page, partial):
                    assert "HX-Request" in response.get("Vary", ""), f"{name}: no Vary"
    assert both >= 5
