"""Fault drills: a real web server (gunicorn) and a real Celery worker on private PostgreSQL and
Redis instances that the tests stop and restart. Run through `make faults`
(`python -m tests.faults.run`), which creates those instances; elsewhere the drills skip.
"""

import http.client
import os
import re
import socket
import subprocess
import sys
import time
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

import pytest
from django.conf import settings

from tests.celery_worker import Worker, _database_url, stop_group

from .services import PrivatePostgres, PrivateRedis

START_TIMEOUT = 60
REQUEST_TIMEOUT = 30
# Short so the drill can see a queued job offer "Try again" after a broker outage.
RESEND_AFTER = 3


def _private(name: str) -> Path | None:
    folder = os.environ.get(name)
    return Path(folder) if folder else None


@pytest.fixture(scope="session")
def private_services():
    pg_folder, redis_folder = _private("FAULTS_PGDATA_FOLDER"), _private("FAULTS_REDIS_FOLDER")
    if not (pg_folder and redis_folder):
        pytest.skip("fault drills need their private PostgreSQL and Redis: run `make faults`")
    return PrivatePostgres(pg_folder), PrivateRedis(redis_folder)


@pytest.fixture(autouse=True)
def _private_services_only(private_services):
    """Every drill here, the imported ones too, runs only against the private instances."""


@pytest.fixture
def postgres(private_services):
    from django.db import connections

    instance = private_services[0]
    yield instance
    if not (instance.data / "postmaster.pid").exists():
        instance.start()
    # This process's connections died with the server; teardown needs fresh ones.
    connections.close_all()


def forget_broker_connections() -> None:
    """Drop this process's pooled broker connections, which died with the old Redis."""
    from kombu import pools

    from eubelong.celery import app

    pools.reset()
    app._pool = None
    app.amqp._producer_pool = None


@pytest.fixture
def redis(private_services):
    instance = private_services[1]
    yield instance
    if not instance.pidfile.exists():
        instance.start()
    forget_broker_connections()


def remember(process: subprocess.Popen) -> None:
    """Tell `tests.faults.run` about a process group to kill should a finalizer never run."""
    pids = os.environ.get("FAULTS_PIDS")
    if pids:
        with open(pids, "a") as handle:
            handle.write(f"{process.pid}\n")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class WebServer:
    """gunicorn serving the project on a loopback port, two processes with threads each."""

    def __init__(self, *, folder: Path):
        self.folder = folder
        self.port = _free_port()
        self.process: subprocess.Popen | None = None

    def start(self, database_url: str, media_root: Path, **extra_env) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(media_root),
            "DJANGO_SETTINGS_MODULE": "eubelong.settings",
            "DEBUG": "true",
            "EXPORTS_RESEND_AFTER": str(RESEND_AFTER),
            "EXPORTS_MAX_ACTIVE_PER_USER": "10",
            "RATELIMIT_EXPORT": "1000/m",
            **extra_env,
        }
        self._log = open(self.folder / "gunicorn.log", "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "eubelong.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", "2", "--threads", "8",
                "--timeout", "60", "--graceful-timeout", "5",
            ],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )  # fmt: skip
        remember(self.process)
        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early:\n{self.log()}")
            try:
                self.request("GET", "/accounts/login/", timeout=2)
                return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not answer within {START_TIMEOUT}s:\n{self.log()}")

    def log(self) -> str:
        return (self.folder / "gunicorn.log").read_text(errors="replace")[-4000:]

    def request(self, method, path, *, cookies=None, data=None, headers=None, timeout=None):
        """One request on a fresh connection: (status, headers, body text). Redirects not followed."""
        connection = http.client.HTTPConnection(
            "127.0.0.1", self.port, timeout=timeout or REQUEST_TIMEOUT
        )
        sent = dict(headers or {})
        if cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
        body = None
        if data is not None:
            body = urlencode(data)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            return response.status, response.headers, response.read().decode(errors="replace")
        finally:
            connection.close()

    def worker_pids(self) -> set[int]:
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return {int(pid) for pid in path.read_text().split()} if path.exists() else set()

    def stop(self) -> None:
        if self.process is None:
            return
        stop_group(self.process)
        self._log.close()
        self.process = None


class Browser:
    """A signed-in person talking to the web server: session cookie plus CSRF token."""

    def __init__(self, server: WebServer, session_cookie: str):
        self.server = server
        self.cookies = {settings.SESSION_COOKIE_NAME: session_cookie}
        self.csrf = None

    def get(self, path, **kwargs):
        status, headers, body = self.server.request("GET", path, cookies=self.cookies, **kwargs)
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        found = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body)
        if found:
            self.csrf = found.group(1)
        return status, headers, body

    def post(self, path, data=None, **kwargs):
        assert self.csrf, "GET a page with a form first"
        return self.server.request(
            "POST",
            path,
            cookies=self.cookies,
            data={"csrfmiddlewaretoken": self.csrf, **(data or {})},
            **kwargs,
        )


def _session_cookie(user) -> str:
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client.cookies[settings.SESSION_COOKIE_NAME].value


@pytest.fixture(scope="session")
def _stack(private_services, django_db_setup, django_db_blocker, tmp_path_factory):
    """gunicorn and a Celery worker on the private services' test database, for the session."""
    from django.db import connection

    folder = tmp_path_factory.mktemp("faults")
    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    media_root = folder / "media"
    server = WebServer(folder=folder)
    worker = _worker(folder / "worker.log", media_root)
    try:
        worker.start(database_url)
        remember(worker.process)
        server.start(database_url, media_root)
        yield server, worker, database_url
    finally:
        server.stop()
        worker.stop()
        # Their connections must be gone before pytest-django drops the test database.
        time.sleep(0.5)


def _worker(log_path: Path, media_root: Path) -> Worker:
    worker = Worker(media_root=media_root, log_path=log_path)
    # Nothing else uses the private Redis, so the worker takes the default queue the web
    # server sends to.
    worker.queue = "celery"
    worker.nodename = f"faults-{os.getpid()}-{time.monotonic_ns()}@{socket.gethostname()}"
    return worker


@pytest.fixture
def server(_stack, settings):
    web, worker, _ = _stack
    settings.MEDIA_ROOT = worker.media_root
    from eubelong.celery import app

    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue
    yield web
    app.conf.task_always_eager, app.conf.task_default_queue = previous


@pytest.fixture
def worker(_stack, server):
    return _stack[1]


@pytest.fixture
def database_url(_stack):
    return _stack[2]


@pytest.fixture
def browser(server):
    def _browser(user) -> Browser:
        return Browser(server, _session_cookie(user))

    return _browser


@pytest.fixture
def limited_stack(_stack, server, tmp_path, monkeypatch):
    """A second web server and worker whose environment sets short task time limits.

    The web server matters too: the sender puts its time limits into the message. The shared
    worker stops meanwhile so that it cannot take these messages.
    """
    _, worker, database_url = _stack
    started = []

    def _start(**env) -> tuple[WebServer, Worker]:
        for key, value in env.items():
            monkeypatch.setenv(key, str(value))
        worker.stop()
        forget_broker_connections()
        web = WebServer(folder=tmp_path)
        started.append(web)
        web.start(database_url, worker.media_root)
        limited = _worker(tmp_path / "limited-worker.log", worker.media_root)
        started.append(limited)
        limited.start(database_url)
        remember(limited.process)
        return web, limited

    yield _start
    for instance in reversed(started):
        instance.stop()
    if started:
        monkeypatch.undo()
        worker.start(database_url)
        remember(worker.process)
