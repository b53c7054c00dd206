"""Demo publications: four regions have published their approved strategy."""

from django.db import transaction

from toolkit.models import Workplan, WorkplanStatus
from toolkit.seed import demo_user

from . import services
from .models import Publication

# Catalonia and Pomerania also show the figures of their accepted 2025 report.
PUBLISHED = {
    "catalonia": {"include_evidence": True},
    "emilia-romagna": {},
    "salzburg": {"include_organisations": False},
    "pomerania": {"include_evidence": True},
}


@transaction.atomic
def seed(*, stdout=None) -> None:
    workplans = Workplan.objects.filter(
        region__slug__in=PUBLISHED, status=WorkplanStatus.APPROVED, cycle__start_year=2025
    ).select_related("region")
    for workplan in workplans:
        if Publication.objects.filter(workplan=workplan, withdrawn_at=None).exists():
            continue
        admin = demo_user(workplan.region, "admin")
        services.publish(workplan=workplan, by=admin, **PUBLISHED[workplan.region.slug])
        if stdout:
            stdout.write(f"Published the strategy of {workplan.region.name}.")
