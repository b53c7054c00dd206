"""The notification centre, e-mail settings and unsubscribing."""

import re

import pytest
from django.core import signing
from django.urls import reverse

from eubelong.notify.mailing import UNSUBSCRIBE_SALT, unsubscribe_url
from eubelong.notify.models import EmailMode, Notice, NoticePreference
from eubelong.notify.services import notify, preference_of

pytestmark = pytest.mark.django_db


def _notices(user, region, count, start=0):
    for n in range(start, start + count):
        notify(
            kind="comment.added",
            recipients=[user],
            url=f"/regions/{region.slug}/#n{n}",
            dedupe=f"comment:{user.pk}:{n}",
            region=region,
            params={"person": "Ana", "workplan": f"{region.name} 2025–2027", "item": "1.1"},
        )


def test_the_centre_lists_a_persons_notices_in_constant_queries(
    client, editor, region, django_assert_max_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(editor)
    _notices(editor, region, 3)
    url = reverse("notify:list")
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        page = client.get(url)
    assert page.content.decode().count("commented on checklist item 1.1") == 3
    limit = len(few.captured_queries)  # read now: the next capture resets the query log
    _notices(editor, region, 60, start=3)
    client.get(url)
    with django_assert_max_num_queries(limit):
        page = client.get(url)
    assert page.content.decode().count("commented on checklist item 1.1") == 30  # one page
    assert "Page 1 of 3" in page.content.decode()


def test_the_header_shows_the_unread_count_and_opening_marks_read(client, editor, region):
    _notices(editor, region, 2)
    client.force_login(editor)
    page = client.get(reverse("notify:list")).content.decode()
    assert "2 unread" in page
    notice = Notice.objects.filter(recipient=editor).first()
    reply = client.post(reverse("notify:open", kwargs={"notice": notice.uuid}))
    assert reply.status_code == 302 and reply["Location"] == notice.url
    assert "1 unread" in client.get(reverse("notify:list")).content.decode()
    client.post(reverse("notify:read-all"))
    assert "unread" not in client.get(reverse("notify:list")).content.decode().split("<main")[0]
    assert not Notice.objects.filter(recipient=editor, read_at__isnull=True).exists()


def test_nobody_opens_or_reads_another_persons_notice(client, editor, contributor, region):
    _notices(editor, region, 1)
    notice = Notice.objects.get(recipient=editor)
    client.force_login(contributor)
    assert client.post(reverse("notify:open", kwargs={"notice": notice.uuid})).status_code == 404
    client.post(reverse("notify:read-all"))
    notice.refresh_from_db()
    assert notice.read_at is None
    assert "commented" not in client.get(reverse("notify:list")).content.decode()


def test_a_notice_never_sends_a_reader_off_the_platform(client, editor, region):
    notice = notify(kind="comment.added", recipients=[editor], url="https://evil.example/x",
                    dedupe="evil", region=region, params={})[0]  # fmt: skip
    client.force_login(editor)
    reply = client.post(reverse("notify:open", kwargs={"notice": notice.uuid}))
    assert reply["Location"] == reverse("notify:list")


def test_settings_keep_the_choice_and_reject_nonsense(client, contributor):
    client.force_login(contributor)
    page = client.get(reverse("notify:settings")).content.decode()
    assert re.search(r'value="weekly"[^>]*checked', page)  # contributors' default
    bad = client.post(reverse("notify:settings"), {"email": "hourly"})
    assert bad.status_code == 400 and "Select a valid choice" in bad.content.decode()
    assert preference_of(contributor).email == EmailMode.WEEKLY
    client.post(reverse("notify:settings"), {"email": "daily", "urgent_at_once": "on"})
    assert preference_of(contributor).email == EmailMode.DAILY


def test_unsubscribing_asks_first_then_stops_all_notice_mail(client, editor):
    link = unsubscribe_url(editor)
    path = link.split("://", 1)[1].split("/", 1)[1]
    page = client.get("/" + path)
    assert page.status_code == 200 and "Stop" in page.content.decode()
    assert not NoticePreference.objects.filter(user=editor, email=EmailMode.NONE).exists()
    done = client.post("/" + path)
    assert done.status_code == 200
    assert NoticePreference.objects.get(user=editor).email == EmailMode.NONE
    forged = signing.dumps({"u": editor.pk}, salt="another-purpose")
    assert client.get(reverse("notify:unsubscribe", kwargs={"token": forged})).status_code == 404
    assert (
        signing.loads(path.rstrip("/").rsplit("/", 1)[1], salt=UNSUBSCRIBE_SALT)["u"] == editor.pk
    )
