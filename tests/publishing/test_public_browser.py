"""The public pages on a phone, as an anonymous visitor: no sideways scrolling at 375 CSS pixels
and no axe-core violation (WCAG 2.0 to 2.2, A and AA), in English and in Polish."""

import pytest

from handbook.seed import seed as seed_handbook
from tests import factories as f
from tests.browser.conftest import TIMEOUT_MS, browser, open_context  # noqa: F401
from tests.browser.harness import describe_violations, run_axe

from .factories import published

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 375, "height": 812}


def test_it_reads_well_on_a_phone_in_english_and_polish(open_context):  # noqa: F811
    publication = published(f.region(name="Pomorskie Testowe"), include_evidence=True)
    f.region(name="Still Drafting")
    seed_handbook()
    page = open_context(viewport=PHONE).new_page()
    page.set_default_timeout(TIMEOUT_MS)
    failures = []
    for lang in ["en", "pl"]:
        for path in [
            f"/open/{lang}/",
            f"/open/{lang}/{publication.region.slug}/",
            f"/open/{lang}/handbook/",
            f"/open/{lang}/handbook/areas/housing/",
            f"/open/{lang}/framework/",
        ]:
            response = page.goto(path)
            assert response.status == 200, path
            assert page.evaluate("() => document.documentElement.lang") == lang
            width = page.evaluate("() => document.documentElement.scrollWidth")
            if width > PHONE["width"]:
                failures.append(f"{path}: {width}px wide at {PHONE['width']}px")
            # The data behind each chart is part of the page too.
            for summary in page.locator("details.chart-data summary").all():
                summary.click()
            failures += describe_violations(run_axe(page), path, "anonymous")
    assert not failures, "\n".join(failures)
