"""A broker outage never fails an export request, and a job whose message was lost is sent again."""

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError

from eubelong.celery import app as celery_app
from eubelong.exports import tasks
from eubelong.exports.models import ExportJob, Status

from .factories import export_job


@pytest.fixture
def broker(monkeypatch):
    """Tasks go to a broker (not in-process); `down` makes every send fail."""
    sent = []
    state = {"down": False}

    def apply_async(args=None, task_id=None, **kwargs):
        if state["down"]:
            raise OperationalError("Error 111 connecting to 127.0.0.1:6379. Connection refused.")
        sent.append((args[0], task_id))

    monkeypatch.setattr(tasks.render_export, "apply_async", apply_async)
    previous = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    yield sent, state
    celery_app.conf.task_always_eager = previous


def _job_url(job, name="exports:region-job"):
    return reverse(name, kwargs={"region": job.region.slug, "job": job.uuid})


def test_it_records_the_job_when_the_broker_is_down(
    login, editor, region, broker, django_capture_on_commit_callbacks
):
    sent, state = broker
    state["down"] = True
    client = login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("exports:region-create", kwargs={"region": region.slug}),
            {"kind": "region-profile"},
        )
    job = ExportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == _job_url(job)
    assert job.status == Status.QUEUED and sent == []
    page = client.get(_job_url(job)).content.decode()
    assert "Waiting for a worker" in page and "Try again" not in page


def test_it_offers_a_retry_for_a_job_queued_too_long(
    login, editor, region, broker, settings, django_capture_on_commit_callbacks
):
    sent, _ = broker
    job = export_job(region, editor, status=Status.QUEUED, task_id="lost")
    ExportJob.objects.filter(pk=job.pk).update(
        queued_at=timezone.now() - timedelta(seconds=settings.EXPORTS_RESEND_AFTER + 1)
    )
    client = login(editor)
    page = client.get(_job_url(job)).content.decode()
    assert "Try again" in page and 'hx-trigger="every 2s"' not in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_job_url(job, "exports:region-retry"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.QUEUED and job.task_id != "lost"
    assert sent == [(job.pk, job.task_id)]


def test_it_does_not_resend_a_job_queued_recently(
    login, editor, region, broker, django_capture_on_commit_callbacks
):
    sent, _ = broker
    job = export_job(region, editor, status=Status.QUEUED, task_id="fresh")
    client = login(editor)
    assert "Try again" not in client.get(_job_url(job)).content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_job_url(job, "exports:region-retry"))
        call_command("exports_resend", stdout=StringIO())
    job.refresh_from_db()
    assert job.task_id == "fresh" and sent == []


def test_it_resends_every_long_queued_job_under_a_new_task_id(
    editor, region, broker, settings, django_capture_on_commit_callbacks
):
    sent, _ = broker
    old = timezone.now() - timedelta(seconds=settings.EXPORTS_RESEND_AFTER + 1)
    lost = [export_job(region, editor, status=Status.QUEUED, task_id=f"lost-{n}") for n in range(2)]
    running = export_job(region, editor, status=Status.RUNNING, task_id="running")
    ExportJob.objects.update(queued_at=old)
    with django_capture_on_commit_callbacks(execute=True):
        call_command("exports_resend", stdout=StringIO())
    for job in lost:
        job.refresh_from_db()
        assert job.task_id.startswith("lost-") is False
    assert sorted(sent) == sorted((job.pk, job.task_id) for job in lost)
    running.refresh_from_db()
    assert running.task_id == "running"
