from eubelong.exports.models import ExportJob, Status
from regions.models import Role
from tests import factories


def export_job(region=None, user=None, **fields) -> ExportJob:
    if user is None:
        user = factories.member(region, Role.EDITOR) if region else factories.UserFactory()
    defaults = {
        "kind": "region-profile" if region else "handbook",
        "region": region,
        "language": "en",
        "status": Status.QUEUED,
        "title": "Region profile",
        "requested_by": user,
        "task_id": "test-task",
    }
    defaults.update(fields)
    return ExportJob.objects.create(**defaults)
