"""The live channels: ordered events a listener catches up on from its last id, and presence;
in one process's memory without Redis, in Redis streams and hashes with it."""

import asyncio
import threading
import time
import uuid

import pytest

from eubelong.core import live
from tests.asyncrun import run_async

BACKENDS = ["memory", "redis"]


@pytest.fixture(params=BACKENDS)
def bus(request, settings):
    """Each backend in turn; Redis only where the machine has it (CI always does)."""
    if request.param == "redis":
        request.getfixturevalue("needs_redis")
    else:
        settings.REDIS_URL = ""
    yield live.backend()


def _channel():
    return f"test:{uuid.uuid4().hex}"


def test_it_hands_a_listener_the_events_after_the_last_one_it_saw(bus):
    channel = _channel()
    start = live.last_id(channel)
    first = live.publish(channel, "item", {"n": 1})
    second = live.publish(channel, "item", {"n": 2})
    assert live.read(channel, start, 1) == [(first, "item", {"n": 1}), (second, "item", {"n": 2})]
    assert live.read(channel, first, 1) == [(second, "item", {"n": 2})]
    # Nothing newer: an empty answer once the wait is over.
    assert live.read(channel, second, 0.2) == []
    assert live.read(_channel(), start, 0.1) == []


def test_ids_keep_their_order_within_one_millisecond(bus):
    channel = _channel()
    ids = [live.publish(channel, "item", {"n": n}) for n in range(20)]
    keys = [tuple(int(p) for p in i.split("-")) for i in ids]
    assert keys == sorted(keys) and len(set(keys)) == 20


def test_a_waiting_listener_wakes_when_an_event_arrives(bus):
    channel = _channel()
    after = live.last_id(channel)
    threading.Timer(0.3, live.publish, (channel, "item", {"late": True})).start()
    began = time.monotonic()
    events = live.read(channel, after, 5)
    assert [e[2] for e in events] == [{"late": True}]
    assert time.monotonic() - began < 4


def test_an_async_listener_reads_the_same_events(bus):
    channel = _channel()
    after = live.last_id(channel)
    published = live.publish(channel, "presence", {})
    events = run_async(live.aread, channel, after, 1)
    assert events == [(published, "presence", {})]


def test_presence_lists_who_is_there_until_they_leave_or_go_quiet(bus, monkeypatch):
    channel = _channel()
    live.mark(channel, "1:a", {"name": "Aoife", "item": ""})
    live.mark(channel, "2:b", {"name": "Bogdan", "item": "abc"})
    assert sorted(e["name"] for e in live.present(channel)) == ["Aoife", "Bogdan"]
    live.leave(channel, "1:a")
    assert [e["name"] for e in live.present(channel)] == ["Bogdan"]
    # No sign of life for longer than PRESENT_FOR: gone.
    later = time.time() + live.PRESENT_FOR + 1
    monkeypatch.setattr(live.time, "time", lambda: later)
    assert live.present(channel) == []


def test_client_ids_are_checked_before_they_reach_the_store():
    assert live.valid_id("1712345678901-3") == "1712345678901-3"
    for bad in ["", None, "abc", "1-2-3", "$", "1" * 50, "12-x"]:
        assert live.valid_id(bad) is None


def test_a_live_channel_that_is_down_loses_the_event_not_the_write(settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"  # nothing listens there
    channel = _channel()
    assert live.publish(channel, "item", {}) is None
    assert live.present(channel) == []
    live.leave(channel, "1:a")
    assert live.last_id(channel)


def test_without_redis_every_process_part_shares_one_memory(settings):
    settings.REDIS_URL = ""
    assert live.backend() is live.backend()
    assert type(live.backend()).__name__ == "_Memory"


def test_an_async_listener_catches_up_from_before_its_process_read_the_channel(bus):
    channel = _channel()
    start = live.last_id(channel)
    old = live.publish(channel, "item", {"n": 1})

    async def late_then_live():
        caught_up = await live.aread(channel, start, 1)
        # Now waiting: an event published meanwhile wakes it.
        waiting = asyncio.ensure_future(live.aread(channel, old, 5))
        await asyncio.sleep(0.3)
        await asyncio.get_running_loop().run_in_executor(
            None, live.publish, channel, "item", {"n": 2}
        )
        return caught_up, await waiting

    caught_up, woken = run_async(late_then_live)
    assert [e[2] for e in caught_up] == [{"n": 1}]
    assert [e[2] for e in woken] == [{"n": 2}]
