"""Workplan, Handbook and Model Framework exports: what each document contains."""

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from eubelong.exports.registry import ExportUnavailable
from tests.handbook import factories as handbook_factories
from tests.toolkit import factories as toolkit_factories
from toolkit import services as toolkit_services
from toolkit.documents import workplan_context

from .pdfcheck import assert_accessible, inspect


def _export(client, capture, url, data) -> tuple[ExportJob, dict]:
    with capture(execute=True):
        response = client.post(url, data)
    assert response.status_code == 302, response.content
    job = ExportJob.objects.order_by("-pk").first()
    assert job.status == Status.DONE, job.error
    with default_storage.open(job.file) as handle:
        return job, inspect(handle.read())


def test_it_exports_the_current_workplan_and_a_submitted_snapshot(
    login, regional_admin, region, eager, django_capture_on_commit_callbacks
):
    workplan = toolkit_factories.filled_workplan(region, by=regional_admin)
    snapshot = toolkit_services.workplan_submit(workplan=workplan, by=regional_admin)
    client = login(regional_admin)
    page = client.get(reverse("regions:home", kwargs={"region": region.slug})).content.decode()
    assert f"current:{workplan.uuid}" in page and f"snapshot:{snapshot.uuid}" in page
    url = reverse("exports:region-create", kwargs={"region": region.slug})
    for object_id in (f"current:{workplan.uuid}", f"snapshot:{snapshot.uuid}"):
        job, info = _export(
            client,
            django_capture_on_commit_callbacks,
            url,
            {"kind": "workplan", "object": object_id},
        )
        assert_accessible(info)
        assert job.title == f"Workplan · {region.name}"
        for text in (region.name, "2025–2027", "Priority 1", "Action 1.0", "People reached"):
            assert text in info["text"], text
        assert "Checklist items by status" in info["text"]
        assert info["outline"][:3] == ["Workplan", "Summary", "1. Priority 1"]


def test_it_refuses_another_regions_workplan(login, editor, region, other_region, eager):
    foreign = toolkit_factories.workplan(other_region)
    response = login(editor).post(
        reverse("exports:region-create", kwargs={"region": region.slug}),
        {"kind": "workplan", "object": f"current:{foreign.uuid}"},
    )
    assert response.status_code == 400
    assert not ExportJob.objects.exists()
    with pytest.raises(ExportUnavailable):
        workplan_context(region, f"current:{foreign.uuid}", editor)


def test_it_lets_a_coordinator_export_the_whole_handbook(
    login, coordinator, region, eager, django_capture_on_commit_callbacks
):
    handbook_factories.section("handbook", 1, title="Why belonging matters")
    area = handbook_factories.area(
        number=91, slug="housing-zz", title="Housing Zz", challenges="Rents **rise**."
    )
    module = handbook_factories.module(region, title="Tenancy rights module")
    module.thematic_areas.add(area)
    job, info = _export(
        login(coordinator),
        django_capture_on_commit_callbacks,
        reverse("exports:create"),
        {"kind": "handbook", "object": ""},
    )
    assert_accessible(info)
    assert job.region is None and job.requested_by == coordinator
    for text in ("Handbook", "Why belonging matters", "Housing Zz", "Tenancy rights module"):
        assert text in info["text"], text
    assert "1. Why belonging matters" in info["outline"]


def test_it_exports_one_thematic_area(login, editor, eager, django_capture_on_commit_callbacks):
    handbook_factories.area(number=92, slug="health-zz", title="Health Zz")
    handbook_factories.area(number=93, slug="sport-zz", title="Sport Zz")
    job, info = _export(
        login(editor),
        django_capture_on_commit_callbacks,
        reverse("exports:create"),
        {"kind": "handbook", "object": "area:health-zz"},
    )
    assert "Health Zz" in info["text"] and "Sport Zz" not in info["text"]
    assert job.title == "Handbook · Health Zz"


def test_it_exports_the_framework_with_the_toolkit_checklists(
    login, editor, eager, django_capture_on_commit_callbacks
):
    handbook_factories.section("framework", 1, title="Principles of belonging")
    toolkit_factories.published_template()
    job, info = _export(
        login(editor),
        django_capture_on_commit_callbacks,
        reverse("exports:create"),
        {"kind": "framework"},
    )
    assert_accessible(info)
    for text in ("Principles of belonging", "Toolkit: strategic priorities", "Item 1.1"):
        assert text in info["text"], text


def test_it_refuses_a_region_kind_without_a_region(login, editor):
    response = login(editor).post(reverse("exports:create"), {"kind": "region-profile"})
    assert response.status_code == 400
