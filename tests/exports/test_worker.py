"""Exports through a real Celery worker process on the real Redis and PostgreSQL."""

import os
import signal
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.test import override_settings
from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from regions.models import Role
from tests import factories

from .pdfcheck import assert_accessible, inspect

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _wait(job_pk, statuses, timeout=150, poll=0.1):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = ExportJob.objects.get(pk=job_pk)
        if job.status in statuses:
            return job
        time.sleep(poll)
    raise AssertionError(f"job still {job.status} after {timeout}s")


def _request(client, region, kind="region-profile"):
    response = client.post(
        reverse("exports:region-create", kwargs={"region": region.slug}), {"kind": kind}
    )
    assert response.status_code == 302
    return ExportJob.objects.order_by("-pk").first()


def test_it_renders_the_region_profile_in_the_worker(celery_worker, client):
    region = factories.region(name="Salzburg", slug="salzburg")
    editor = factories.member(region, Role.EDITOR)
    client.force_login(editor)
    job = _request(client, region)
    job = _wait(job.pk, {Status.DONE, Status.FAILED})
    assert job.status == Status.DONE, job.error or celery_worker.log()
    assert job.worker and job.attempts == 1
    response = client.get(
        reverse("exports:region-download", kwargs={"region": region.slug, "job": job.uuid})
    )
    info = inspect(b"".join(response.streaming_content))
    assert_accessible(info)
    assert "Salzburg" in info["text"] and "Contextual analysis" in info["text"]


def test_it_renders_every_kind_in_the_worker(celery_worker, client, settings):
    settings.EXPORTS_MAX_ACTIVE_PER_USER = 10
    from tests.handbook import factories as handbook_factories
    from tests.toolkit import factories as toolkit_factories

    region = factories.region(name="Salzburg Worker", slug="salzburg-worker")
    admin = factories.member(region, Role.ADMIN)
    workplan = toolkit_factories.filled_workplan(region, by=admin)
    handbook_factories.section("handbook", 1, title="Belonging in practice")
    handbook_factories.section("framework", 1, title="Framework principles")
    handbook_factories.area(number=81, slug="work-zz", title="Work Zz")
    client.force_login(admin)
    requests = [
        ("exports:region-create", {"region": region.slug}, "workplan", f"current:{workplan.uuid}"),
        ("exports:create", {}, "handbook", ""),
        ("exports:create", {}, "handbook", "area:work-zz"),
        ("exports:create", {}, "framework", ""),
    ]
    expected = ["Priority 1", "Belonging in practice", "Work Zz", "Framework principles"]
    jobs = []
    for name, kwargs, kind, object_id in requests:
        response = client.post(reverse(name, kwargs=kwargs), {"kind": kind, "object": object_id})
        assert response.status_code == 302, response.content
        jobs.append(ExportJob.objects.order_by("-pk").first())
    for job, text in zip(jobs, expected, strict=True):
        job = _wait(job.pk, {Status.DONE, Status.FAILED})
        assert job.status == Status.DONE, job.error or celery_worker.log()
        with default_storage.open(job.file) as handle:
            info = inspect(handle.read())
        assert_accessible(info)
        assert text in info["text"]


def test_it_completes_exactly_once_when_the_worker_process_is_killed(celery_worker, client):
    paragraphs = "\n\n".join(
        f"Paragraph {n}: the regional office meets the municipalities again. " * 6
        for n in range(900)
    )
    region = factories.region(name="Killed Midway", contextual_analysis=paragraphs)
    editor = factories.member(region, Role.EDITOR)
    client.force_login(editor)
    job = _request(client, region)
    running = _wait(job.pk, {Status.RUNNING, Status.DONE, Status.FAILED}, poll=0.02)
    assert running.status == Status.RUNNING
    pid = int(running.worker.rsplit(":", 1)[1])
    assert pid in celery_worker.pool_pids()
    os.kill(pid, signal.SIGKILL)

    job = _wait(job.pk, {Status.DONE, Status.FAILED}, timeout=300)
    assert job.status == Status.DONE, job.error or celery_worker.log()
    assert job.attempts == 2, "the redelivered task claimed the job again"
    assert ExportJob.objects.filter(status=Status.DONE).count() == 1
    folder = Path(celery_worker.media_root) / Path(job.file).parent
    files = [path.name for path in folder.rglob("*") if path.is_file()]
    assert files == [Path(job.file).name], "one file, no half-written leftovers"
    with default_storage.open(job.file) as handle:
        assert inspect(handle.read())["pages"] > 10


def test_it_reports_a_healthy_worker(celery_worker, client):
    response = client.get("/healthz")
    assert response.status_code == 200, response.content
    assert response.json()["worker"] == "ok"


def test_it_reports_503_when_redis_is_unreachable(celery_worker, client):
    with override_settings(REDIS_URL="redis://127.0.0.1:1/0"):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "unavailable"
