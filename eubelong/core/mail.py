"""E-mail leaves from a Celery worker after the transaction that caused it commits.

A request never waits on the mail server, and whether a message was sent never shows in how long
the request took. Without Redis the task runs in-process, right after the commit.
"""

import logging
import re

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

log = logging.getLogger(__name__)

_LINE_BREAKS = re.compile(r"[\r\n\t\x0b\x0c]+")


def one_line(text: str) -> str:
    """A subject is one header line: breaks in names it quotes must not end it."""
    return _LINE_BREAKS.sub(" ", text).strip()


# Every task that sends mail: retried with backoff while the mail server is unreachable.
MAIL_TASK_OPTIONS = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "autoretry_for": (ConnectionError, TimeoutError, OSError),
    "retry_backoff": True,
    "max_retries": 5,
}


@shared_task(name="eubelong.mail.send", **MAIL_TASK_OPTIONS)
def mail_send_task(
    subject: str, body: str, recipients: list[str], headers: dict | None = None
) -> int:
    """A plain-text message; `headers` such as List-Unsubscribe for digests."""
    message = EmailMessage(one_line(subject), body, None, recipients, headers=headers or None)
    return message.send()


def queue_after_commit(task, *args, **kwargs) -> None:
    """Queue `task` once the transaction commits. The action that caused the message is already
    saved: an unreachable broker, or in-process mode's mail server, is logged and never turns it
    into an error page."""

    def _queue():
        try:
            task.delay(*args, **kwargs)
        except Exception:  # noqa: BLE001 - nothing the person did can be undone here
            log.exception("could not queue %s", task.name)

    transaction.on_commit(_queue)


def mail_after_commit(*, to: list[str], subject: str, body: str) -> None:
    recipients = [address for address in to if address]
    if recipients:
        queue_after_commit(mail_send_task, one_line(subject), body, recipients)


def mail_render(
    *, to: list[str], language: str | None, subject_template: str, body_template: str, context
) -> None:
    """Render a message in `language` (the recipient's) and send it after the commit."""
    offered = {code for code, _name in settings.LANGUAGES}
    with translation.override(language if language in offered else settings.LANGUAGE_CODE):
        subject = render_to_string(subject_template, context)
        body = render_to_string(body_template, context)
    mail_after_commit(to=to, subject=subject, body=body)
