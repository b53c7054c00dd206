"""Password reset tells nothing and cannot be flooded (outside security test, finding 7).

Rate-limited per address asking and per account asked about; mail leaves from the worker after
the commit; known and unknown addresses take the same path through the request."""

import pytest
from django.core import mail
from django.test import Client, TestCase
from django.urls import reverse

from regions.accounts import tasks
from tests import factories

RESET = reverse("accounts:password_reset")


def ask(email, address="198.51.100.7", run_after_commit=True):
    client = Client(REMOTE_ADDR=address)
    with TestCase.captureOnCommitCallbacks(execute=run_after_commit) as callbacks:
        response = client.post(RESET, {"email": email})
    return response, callbacks


@pytest.fixture
def sent(monkeypatch):
    """Records the tasks queued, without running them."""
    queued = []
    monkeypatch.setattr(tasks.password_reset_send, "delay", lambda **kwargs: queued.append(kwargs))
    return queued


def test_it_sends_nothing_inside_the_request(db, editor):
    mail.outbox.clear()
    response, callbacks = ask(editor.email, run_after_commit=False)
    assert response.status_code == 302
    assert mail.outbox == [], "the mail waits for the commit and the worker"
    assert len(callbacks) == 1


def test_it_takes_the_same_path_for_known_and_unknown_addresses(db, editor, sent):
    known, _ = ask(editor.email, address="198.51.100.1")
    unknown, _ = ask("nobody-here@example.org", address="198.51.100.2")
    assert (known.status_code, known["Location"]) == (unknown.status_code, unknown["Location"])
    assert [sorted(call) for call in sent] == [sorted(sent[0])] * 2
    assert sent[0]["email"] == editor.email.lower()
    assert sent[1]["email"] == "nobody-here@example.org"


def test_it_mails_known_addresses_only_from_the_task(db, editor):
    mail.outbox.clear()
    tasks.password_reset_send(
        email="nobody-here@example.org", domain="testserver", use_https=True, language="en"
    )
    assert mail.outbox == []
    tasks.password_reset_send(
        email=editor.email, domain="testserver", use_https=True, language="en"
    )
    assert len(mail.outbox) == 1 and "https://testserver/accounts/password/reset/" in (
        mail.outbox[0].body
    )


def test_it_limits_requests_per_address(db, settings, sent):
    settings.RATELIMITS = {**settings.RATELIMITS, "password-reset": "3/h"}
    for i in range(3):
        assert ask(f"person{i}@example.org")[0].status_code == 302
    assert ask("person9@example.org")[0].status_code == 429
    assert ask("person9@example.org", address="203.0.113.50")[0].status_code == 302
    assert len(sent) == 4


def test_it_limits_mail_per_account_without_telling(db, editor, settings, sent):
    settings.RATELIMITS = {**settings.RATELIMITS, "password-reset-account": "2/h"}
    answers = [ask(editor.email.upper(), address=f"198.51.100.{i}")[0] for i in range(5)]
    assert {(a.status_code, a["Location"]) for a in answers} == {
        (302, reverse("accounts:password_reset_done"))
    }
    assert len(sent) == 2, "the account receives no more than its limit"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_sends_the_reset_from_the_real_worker(celery_worker):
    """The worker prints mail to its log (the console backend of an unconfigured SMTP)."""
    import time

    person = factories.UserFactory(email="reset-by-worker@example.org")
    response = Client().post(RESET, {"email": person.email})
    assert response.status_code == 302
    deadline = time.monotonic() + 30
    while "reset-by-worker@example.org" not in celery_worker.log() and time.monotonic() < deadline:
        time.sleep(0.3)
    log = celery_worker.log()
    assert "To: reset-by-worker@example.org" in log
    assert "/accounts/password/reset/" in log
