"""docs/operations.md's backup and restore procedure, run for real against PostgreSQL."""

import os
import shutil
import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db import connection

from regions.models import Role

from .. import factories

ROOT = Path(__file__).resolve().parents[2]


def _pg_env(settings_dict):
    env = dict(os.environ)
    env.update(
        PGHOST=settings_dict["HOST"] or "127.0.0.1",
        PGPORT=str(settings_dict["PORT"] or 5432),
        PGUSER=settings_dict["USER"] or "postgres",
    )
    if settings_dict["PASSWORD"]:
        env["PGPASSWORD"] = settings_dict["PASSWORD"]
    return env


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_it_restores_a_dump_into_a_fresh_database(needs_postgres, tmp_path):
    if not shutil.which("pg_dump"):
        pytest.fail("pg_dump is missing: install postgresql-client")
    region = factories.region(name="Restored Region", slug="restored")
    factories.member(region, Role.EDITOR, username="restored-editor")
    source = connection.settings_dict
    env = _pg_env(source)
    dump = tmp_path / "eubelong.dump"
    target = f"eubelong_restore_{uuid.uuid4().hex[:8]}"
    subprocess.run(["pg_dump", "-Fc", "-f", dump, source["NAME"]], env=env, check=True, timeout=120)
    subprocess.run(["createdb", target], env=env, check=True, timeout=60)
    try:
        subprocess.run(
            ["pg_restore", "--no-owner", "-d", target, dump], env=env, check=True, timeout=120
        )
        url = f"postgres://{env['PGUSER']}@{env['PGHOST']}:{env['PGPORT']}/{target}"
        app_env = {**env, "DATABASE_URL": url, "ALLOWED_HOSTS": "testserver"}
        check = subprocess.run(
            [sys.executable, "manage.py", "migrate", "--check"],
            cwd=ROOT,
            env=app_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert check.returncode == 0, check.stdout + check.stderr
        probe = (
            "from django.test import Client; from django.contrib.auth import get_user_model; "
            "c = Client(); c.force_login(get_user_model().objects.get(username='restored-editor')); "
            "r = c.get('/regions/restored/'); print(r.status_code, 'Restored Region' in r.text)"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", probe],
            cwd=ROOT,
            env=app_env,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert result.stdout.strip().splitlines()[-1] == "200 True", result.stdout + result.stderr
    finally:
        subprocess.run(["dropdb", "--if-exists", target], env=env, check=False, timeout=60)
