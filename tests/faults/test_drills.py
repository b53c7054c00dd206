"""Fault drills against a real gunicorn, a real Celery worker and private PostgreSQL and Redis."""

import os
import re
import signal
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command
from django.db import connections
from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from regions.models import Role
from tests import factories

# Worker killed mid-render: the existing drill, run here against the private services too.
from tests.exports.test_worker import (  # noqa: F401
    test_it_completes_exactly_once_when_the_worker_process_is_killed,
)
from toolkit.models import Change, ItemResponse

from .conftest import RESEND_AFTER, Browser, _session_cookie, forget_broker_connections

pytestmark = [pytest.mark.faults, pytest.mark.django_db(transaction=True)]


def _wait(job_pk, statuses, timeout=120, poll=0.2):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ExportJob.objects.get(pk=job_pk)
        if job.status in statuses:
            return job
        time.sleep(poll)
    raise AssertionError(f"job still {job.status} after {timeout}s")


def _request_export(person, region):
    person.get(reverse("regions:home", kwargs={"region": region.slug}))
    status, headers, body = person.post(
        reverse("exports:region-create", kwargs={"region": region.slug}),
        {"kind": "region-profile"},
    )
    assert status == 302, body[-2000:]
    uuid = re.search(r"/([0-9a-f-]{36})/?$", headers["Location"]).group(1)
    return ExportJob.objects.get(uuid=uuid)


def _job_path(job):
    return reverse("exports:region-job", kwargs={"region": job.region.slug, "job": job.uuid})


def _pages(region, workplan):
    return [
        "/",
        reverse("regions:home", kwargs={"region": region.slug}),
        reverse("toolkit:workplan-edit", kwargs={"region": region.slug, "workplan": workplan.uuid}),
        # Pages that keep results in the cache, and run prepared statements.
        reverse("compare:dashboard"),
        reverse("compare:drilldown") + "?priority=1",
        reverse("search") + "?q=workplan",
    ]


def _setup(name):
    from tests.toolkit import factories as toolkit_factories

    region = factories.region(name=name)
    editor = factories.member(region, Role.EDITOR)
    workplan = toolkit_factories.workplan(region, by=editor)
    return region, editor, workplan


# 2. Redis ------------------------------------------------------------------------------------


def test_it_keeps_pages_and_export_requests_working_while_redis_is_down(
    server, worker, browser, redis
):
    region, editor, workplan = _setup("Redis Down")
    person = browser(editor)
    redis.stop()
    for path in _pages(region, workplan):
        status, _, body = person.get(path)
        assert status == 200, (path, body[-2000:], server.log())

    # The request is recorded; the message cannot be sent yet, and the page says so.
    job = _request_export(person, region)
    assert job.status == Status.QUEUED
    status, _, body = person.get(_job_path(job))
    assert status == 200 and "Waiting for a worker" in body

    redis.start()
    time.sleep(RESEND_AFTER + 0.5)
    status, _, body = person.get(_job_path(job))
    assert status == 200 and "Try again" in body, "a job whose message was lost offers a retry"
    status, _, _ = person.post(
        reverse("exports:region-retry", kwargs={"region": region.slug, "job": job.uuid})
    )
    assert status == 302
    job = _wait(job.pk, {Status.DONE, Status.FAILED})
    assert job.status == Status.DONE, job.error or worker.log()


def test_it_sends_again_exports_whose_messages_a_redis_restart_lost(server, worker, browser, redis):
    region, editor, _ = _setup("Redis Restart")
    person = browser(editor)
    # The worker is busy elsewhere (paused): the messages wait in Redis, then Redis loses them.
    os.killpg(worker.process.pid, signal.SIGSTOP)
    try:
        jobs = [_request_export(person, region) for _ in range(2)]
        redis.restart()
    finally:
        os.killpg(worker.process.pid, signal.SIGCONT)
    forget_broker_connections()
    time.sleep(RESEND_AFTER + 0.5)
    # A message already handed to the waiting worker survives; the others are gone, and their
    # jobs stay visibly queued rather than failing or vanishing.
    statuses = [job.status for job in ExportJob.objects.filter(pk__in=[j.pk for j in jobs])]
    assert Status.QUEUED in statuses and Status.FAILED not in statuses, statuses
    # What operators run after an outage (or from cron).
    with override_resend_after(RESEND_AFTER):
        call_command("exports_resend")
    for job in jobs:
        job = _wait(job.pk, {Status.DONE, Status.FAILED})
        assert job.status == Status.DONE, job.error or worker.log()
        assert job.attempts == 1
    # The same content is rendered once; the other job reuses the file.
    assert ExportJob.objects.filter(pk__in=[j.pk for j in jobs], reused=True).count() == 1


def override_resend_after(seconds):
    from django.test import override_settings

    return override_settings(EXPORTS_RESEND_AFTER=seconds)


# 3. PostgreSQL -------------------------------------------------------------------------------


def test_it_serves_again_after_a_postgres_restart_without_restarting_processes(
    server, worker, browser, postgres
):
    region, editor, workplan = _setup("Postgres Restart")
    person = browser(editor)
    pages = _pages(region, workplan)
    for path in pages:
        assert person.get(path)[0] == 200
    processes = (server.process.pid, server.worker_pids(), worker.process.pid, worker.pool_pids())

    answers, stop = [], threading.Event()

    def keep_asking():
        while not stop.is_set():
            try:
                answers.append(person.get(pages[1], timeout=20)[0])
            except OSError as error:  # a hang or a dropped connection is not a clean failure
                answers.append(type(error).__name__)

    threads = [threading.Thread(target=keep_asking) for _ in range(4)]
    for thread in threads:
        thread.start()
    try:
        time.sleep(1)
        postgres.restart()
        time.sleep(1)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    connections.close_all()
    assert answers and set(answers) <= {200, 500, 503}, answers

    # The very next requests succeed, on the same processes.
    for _ in range(3):
        for path in pages:
            status, _, body = person.get(path)
            assert status == 200, (path, body[-2000:], server.log())
    job = _request_export(person, region)
    job = _wait(job.pk, {Status.DONE, Status.FAILED})
    assert job.status == Status.DONE, job.error or worker.log()
    assert processes == (
        server.process.pid,
        server.worker_pids(),
        worker.process.pid,
        worker.pool_pids(),
    )


def test_it_fails_requests_cleanly_while_postgres_is_down(server, browser, postgres):
    region, editor, workplan = _setup("Postgres Down")
    person = browser(editor)
    path = reverse("regions:home", kwargs={"region": region.slug})
    postgres.stop()
    try:
        started = time.monotonic()
        status, _, body = person.get(path, timeout=30)
        assert status in {500, 503} and "<html" in body.lower()
        assert time.monotonic() - started < 15
    finally:
        postgres.start()
    connections.close_all()
    assert person.get(path)[0] == 200


# 4. Concurrent saves ------------------------------------------------------------------------


def test_it_answers_fifty_concurrent_saves_with_one_success_and_conflicts(server, browser):
    region, editor, workplan = _setup("Fifty Saves")
    response = ItemResponse.objects.filter(workplan=workplan).order_by("pk").first()
    start = response.version
    path = reverse(
        "toolkit:item",
        kwargs={"region": region.slug, "workplan": workplan.uuid, "response": response.uuid},
    )
    people = [browser(editor) for _ in range(5)]
    for person in people:
        assert person.get(path)[0] == 200
    barrier = threading.Barrier(50, timeout=30)

    def save(n):
        person = people[n % len(people)]
        barrier.wait()
        data = {"status": "in_progress", "evidence": f"Evidence from save {n}", "link": ""}
        status, _, _ = person.post(path, {**data, "version": start}, timeout=60)
        return n, status

    with ThreadPoolExecutor(max_workers=50) as pool:
        results = list(pool.map(save, range(50)))
    statuses = [status for _, status in results]
    successes = [n for n, status in results if status == 302]
    assert statuses.count(302) + statuses.count(409) == 50, statuses
    assert len(successes) == 1, statuses

    response.refresh_from_db()
    assert response.version == start + len(successes)
    assert response.evidence == f"Evidence from save {successes[0]}"
    changes = Change.objects.filter(workplan=workplan, object_uuid=response.uuid)
    assert changes.count() == len(successes)


# 5. Huge document -----------------------------------------------------------------------------


def test_it_stops_a_huge_export_at_its_time_limit_and_renders_the_next(limited_stack):
    web, limited = limited_stack(CELERY_TASK_SOFT_TIME_LIMIT=5, CELERY_TASK_TIME_LIMIT=10)

    def browser(user):
        return Browser(web, _session_cookie(user))

    paragraphs = "\n\n".join(
        f"Paragraph {n}: the regional office meets the municipalities again. " * 8
        for n in range(6000)
    )
    huge = factories.region(name="Huge Document", contextual_analysis=paragraphs)
    editor = factories.member(huge, Role.EDITOR)
    person = browser(editor)
    started = time.monotonic()
    job = _request_export(person, huge)
    job = _wait(job.pk, {Status.DONE, Status.FAILED}, timeout=60)
    assert job.status == Status.FAILED, limited.log()
    assert job.error == "Rendering took too long."
    assert time.monotonic() - started < 30
    status, _, body = person.get(_job_path(job))
    assert "Rendering took too long." in body and "Try again" in body

    small = factories.region(name="Small Document")
    other = factories.member(small, Role.EDITOR)
    job = _request_export(browser(other), small)
    job = _wait(job.pk, {Status.DONE, Status.FAILED}, timeout=60)
    assert job.status == Status.DONE, job.error or limited.log()
