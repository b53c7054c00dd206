"""One number that every cached public page, dataset and API answer is keyed by. Publishing,
withdrawing, accepting a report or changing the licence draws a new one, so nothing public
outlives the decision that made it public, in any process sharing the cache."""

import uuid

from django.core.cache import cache

KEY = "publishing:generation"


def generation() -> str:
    return cache.get_or_set(KEY, lambda: uuid.uuid4().hex[:12], timeout=None)


def bump(**_signal_kwargs) -> str:
    value = uuid.uuid4().hex[:12]
    cache.set(KEY, value, timeout=None)
    return value


def key(*parts) -> str:
    """A cache key under the current generation."""
    return ":".join(["public", generation(), *(str(p) for p in parts)])
