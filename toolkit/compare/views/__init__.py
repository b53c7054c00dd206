"""The comparison's pages: regions side by side, and the self-assessment index."""

from .assessment import assessment_edit, index, questionnaire, sharing
from .progress import progress_download, progress_view
from .regions import dashboard, download, drilldown, evidence, side_by_side

__all__ = [
    "assessment_edit",
    "dashboard",
    "download",
    "drilldown",
    "evidence",
    "index",
    "progress_download",
    "progress_view",
    "questionnaire",
    "sharing",
    "side_by_side",
]
