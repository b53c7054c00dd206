"""axe-core on every GET page, as every role: zero WCAG 2.0/2.1 A and AA violations."""

import pytest

from .conftest import ROLES
from .harness import MUST_CHECK, describe_violations, run_axe

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("role", ROLES)
def test_it_has_no_axe_violations_on_any_page(role_walk, role):
    result = role_walk(role)
    failures = result.errors + result.axe
    assert not failures, result.report("errors", "axe")
    missing = result.missing(MUST_CHECK[role])
    assert not missing, missing


@pytest.mark.parametrize(
    ("role", "path", "status"),
    [
        ("editor", "/regions/no-such-region/", 404),
        ("contributor", "/regions/prueba/profile/edit/", 403),
    ],
)
def test_it_has_no_axe_violations_on_error_pages(actor, role, path, status):
    page = actor(role).new_page()
    response = page.goto(path)
    assert response.status == status
    violations = run_axe(page)
    assert not violations, "\n".join(describe_violations(violations, path, role))
