# The browser fixtures, for this app's own accessibility checks.
from tests.browser.conftest import actor, browser, open_context  # noqa: F401
