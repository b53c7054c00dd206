from celery.exceptions import TimeLimitExceeded
from celery.signals import task_failure

from eubelong.exports.models import Status
from eubelong.exports.tasks import render_export

from .factories import export_job


def test_it_fails_the_job_when_the_hard_time_limit_kills_the_render(region, editor):
    job = export_job(region, editor, status=Status.RUNNING, task_id="killed", worker="w:1")
    task_failure.send(
        sender=render_export, task_id="killed", exception=TimeLimitExceeded(180), args=(job.pk,)
    )
    job.refresh_from_db()
    assert job.status == Status.FAILED and job.error == "Rendering took too long."


def test_it_leaves_other_failures_and_other_tasks_alone(region, editor):
    job = export_job(region, editor, status=Status.RUNNING, task_id="current", worker="w:1")
    task_failure.send(
        sender=render_export, task_id="current", exception=ValueError("x"), args=(job.pk,)
    )
    task_failure.send(
        sender=render_export, task_id="old", exception=TimeLimitExceeded(180), args=(job.pk,)
    )
    job.refresh_from_db()
    assert job.status == Status.RUNNING
