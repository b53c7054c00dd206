import pytest


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """`with committed():` around an action runs what it queued for after the commit (mail), as
    the end of a real request's transaction does."""

    def _committed():
        return django_capture_on_commit_callbacks(execute=True)

    return _committed
