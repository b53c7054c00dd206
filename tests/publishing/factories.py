"""Published strategies for tests: an approved workplan of a region, made public."""

from regions.models import Role
from tests import factories as f
from tests.reporting import factories as rf
from toolkit.publishing import services
from toolkit.publishing.models import Publication


def published(region=None, *, by=None, **choices) -> Publication:
    region = region or f.region()
    by = by or f.member(region, Role.ADMIN)
    workplan = rf.approved_workplan(region, by=by, coordinator=f.coordinator())
    return services.publish(workplan=workplan, by=by, **choices)
