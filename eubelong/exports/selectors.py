from django.http import Http404

from .models import ExportJob


def region_job_for_user(*, region, user, job_uuid) -> ExportJob:
    """A region's export job, visible only to the person who asked for it."""
    job = (
        ExportJob.objects.for_region(region)
        .requested_by(user)
        .select_related("region")
        .filter(uuid=job_uuid)
        .first()
    )
    if job is None:
        raise Http404("No such export")
    return job


def network_job_for_user(*, user, job_uuid) -> ExportJob:
    job = ExportJob.objects.without_region().requested_by(user).filter(uuid=job_uuid).first()
    if job is None:
        raise Http404("No such export")
    return job


def user_jobs(user, limit: int = 50) -> list[ExportJob]:
    return list(ExportJob.objects.requested_by(user).select_related("region")[:limit])
