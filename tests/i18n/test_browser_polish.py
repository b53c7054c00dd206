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


def test_it_keeps_the_translation_conflict_view_accessible_in_polish(actor):
    from django.urls import reverse

    from handbook.models import TranslationStatus
    from handbook.translation.services import content_translation_save
    from tests.browser.harness import describe_violations, measure_reflow, run_axe
    from tests.handbook import factories as handbook_factories

    section = handbook_factories.section("framework", 1, title="Principles of belonging")
    person = _in_polish(actor("coordinator"))
    url = reverse(
        "translations:edit",
        kwargs={"kind": "section", "key": f"framework.{section.slug}", "language": "pl"},
    )
    page = person.new_page()
    page.goto(url)
    failures = describe_violations(run_axe(page), url, "coordinator")
    content_translation_save(
        obj=section,
        language="pl",
        values={"title": ("Zasady przynależności", TranslationStatus.REVIEWED)},
        user=person.user,
    )
    page.fill("#text-title", "Zasady")
    page.click("main form.form button[type=submit]")
    assert page.locator("#conflict").is_visible()
    failures += describe_violations(run_axe(page), url + " (conflict)", "coordinator")
    failures += measure_reflow(page, url + " (conflict)", "coordinator")
    assert not failures, "\n".join(failures)
