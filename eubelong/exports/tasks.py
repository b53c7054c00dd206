import logging
import os
import socket

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded, TimeLimitExceeded
from celery.signals import task_failure
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils.translation import gettext as _

from .fetcher import RefusedURL
from .services import RENDER_TASK, export_fail, export_run

logger = logging.getLogger(__name__)

TRANSIENT = (OperationalError, InterfaceError, ConnectionError, TimeoutError)
MAX_RETRIES = 3


@shared_task(
    name=RENDER_TASK,
    bind=True,
    acks_late=True,
    reject_on_worker_lost=True,
    max_retries=MAX_RETRIES,
    soft_time_limit=settings.CELERY_TASK_SOFT_TIME_LIMIT,
    time_limit=settings.CELERY_TASK_TIME_LIMIT,
)
def render_export(self, job_id: int) -> str:
    task_id = self.request.id
    worker = f"{socket.gethostname()}:{os.getpid()}"
    try:
        return export_run(job_id=job_id, task_id=task_id, worker=worker)
    except SoftTimeLimitExceeded:
        export_fail(job_id=job_id, task_id=task_id, message=_("Rendering took too long."))
    except RefusedURL:
        logger.warning("export job %s referenced a resource outside the platform", job_id)
        export_fail(
            job_id=job_id,
            task_id=task_id,
            message=_("The document referenced a resource outside the platform."),
        )
    except TRANSIENT as error:
        if self.request.retries >= MAX_RETRIES:
            export_fail(
                job_id=job_id, task_id=task_id, message=_("A service was unavailable. Try again.")
            )
            return "failed"
        raise self.retry(exc=error, countdown=2 ** (self.request.retries + 1)) from error
    except Exception:
        logger.exception("export job %s failed", job_id)
        export_fail(
            job_id=job_id, task_id=task_id, message=_("The document could not be rendered.")
        )
    return "failed"


@task_failure.connect(sender=render_export)
def _hard_time_limit(sender=None, task_id=None, exception=None, args=None, **kwargs):
    """The hard limit kills the pool process, so the task cannot fail the job itself; the
    worker's main process does it here (the message is acknowledged, not redelivered)."""
    if isinstance(exception, TimeLimitExceeded) and args:
        export_fail(job_id=args[0], task_id=task_id, message=_("Rendering took too long."))
