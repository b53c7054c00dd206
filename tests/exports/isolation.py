"""How the tenant isolation harness treats the export URLs (see tests/test_tenant_isolation.py).

Jobs are private to their requester: the harness's people never requested the victim's job, so
status, download and retry answer 404 even to coordinators.
"""

URL_CLASSES = {
    "exports:index": "signed-in",
    "exports:create": "signed-in",
    "exports:job": "signed-in",
    "exports:download": "signed-in",
    "exports:retry": "signed-in",
    # Coordinators may read every region, so they may also ask for its PDF.
    "exports:region-create": "region-review",
    "exports:region-job": "region",
    "exports:region-download": "region",
    "exports:region-retry": "region-review",
}


def _victim_job(victim):
    from eubelong.exports.models import Status

    from .factories import export_job

    return export_job(victim, status=Status.FAILED, error="x").uuid


ARG_FACTORIES = {"job": _victim_job}
