"""Writes on export jobs: request, retry, and the worker's claim / finish / fail transitions.

Every transition is one conditional UPDATE, so a duplicated or redelivered task message can never
finish a job twice.
"""

import hashlib
import logging
import uuid
from datetime import timedelta
from functools import partial

from celery import current_app
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from eubelong.core.door import door
from eubelong.notify.services import notify

from . import storage
from .models import ACTIVE, ExportJob, Status
from .registry import ExportKind, ExportUnavailable, get_kind
from .rendering import content_hash, html_to_pdf, render_html

logger = logging.getLogger(__name__)
# Pinned when the machinery moved from handbook.exports, so queued messages still resolve.
RENDER_TASK = "handbook.exports.tasks.render_export"


class ExportLimitReached(Exception):
    pass


def stale_before():
    """Running jobs older than this were lost with their worker past any time limit."""
    return timezone.now() - timedelta(seconds=settings.CELERY_TASK_TIME_LIMIT + 60)


def unsent_before():
    """Queued jobs older than this have probably lost their message (broker down or restarted)."""
    return timezone.now() - timedelta(seconds=settings.EXPORTS_RESEND_AFTER)


def _active_count(user, exclude=None) -> int:
    return (
        ExportJob.objects.requested_by(user)
        .filter(Q(status=Status.QUEUED) | Q(status=Status.RUNNING, started_at__gte=stale_before()))
        .exclude(pk=exclude)
        .count()
    )


def _publish(job_id: int, task_id: str) -> None:
    # By name, so that the jobs do not import the task that runs them (it imports the jobs).
    render_export = current_app.tasks[RENDER_TASK]
    if render_export.app.conf.task_always_eager:
        render_export.apply_async(args=(job_id,), task_id=task_id)
        return
    try:
        render_export.apply_async(args=(job_id,), task_id=task_id)
    except Exception:  # noqa: BLE001 - a broker outage must not fail the request
        # The job stays queued; after EXPORTS_RESEND_AFTER it offers "Try again" and
        # `manage.py exports_resend` sends it again.
        logger.warning("export job %s could not be sent to the queue", job_id, exc_info=True)


def _send(job: ExportJob) -> None:
    transaction.on_commit(partial(_publish, job.pk, job.task_id))


def export_request(
    *, user, kind: ExportKind, region=None, object_id: str = "", language: str
) -> ExportJob:
    with transaction.atomic():
        # One requester at a time, so two quick clicks cannot slip past the limit together.
        get_user_model().objects.select_for_update().filter(pk=user.pk).first()
        if _active_count(user) >= settings.EXPORTS_MAX_ACTIVE_PER_USER:
            raise ExportLimitReached
        job = ExportJob.objects.create(
            kind=kind.key,
            region=region if kind.is_regional else None,
            object_id=object_id,
            language=language,
            title=str(kind.label),
            requested_by=user,
            task_id=str(uuid.uuid4()),
        )
        _send(job)
    return job


def export_retry(*, job: ExportJob, user) -> bool:
    """Queue a failed (or lost) job again; False when it is not retryable any more."""
    with transaction.atomic():
        if _active_count(user, exclude=job.pk) >= settings.EXPORTS_MAX_ACTIVE_PER_USER:
            raise ExportLimitReached
        task_id = str(uuid.uuid4())
        updated = (
            ExportJob.objects.filter(pk=job.pk, requested_by=user)
            .filter(
                Q(status=Status.FAILED)
                | Q(status=Status.RUNNING, started_at__lt=stale_before())
                | Q(status=Status.QUEUED, queued_at__lt=unsent_before())
            )
            .update(
                status=Status.QUEUED,
                queued_at=timezone.now(),
                task_id=task_id,
                progress=0,
                error="",
                worker="",
                started_at=None,
                finished_at=None,
            )
        )
        if updated:
            job.task_id = task_id
            _send(job)
    return bool(updated)


def export_resend_unsent() -> int:
    """Send every long-queued job again under a fresh task id, after a broker outage.

    A late copy of the old message can no longer claim the job, so it still runs once.
    """
    sent = 0
    for job_id in ExportJob.objects.filter(
        status=Status.QUEUED, queued_at__lt=unsent_before()
    ).values_list("pk", flat=True):
        task_id = str(uuid.uuid4())
        with transaction.atomic():
            if ExportJob.objects.filter(
                pk=job_id, status=Status.QUEUED, queued_at__lt=unsent_before()
            ).update(task_id=task_id, queued_at=timezone.now()):
                transaction.on_commit(partial(_publish, job_id, task_id))
                sent += 1
    return sent


def export_claim(*, job_id: int, task_id: str, worker: str) -> bool:
    """Take the job for this task; a redelivered message (same task id) may take it again."""
    return bool(
        ExportJob.objects.filter(pk=job_id, task_id=task_id)
        .filter(status__in=ACTIVE)
        .update(
            status=Status.RUNNING,
            worker=worker,
            started_at=timezone.now(),
            attempts=F("attempts") + 1,
            progress=5,
            error="",
        )
    )


def _owned(job_id: int, task_id: str, worker: str):
    return ExportJob.objects.filter(
        pk=job_id, task_id=task_id, worker=worker, status=Status.RUNNING
    )


def export_progress(*, job_id: int, task_id: str, worker: str, progress: int) -> None:
    _owned(job_id, task_id, worker).update(progress=min(progress, 99))


def export_fail(*, job_id: int, task_id: str, message: str) -> None:
    failed = ExportJob.objects.filter(pk=job_id, task_id=task_id, status__in=ACTIVE).update(
        status=Status.FAILED, error=message[:1000], finished_at=timezone.now()
    )
    if failed:
        _tell(job_id, "export.failed")


def _tell(job_id: int, kind: str) -> None:
    job = ExportJob.objects.select_related("region", "requested_by").get(pk=job_id)
    if job.region_id:
        url = reverse("exports:region-job", kwargs={"region": job.region.slug, "job": job.uuid})
    else:
        url = reverse("exports:job", kwargs={"job": job.uuid})
    registered = get_kind(job.kind)
    notify(
        kind=kind,
        recipients=[job.requested_by],
        url=url,
        dedupe=f"{kind}:{job.uuid}:{job.attempts}",
        region=job.region,
        params={"title": job.title or (registered.label if registered else job.kind)},
    )


def _still_allowed(job: ExportJob, kind: ExportKind) -> bool:
    user = job.requested_by
    if not user.is_active:
        return False
    if not kind.is_regional:
        return kind.permits(user)
    perms = door().region_perms(user, job.region)
    return "view_region" in perms and kind.region_perm in perms


def export_run(*, job_id: int, task_id: str, worker: str) -> str:
    """Render (or reuse) the document of a claimed job. Returns what happened, for logs."""
    if not export_claim(job_id=job_id, task_id=task_id, worker=worker):
        return "skipped"
    job = ExportJob.objects.select_related("region", "requested_by").get(pk=job_id)
    kind = get_kind(job.kind)
    if kind is None:
        export_fail(job_id=job_id, task_id=task_id, message=_("This kind of export is unknown."))
        return "failed"
    if not _still_allowed(job, kind):
        export_fail(
            job_id=job_id, task_id=task_id, message=_("You no longer have access to this region.")
        )
        return "failed"
    try:
        html, title = render_html(
            kind,
            region=job.region,
            object_id=job.object_id,
            user=job.requested_by,
            language=job.language,
        )
    except ExportUnavailable:
        export_fail(
            job_id=job_id, task_id=task_id, message=_("The document to export no longer exists.")
        )
        return "failed"
    export_progress(job_id=job_id, task_id=task_id, worker=worker, progress=30)

    digest = content_hash(html)
    name = storage.name_for(region=job.region, kind=kind.key, digest=digest)
    previous = (
        ExportJob.objects.filter(status=Status.DONE, content_hash=digest, file=name)
        .exclude(pk=job_id)
        .values("checksum", "size")
        .first()
    )
    reused = bool(previous) and storage.exists(name)
    if reused:
        checksum, size = previous["checksum"], previous["size"]
    else:
        pdf = html_to_pdf(
            html,
            on_progress=lambda p: export_progress(
                job_id=job_id, task_id=task_id, worker=worker, progress=p
            ),
        )
        export_progress(job_id=job_id, task_id=task_id, worker=worker, progress=90)
        storage.save_atomically(name, pdf)
        checksum, size = hashlib.sha256(pdf).hexdigest(), len(pdf)

    finished = _owned(job_id, task_id, worker).update(
        status=Status.DONE,
        progress=100,
        file=name,
        content_hash=digest,
        checksum=checksum,
        size=size,
        title=title[:300],
        reused=reused,
        finished_at=timezone.now(),
    )
    if not finished:
        return "superseded"
    _tell(job_id, "export.ready")
    logger.info("export %s done (%s)", job.uuid, "reused" if reused else "rendered")
    return "reused" if reused else "rendered"
