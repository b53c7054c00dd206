# The browser fixtures, for the editor's own browser test.
from tests.browser.conftest import actor, browser, open_context  # noqa: F401
