"""Live channels: ordered events per channel that a listener can catch up on from the last id it
saw, and who is present on a channel right now.

With REDIS_URL the events are a capped Redis stream per channel (ids are Redis stream ids, made of
a millisecond time and a sequence, so ids stay ordered across a Redis restart) and presence is a
hash per channel: every web process sees every event. Without it, one process keeps both in memory,
which is what `make run` needs.

An event carries no content, only what changed and who changed it: a listener fetches the new
state through the ordinary, access-checked pages. Events are kept for catching up after a short
break; a listener that was away longer (or across a Redis restart without persistence) is sent
the current versions when it reconnects instead, see toolkit/views/live.py.
"""

import asyncio
import functools
import json
import threading
import time
from collections import deque
from contextlib import suppress

from django.conf import settings
from django.db import transaction

KEPT = 500  # events kept per channel for catching up
PRESENT_FOR = 45  # seconds a presence entry lives without a sign of life
_PREFIX = "eubelong:live:"


def _now_id(last: str | None) -> str:
    ms = int(time.time() * 1000)
    if last:
        last_ms, last_seq = (int(p) for p in last.split("-"))
        if ms <= last_ms:
            return f"{last_ms}-{last_seq + 1}"
    return f"{ms}-0"


@functools.lru_cache(maxsize=4096)
def _key(event_id: str) -> tuple[int, int]:
    ms, _, seq = event_id.partition("-")
    return int(ms), int(seq or 0)


def valid_id(value: str | None) -> str | None:
    """An event id a client sent back, or None when it is not one."""
    if not value or len(value) > 40:
        return None
    ms, _, seq = value.partition("-")
    return value if ms.isdigit() and seq.isdigit() else None


class _Memory:
    """One process: a deque per channel and a condition to wake the listeners."""

    url = ""

    def __init__(self):
        self.events: dict[str, deque] = {}
        self.present: dict[str, dict[str, tuple[float, dict]]] = {}
        self.lock = threading.Condition()
        self.last = None

    def publish(self, channel, kind, data):
        with self.lock:
            self.last = event_id = _now_id(self.last)
            queue = self.events.setdefault(channel, deque(maxlen=KEPT))
            queue.append((event_id, kind, data))
            self.lock.notify_all()
        return event_id

    def _after(self, channel, after):
        if after is None:
            return []
        return [e for e in self.events.get(channel) or () if _key(e[0]) > _key(after)]

    def read(self, channel, after, timeout):
        deadline = time.monotonic() + timeout
        with self.lock:
            while True:
                found = self._after(channel, after)
                left = deadline - time.monotonic()
                if found or left <= 0:
                    return found
                self.lock.wait(left)

    async def aread(self, channel, after, timeout):
        deadline = time.monotonic() + timeout
        while True:
            with self.lock:
                found = self._after(channel, after)
            if found or _stopping or time.monotonic() >= deadline:
                return found
            await asyncio.sleep(0.2)

    def last_id(self, channel):
        queue = self.events.get(channel)
        return queue[-1][0] if queue else "0-0"

    def mark(self, channel, conn, entry):
        with self.lock:
            self.present.setdefault(channel, {})[conn] = (time.time(), entry)

    def seen(self, channel, conn):
        with self.lock:
            known = self.present.get(channel, {}).get(conn)
            if known:
                self.present[channel][conn] = (time.time(), known[1])

    async def aseen(self, channel, conn):
        self.seen(channel, conn)

    def leave(self, channel, conn):
        with self.lock:
            self.present.get(channel, {}).pop(conn, None)

    def entries(self, channel):
        cutoff = time.time() - PRESENT_FOR
        with self.lock:
            return [e for seen, e in self.present.get(channel, {}).values() if seen >= cutoff]


class _Redis:
    """Every process: a capped stream and a presence hash per channel."""

    def __init__(self, url):
        import redis  # noqa: PLC0415 - only with REDIS_URL
        import redis.asyncio  # noqa: PLC0415

        self.url = url
        self.sync = redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=60)
        self.asyncs = {}
        self.async_module = redis.asyncio
        self.feeds: dict[str, _Feed] = {}

    def _async(self):
        loop = asyncio.get_running_loop()
        client = self.asyncs.get(loop)
        if client is None:
            client = self.async_module.Redis.from_url(
                self.url, socket_connect_timeout=2, socket_timeout=60
            )
            self.asyncs = {loop: client}  # one event loop per worker process
        return client

    def publish(self, channel, kind, data):
        fields = {"k": kind, "d": json.dumps(data)}
        event_id = self.sync.xadd(_PREFIX + channel, fields, maxlen=KEPT, approximate=True)
        return event_id.decode()

    @staticmethod
    def _decode(reply):
        rows = reply[0][1] if reply else []
        return [
            (event_id.decode(), fields[b"k"].decode(), json.loads(fields[b"d"]))
            for event_id, fields in rows
        ]

    def read(self, channel, after, timeout):
        if after is None:
            return []
        block = max(1, int(timeout * 1000))
        return self._decode(self.sync.xread({_PREFIX + channel: after}, block=block, count=100))

    async def aread(self, channel, after, timeout):
        """One reader per channel and process (`_Feed`): a save wakes a process's hundred
        listeners with one Redis read, not a hundred."""
        if after is None:
            return []
        feed = self.feeds.get(channel)
        if feed is None or feed.loop is not asyncio.get_running_loop():
            # Made and registered before the first await: a hundred listeners arriving at once
            # share one feed.
            feed = self.feeds[channel] = _Feed(self._async(), _PREFIX + channel, self._decode)
            feed.starting = asyncio.ensure_future(feed.start())
        await feed.starting
        if _key(after) < _key(feed.start_id):
            # Catching up from before this process read the channel: straight from the stream.
            rows = await self._async().xrange(_PREFIX + channel, min="(" + after, count=100)
            if rows:
                return self._decode([(None, rows)])
        return await feed.wait(after, timeout)

    def last_id(self, channel):
        rows = self.sync.xrevrange(_PREFIX + channel, count=1)
        return rows[0][0].decode() if rows else "0-0"

    def _keys(self, channel):
        return _PREFIX + "present:" + channel, _PREFIX + "seen:" + channel

    def mark(self, channel, conn, entry):
        """Who `conn` is and where; `seen` alone renews it (no read, one write)."""
        present, seen = self._keys(channel)
        pipe = self.sync.pipeline()
        pipe.hset(present, conn, json.dumps(entry))
        pipe.hset(seen, conn, time.time())
        pipe.expire(present, PRESENT_FOR * 2)
        pipe.expire(seen, PRESENT_FOR * 2)
        pipe.execute()

    def seen(self, channel, conn):
        present, seen = self._keys(channel)
        pipe = self.sync.pipeline()
        pipe.hset(seen, conn, time.time())
        pipe.expire(present, PRESENT_FOR * 2)
        pipe.expire(seen, PRESENT_FOR * 2)
        pipe.execute()

    async def aseen(self, channel, conn):
        present, seen = self._keys(channel)
        pipe = self._async().pipeline()
        pipe.hset(seen, conn, time.time())
        pipe.expire(present, PRESENT_FOR * 2)
        pipe.expire(seen, PRESENT_FOR * 2)
        await pipe.execute()

    def leave(self, channel, conn):
        present, seen = self._keys(channel)
        pipe = self.sync.pipeline()
        pipe.hdel(present, conn)
        pipe.hdel(seen, conn)
        pipe.execute()

    def entries(self, channel):
        present, seen = self._keys(channel)
        pipe = self.sync.pipeline()
        pipe.hgetall(present)
        pipe.hgetall(seen)
        entries, times = pipe.execute()
        cutoff, out, stale = time.time() - PRESENT_FOR, [], []
        for conn, raw in entries.items():
            if float(times.get(conn, 0)) >= cutoff:
                out.append(json.loads(raw))
            else:
                stale.append(conn)
        if stale:
            self.sync.hdel(present, *stale)
            self.sync.hdel(seen, *stale)
        return out


class _Feed:
    """A channel as one worker process reads it: a task that follows the Redis stream and keeps
    its recent events, and the listeners of that process waiting on them. It stops once nobody
    has asked for a while."""

    IDLE = 120  # seconds without a listener before the reader stops
    # Saves that come close together reach the listeners together: a busy workplan wakes each
    # listener at most this often, at the cost of as much delay.
    GATHER = 0.2

    def __init__(self, client, key, decode):
        self.client, self.key, self.decode = client, key, decode
        self.events: deque = deque(maxlen=KEPT)
        self.changed = asyncio.Condition()
        self.loop = asyncio.get_running_loop()
        self.used = time.monotonic()
        self.start_id = self.last = "0-0"
        self.task = None
        self.starting = None

    async def start(self):
        rows = await self.client.xrevrange(self.key, count=1)
        self.start_id = self.last = rows[0][0].decode() if rows else "0-0"
        self.task = asyncio.create_task(self.follow())

    async def follow(self):
        while time.monotonic() - self.used < self.IDLE:
            try:
                reply = await self.client.xread({self.key: self.last}, block=5000, count=100)
            except Exception:  # noqa: BLE001 - Redis restarting: listeners time out and retry
                await asyncio.sleep(1)
                continue
            found = self.decode(reply)
            if found:
                async with self.changed:
                    self.events.extend(found)
                    self.last = found[-1][0]
                    self.changed.notify_all()
                await asyncio.sleep(self.GATHER)
        self.task = None

    def since(self, after):
        """The kept events after `after`, read from the newest back: usually none or one."""
        bound, found = _key(after), []
        for event in reversed(self.events):
            if _key(event[0]) <= bound:
                break
            found.append(event)
        found.reverse()
        return found

    async def wait(self, after, timeout):
        self.used = time.monotonic()
        if self.task is None:
            self.task = asyncio.create_task(self.follow())
        async with self.changed:
            found = self.since(after)
            if found or _stopping:
                return found
            with suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait(), timeout)
            return self.since(after)


_backend = None
_backend_lock = threading.Lock()
_stopping = False


def stopping() -> bool:
    """Whether this process is stopping: its streams end, and their pages reconnect to another
    process and catch up from the last event they had."""
    return _stopping


async def stop_streams() -> None:
    """End this process's event streams as it stops (eubelong/workers.py): every listener
    waiting on a feed is woken now, sees `stopping()` and ends. A stream never ends by itself,
    and the process would otherwise wait for each until it is killed."""
    global _stopping  # noqa: PLW0603 - one per process
    _stopping = True
    loop = asyncio.get_running_loop()
    for feed in list(getattr(_backend, "feeds", {}).values()):
        if feed.loop is loop:
            async with feed.changed:
                feed.changed.notify_all()


def backend():
    global _backend  # noqa: PLW0603 - one per process
    url = settings.REDIS_URL or ""
    if _backend is None or _backend.url != url:
        with _backend_lock:
            _backend = _Redis(url) if url else _Memory()
    return _backend


def publish(channel: str, kind: str, data: dict) -> str | None:
    """Send an event now; a live channel that is down loses the event, never the write."""
    try:
        return backend().publish(channel, kind, data)
    except Exception:  # noqa: BLE001 - pages show the change on the next load
        return None


def publish_on_commit(channel: str, kind: str, data: dict) -> None:
    transaction.on_commit(lambda: publish(channel, kind, data))


def last_id(channel: str) -> str:
    try:
        return backend().last_id(channel)
    except Exception:  # noqa: BLE001 - then the page is sent the versions when it connects
        return "0-0"


def read(channel: str, after: str | None, timeout: float):
    """The events after `after` (an empty list after `timeout` seconds without one)."""
    return backend().read(channel, after, timeout)


async def aread(channel: str, after: str | None, timeout: float):
    return await backend().aread(channel, after, timeout)


def mark(channel: str, conn: str, entry: dict) -> None:
    backend().mark(channel, conn, entry)


def seen(channel: str, conn: str) -> None:
    """A sign of life from `conn`, which `mark` made present."""
    with suppress(Exception):  # the entry expires by itself
        backend().seen(channel, conn)


async def aseen(channel: str, conn: str) -> None:
    with suppress(Exception):
        await backend().aseen(channel, conn)


def leave(channel: str, conn: str) -> None:
    with suppress(Exception):  # the entry expires by itself
        backend().leave(channel, conn)


def present(channel: str) -> list[dict]:
    try:
        return backend().entries(channel)
    except Exception:  # noqa: BLE001
        return []
