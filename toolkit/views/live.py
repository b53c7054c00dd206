"""Who else is on a workplan and what they change, as it happens: a server-sent event stream per
open page, the item each person is in, and the one row a page fetches again after a change.

The stream is opened through the region door like any page and checked again (role, account,
session) before each batch of events, so a role taken away ends it. Events name what changed and
who changed it; the page fetches the new state through `item_row`, which is an ordinary
access-checked view. Under ASGI the stream is an async generator and holds no thread; under WSGI
(`runserver`, the test client) it is a plain generator.
"""

import json
import re
import secrets
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import Http404, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect
from django.utils.cache import patch_vary_headers
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from eubelong.core import live
from eubelong.core.text import person_name
from regions.access import VIEW, region_view, still_holds

from .. import selectors
from ..services.live import channel_of, item_number
from .common import editor_url, may_edit
from .item_rows import item_rows

_CONN = re.compile(r"^[0-9a-f]{16}$")
_HEX = re.compile(r"^[0-9a-f]{32}$")
_KEEPALIVE = ": still here\n\n"  # a comment line: keeps proxies from closing an idle stream


def new_connection() -> str:
    """The id a page gives its stream and its presence reports."""
    return secrets.token_hex(8)


def live_context(workplan) -> dict:
    """What a workplan page needs to open its stream: where it stands now and its own id."""
    return {"live_after": live.last_id(channel_of(workplan)), "live_conn": new_connection()}


def _person_channel(user_id) -> str:
    return f"person:{user_id}"


def _frame(kind: str, data, event_id: str | None = None) -> str:
    head = f"id: {event_id}\n" if event_id else ""
    return f"{head}event: {kind}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


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
            "name": person_name(request.user),
            "conn": self.key,
            "item": "",
        }
        self.touched = self.checked = time.monotonic()
        self.ok = True  # checked by the door as the stream opened
        self.session_key = request.session.session_key
        self.session = request.session
        self.heartbeat = settings.LIVE_HEARTBEAT

    def allowed(self) -> bool:
        """Role, account and session, read again before events are sent; the answer is reused
        for LIVE_RECHECK seconds, so 200 listeners of a busy workplan do not cost 400 queries
        for every save."""
        now = time.monotonic()
        if now - self.checked >= settings.LIVE_RECHECK:
            session_ok = self.session_key and self.session.exists(self.session_key)
            self.ok = bool(session_ok) and still_holds(self.user_id, self.region, VIEW)
            self.checked = now
        return self.ok

    def join(self) -> list[str]:
        live.mark(_person_channel(self.user_id), self.conn, {})
        opening = [f"retry: {settings.LIVE_RETRY_MS}\n\n"]
        if self.workplan is None:
            return opening
        live.mark(self.channel, self.key, self.entry)
        live.publish(self.channel, "presence", {})
        versions = selectors.answer_versions(self.workplan)
        return [*opening, _frame("versions", versions), self.presence()]

    def touch(self, force=False) -> None:
        """Renew the presence entries (at most once per heartbeat), keeping the item the
        person's page last reported."""
        now = time.monotonic()
        if not force and now - self.touched < self.heartbeat:
            return
        self.touched = now
        live.mark(_person_channel(self.user_id), self.conn, {})
        if self.workplan is None:
            return
        for entry in live.present(self.channel):
            if entry.get("conn") == self.key:
                self.entry.update(item=entry.get("item", ""), number=entry.get("number", ""))
        live.mark(self.channel, self.key, self.entry)

    def leave(self) -> None:
        live.leave(_person_channel(self.user_id), self.conn)
        if self.workplan is not None:
            live.leave(self.channel, self.key)
            live.publish(self.channel, "presence", {})

    def presence(self) -> str:
        """Everyone else on the workplan (one line per person, their latest item)."""
        people = {}
        for entry in live.present(self.channel):
            if entry.get("user") != self.user_id:
                people.setdefault(entry.get("user"), entry)
                if entry.get("item"):
                    people[entry.get("user")] = entry
        shown = [
            {"name": e.get("name", ""), "item": e.get("item", ""), "number": e.get("number", "")}
            for e in people.values()
        ]
        return _frame("presence", {"people": sorted(shown, key=lambda p: p["name"])})

    def frames(self, events) -> list[str]:
        out = []
        for event_id, kind, data in events:
            if kind == "presence" and self.workplan is not None:
                out.append(self.presence())
                out[-1] = f"id: {event_id}\n" + out[-1]
            else:
                out.append(_frame(kind, data, event_id))
            self.after = event_id
        return out


def _sync_stream(stream):
    try:
        yield from stream.join()
        while True:
            events = live.read(stream.channel, stream.after, stream.heartbeat)
            if not stream.allowed():
                yield _frame("closed", {})
                return
            stream.touch(force=not events)
            yield from stream.frames(events) if events else [_KEEPALIVE]
    finally:
        stream.leave()


async def _async_stream(stream):
    try:
        for frame in await sync_to_async(stream.join)():
            yield frame
        while True:
            events = await live.aread(stream.channel, stream.after, stream.heartbeat)
            if not await sync_to_async(stream.allowed)():
                yield _frame("closed", {})
                return
            await sync_to_async(stream.touch)(force=not events)
            frames = await sync_to_async(stream.frames)(events) if events else [_KEEPALIVE]
            for frame in frames:
                yield frame
    finally:
        await sync_to_async(stream.leave)()


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
    entry = {"user": request.user.pk, "name": person_name(request.user), "conn": key}
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
