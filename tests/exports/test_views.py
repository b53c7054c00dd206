import pytest
from django.urls import reverse

from eubelong.exports.models import ExportJob, Status
from regions.models import Role
from tests import factories

from .factories import export_job


def _create(client, region, kind="region-profile"):
    return client.post(
        reverse("exports:region-create", kwargs={"region": region.slug}), {"kind": kind}
    )


def _job_url(job, name="exports:region-job"):
    return reverse(name, kwargs={"region": job.region.slug, "job": job.uuid})


def test_it_exports_the_region_profile_and_downloads_it(
    login, editor, region, eager, django_capture_on_commit_callbacks
):
    client = login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = _create(client, region)
    job = ExportJob.objects.get()
    assert response.status_code == 302
    assert response["Location"] == _job_url(job)
    assert job.status == Status.DONE, job.error
    assert job.region == region and job.requested_by == editor and job.language == "en"
    page = client.get(_job_url(job))
    assert "Download PDF" in page.content.decode()
    download = client.get(_job_url(job, "exports:region-download"))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith('attachment; filename="region-profile')
    assert "private" in download["Cache-Control"]
    assert b"".join(download.streaming_content).startswith(b"%PDF-1.7")


def test_it_shows_progress_as_a_partial_that_polls_while_active(login, editor, region, media):
    job = export_job(region, editor, status=Status.RUNNING, progress=40)
    response = login(editor).get(_job_url(job), headers={"HX-Request": "true"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in body
    assert 'hx-trigger="every 2s"' in body and 'value="40"' in body


def test_it_offers_a_refresh_without_javascript(login, editor, region, media):
    job = export_job(region, editor, status=Status.QUEUED)
    body = login(editor).get(_job_url(job)).content.decode()
    assert '<noscript><meta http-equiv="refresh"' in body
    assert "Check again" in body


def test_it_shows_the_reason_and_a_retry_button_when_failed(
    login, editor, region, eager, django_capture_on_commit_callbacks
):
    job = export_job(region, editor, status=Status.FAILED, error="Rendering took too long.")
    client = login(editor)
    body = client.get(_job_url(job)).content.decode()
    assert "Rendering took too long." in body and "Try again" in body
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(_job_url(job, "exports:region-retry"))
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == Status.DONE and job.error == ""


def test_it_hides_a_job_from_other_members_of_the_region(login, editor, contributor, region):
    job = export_job(region, editor, status=Status.FAILED)
    client = login(contributor)
    assert client.get(_job_url(job)).status_code == 404
    assert client.get(_job_url(job, "exports:region-download")).status_code == 404
    assert client.post(_job_url(job, "exports:region-retry")).status_code == 404


def test_it_answers_404_to_outsiders(login, editor, outsider, region):
    job = export_job(region, editor, status=Status.DONE, file="exports/x.pdf")
    client = login(outsider)
    assert _create(client, region).status_code == 404
    assert client.get(_job_url(job)).status_code == 404
    assert client.get(_job_url(job, "exports:region-download")).status_code == 404
    assert not ExportJob.objects.filter(requested_by=outsider).exists()


def test_it_answers_404_when_the_requester_lost_the_region(login, region, media):
    former = factories.member(region, Role.EDITOR)
    job = export_job(region, former, status=Status.DONE, file="exports/x.pdf")
    from regions.services import membership_remove

    membership_remove(user=former, region=region, role=Role.EDITOR)
    assert login(former).get(_job_url(job, "exports:region-download")).status_code == 404


def test_it_lets_a_read_only_member_export(
    login, contributor, region, eager, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        assert _create(login(contributor), region).status_code == 302
    assert ExportJob.objects.get().status == Status.DONE


def test_it_refuses_unknown_kinds_and_get(login, editor, region):
    client = login(editor)
    assert _create(client, region, kind="nope").status_code == 400
    url = reverse("exports:region-create", kwargs={"region": region.slug})
    assert client.get(url).status_code == 405


def test_it_limits_concurrent_exports_per_user(login, editor, region, settings, media):
    settings.EXPORTS_MAX_ACTIVE_PER_USER = 2
    export_job(region, editor, status=Status.QUEUED)
    export_job(region, editor, status=Status.RUNNING)
    from django.utils import timezone

    ExportJob.objects.filter(status=Status.RUNNING).update(started_at=timezone.now())
    response = _create(login(editor), region)
    assert response.status_code == 429
    assert ExportJob.objects.count() == 2


def test_it_keeps_network_jobs_to_their_requester(login, editor, coordinator, media):
    job = export_job(None, coordinator, status=Status.DONE, file="exports/x.pdf")
    client = login(editor)
    assert client.get(reverse("exports:job", kwargs={"job": job.uuid})).status_code == 404
    assert client.get(reverse("exports:download", kwargs={"job": job.uuid})).status_code == 404


def test_it_lists_my_exports_in_constant_queries(
    login, editor, region, django_assert_max_num_queries
):
    client = login(editor)
    export_job(region, editor)
    with django_assert_max_num_queries(12) as few:
        assert client.get(reverse("exports:index")).status_code == 200
    for _ in range(5):
        export_job(region, editor)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse("exports:index"))
    assert response.content.decode().count("Region profile") >= 6


def test_it_shows_the_export_button_on_the_region_page(login, contributor, region):
    body = login(contributor).get(reverse("regions:home", kwargs={"region": region.slug}))
    assert reverse("exports:region-create", kwargs={"region": region.slug}) in body.content.decode()


@pytest.mark.parametrize("kind", ["region-profile"])
def test_it_requires_a_signed_in_user(client, region, kind):
    response = _create(client, region, kind)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_offers_a_network_export_button_tag(rf, editor):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = editor
    html = Template('{% load exports %}{% network_export_button "handbook" "area:x" %}').render(
        Context({"request": request, "csrf_token": "t"})
    )
    assert reverse("exports:create") in html and 'value="area:x"' in html
    nothing = Template('{% load exports %}{% network_export_button "region-profile" %}').render(
        Context({"request": request})
    )
    assert "<form" not in nothing


def test_it_rechecks_the_permission_when_the_task_runs(
    login, region, eager, django_capture_on_commit_callbacks
):
    from regions.services import membership_remove

    member = factories.member(region, Role.EDITOR)
    client = login(member)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        _create(client, region)
    membership_remove(user=member, region=region, role=Role.EDITOR)
    for callback in callbacks:
        callback()
    job = ExportJob.objects.get()
    assert job.status == Status.FAILED and not job.file
    assert "no longer have access" in job.error


def test_it_offers_a_region_export_button_tag(rf, editor, region):
    from django.template import Context, Template

    request = rf.get("/")
    request.user = editor
    request.region_perms = frozenset({"view_region"})
    template = Template(
        '{% load exports %}{% region_export_button region "workplan" "current:x" %}'
    )
    html = template.render(Context({"request": request, "region": region, "csrf_token": "t"}))
    assert reverse("exports:region-create", kwargs={"region": region.slug}) in html
    assert 'value="current:x"' in html
    request.region_perms = frozenset()
    assert "<form" not in template.render(Context({"request": request, "region": region}))
