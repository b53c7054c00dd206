"""docker-compose.yml cannot run here (no Docker engine); check that what it runs exists."""

import importlib
import re
import shlex
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
SETTINGS_SOURCE = (ROOT / "eubelong" / "settings.py").read_text()


def compose():
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def _command(service) -> list[str]:
    command = service.get("command")
    if isinstance(command, list):
        return command
    return shlex.split(command)


def test_it_defines_web_worker_postgres_and_redis_with_health_checks():
    services = compose()["services"]
    assert {"web", "worker", "postgres", "redis"} <= set(services)
    for name, service in services.items():
        assert "healthcheck" in service, f"{name} has no health check"
        assert service["healthcheck"]["test"], name


def test_it_keeps_data_in_named_volumes():
    data = compose()
    declared = set(data["volumes"])
    for name in ("web", "worker", "postgres", "redis"):
        for volume in data["services"][name].get("volumes", []):
            source = volume.split(":")[0]
            assert source in declared, f"{name} mounts undeclared volume {source}"
    assert {"pgdata", "media"} <= declared


def test_it_runs_modules_that_exist():
    services = compose()["services"]
    web = " ".join(_command(services["web"]))
    module, attribute = re.search(r"gunicorn .*?([\w.]+\.asgi):(\w+)", web).groups()
    assert hasattr(importlib.import_module(module), attribute)
    config = re.search(r"-c python:(\S+)", web).group(1)
    assert importlib.import_module(config).limit_request_line
    # The ASGI application is served by an ASGI worker that is installed.
    worker_module, worker_class = importlib.import_module(config).worker_class.rsplit(".", 1)
    assert hasattr(importlib.import_module(worker_module), worker_class)
    worker = _command(services["worker"])
    assert worker[:3] == ["celery", "-A", "eubelong"]
    assert importlib.import_module("eubelong").celery_app.main == "eubelong"
    assert "manage.py migrate" in web
    assert (ROOT / "manage.py").exists()
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "eubelong.asgi:application" in dockerfile
    assert services["web"]["build"] == "."


def test_it_only_passes_settings_the_application_reads():
    environment = compose()["services"]["web"]["environment"]
    for name in environment:
        assert f'"{name}"' in SETTINGS_SOURCE, f"{name} is set in compose but never read"
    assert environment["DEBUG"] == "false"
    assert "${SECRET_KEY" in environment["SECRET_KEY"], "secrets must come from the environment"


def test_it_waits_for_healthy_databases():
    services = compose()["services"]
    for name in ("web", "worker"):
        depends = services[name]["depends_on"]
        assert depends["postgres"]["condition"] == "service_healthy"
        assert depends["redis"]["condition"] == "service_healthy"
