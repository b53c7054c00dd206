"""Mailing notices: one at once, or a digest of everything not mailed yet.

Notices are claimed before they are mailed, so a retried or doubled run mails nothing twice; only
notices of regions the person can still read are mailed.
"""

from datetime import timedelta

from django.conf import settings
from django.core import signing
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from eubelong.core.mail import mail_send_task

from .models import EmailMode, NoticePreference
from .registry import title_of
from .selectors import notice_with_recipient, unmailed_for
from .services import claim_for_mail, digest_sent

UNSUBSCRIBE_SALT = "notify.unsubscribe"
STRANDED_AFTER = timedelta(minutes=15)


def language_of(user) -> str:
    language = getattr(getattr(user, "profile", None), "language", "") or ""
    offered = {code for code, _name in settings.LANGUAGES}
    return language if language in offered else settings.LANGUAGE_CODE


def absolute(url: str) -> str:
    return settings.SITE_URL.rstrip("/") + url


def unsubscribe_url(user) -> str:
    token = signing.dumps({"u": user.pk}, salt=UNSUBSCRIBE_SALT)
    return absolute(reverse("notify:unsubscribe", kwargs={"token": token}))


def _send(user, subject: str, body: str, headers: dict | None = None) -> None:
    if user.email:
        mail_send_task.delay(subject, body, [user.email], headers or {})


def digest_due(preference: NoticePreference, now) -> bool:
    if preference.email == EmailMode.DAILY:
        period = timedelta(days=1)
    elif preference.email == EmailMode.WEEKLY:
        period = timedelta(days=7)
    else:
        return False
    return (
        preference.last_digest_at is None
        or preference.last_digest_at <= now - period + timedelta(minutes=30)
    )


def stranded(user, now) -> bool:
    """Notices of a person who takes them at once that are still unmailed well after they
    happened: their message never reached the queue."""
    return unmailed_for(user).filter(created_at__lte=now - STRANDED_AFTER).exists()


def notice_mail(notice_id: int) -> str:
    """Mail one notice at once."""
    notice = notice_with_recipient(notice_id)
    if notice is None:
        return "gone"
    user = notice.recipient
    # Sent only while the person can still read the region, and only once.
    if not unmailed_for(user).filter(pk=notice.pk).exists() or not claim_for_mail([notice.pk]):
        return "skipped"
    with translation.override(language_of(user)):
        title = title_of(notice.kind, notice.params)
        context = {"user": user, "title": title, "link": absolute(notice.url), "notice": notice}
        subject = render_to_string("notify/notice_subject.txt", context)
        body = render_to_string("notify/notice_email.txt", context)
    _send(user, subject, body)
    return "sent"


def digest_for(user, now=None) -> bool:
    """Mail `user` one digest of everything not mailed yet, grouped by what it is about."""
    pending = list(unmailed_for(user).order_by("-created_at", "-id"))
    claimed = set(claim_for_mail([n.pk for n in pending]))
    notices = [n for n in pending if n.pk in claimed]
    digest_sent(user, now or timezone.now())
    if not notices:
        return False
    with translation.override(language_of(user)):
        groups: dict[str, dict] = {}
        for notice in notices:
            group = groups.setdefault(
                notice.group_key, {"label": notice.group_label, "notices": []}
            )
            group["notices"].append(
                {
                    "title": title_of(notice.kind, notice.params),
                    "link": absolute(notice.url),
                    "at": notice.created_at,
                }  # fmt: skip
            )
        link = unsubscribe_url(user)
        context = {"user": user, "groups": list(groups.values()), "count": len(notices),
                   "unsubscribe": link, "centre": absolute(reverse("notify:list"))}  # fmt: skip
        subject = render_to_string("notify/digest_subject.txt", context)
        body = render_to_string("notify/digest_email.txt", context)
    _send(user, subject, body, {"List-Unsubscribe": f"<{link}>"})
    return True
