import threading
import time

import pytest
from django.core.cache import cache
from django.core.management import CommandError, call_command
from django.test import override_settings

from eubelong.core import health


@pytest.fixture(autouse=True)
def _fresh_report():
    health.cached_report.clear()
    yield
    health.cached_report.clear()


@override_settings(REDIS_URL=None, CELERY_TASK_ALWAYS_EAGER=True)
def test_it_reports_healthy_with_only_a_database(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body == {
        "database": "ok",
        "redis": "not configured",
        "worker": "in-process",
        "status": "ok",
    }


@override_settings(REDIS_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=True)
def test_it_answers_503_when_a_configured_service_is_down(client, db):
    response = client.get("/healthz")
    assert response.status_code == 503
    body = response.json()
    assert body["redis"].startswith("error")
    assert body["status"] == "unavailable"
    assert "127.0.0.1" not in response.content.decode(), "errors name no internal addresses"


def test_it_checks_the_real_redis(client, db, needs_redis):
    response = client.get("/healthz")
    assert response.json()["redis"] == "ok"


def test_it_refuses_writes(client, db):
    assert client.post("/healthz").status_code == 405


@pytest.mark.parametrize("path", ["/healthz"])
def test_it_is_never_cached(client, db, path):
    assert "no-cache" in client.get(path)["Cache-Control"]


# --- a public check that costs nothing (outside security test, finding 4) -----------------------


@pytest.fixture
def no_broker_calls(monkeypatch):
    from eubelong.celery import app

    def refuse(*args, **kwargs):
        raise AssertionError("an anonymous health check must not wait on the broker")

    monkeypatch.setattr(app.control, "inspect", refuse)


def test_it_reads_the_worker_from_its_heartbeat_not_a_broker_ping(
    client, db, needs_redis, no_broker_calls, settings
):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    cache.delete(health.HEARTBEAT_KEY)
    silent = client.get("/healthz")
    assert silent.status_code == 503 and silent.json()["worker"].startswith("error")
    health.heartbeat_write()
    health.cached_report.clear()
    alive = client.get("/healthz")
    assert alive.status_code == 200 and alive.json()["worker"] == "ok"
    cache.set(health.HEARTBEAT_KEY, time.time() - health.HEARTBEAT_STALE - 1)
    health.cached_report.clear()
    assert client.get("/healthz").json()["worker"].startswith("error")


def test_it_answers_repeated_checks_from_the_last_report(client, db, django_assert_num_queries):
    client.get("/healthz")
    with django_assert_num_queries(0):
        for _ in range(20):
            assert client.get("/healthz").status_code in (200, 503)


def test_it_refreshes_in_one_thread_while_the_others_answer_at_once(db, monkeypatch):
    health.cached_report.get()
    calls = []

    def slow_report(**kwargs):
        calls.append(1)
        time.sleep(0.5)
        return {"status": "ok"}, True

    monkeypatch.setattr(health, "report", slow_report)
    monkeypatch.setattr(health, "REFRESH", 0.0)
    waits = []

    def check():
        started = time.perf_counter()
        health.cached_report.get()
        waits.append(time.perf_counter() - started)

    threads = [threading.Thread(target=check) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1, "one refresh at a time"
    assert sorted(waits)[-2] < 0.25, "everyone else answered from the previous report"


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_hears_the_real_workers_heartbeat_and_ping(celery_worker, settings, no_broker_calls):
    # Each test starts with an empty cache; the worker beats again within HEARTBEAT_EVERY.
    deadline = time.monotonic() + health.HEARTBEAT_EVERY + 10
    while cache.get(health.HEARTBEAT_KEY) is None and time.monotonic() < deadline:
        time.sleep(0.2)
    settings.CELERY_TASK_ALWAYS_EAGER = False
    result, healthy = health.report()
    assert result["worker"] == "ok" and healthy


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_gives_operators_a_live_worker_ping(celery_worker, settings, capsys):
    settings.CELERY_TASK_ALWAYS_EAGER = False
    call_command("health")
    assert '"worker": "ok"' in capsys.readouterr().out


@override_settings(REDIS_URL="redis://127.0.0.1:1/0", CELERY_TASK_ALWAYS_EAGER=True)
def test_it_fails_the_operators_check_when_a_service_is_down(db):
    with pytest.raises(CommandError):
        call_command("health")
