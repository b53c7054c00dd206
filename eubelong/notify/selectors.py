"""Reads of notices. What a person sees is checked against the regions they can read now."""

from contextlib import suppress
from datetime import timedelta

from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone

from eubelong.core.door import door
from eubelong.core.frozensql import frozen_query

from .models import EmailMode, Notice, NoticePreference

UNREAD_TTL = 300
# A person who turns e-mail back on is not sent months of old notices.
DIGEST_REACH = timedelta(days=8)


def _visible(user):
    readable = door().regions_for_user(user)
    return Notice.objects.filter(recipient=user).filter(
        Q(region__isnull=True) | Q(region__in=readable)
    )


def notices_for(user):
    """The person's notices, newest first, with who caused them."""
    return _visible(user).select_related("actor")


UNREAD_SHOWN = 5


def latest_unread(user) -> list[Notice]:
    """The person's newest unread notices (at most UNREAD_SHOWN), through a kept statement."""
    return list(_latest_unread(user.pk, door().region_ids_for_user(user)))


@frozen_query
def _latest_unread(user_id: int, region_ids):
    return (
        Notice.objects.filter(recipient=user_id, read_at__isnull=True)
        .filter(Q(region__isnull=True) | Q(region__in=region_ids))
        .select_related("actor")[:UNREAD_SHOWN]
    )


def unread_count(user) -> int:
    """Unread notices of a person, for the header; read through the cache."""
    key = f"notices:unread:{user.pk}"
    try:
        count = cache.get(key)
    except Exception:  # noqa: BLE001 - the cache only saves time
        count = None
    if count is None:
        count = _visible(user).filter(read_at__isnull=True).count()
        with suppress(Exception):
            cache.set(key, count, UNREAD_TTL)
    return count


def forget_unread(user) -> None:
    forget_unread_of([user.pk])


def forget_unread_of(user_ids) -> None:
    # Without the cache, an outdated count expires with UNREAD_TTL.
    with suppress(Exception):
        cache.delete_many([f"notices:unread:{pk}" for pk in user_ids])


def notice_for(user, uuid) -> Notice | None:
    return _visible(user).filter(uuid=uuid).first()


def unmailed_for(user):
    """Notices of `user` not mailed yet, in regions they can still read."""
    recent = timezone.now() - DIGEST_REACH
    return _visible(user).filter(emailed_at__isnull=True, created_at__gte=recent)


def notice_with_recipient(pk: int) -> Notice | None:
    return Notice.objects.select_related("recipient", "recipient__profile").filter(pk=pk).first()


def preferences_taking_mail():
    return NoticePreference.objects.exclude(email=EmailMode.NONE).select_related(
        "user", "user__profile"
    )
