"""Writes on notices: sending one to the right people, reading, preferences, retention."""

import logging
from datetime import timedelta

from celery import current_app
from django.db import IntegrityError, transaction
from django.utils import timezone

from eubelong.core.door import door
from eubelong.core.mail import queue_after_commit

from .models import EmailMode, Notice, NoticePreference
from .registry import default_mode, get_kind
from .selectors import forget_unread

# The mail task by name: the tasks module reads from here, so this one does not import it.
NOTICE_MAIL_TASK = "eubelong.notify.notice_mail_send"
KEEP_DAYS = 90

log = logging.getLogger(__name__)


def notify(
    *,
    kind: str,
    recipients,
    url: str,
    dedupe: str,
    region=None,
    actor=None,
    params: dict | None = None,
    group: tuple[str, str] = ("", ""),
) -> list[Notice]:
    """Tell `recipients` (users) about an event: one notice each, mailed according to their
    choice after the transaction commits. Nobody is told about their own action, nor about a
    region they cannot read. `dedupe` names the event, so sending it twice changes nothing."""
    registered = get_kind(kind)
    if registered is None:
        raise ValueError(f"unknown notice kind {kind!r}")
    sent = []
    for user in {u.pk: u for u in recipients if u is not None}.values():
        if not user.is_active or (actor is not None and user.pk == actor.pk):
            continue
        if region is not None and "view_region" not in door().region_perms(user, region):
            continue
        try:
            with transaction.atomic():
                notice, created = Notice.objects.get_or_create(
                    recipient=user,
                    dedupe_key=dedupe[:200],
                    defaults={
                        "region": region,
                        "kind": kind,
                        "params": {k: str(v) for k, v in (params or {}).items()},
                        "url": url[:500],
                        "actor": actor,
                        "group_key": str(group[0])[:100],
                        "group_label": str(group[1])[:300],
                        # Nothing to mail: never in a digest either.
                        "emailed_at": None if registered.email else timezone.now(),
                    },
                )
        except IntegrityError:  # the same event, sent at the same moment by another process
            continue
        if not created:
            continue
        sent.append(notice)
        forget_unread(user)
        if registered.email and mails_at_once(user, kind):
            queue_after_commit(current_app.tasks[NOTICE_MAIL_TASK], notice.pk)
    return sent


def preference_of(user) -> NoticePreference:
    """The person's choice; the first notice stores the default of their roles, so that digests
    find everyone who takes one."""
    preference, _created = NoticePreference.objects.get_or_create(
        user=user, defaults={"email": default_mode(user)}
    )
    return preference


def mails_at_once(user, kind: str) -> bool:
    preference = preference_of(user)
    if preference.email == EmailMode.IMMEDIATE:
        return True
    urgent = get_kind(kind).urgent
    return urgent and preference.urgent_at_once and preference.email != EmailMode.NONE


def preference_set(*, user, email: str, urgent_at_once: bool) -> NoticePreference:
    preference, _created = NoticePreference.objects.update_or_create(
        user=user, defaults={"email": email, "urgent_at_once": urgent_at_once}
    )
    return preference


def notices_read(*, user, uuids=None) -> int:
    """Mark notices of `user` read: the ones named, or all."""
    unread = Notice.objects.filter(recipient=user, read_at__isnull=True)
    if uuids is not None:
        unread = unread.filter(uuid__in=uuids)
    count = unread.update(read_at=timezone.now())
    forget_unread(user)
    return count


def claim_for_mail(notice_ids) -> list[int]:
    """Take notices for one e-mail: only those no other run has taken (a retried or doubled
    task mails nothing twice)."""
    claimed = []
    now = timezone.now()
    for pk in notice_ids:
        if Notice.objects.filter(pk=pk, emailed_at__isnull=True).update(emailed_at=now):
            claimed.append(pk)
    return claimed


def digest_sent(user, now) -> None:
    NoticePreference.objects.filter(user=user).update(last_digest_at=now)


def notices_purge(*, now=None) -> int:
    """Notices are kept KEEP_DAYS days (deleted daily by Celery beat, or `manage.py
    notices_purge`)."""
    cutoff = (now or timezone.now()) - timedelta(days=KEEP_DAYS)
    deleted, _ = Notice.objects.filter(created_at__lt=cutoff).delete()
    return deleted
