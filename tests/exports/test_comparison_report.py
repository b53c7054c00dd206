"""The coordinator's comparison report: a tagged PDF of the comparison dashboard."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from eubelong.exports.registry import ExportUnavailable, get_kind
from tests.compare import factories as cf
from toolkit.compare.documents import comparison_context

from .pdfcheck import assert_accessible, inspect

DRAFT_TEXT = "Unsubmitted draft wording qx"


@pytest.fixture
def compared(region, other_region):
    home = cf.workplan(region, status="approved", evidence="Home evidence")
    other = cf.workplan(other_region, status="submitted", evidence="Other evidence")
    return home, other


def test_it_exports_the_comparison_report_for_a_coordinator(
    login, coordinator, region, other_region, compared, eager, django_capture_on_commit_callbacks
):
    client = login(coordinator)
    page = client.get(reverse("compare:dashboard")).content.decode()
    assert 'name="kind" value="comparison"' in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("exports:create"), {"kind": "comparison", "object": ""})
    assert response.status_code == 302, response.content
    job = ExportJob.objects.get()
    assert job.status == Status.DONE, job.error
    assert job.region is None and job.title == "Comparison report"
    with default_storage.open(job.file) as handle:
        info = inspect(handle.read())
    assert_accessible(info)
    text = info["text"]
    for needle in (
        "Comparison report",
        region.name,
        other_region.name,
        "1. Priority 1",
        "Completeness by priority",
        "Actions by status",
        "Capacity-building reach by sector",
        "Submitted and approved workplans only",
    ):
        assert needle in text, needle
    home, other = compared
    for wp in compared:
        assert str(wp.snapshots.get().uuid)[:8] in text
    assert "Completeness by priority" in info["outline"]
    assert "1. Priority 1" in info["outline"]


def test_it_never_reads_drafts(coordinator, region, other_region, compared):
    home, other = compared
    cf.draft_edit(other, DRAFT_TEXT)
    context = comparison_context(None, "", coordinator)
    assert all(not row["source"].is_draft for row in context["sources"])
    assert {row["source"].region.pk for row in context["sources"]} == {region.pk, other_region.pk}
    assert context["priorities"] and context["priorities"][0]["rows"]


def test_it_refuses_a_regional_editor(login, editor, region, compared, eager):
    client = login(editor)
    page = client.get(reverse("compare:dashboard")).content.decode()
    assert 'value="comparison"' not in page
    assert "comparison" not in client.get(reverse("exports:index")).content.decode()
    response = client.post(reverse("exports:create"), {"kind": "comparison", "object": ""})
    assert response.status_code == 403
    assert not ExportJob.objects.exists()
    with pytest.raises(ExportUnavailable):
        comparison_context(None, "", editor)
    assert not get_kind("comparison").permits(editor)


def test_it_fails_a_queued_report_when_the_coordinator_role_is_gone(
    login, coordinator, compared, media, django_capture_on_commit_callbacks
):
    from celery import current_app

    client = login(coordinator)
    previous = current_app.conf.task_always_eager
    current_app.conf.task_always_eager = False
    try:
        with django_capture_on_commit_callbacks(execute=False):
            client.post(reverse("exports:create"), {"kind": "comparison", "object": ""})
    finally:
        current_app.conf.task_always_eager = previous
    job = ExportJob.objects.get()
    coordinator.groups.clear()
    from eubelong.exports.services import export_run

    assert export_run(job_id=job.pk, task_id=job.task_id, worker="w") == "failed"
    job.refresh_from_db()
    assert job.status == Status.FAILED
