"""A live workplan page: its event stream (opened through the region door, checked again while
it runs, bounded per person), who is where, and the one row a page fetches after a change."""

import asyncio
import json

import pytest
from asgiref.sync import sync_to_async
from django.db import connections
from django.test import AsyncClient
from django.urls import reverse

from eubelong.core import live
from regions.models import Role
from tests import factories as base
from tests.asyncrun import run_async
from toolkit import services
from toolkit.models import ItemResponse
from toolkit.services.live import channel_of
from toolkit.views import live as live_views
from toolkit.views.live import PRESENCE_SHOWN, person_token

from . import factories

pytestmark = pytest.mark.django_db
CONN = "0123456789abcdef"


@pytest.fixture(autouse=True)
def _quick(settings):
    settings.LIVE_HEARTBEAT = 1
    settings.LIVE_RECHECK = 0


def _kwargs(workplan):
    return {"region": workplan.region.slug, "workplan": workplan.uuid}


def events_url(workplan, conn=CONN, after=None):
    url = reverse("toolkit:workplan-events", kwargs=_kwargs(workplan)) + f"?conn={conn}"
    return url + (f"&after={after}" if after else "")


def _frames(response, count):
    """The first `count` frames of a stream (comments included), then the stream is closed."""
    out, buffer = [], ""
    chunks = iter(response.streaming_content)
    while len(out) < count:
        buffer += next(chunks).decode()
        while "\n\n" in buffer and len(out) < count:
            frame, buffer = buffer.split("\n\n", 1)
            out.append(frame)
    _close(response)
    return out


def _close(response):
    """Close a stream as the server does when the tab goes. Through the test client's wrapper,
    which keeps the test's database connection open around the close."""
    response._iterator.close()


def _parse(frame):
    fields = dict(line.split(": ", 1) for line in frame.splitlines() if ": " in line)
    data = json.loads(fields["data"]) if "data" in fields else None
    return fields.get("event"), data, fields.get("id")


def _first_response(workplan, number=1):
    return (
        ItemResponse.objects.for_region(workplan.region)
        .filter(workplan=workplan, item__priority__number=1)
        .select_related("item")
        .order_by("item__number")[number - 1]
    )


def test_it_opens_with_the_answers_versions_and_who_else_is_here(login, region, editor):
    workplan = factories.workplan(region)
    other = base.member(region, Role.ADMIN, first_name="Aoife", last_name="Byrne")
    aoife = {"user": other.pk, "person": person_token(other.pk), "name": "Aoife"}
    live.mark(channel_of(workplan), f"{other.pk}:{'f' * 16}", aoife)
    response = login(editor).get(events_url(workplan))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/event-stream"
    assert response["Cache-Control"] == "no-cache, no-store"
    retry, versions, presence = _frames(response, 3)
    assert retry.startswith("retry: ")
    kind, data, _ = _parse(versions)
    first = _first_response(workplan)
    assert kind == "versions" and data[first.uuid.hex] == first.version
    kind, data, _ = _parse(presence)
    assert kind == "presence" and data["more"] == 0
    # The same list for every page, without user ids; each page leaves its own person out.
    others = [p for p in data["people"] if p["person"] != person_token(editor.pk)]
    assert others == [{"name": "Aoife", "person": person_token(other.pk), "item": "", "number": ""}]
    assert len(data["people"]) == 2
    assert all(set(p) == {"name", "person", "item", "number"} for p in data["people"])
    # The stream closed: the reader is no longer listed for the others.
    names = [e["name"] for e in live.present(channel_of(workplan))]
    assert names == ["Aoife"]


def test_a_save_by_someone_else_reaches_the_open_stream_with_who_and_what(
    login, region, editor, django_capture_on_commit_callbacks
):
    workplan = factories.workplan(region)
    other = base.member(region, Role.ADMIN, first_name="Aoife", last_name="Byrne")
    response = login(editor).get(events_url(workplan, after=live.last_id(channel_of(workplan))))
    head = _frames_open(response, 3)
    answer = _first_response(workplan)
    with django_capture_on_commit_callbacks(execute=True):
        services.response_update(
            response=answer, by=other, version=answer.version, data={"evidence": "Mapped."}
        )
    frame = _next_event(head, "item")
    kind, data, event_id = _parse(frame)
    assert data == {
        "item": answer.uuid.hex,
        "version": answer.version,
        "by": "Aoife Byrne",
        "number": f"1.{answer.item.number}",
        "what": "answer",
        "person": person_token(other.pk),
    }
    assert live.valid_id(event_id)
    _close(head["response"])


def _frames_open(response, count):
    """Read `count` frames and keep the stream open for more."""
    chunks = iter(response.streaming_content)
    state = {"response": response, "chunks": chunks, "buffer": "", "frames": []}
    for _ in range(count):
        _next_frame(state)
    return state


def _next_frame(state):
    while "\n\n" not in state["buffer"]:
        state["buffer"] += next(state["chunks"]).decode()
    frame, state["buffer"] = state["buffer"].split("\n\n", 1)
    state["frames"].append(frame)
    return frame


def _next_event(state, kind, tries=10):
    for _ in range(tries):
        frame = _next_frame(state)
        if _parse(frame)[0] == kind:
            return frame
    raise AssertionError(f"no {kind} event")


def test_a_comment_renews_the_row_s_counts_on_open_pages(
    login, region, editor, contributor, django_capture_on_commit_callbacks
):
    workplan = factories.workplan(region)
    state = _frames_open(login(editor).get(events_url(workplan)), 3)
    answer = _first_response(workplan)
    with django_capture_on_commit_callbacks(execute=True):
        services.comment_add(by=contributor, kind="comment", body="See page 4", response=answer)
    _, data, _ = _parse(_next_event(state, "item"))
    assert data["item"] == answer.uuid.hex and data["what"] == "comment"
    _close(state["response"])


def test_a_stream_catches_up_from_the_last_event_id_after_a_break(login, region, editor):
    workplan = factories.workplan(region)
    channel = channel_of(workplan)
    seen = live.publish(channel, "item", {"item": "a" * 32, "version": 2, "by": "", "what": "x"})
    missed = live.publish(channel, "item", {"item": "b" * 32, "version": 3, "by": "", "what": "x"})
    client = login(editor)
    state = _frames_open(client.get(events_url(workplan), headers={"Last-Event-ID": seen}), 3)
    _, data, event_id = _parse(_next_event(state, "item"))
    assert event_id == missed and data["item"] == "b" * 32
    _close(state["response"])


def test_a_role_taken_away_ends_the_stream(login, region, editor):
    workplan = factories.workplan(region)
    state = _frames_open(login(editor).get(events_url(workplan)), 3)
    editor.groups.clear()
    assert _parse(_next_event(state, "closed"))[0] == "closed"
    with pytest.raises(StopIteration):
        _next_frame(state)


def test_signing_out_elsewhere_ends_the_stream(login, region, editor):
    workplan = factories.workplan(region)
    client = login(editor)
    state = _frames_open(client.get(events_url(workplan)), 3)
    client.session.flush()
    assert _parse(_next_event(state, "closed"))[0] == "closed"


def test_one_person_holds_a_bounded_number_of_streams(login, region, editor, settings):
    settings.LIVE_STREAMS_PER_PERSON = 1
    workplan = factories.workplan(region)
    client = login(editor)
    state = _frames_open(client.get(events_url(workplan)), 1)
    refused = client.get(events_url(workplan, conn="fedcba9876543210"))
    assert refused.status_code == 429
    assert "Too many pages open" in refused.content.decode()
    _close(state["response"])
    assert client.get(events_url(workplan, conn="fedcba9876543210")).status_code == 200


def test_outsiders_and_strangers_ids_get_nothing(login, region, other_region, outsider, editor):
    workplan = factories.workplan(region)
    client = login(outsider)
    answer = _first_response(workplan)
    row = reverse("toolkit:item-row", kwargs={**_kwargs(workplan), "response": answer.uuid})
    presence = reverse("toolkit:workplan-presence", kwargs=_kwargs(workplan))
    assert client.get(events_url(workplan)).status_code == 404
    assert client.get(row, headers={"HX-Request": "true"}).status_code == 404
    assert client.post(presence, {"conn": CONN, "item": answer.uuid.hex}).status_code == 404
    # Under one's own region, another region's workplan or answer is not found either.
    mine = factories.workplan(other_region)
    theirs = reverse(
        "toolkit:workplan-presence", kwargs={"region": other_region.slug, "workplan": mine.uuid}
    )
    assert client.post(theirs, {"conn": CONN, "item": answer.uuid.hex}).status_code == 404
    assert live.present(channel_of(workplan)) == []
    assert client.get(events_url(mine, conn="not-a-conn")).status_code == 404


def test_presence_names_the_item_someone_is_in(login, region, editor, regional_admin):
    workplan = factories.workplan(region)
    answer = _first_response(workplan, 2)
    presence = reverse("toolkit:workplan-presence", kwargs=_kwargs(workplan))
    reply = login(regional_admin).post(presence, {"conn": CONN, "item": answer.uuid.hex})
    assert reply.status_code == 204
    state = _frames_open(login(editor).get(events_url(workplan, conn="1" * 16)), 3)
    kind, data, _ = _parse(state["frames"][2])
    name = regional_admin.get_full_name() or regional_admin.username
    assert kind == "presence"
    admin = next(p for p in data["people"] if p["person"] == person_token(regional_admin.pk))
    assert admin == {
        "name": name,
        "person": person_token(regional_admin.pk),
        "item": answer.uuid.hex,
        "number": f"1.{answer.item.number}",
    }
    _close(state["response"])


def test_a_row_is_fetched_in_its_current_state_for_editors_only(login, region, editor, contributor):
    workplan = factories.workplan(region)
    answer = _first_response(workplan)
    row = reverse("toolkit:item-row", kwargs={**_kwargs(workplan), "response": answer.uuid})
    client = login(editor)
    plain = client.get(row)
    assert plain.status_code == 302
    assert plain["Location"].endswith(f"?priority=1#item-{answer.uuid.hex}")
    reply = client.get(row, headers={"HX-Request": "true"})
    html = reply.content.decode()
    assert "HX-Request" in reply["Vary"]
    assert reply.status_code == 200 and html.startswith(f'<li id="item-{answer.uuid.hex}-row">')
    assert f'name="version" value="{answer.version}"' in html
    assert 'name="csrfmiddlewaretoken" value="' in html and "\x00" not in html
    assert login(contributor).get(row, headers={"HX-Request": "true"}).status_code == 404


def test_the_stream_leaves_the_compressor_alone(login, region, editor):
    workplan = factories.workplan(region)
    response = login(editor).get(events_url(workplan), headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in response
    _close(response)


@pytest.mark.django_db(transaction=True)
def test_under_asgi_the_stream_is_asynchronous(region, editor):
    workplan = factories.workplan(region)
    client = AsyncClient()
    client.force_login(editor)

    async def first_frames():
        response = await client.get(events_url(workplan))
        chunks, out = response.streaming_content, ""
        async for chunk in chunks:
            out += chunk.decode()
            if out.count("\n\n") >= 3:
                break
        await chunks.aclose()
        return response, out

    response, text = run_async(first_frames)
    assert response.status_code == 200 and response.is_async
    assert "event: versions" in text and "event: presence" in text


def test_review_notes_and_replies_reach_open_review_pages(
    login, region, editor, coordinator, django_capture_on_commit_callbacks
):
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=editor)
    answer = _first_response(workplan)
    state = _frames_open(login(editor).get(events_url(workplan)), 3)
    with django_capture_on_commit_callbacks(execute=True):
        note = services.comment_add(
            response=answer, by=coordinator, kind="review", body="Name the departments."
        )
    _, data, _ = _parse(_next_event(state, "note"))
    assert data == {
        "target": answer.uuid.hex,
        "by": coordinator.get_full_name() or coordinator.username,
    }
    with django_capture_on_commit_callbacks(execute=True):
        services.note_reply(note=note, by=editor, body="Social affairs.")
    assert _parse(_next_event(state, "note"))[1]["target"] == answer.uuid.hex
    with django_capture_on_commit_callbacks(execute=True):
        services.note_resolve(note=note, by=coordinator)
    assert _parse(_next_event(state, "note"))[1]["target"] == answer.uuid.hex
    _close(state["response"])


def test_a_review_page_fetches_one_item_s_threads(login, region, editor, outsider, coordinator):
    workplan = factories.workplan(region)
    services.workplan_submit(workplan=workplan, by=editor)
    answer = _first_response(workplan)
    services.comment_add(response=answer, by=coordinator, kind="review", body="Say more.")
    url = reverse("toolkit:review-threads", kwargs={**_kwargs(workplan), "target": answer.uuid})
    client = login(editor)
    html = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert html.startswith(f'<div class="threads" id="threads-{answer.uuid.hex}"')
    assert "Say more." in html and "<html" not in html
    assert client.get(url).status_code == 302
    assert login(outsider).get(url, headers={"HX-Request": "true"}).status_code == 404


def test_a_crowd_is_listed_by_its_first_names_and_counted(login, region, editor):
    workplan = factories.workplan(region)
    for n in range(PRESENCE_SHOWN + 5):
        entry = {"user": 10_000 + n, "person": f"p{n:03d}", "name": f"Person {n:03d}"}
        live.mark(channel_of(workplan), f"{10_000 + n}:{n:016x}", entry)
    state = _frames_open(login(editor).get(events_url(workplan)), 3)
    _, data, _ = _parse(state["frames"][2])
    assert len(data["people"]) == PRESENCE_SHOWN and data["more"] == 6  # 35 and the reader
    _close(state["response"])


def _asgi_until_closed(workplan, editor, *then) -> str:
    """What an ASGI stream of `workplan` sends `editor` until it closes: after its three opening
    frames the editor's roles are taken away, then each of `then` (callables) is run."""
    client = AsyncClient()
    client.force_login(editor)

    async def until_closed():
        response = await client.get(events_url(workplan))
        chunks, seen = response.streaming_content, ""
        async for chunk in chunks:
            seen += chunk.decode()
            if seen.count("\n\n") == 3:
                for step in (editor.groups.clear, *then):
                    await sync_to_async(step, thread_sensitive=False)()
            if "event: closed" in seen:
                break
        await chunks.aclose()
        return seen

    return run_async(until_closed)


@pytest.mark.django_db(transaction=True)
def test_under_asgi_a_role_taken_away_ends_the_stream_too(region, editor):
    assert "event: closed" in _asgi_until_closed(factories.workplan(region), editor)


def test_each_batch_of_events_is_checked_however_long_the_recheck(login, region, editor, settings):
    settings.LIVE_RECHECK = 3600
    workplan = factories.workplan(region)
    state = _frames_open(login(editor).get(events_url(workplan)), 3)
    editor.groups.clear()
    live.publish(channel_of(workplan), "item", {"item": "a" * 32, "version": 9, "by": ""})
    assert _parse(_next_event(state, "closed"))[0] == "closed"
    assert not any('"version":9' in f for f in state["frames"])


@pytest.mark.django_db(transaction=True)
def test_under_asgi_each_batch_of_events_is_checked_too(region, editor, settings):
    settings.LIVE_RECHECK = 3600
    workplan = factories.workplan(region)

    def save_meanwhile():
        live.publish(channel_of(workplan), "item", {"item": "b" * 32, "version": 9, "by": ""})

    seen = _asgi_until_closed(workplan, editor, save_meanwhile)
    assert "event: closed" in seen and "b" * 32 not in seen


@pytest.mark.django_db(transaction=True)
def test_under_asgi_a_stopping_process_ends_its_streams(region, editor, monkeypatch):
    """As a worker stops (eubelong/workers.py): the stream ends at once, its page reconnects
    to another worker."""
    monkeypatch.setattr(live, "_stopping", False)  # put back after the test
    workplan = factories.workplan(region)
    client = AsyncClient()
    client.force_login(editor)

    async def until_ended():
        response = await client.get(events_url(workplan))
        seen, told = "", False
        # Shorter than the heartbeat the stream waits on (15 s): a stream that goes on, or ends
        # only at its next heartbeat, fails the test instead of hanging it.
        async with asyncio.timeout(10):
            async for chunk in response.streaming_content:
                seen += chunk.decode()
                if not told and seen.count("\n\n") >= 3:
                    told = True
                    await live.stop_streams()
        return seen

    seen = run_async(until_ended)
    assert "event: versions" in seen and "event: closed" not in seen


@pytest.mark.django_db(transaction=True)
def test_the_stream_checks_keep_one_connection_until_the_last_stream_ends(region, editor):
    """A connection opened for each check cost more than the check (toolkit/views/live.py)."""

    class Listener:
        ident = (editor.pk, region.pk, "no-such-session")

    checks, stream = live_views._Checks(), Listener()
    checks.add(stream)

    def connection_id():
        return id(connections["default"].connection)

    assert run_async(lambda: checks.ok(stream, within=0)) is False  # the session is gone
    first = live_views._checker.submit(connection_id).result()
    assert run_async(lambda: checks.ok(stream, within=0)) is False
    assert live_views._checker.submit(connection_id).result() == first != id(None)
    checks.discard(stream)

    def handed_back():  # Django never closes an in-memory SQLite database: the tests' own
        db = connections["default"]
        return db.connection is None or (db.vendor == "sqlite" and db.is_in_memory_db())

    assert live_views._checker.submit(handed_back).result()
