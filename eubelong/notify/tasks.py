"""Celery tasks of notices: thin, the work is in `mailing`."""

from celery import shared_task
from django.utils import timezone

from eubelong.core.mail import MAIL_TASK_OPTIONS

from .mailing import digest_due, digest_for, notice_mail, stranded
from .models import EmailMode
from .selectors import preferences_taking_mail
from .services import NOTICE_MAIL_TASK, notices_purge


@shared_task(name=NOTICE_MAIL_TASK, **MAIL_TASK_OPTIONS)
def notice_mail_send(notice_id: int) -> str:
    return notice_mail(notice_id)


@shared_task(name="eubelong.notify.digests_send", **MAIL_TASK_OPTIONS)
def digests_send() -> int:
    """Run by Celery beat every hour (and by `manage.py send_digests`): a digest for each person
    whose day or week has come, and for people who take notices at once, whatever could not be
    queued when it happened (the broker was down)."""
    now = timezone.now()
    sent = 0
    for preference in preferences_taking_mail():
        if preference.email == EmailMode.IMMEDIATE:
            due = stranded(preference.user, now)
        else:
            due = digest_due(preference, now)
        if due and digest_for(preference.user, now):
            sent += 1
    return sent


@shared_task(name="eubelong.notify.notices_purge")
def notices_purge_task() -> int:
    return notices_purge()
