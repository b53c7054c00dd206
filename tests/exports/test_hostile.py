"""Hostile content never makes the renderer reach outside the platform's static files."""

import http.server
import threading
import time

import pytest
from django.urls import reverse
from django.utils.safestring import mark_safe

from eubelong.exports import registry as kinds
from eubelong.exports.fetcher import RefusedURL, StaticOnlyURLFetcher, asset_url
from eubelong.exports.models import ExportJob, Status
from eubelong.exports.rendering import html_to_pdf

from .pdfcheck import inspect


@pytest.fixture
def listener():
    """A local HTTP server that records every request and answers with a redirect."""
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", hits
    server.shutdown()
    server.server_close()


def _hostile(base: str) -> str:
    return f"""
    <style>@import url("{base}/import.css"); p {{ background: url("{base}/bg.png"); }}</style>
    <link rel="stylesheet" href="{base}/link.css">
    <link rel="attachment" href="file:///etc/passwd">
    <a rel="attachment" href="file:///etc/passwd">attach</a>
    <img src="file:///etc/passwd" alt="x">
    <img src="{base}/redirect.png" alt="x">
    <img src="ftp://127.0.0.1/x.png" alt="x">
    <p style="background: url('{base}/inline.png')">text</p>
    <svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink">
      <title>x</title><image href="file:///etc/passwd" width="10" height="10"/>
      <image xlink:href="{base}/svg.png" width="10" height="10"/>
    </svg>
    <iframe src="{base}/frame"></iframe><object data="{base}/object"></object>
    """


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://example.org/x.css",
        "ftp://127.0.0.1/x",
        asset_url("print/../../eubelong/settings.py"),
        asset_url("print/%2e%2e/%2e%2e/pyproject.toml"),
        asset_url("js/app.js"),
        asset_url("print/export.css?x=1"),
        "https://assets.eubelong.invalid:8443/print/export.css",
        "https://user@assets.eubelong.invalid/print/export.css",
    ],
)
def test_it_refuses_everything_but_static_print_assets(url):
    with pytest.raises(RefusedURL):
        StaticOnlyURLFetcher().fetch(url)


def test_it_serves_static_assets_and_data_urls():
    fetcher = StaticOnlyURLFetcher()
    assert b"@page" in fetcher.fetch(asset_url("print/export.css")).read()
    assert fetcher.fetch("data:text/plain;base64,aGk=").read() == b"hi"


def test_it_stops_a_render_that_reaches_outside_without_contacting_anyone(listener):
    base, hits = listener
    html = f"<!DOCTYPE html><html lang='en'><head><title>t</title></head><body><h1>t</h1>{_hostile(base)}</body></html>"
    started = time.monotonic()
    with pytest.raises(RefusedURL):
        html_to_pdf(html)
    assert time.monotonic() - started < 30
    assert hits == []


def test_it_sanitises_hostile_user_text_in_a_real_export(
    login, editor, region, eager, django_capture_on_commit_callbacks, listener, settings
):
    base, hits = listener
    region.contextual_analysis = "Safe words.\n\n" + _hostile(base)
    region.save(update_fields=["contextual_analysis"])
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        login(editor).post(
            reverse("exports:region-create", kwargs={"region": region.slug}),
            {"kind": "region-profile"},
        )
    job = ExportJob.objects.get()
    assert job.status == Status.DONE, job.error
    assert time.monotonic() - started < settings.CELERY_TASK_SOFT_TIME_LIMIT
    assert hits == []
    from django.core.files.storage import default_storage

    with default_storage.open(job.file) as handle:
        info = inspect(handle.read())
    assert "Safe words." in info["text"]
    assert not info["embedded_files"] and not info["attachments"]
    assert b"root:" not in info["raw"]


def test_it_fails_the_job_when_a_template_lets_hostile_markup_through(
    login, editor, region, eager, django_capture_on_commit_callbacks, listener, monkeypatch
):
    """Even unsanitised markup (a template mistake) cannot fetch: the job fails with a reason."""
    base, hits = listener

    def leaky(region, object_id, user):
        context = kind.build_context(region, object_id, user)
        context["contextual_analysis"] = mark_safe(_hostile(base))  # noqa: S308
        return context

    kind = kinds.REGISTRY["region-profile"]
    monkeypatch.setitem(
        kinds.REGISTRY,
        "region-profile",
        kinds.ExportKind(
            key=kind.key, label=kind.label, template=kind.template, build_context=leaky
        ),
    )
    with django_capture_on_commit_callbacks(execute=True):
        login(editor).post(
            reverse("exports:region-create", kwargs={"region": region.slug}),
            {"kind": "region-profile"},
        )
    job = ExportJob.objects.get()
    assert job.status == Status.FAILED
    assert "outside the platform" in job.error
    assert hits == [] and not job.file
