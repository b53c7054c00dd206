"""How the tenant isolation harness treats yearly reporting's URL patterns."""

from toolkit.models import LibraryIndicator
from toolkit.reporting.models import ActionProgress, IndicatorValue

from . import factories

URL_CLASSES = {
    "reporting:board": "coordinator",
    "reporting:periods": "coordinator",
    "reporting:period-edit": "coordinator",
    "reporting:region-reports": "region",
    "reporting:report": "region",
    "reporting:action-row": "region",
    "reporting:value-row": "region",
    "reporting:report-submit": "region",
    "reporting:report-review": "region-review",
    "reporting:library": "signed-in",
    "reporting:library-new": "coordinator",
    "reporting:library-edit": "coordinator",
}


# A cycle of its own, so the toolkit's walk keeps its draft workplan of 2025.
YEAR = 2028


def _report(region):
    return factories.report(region, year=YEAR, start_year=YEAR)


ARG_FACTORIES = {
    "report": lambda region: _report(region).uuid,
    "row": lambda region: (
        ActionProgress.objects.for_region(region)
        .filter(report=_report(region))
        .order_by("id")
        .first()
        .uuid
    ),
    "value": lambda region: (
        IndicatorValue.objects.for_region(region)
        .filter(report=_report(region))
        .order_by("id")
        .first()
        .uuid
    ),
    "cycle": lambda region: factories.period(YEAR, YEAR).cycle.uuid,
    "period": lambda region: factories.period(YEAR, YEAR).uuid,
    # Flushed databases (browser tests) lose the shipped starter set.
    "entry": lambda region: (
        LibraryIndicator.objects.get_or_create(
            code="ISO-1",
            defaults={"name": "Walked", "theme": "employment", "unit": "people", "source": "Tests"},
        )[0].uuid
    ),
}
