"""A real Celery worker process for tests, on the real Redis and the test PostgreSQL database.

Tests that use `celery_worker` must be `@pytest.mark.django_db(transaction=True)` so what they
write is committed and visible to the worker. The worker listens on a queue of its own, so stray
messages from elsewhere never reach it. Without PostgreSQL and Redis the tests skip (fail under
CI=true).
"""

import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import quote

import pytest
from django.conf import settings

from .conftest import require_service

START_TIMEOUT = 90


def _database_url(db: dict) -> str:
    auth = quote(db["USER"] or "")
    if db.get("PASSWORD"):
        auth += ":" + quote(db["PASSWORD"])
    host = db["HOST"] or "127.0.0.1"
    port = f":{db['PORT']}" if db.get("PORT") else ""
    return f"postgres://{auth}@{host}{port}/{quote(db['NAME'])}"


def stop_group(process) -> None:
    """Stop a process started in its own group, with its children: politely, then firmly."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


class Worker:
    def __init__(self, *, media_root: Path, log_path: Path):
        self.queue = f"exports-test-{uuid.uuid4().hex[:10]}"
        self.nodename = f"{self.queue}@{socket.gethostname()}"
        self.media_root = media_root
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    def start(self, database_url: str) -> None:
        env = {
            **os.environ,
            "DATABASE_URL": database_url,
            "REDIS_URL": settings.REDIS_URL,
            "MEDIA_ROOT": str(self.media_root),
            "DJANGO_SETTINGS_MODULE": "eubelong.settings",
            # Tasks the worker sends itself (a notice's mail) stay on its queue.
            "CELERY_TASK_DEFAULT_QUEUE": self.queue,
        }
        command = [
            sys.executable, "-m", "celery", "-A", "eubelong", "worker",
            "--pool=prefork", "--concurrency=1", "-Q", self.queue, "-n", self.nodename,
            "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=INFO",
        ]  # fmt: skip
        self._log = open(self.log_path, "ab")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            command,
            cwd=settings.BASE_DIR,
            env=env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_ready()

    def _wait_ready(self) -> None:
        from eubelong.celery import app

        deadline = time.monotonic() + START_TIMEOUT
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"worker exited early:\n{self.log()}")
            replies = app.control.inspect(destination=[self.nodename], timeout=1.0).ping()
            if replies:
                return
            time.sleep(0.5)
        self.stop()
        raise RuntimeError(f"worker did not answer within {START_TIMEOUT}s:\n{self.log()}")

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]

    def pool_pids(self) -> list[int]:
        """Pids of the pool processes that run the tasks."""
        path = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in path.read_text().split()] if path.exists() else []

    def stop(self) -> None:
        if self.process is None:
            return
        stop_group(self.process)
        self._log.close()
        self.process = None


@pytest.fixture(scope="session")
def _celery_worker_session(django_db_setup, django_db_blocker, tmp_path_factory):
    engine = settings.DATABASES["default"]["ENGINE"]
    available = engine.endswith("postgresql") and bool(settings.REDIS_URL)
    if not available:
        yield None
        return
    from django.db import connection

    folder = tmp_path_factory.mktemp("celery-worker")
    worker = Worker(media_root=folder / "media", log_path=folder / "worker.log")
    with django_db_blocker.unblock():
        database_url = _database_url(connection.settings_dict)
    worker.start(database_url)
    yield worker
    worker.stop()
    # The worker's connections must be gone before pytest-django drops the test database.
    time.sleep(0.5)


@pytest.fixture
def celery_worker(_celery_worker_session, settings):
    """The running worker; tasks sent during the test go to its queue, files to its media root."""
    engine = settings.DATABASES["default"]["ENGINE"]
    require_service("PostgreSQL", engine.endswith("postgresql"), "set DATABASE_URL=postgres://...")
    require_service("Redis", bool(settings.REDIS_URL), "set REDIS_URL=redis://...")
    from eubelong.celery import app

    worker = _celery_worker_session
    settings.MEDIA_ROOT = worker.media_root
    previous = (app.conf.task_always_eager, app.conf.task_default_queue)
    app.conf.task_always_eager = False
    app.conf.task_default_queue = worker.queue
    yield worker
    app.conf.task_always_eager, app.conf.task_default_queue = previous
