"""One number that every cached public page, dataset and API answer is keyed by. Publishing,
withdrawing, accepting a report or changing the licence draws a new one, so nothing public
outlives the decision that made it public, in any process sharing the cache."""

import uuid

from django.core.cache import cache
from django.db import transaction

KEY = "publishing:generation"


def generation() -> str:
    return cache.get_or_set(KEY, lambda: uuid.uuid4().hex[:12], timeout=None)


def bump(**_signal_kwargs) -> str:
    value = uuid.uuid4().hex[:12]
    cache.set(KEY, value, timeout=None)
    return value


def bump_now_and_after_commit(**_signal_kwargs) -> None:
    """For changes inside a transaction: a reader between the two bumps may keep the old text
    under the first new generation, never under the second."""
    bump()
    transaction.on_commit(bump)


def key(*parts) -> str:
    """A cache key under the current generation."""
    return ":".join(["public", generation(), *(str(p) for p in parts)])
