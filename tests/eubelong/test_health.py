import pytest
from django.test import override_settings


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
