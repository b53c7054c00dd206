"""Notice e-mail through a real Celery worker on the real Redis and PostgreSQL: the request
only queues; the worker claims, writes and sends (console backend: into its log)."""

import time

import pytest

from eubelong.celery import app
from eubelong.notify.models import EmailMode, Notice
from eubelong.notify.services import preference_set
from regions.models import Role
from tests import factories
from tests.toolkit import factories as tk
from toolkit import services

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def _until(check, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if value := check():
            return value
        time.sleep(0.2)
    raise AssertionError("timed out")


def test_the_worker_mails_a_notice_once_after_the_commit(celery_worker):
    region = factories.region(name="Donegal", slug="donegal")
    admin = factories.member(region, Role.ADMIN)
    coordinator = factories.coordinator(email="reviewer.donegal@example.org")
    preference_set(user=coordinator, email=EmailMode.IMMEDIATE, urgent_at_once=True)
    workplan = tk.workplan(region, by=admin)
    tk.action(workplan)

    services.workplan_submit(workplan=workplan, by=admin)

    notice = Notice.objects.get(recipient=coordinator, kind="workplan.submitted")
    _until(lambda: Notice.objects.filter(pk=notice.pk, emailed_at__isnull=False).exists())
    log = _until(
        lambda: "reviewer.donegal@example.org" in celery_worker.log() and celery_worker.log()
    )
    assert "submitted Donegal" in log

    # The same message delivered again (a redelivery) mails nothing twice.
    again = app.send_task("eubelong.notify.notice_mail_send", args=(notice.pk,))
    _until(lambda: f"{again.id}] succeeded" in celery_worker.log())
    assert f"{again.id}] succeeded in" in celery_worker.log()
    assert "'skipped'" in celery_worker.log().split(f"{again.id}] succeeded", 1)[1].splitlines()[0]
    assert celery_worker.log().count("To: reviewer.donegal@example.org") == 1


def test_the_worker_sends_due_digests(celery_worker):
    region = factories.region(name="Leipzig", slug="leipzig")
    admin = factories.member(region, Role.ADMIN)
    contributor = factories.member(
        region, Role.CONTRIBUTOR, email="stakeholder.leipzig@example.org"
    )
    preference_set(user=contributor, email=EmailMode.DAILY, urgent_at_once=True)
    workplan = tk.workplan(region, by=admin)
    response = workplan.responses.order_by("id").first()
    services.follow_set(workplan=workplan, user=contributor, following=True)
    for n in range(3):
        services.comment_add(response=response, by=admin, kind="comment", body=f"Point {n}")

    assert Notice.objects.filter(recipient=contributor, emailed_at__isnull=True).count() == 3
    run = app.send_task("eubelong.notify.digests_send")
    _until(lambda: f"{run.id}] succeeded" in celery_worker.log())
    log = _until(
        lambda: "stakeholder.leipzig@example.org" in celery_worker.log() and celery_worker.log()
    )
    assert "3 new notices" in log
    assert not Notice.objects.filter(recipient=contributor, emailed_at__isnull=True).exists()
