"""A generation number kept in the shared cache: cached data is keyed by it, and drawing a new
one makes every entry under the old one unreachable at once, in every process.

The cache only saves time: when it cannot be reached, nothing is kept and everything is built.
"""

import hashlib
import uuid
from contextlib import suppress

from django.core.cache import cache
from django.db import transaction


class Generation:
    def __init__(self, key: str):
        self.key = key

    def current(self) -> str:
        """The generation; a new one each time the cache cannot be reached, which nothing
        was kept under."""
        try:
            return cache.get_or_set(self.key, lambda: uuid.uuid4().hex[:12], timeout=None)
        except Exception:  # noqa: BLE001 - the cache only saves time
            return "unreachable-" + uuid.uuid4().hex

    def bump(self, **_signal_kwargs) -> str:
        value = uuid.uuid4().hex[:12]
        with suppress(Exception):
            cache.set(self.key, value, timeout=None)
        return value

    def bump_now_and_after_commit(self, **_signal_kwargs) -> None:
        """For changes inside a transaction: a reader between the two bumps may keep the old
        data under the first new generation, never under the second."""
        self.bump()
        transaction.on_commit(self.bump)

    def kept(self, name: str, parts, build, timeout: int = 60 * 60, *, in_process=False):
        """`build()`, kept under this generation and a digest of `parts` (strings: everything
        the result depends on besides what renews the generation).

        With `in_process` the value read is also kept in this process under the same key, and
        the same object is handed to every later reader: for values read on every view that
        cost more to unpickle than to look up (a few hundred rows), and that no reader
        changes. A new generation is a new key, so the copy is never stale."""
        generation = self.current()
        digest = hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:40]
        key = f"{name}:{generation}:{digest}"
        if in_process and (found := _in_process.get(key)) is not None:
            return found
        try:
            found = cache.get(key)
        except Exception:  # noqa: BLE001
            found = None
        if found is None:
            found = build()
            with suppress(Exception):
                cache.set(key, found, timeout)
        if in_process:
            if len(_in_process) >= _IN_PROCESS_MAX:
                _in_process.pop(next(iter(_in_process)), None)  # the oldest
            _in_process[key] = found
        return found


_IN_PROCESS_MAX = 512
_in_process: dict = {}
