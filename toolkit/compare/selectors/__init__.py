"""Reads of the comparison: which snapshot of each region is compared, its summary, and the
network's aggregates."""

from .aggregates import (
    action_tallies,
    actions_by_status,
    budgets,
    capacity_reach,
    filtered_actions,
    stakeholder_mix,
    tallies_key,
)
from .sources import (
    SOURCE_LABELS,
    Filters,
    Source,
    comparable_regions,
    cycles,
    localise_items,
    log_read,
    priority_columns,
    sources,
    template_priorities,
)
from .summaries import load_items, load_overview, snapshot_summaries, snapshot_summarise

__all__ = [
    "Filters",
    "SOURCE_LABELS",
    "Source",
    "action_tallies",
    "actions_by_status",
    "budgets",
    "capacity_reach",
    "comparable_regions",
    "cycles",
    "filtered_actions",
    "load_items",
    "load_overview",
    "localise_items",
    "log_read",
    "priority_columns",
    "snapshot_summaries",
    "snapshot_summarise",
    "sources",
    "stakeholder_mix",
    "tallies_key",
    "template_priorities",
]
