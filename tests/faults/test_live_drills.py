"""Live pages through a Redis restart: the shipped ASGI server (uvicorn workers), private Redis
and PostgreSQL. An open page hears of a save made after Redis came back, on the same stream or,
if the stream broke, by reconnecting as a browser does (Last-Event-ID, then the versions)."""

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from eubelong.core import live
from tests.celery_worker import stop_group
from toolkit.models import ItemResponse
from toolkit.services.live import channel_of

from .conftest import _free_port, _session_cookie, remember
from .test_drills import _setup

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def asgi_server(database_url, tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "REDIS_URL": settings.REDIS_URL,
        "DJANGO_SETTINGS_MODULE": "eubelong.settings",
        "DEBUG": "true",
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": "1",
        "LIVE_HEARTBEAT": "1",
    }
    log = open(tmp_path / "asgi.log", "ab")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "-c", "python:eubelong.gunicorn_conf",
         "eubelong.asgi:application"],
        cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT,
        start_new_session=True,
    )  # fmt: skip
    remember(process)
    for _ in range(150):
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            time.sleep(0.2)
    yield port, tmp_path / "asgi.log"
    stop_group(process)
    log.close()


class Stream:
    """A page's event stream as a browser holds it: reconnects with the last id it saw."""

    def __init__(self, port, path, cookie):
        self.port, self.path, self.cookie = port, path, cookie
        self.last_id, self.frames, self.sock = None, [], None
        self.connect()

    def connect(self):
        self.sock = socket.create_connection(("127.0.0.1", self.port), timeout=2)
        head = f"GET {self.path} HTTP/1.1\r\nHost: localhost\r\nCookie: {self.cookie}\r\n"
        if self.last_id:
            head += f"Last-Event-ID: {self.last_id}\r\n"
        self.sock.sendall((head + "\r\n").encode())
        self.buffer = b""

    def read_until(self, found, timeout):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                chunk = self.sock.recv(65536)
            except TimeoutError:
                continue
            except OSError:
                chunk = b""
            if not chunk:  # the stream broke: back, as EventSource comes back
                time.sleep(1)
                try:
                    self.connect()
                except OSError:
                    time.sleep(0.5)
                continue
            self.buffer += chunk
            *frames, self.buffer = self.buffer.split(b"\n\n")
            for frame in frames:
                text = frame.decode(errors="replace")
                for line in text.splitlines():
                    if line.startswith("id: "):
                        self.last_id = line[4:]
                self.frames.append(text)
                if found(text):
                    return text
        return None

    def close(self):
        self.sock.close()


def test_a_page_hears_of_a_save_made_after_a_redis_restart(server, browser, redis, asgi_server):
    port, log = asgi_server
    region, editor, workplan = _setup("Live Restart")
    answer = ItemResponse.objects.for_region(region).filter(workplan=workplan).first()
    cookie = f"{settings.SESSION_COOKIE_NAME}={_session_cookie(editor)}"
    path = reverse(
        "toolkit:workplan-events", kwargs={"region": region.slug, "workplan": workplan.uuid}
    )
    stream = Stream(
        port, f"{path}?conn={'d' * 16}&after={live.last_id(channel_of(workplan))}", cookie
    )
    assert stream.read_until(lambda f: "event: presence" in f, 15), Path(log).read_text()[-3000:]

    redis.restart()
    person = browser(editor)
    person.get(
        reverse("toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid})
    )
    item = reverse(
        "toolkit:item",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "response": answer.uuid},
    )
    data = {"status": "in_progress", "evidence": "After the restart", "link": "",
            "version": answer.version}  # fmt: skip
    status, _, body = person.post(item, data)
    assert status in (200, 302), body[-1000:]
    new_version = answer.version + 1

    def heard(frame):
        if "event: item" in frame and answer.uuid.hex in frame:
            return True
        # Reconnected after the break: the versions it starts with carry the save.
        return "event: versions" in frame and f'"{answer.uuid.hex}":{new_version}' in frame

    assert stream.read_until(heard, 20), (stream.frames[-5:], Path(log).read_text()[-3000:])
    stream.close()
