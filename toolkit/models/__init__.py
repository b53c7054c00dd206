"""The toolkit's tables: the shared template, and each region's workplans with their parts."""

from .actions import (
    Action,
    ActionPartner,
    ActionStatus,
    ActionThematicArea,
    FundingSource,
    Indicator,
)
from .reviews import (
    Change,
    Comment,
    CommentKind,
    ProposalState,
    Snapshot,
    SnapshotOutcome,
    WorkplanFollow,
)
from .templates import ChecklistItem, Priority, StrategyCycle, TemplateVersion, VersionedTemplate
from .workplans import (
    EDITABLE_STATUSES,
    ItemResponse,
    ItemStatus,
    PriorityResponse,
    Workplan,
    WorkplanStatus,
)

__all__ = [
    "Action",
    "ActionPartner",
    "ActionStatus",
    "ActionThematicArea",
    "Change",
    "ChecklistItem",
    "Comment",
    "CommentKind",
    "EDITABLE_STATUSES",
    "FundingSource",
    "Indicator",
    "ItemResponse",
    "ItemStatus",
    "Priority",
    "PriorityResponse",
    "ProposalState",
    "Snapshot",
    "SnapshotOutcome",
    "StrategyCycle",
    "TemplateVersion",
    "VersionedTemplate",
    "Workplan",
    "WorkplanFollow",
    "WorkplanStatus",
]
