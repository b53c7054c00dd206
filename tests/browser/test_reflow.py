"""WCAG 1.4.10 Reflow: at 320 CSS pixels wide no page needs horizontal scrolling."""

import pytest

from .conftest import ROLES
from .harness import MUST_CHECK

pytestmark = pytest.mark.browser

# The layouts every later page inherits; each must be among the pages measured.
CORE = {"home", "regions:home", "accounts:profile", "accounts:login"}


@pytest.mark.parametrize("role", ROLES)
def test_it_reflows_at_320_css_pixels_without_horizontal_scrolling(role_walk, role):
    result = role_walk(role)
    failures = result.reflow
    assert not failures, result.report("reflow")
    missing = result.missing(MUST_CHECK[role] & CORE)
    assert not missing, missing


def test_it_measures_every_core_layout_for_some_role():
    assert set().union(*MUST_CHECK.values()) >= CORE
