# The browser fixtures, for the checks in a second language.
from tests.browser.conftest import actor, browser, open_context  # noqa: F401
