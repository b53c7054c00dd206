"""Who else is on a workplan and what they change, as it happens: a server-sent event stream per
open page, the item each person is in, and the one row a page fetches again after a change.

The stream is opened through the region door like any page and checked again (role, account,
session) before each batch of events, so a role taken away ends it. Events name what changed and
who changed it; the page fetches the new state through `item_row`, which is an ordinary
access-checked view. Under ASGI the stream is an async generator and holds no thread; under WSGI
(`runserver`, the test client) it is a plain generator.
"""

import asyncio
import functools
import json
import re
import secrets
import time
from concurrent.futures import ThreadPoolExecutor

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.sessions.models import Session
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections, connections
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from eubelong.core import live
from eubelong.core.text import person_name
from regions.access import VIEW, region_view, still_holding, still_holds

from .. import selectors
from ..services.live import channel_of, item_number, person_token
from .common import editor_url, may_edit
from .item_rows import item_rows

_CONN = re.compile(r"^[0-9a-f]{16}$")
_HEX = re.compile(r"^[0-9a-f]{32}$")
_KEEPALIVE = ": still here\n\n"  # a comment line: keeps proxies from closing an idle stream


def new_connection() -> str:
    """The id a page gives its stream and its presence reports."""
    return secrets.token_hex(8)


def live_context(workplan, user) -> dict:
    """What a workplan page needs to open its stream: where it stands now, its own id, and how
    it recognises its own person in the presence list."""
    return {
        "live_after": live.last_id(channel_of(workplan)),
        "live_conn": new_connection(),
        "live_person": person_token(user.pk),
    }


def _person_channel(user_id) -> str:
    return f"person:{user_id}"


def _frame(kind: str, data, event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


@functools.lru_cache(maxsize=1024)
def _event_frame(event_id: str, kind: str, data: str) -> str:
    """An event's frame, written once per process however many pages it goes to."""
    return f"id: {event_id}\nevent: {kind}\ndata: {data}\n\n"


PRESENCE_EVERY = 1.0  # seconds between two presence lists sent to one page
PRESENCE_SHOWN = 30  # people listed by name; the rest are counted
_presence: dict[str, tuple[int, dict]] = {}  # channel -> (computed at, ms; the list)
_presence_locks: dict[str, asyncio.Lock] = {}


def _ms(event_id: str) -> int:
    return int(event_id.partition("-")[0])


def presence_list(channel: str, wanted_ms: int = 0) -> dict:
    """Who is on the workplan, one line per person (the item they are in, if any), the same for
    every listener: each page leaves itself out (live.js). Built at most once per change and
    process, however many pages listen."""
    known = _presence.get(channel)
    if known and known[0] >= wanted_ms:
        return known[1]
    now_ms = int(time.time() * 1000)
    people = {}
    for entry in live.present(channel):
        person = entry.get("person", "")
        if person not in people or entry.get("item"):
            people[person] = entry
    shown = sorted(
        (
            {
                "name": e.get("name", ""),
                "person": person,
                "item": e.get("item", ""),
                "number": e.get("number", ""),
            }
            for person, e in people.items()
        ),
        key=lambda p: p["name"],
    )
    payload = {"people": shown[:PRESENCE_SHOWN], "more": max(0, len(shown) - PRESENCE_SHOWN)}
    _presence[channel] = (now_ms, payload)
    return payload


async def _presence_async(channel: str, wanted_ms: int) -> dict:
    known = _presence.get(channel)
    if known and known[0] >= wanted_ms:
        return known[1]
    lock = _presence_locks.setdefault(channel, asyncio.Lock())
    async with lock:
        return await sync_to_async(presence_list, thread_sensitive=False)(channel, wanted_ms)


class _Stream:
    """One listener's stream: the checks, the presence entry and the frames it is sent. With a
    workplan, the listener is present on it and is sent the answers' versions on connecting."""

    def __init__(self, request, region, channel, conn, after, workplan=None):
        self.user_id = request.user.pk
        self.region, self.workplan = region, workplan
        self.channel = channel
        self.conn, self.after = conn, after
        self.key = f"{self.user_id}:{conn}"
        self.entry = {
            "user": self.user_id,
            "person": person_token(self.user_id),
            "name": person_name(request.user),
            "conn": self.key,
            "item": "",
        }
        self.touched = self.checked = self.sent = time.monotonic()
        self.ok = True  # checked by the door as the stream opened
        self.session_key = request.session.session_key
        self.session = request.session
        self.heartbeat = settings.LIVE_HEARTBEAT
        self.presence_wanted = 0  # ms time of the latest presence change not yet sent
        self.presence_sent = 0.0
        self.ident = (self.user_id, region.pk, self.session_key or "")

    def check_due(self) -> bool:
        return time.monotonic() - self.checked >= settings.LIVE_RECHECK

    def allowed(self, events=False) -> bool:
        """Role, account and session, read again before each batch of events is sent, and
        every LIVE_RECHECK seconds while there are none (WSGI: one stream, one check)."""
        if events or self.check_due():
            session_ok = self.session_key and self.session.exists(self.session_key)
            self.ok = bool(session_ok) and still_holds(self.user_id, self.region, VIEW)
            self.checked = time.monotonic()
        return self.ok

    def join(self) -> list[str]:
        live.mark(_person_channel(self.user_id), self.conn, {})
        opening = [f"retry: {settings.LIVE_RETRY_MS}\n\n"]
        if self.workplan is None:
            return opening
        live.mark(self.channel, self.key, self.entry)
        live.publish(self.channel, "presence", {})
        versions = selectors.answer_versions(self.workplan)
        self.presence_sent = time.monotonic()
        people = presence_list(self.channel, int(time.time() * 1000))
        return [*opening, _frame("versions", versions), _frame("presence", people)]

    def touch_due(self, force=False) -> bool:
        return force or time.monotonic() - self.touched >= self.heartbeat

    def touch(self) -> None:
        """Renew the presence entries: a sign of life, leaving the item the page last reported
        as it is."""
        self.touched = time.monotonic()
        live.seen(_person_channel(self.user_id), self.conn)
        if self.workplan is not None:
            live.seen(self.channel, self.key)

    async def atouch(self) -> None:
        self.touched = time.monotonic()
        await live.aseen(_person_channel(self.user_id), self.conn)
        if self.workplan is not None:
            await live.aseen(self.channel, self.key)

    def leave(self) -> None:
        live.leave(_person_channel(self.user_id), self.conn)
        if self.workplan is not None:
            live.leave(self.channel, self.key)
            live.publish(self.channel, "presence", {})

    def frames(self, events) -> list[str]:
        """Every event but presence changes, which are gathered into one list sent at most
        once a second (a room of people arriving is one list, not a list per arrival)."""
        out = []
        for event_id, kind, data in events:
            if kind == "presence":
                if self.workplan is not None:
                    self.presence_wanted = max(self.presence_wanted, _ms(event_id))
            else:
                out.append(_event_frame(event_id, kind, json.dumps(data, separators=(",", ":"))))
            self.after = event_id
        return out

    def presence_due(self) -> bool:
        return bool(self.presence_wanted) and (
            time.monotonic() - self.presence_sent >= PRESENCE_EVERY
        )

    def presence_frame(self, people) -> str:
        self.presence_wanted, self.presence_sent = 0, time.monotonic()
        return _frame("presence", people, self.after)

    def wait(self) -> float:
        """How long to wait for events: until the next sign of life, or until a pending
        presence list may be sent."""
        if self.presence_wanted:
            return max(0.05, PRESENCE_EVERY - (time.monotonic() - self.presence_sent))
        return self.heartbeat

    def quiet(self, out) -> list[str]:
        """A sign of life when nothing was sent for a heartbeat."""
        now = time.monotonic()
        if out:
            self.sent = now
            return out
        if now - self.sent >= self.heartbeat:
            self.sent = now
            return [_KEEPALIVE]
        return []


def _sync_stream(stream):
    try:
        yield from stream.join()
        while True:
            events = live.read(stream.channel, stream.after, stream.wait())
            if not stream.allowed(events=bool(events)):
                yield _frame("closed", {})
                return
            out = stream.frames(events)
            if stream.presence_due():
                out.append(
                    stream.presence_frame(presence_list(stream.channel, stream.presence_wanted))
                )
            if stream.touch_due(force=not events):
                stream.touch()
            yield from stream.quiet(out)
    finally:
        stream.leave()


BATCH_CHECK = 0.1  # seconds: a batch of events wakes every stream of a process at once


class _Checks:
    """Every open stream of this process checked together, in two queries (roles, sessions):
    before each batch of events, and every LIVE_RECHECK seconds without any. One check per
    stream cost a query each and a trip to a thread, and at 200 streams half the server's page
    throughput."""

    def __init__(self):
        self.streams: set = set()
        self.at = 0.0
        self.allowed: set = set()
        self.lock: asyncio.Lock | None = None
        self.known: set = set()

    def add(self, stream) -> None:
        self.streams.add(stream)

    def discard(self, stream) -> None:
        self.streams.discard(stream)
        if not self.streams:
            _checker.submit(connections.close_all)

    def _read(self, pairs, sessions) -> set:
        close_old_connections()  # one past its age, or broken, is replaced
        try:
            held = still_holding({(u, r) for u, r, _s in pairs})
            alive = set(
                Session.objects.filter(
                    session_key__in=sessions, expire_date__gt=timezone.now()
                ).values_list("session_key", flat=True)
            )
        except Exception:
            connections.close_all()
            raise
        return {(u, r, s) for u, r, s in pairs if (u, r) in held and s in alive}

    async def ok(self, stream, within: float) -> bool:
        """Whether `stream` may go on, from a check of all streams at most `within` seconds
        old: the streams woken by one batch of events share the one check made for it."""
        if self.lock is None:
            self.lock = asyncio.Lock()
        async with self.lock:
            if time.monotonic() - self.at >= within or stream.ident not in self.known:
                pairs = {s.ident for s in self.streams} | {stream.ident}
                sessions = {session for _u, _r, session in pairs}
                self.allowed = await asyncio.get_running_loop().run_in_executor(
                    _checker, self._read, pairs, sessions
                )
                self.known = pairs
                self.at = time.monotonic()
        stream.checked = time.monotonic()
        return stream.ident in self.allowed


_checks = _Checks()
# The checks run on a thread of their own, which keeps its database connection while this
# process has streams and hands it back when the last one ends: a connection opened for each
# check cost PostgreSQL about 5 ms and this process 2 ms, against 1 ms for the check itself.
_checker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="live-checks")


def _released(fn):
    """`fn` in the request's thread, then that thread's database connections handed back to
    the pool: a stream waits for minutes and must not hold one of the pool's few connections."""

    def run(*args, **kwargs):
        try:
            return fn(*args, **kwargs)
        finally:
            connections.close_all()

    return sync_to_async(run)


async def _async_stream(stream):
    """The same as `_sync_stream`, waiting in the event loop; it goes to a thread only for what
    reads the database or presence, and only when that is due."""
    _checks.add(stream)
    try:
        # The view and the middleware are done: what they read was on a connection of its own.
        for frame in await _released(stream.join)():
            yield frame
        while not live.stopping():
            events = await live.aread(stream.channel, stream.after, stream.wait())
            # Before each batch of events, and every LIVE_RECHECK seconds without any.
            if events:
                allowed = await _checks.ok(stream, within=BATCH_CHECK)
            else:
                allowed = not stream.check_due() or await _checks.ok(
                    stream, within=settings.LIVE_RECHECK
                )
            if not allowed:
                yield _frame("closed", {})
                return
            out = stream.frames(events)
            if stream.presence_due():
                people = await _presence_async(stream.channel, stream.presence_wanted)
                out.append(stream.presence_frame(people))
            if stream.touch_due():
                await stream.atouch()
            sent = stream.quiet(out)
            if sent:
                yield "".join(sent)  # one write for the whole batch
    finally:
        _checks.discard(stream)
        await _released(stream.leave)()


@require_safe
@region_view()
def workplan_events(request, region, workplan):
    """The stream of one open workplan page."""
    workplan = selectors.workplan_for_region(region, workplan)
    return event_stream(request, region, channel_of(workplan), workplan=workplan)


def event_stream(request, region, channel, *, workplan=None):
    """The answer that streams `channel` to a reader the region door has let in."""
    conn = request.GET.get("conn", "")
    if not _CONN.match(conn):
        raise Http404
    open_now = len(live.present(_person_channel(request.user.pk)))
    if open_now >= settings.LIVE_STREAMS_PER_PERSON:
        # The page keeps working; it says live updates are paused (see live.js).
        return HttpResponse(
            _("Too many pages open with live updates. Close some and reload this one."),
            status=429,
            content_type="text/plain; charset=utf-8",
        )
    after = (
        live.valid_id(request.headers.get("Last-Event-ID"))
        or live.valid_id(request.GET.get("after"))
        or live.last_id(channel)
    )
    stream = _Stream(request, region, channel, conn, after, workplan=workplan)
    body = _async_stream(stream) if isinstance(request, ASGIRequest) else _sync_stream(stream)
    response = StreamingHttpResponse(body, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache, no-store"
    response["X-Accel-Buffering"] = "no"  # a proxy in front must not hold the events back
    return response


@require_POST
@region_view()
def workplan_presence(request, region, workplan):
    """Which item the person is in now (empty: none); the others' pages show it."""
    conn, item = request.POST.get("conn", ""), request.POST.get("item", "")
    if not _CONN.match(conn) or (item and not _HEX.match(item)):
        raise Http404
    if item:
        response = selectors.response_for_region(region, workplan, item)
        workplan, item = response.workplan, response.uuid.hex
        number = item_number(response.item)
    else:
        workplan, number = selectors.workplan_for_region(region, workplan), ""
    channel = channel_of(workplan)
    key = f"{request.user.pk}:{conn}"
    entry = {
        "user": request.user.pk,
        "person": person_token(request.user.pk),
        "name": person_name(request.user),
        "conn": key,
    }
    live.mark(channel, key, {**entry, "item": item, "number": number})
    live.publish(channel, "presence", {})
    return HttpResponse(status=204)


@require_safe
@region_view()
def item_row(request, region, workplan, response):
    """One editor row in its current state, for a page that heard it changed; a plain request
    (no htmx) is sent to the row on the editor's page."""
    workplan = selectors.workplan_for_region(region, workplan)
    if not may_edit(request, workplan):
        raise Http404
    row = selectors.editor_row(workplan, response)
    if row is None:
        raise Http404
    if not request.htmx:
        return redirect(editor_url(region, workplan, f"item-{row.uuid.hex}", row.item.priority))
    reply = HttpResponse(item_rows(request, region, workplan, [row]))
    reply["Cache-Control"] = "no-store"
    patch_vary_headers(reply, ["HX-Request"])
    return reply
