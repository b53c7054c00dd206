"""Export PDF: request a job, follow its progress, download the file.

A job is private to the person who asked for it. For a region's document that person must also
still hold the region permission; anyone else, including other members of the region, gets 404.
"""

from functools import wraps

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import get_language
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from eubelong.core.door import door
from eubelong.core.htmx import render_page

from . import storage
from .models import Status
from .registry import get_kind, network_kinds
from .selectors import network_job_for_user, region_job_for_user, user_jobs
from .services import (
    ExportLimitReached,
    export_request,
    export_retry,
    stale_before,
    unsent_before,
)


def _job_url(job) -> str:
    if job.region_id:
        return reverse("exports:region-job", kwargs={"region": job.region.slug, "job": job.uuid})
    return reverse("exports:job", kwargs={"job": job.uuid})


def _limit_reached(request, region=None):
    return render(request, "exports/limit.html", {"region": region}, status=429)


def _create(request, *, region):
    kind = get_kind(request.POST.get("kind", ""))
    if kind is None or kind.is_regional != (region is not None):
        return HttpResponseBadRequest("Unknown export")
    if region is not None and kind.region_perm not in request.region_perms:
        raise PermissionDenied
    if not kind.permits(request.user):
        raise PermissionDenied
    object_id = request.POST.get("object", "")[:64] if kind.choices is not None else ""
    if kind.choices is not None:
        allowed = {str(value) for value, _label in kind.choices(region, request.user)}
        if object_id not in allowed:
            return HttpResponseBadRequest("Unknown object")
    try:
        job = export_request(
            user=request.user,
            kind=kind,
            region=region,
            object_id=object_id,
            language=get_language() or "en",
        )
    except ExportLimitReached:
        return _limit_reached(request, region)
    return redirect(_job_url(job))


def _job_page(request, job):
    job.is_stale = (
        job.status == Status.RUNNING and job.started_at and job.started_at < stale_before()
    )
    job.is_unsent = job.status == Status.QUEUED and job.queued_at < unsent_before()
    job.is_waiting = job.is_active and not job.is_stale and not job.is_unsent
    context = {"job": job, "region": job.region, "job_url": _job_url(job)}
    return render_page(request, "exports/job.html", context, partial="status")


def _download(job):
    if job.status != Status.DONE or not job.file:
        raise Http404("Not ready")
    try:
        handle = storage.open_file(job.file)
    except (FileNotFoundError, OSError):
        raise Http404("File missing") from None
    stem = slugify(job.title)[:80] or "export"
    day = (job.finished_at or job.created_at).date().isoformat()
    response = FileResponse(
        handle, as_attachment=True, filename=f"{stem}-{day}.pdf", content_type="application/pdf"
    )
    response["Cache-Control"] = "private, no-store"
    return response


def _retry(request, job):
    try:
        export_retry(job=job, user=request.user)
    except ExportLimitReached:
        return _limit_reached(request, job.region)
    return redirect(_job_url(job))


# Region documents ----------------------------------------------------------------------------


def region_view(perm="view_region"):
    """The registered region door, looked up when the view runs (see registry)."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            return door().region_view(perm)(view)(request, *args, **kwargs)

        return wrapper

    return decorator


@require_POST
@region_view()
def region_create(request, region):
    return _create(request, region=region)


@never_cache
@require_safe
@region_view()
def region_job(request, region, job):
    return _job_page(request, region_job_for_user(region=region, user=request.user, job_uuid=job))


@require_safe
@region_view()
def region_download(request, region, job):
    return _download(region_job_for_user(region=region, user=request.user, job_uuid=job))


@require_POST
@region_view()
def region_retry(request, region, job):
    return _retry(request, region_job_for_user(region=region, user=request.user, job_uuid=job))


# Network-wide documents and the requester's own list -------------------------------------------


@never_cache
@require_safe
@login_required
def index(request):
    return render(
        request,
        "exports/index.html",
        {
            "jobs": user_jobs(request.user),
            "kinds": [
                (kind, kind.choices(None, request.user) if kind.choices else None)
                for kind in network_kinds()
                if kind.permits(request.user)
            ],
        },
    )


@require_POST
@login_required
def create(request):
    return _create(request, region=None)


@never_cache
@require_safe
@login_required
def job(request, job):
    return _job_page(request, network_job_for_user(user=request.user, job_uuid=job))


@require_safe
@login_required
def download(request, job):
    return _download(network_job_for_user(user=request.user, job_uuid=job))


@require_POST
@login_required
def retry(request, job):
    return _retry(request, network_job_for_user(user=request.user, job_uuid=job))
