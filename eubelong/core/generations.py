"""A generation number kept in the shared cache: cached data is keyed by it, and drawing a new
one makes every entry under the old one unreachable at once, in every process."""

import hashlib
import uuid

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> str:
        return cache.get_or_set(self.key, lambda: uuid.uuid4().hex[:12], timeout=None)

    def bump(self, **_signal_kwargs) -> str:
        value = uuid.uuid4().hex[:12]
        cache.set(self.key, value, timeout=None)
        return value

    def bump_now_and_after_commit(self, **_signal_kwargs) -> None:
        """For changes inside a transaction: a reader between the two bumps may keep the old
        data under the first new generation, never under the second."""
        self.bump()
        transaction.on_commit(self.bump)

    def kept(self, name: str, parts, build, timeout: int = 60 * 60):
        """`build()`, kept under this generation and a digest of `parts` (strings: everything
        the result depends on besides what renews the generation)."""
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
        key = f"{name}:{self.current()}:{digest}"
        found = cache.get(key)
        if found is None:
            found = build()
            cache.set(key, found, timeout)
        return found
