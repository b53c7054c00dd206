"""The shipped serving of live pages: gunicorn with uvicorn workers running the ASGI application
(eubelong/gunicorn_conf.py), two processes, PostgreSQL and Redis. A save made in another process
reaches a stream held by either worker; a stream's tab going away frees its place."""

import http.client
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.urls import reverse

from eubelong.core import live
from toolkit import services
from toolkit.models import ItemResponse
from toolkit.services.live import channel_of

from . import factories

pytestmark = [pytest.mark.services, pytest.mark.usefixtures("needs_postgres", "needs_redis")]
ROOT = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _serve(**extra_env):
    """The shipped gunicorn settings and ASGI application, against the test database."""
    port = _free_port()
    db = connection.settings_dict
    env = {
        **os.environ,
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": settings.REDIS_URL,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "2",
        "LIVE_HEARTBEAT": "1",
        "LIVE_RECHECK": "0",
        **extra_env,
    }
    gunicorn = Path(sys.executable).parent / "gunicorn"
    process = subprocess.Popen(
        [str(gunicorn), "-c", "python:eubelong.gunicorn_conf", "eubelong.asgi:application"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(150):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.2)
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def server(transactional_db):
    for port, _process in _serve():
        yield port


@pytest.fixture
def one_worker(transactional_db):
    """The port, and the pid of the one worker behind it."""
    for port, process in _serve(GUNICORN_WORKERS="1"):
        children = Path(f"/proc/{process.pid}/task/{process.pid}/children")
        yield port, int(children.read_text().split()[0])


def _open(port, url, cookie):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", url, headers={"Cookie": cookie, "Host": "localhost"})
    return conn, conn.getresponse()


def _frames(reply, kinds):
    """Read frames until every kind in `kinds` has come; {kind: data line}."""
    seen, buffer = {}, b""
    deadline = time.monotonic() + 8
    while set(kinds) - set(seen) and time.monotonic() < deadline:
        buffer += reply.read1(65536)
        while b"\n\n" in buffer:
            frame, buffer = buffer.split(b"\n\n", 1)
            lines = dict(
                line.split(": ", 1) for line in frame.decode().splitlines() if ": " in line
            )
            if "event" in lines:
                seen.setdefault(lines["event"], lines.get("data"))
    return seen


def test_a_save_reaches_streams_on_both_workers(server, region, editor, regional_admin):
    workplan = factories.workplan(region)
    client = Client()
    client.force_login(editor)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    base = reverse(
        "toolkit:workplan-events", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    # Pages go to the WSGI application on the worker's threads, streams to Django's ASGI handler.
    page_conn, page = _open(server, base.removesuffix("live/"), cookie)
    assert page.status == 200 and b'id="live"' in page.read()
    page_conn.close()
    after = live.last_id(channel_of(workplan))
    streams = []
    for n in range(4):  # spread over the two workers
        conn, reply = _open(server, f"{base}?conn={n:016x}&after={after}", cookie)
        assert reply.status == 200, reply.read()[:300]
        assert reply.getheader("Content-Type") == "text/event-stream"
        assert {"versions", "presence"} <= set(_frames(reply, ["versions", "presence"]))
        streams.append((conn, reply))

    answer = (
        ItemResponse.objects.for_region(region)
        .filter(workplan=workplan)
        .select_related("item", "workplan")
        .first()
    )
    began = time.monotonic()
    services.response_update(
        response=answer, by=regional_admin, version=answer.version, data={"evidence": "Live."}
    )
    for _conn, reply in streams:
        seen = _frames(reply, ["item"])
        assert answer.uuid.hex in seen["item"]
    assert time.monotonic() - began < 2

    # Closed tabs leave the presence list; the others stay.
    for conn, _reply in streams[:3]:
        conn.close()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and len(live.present(channel_of(workplan))) > 1:
        time.sleep(0.2)
    assert len(live.present(channel_of(workplan))) == 1
    streams[3][0].close()


def test_an_outsider_gets_no_stream_from_the_served_application(server, region, outsider):
    workplan = factories.workplan(region)
    client = Client()
    client.force_login(outsider)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    url = reverse(
        "toolkit:workplan-events", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    conn, reply = _open(server, f"{url}?conn={'a' * 16}", cookie)
    body = reply.read().decode()
    assert reply.status == 404 and region.name not in body
    conn.close()


def _cookie(user) -> str:
    client = Client()
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_a_stopping_worker_ends_its_streams_and_is_replaced(one_worker, region, editor):
    """A worker stops when it is recycled or restarted. A stream never ends by itself: a worker
    waiting for its streams would take no connections and have no successor until gunicorn
    killed it, a minute later (eubelong/workers.py)."""
    port, worker = one_worker
    workplan = factories.workplan(region)
    cookie = _cookie(editor)
    url = reverse(
        "toolkit:workplan-events", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    conn, reply = _open(port, f"{url}?conn={'b' * 16}", cookie)
    assert reply.status == 200
    assert "versions" in _frames(reply, ["versions"])
    os.kill(worker, signal.SIGTERM)  # what gunicorn sends a worker it replaces
    # Within the worker's graceful timeout (30 s), after which uvicorn would cancel the stream.
    began, ended = time.monotonic(), False
    while not ended and time.monotonic() - began < 15:
        ended = reply.read1(65536) == b""  # the stream's last chunk: ended, not cut off
    assert ended
    conn.close()
    # Its successor takes the page's reconnection.
    deadline, status = time.monotonic() + 20, None
    while time.monotonic() < deadline and status != 200:
        try:
            again, answer = _open(port, f"{url}?conn={'c' * 16}", cookie)
            status = answer.status
            again.close()
        except OSError:
            time.sleep(0.2)
    assert status == 200
