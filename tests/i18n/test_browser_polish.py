"""The axe and reflow walk again, in Polish: longer words, other plurals, English fallbacks."""

import pytest
from django.conf import settings

from tests.browser.harness import MUST_CHECK, walk

pytestmark = pytest.mark.browser


def _in_polish(person):
    person.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": "pl", "url": person.base_url}]
    )
    return person


@pytest.mark.parametrize("role", ["coordinator", "editor", "anonymous"])
def test_it_has_no_axe_or_reflow_failures_in_polish(actor, role):
    person = _in_polish(actor(role))
    result = walk(person)
    failures = result.errors + result.axe + result.reflow
    assert not failures, result.report("errors", "axe", "reflow")
    assert not result.missing(MUST_CHECK[role]), result.missing(MUST_CHECK[role])
    if role == "coordinator":
        assert {"translations:list", "translations:edit", "handbook:framework-section"} <= set(
            result.checked
        ), result.skipped
    page = person.new_page()
    page.goto(result.checked["home"])
    assert page.locator("html").get_attribute("lang") == "pl"
