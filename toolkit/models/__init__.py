"""The toolkit's tables: the shared template, and each region's workplans with their parts."""

from .actions import (
    EU_FUNDS,
    Action,
    ActionFunding,
    ActionPartner,
    ActionStatus,
    ActionThematicArea,
    FundingSource,
    Indicator,
)
from .labs import Lab, LabParticipant, LabSector
from .library import Direction, IndicatorTheme, LibraryIndicator
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
    "Lab",
    "LabParticipant",
    "LabSector",
    "EU_FUNDS",
    "Action",
    "ActionFunding",
    "ActionPartner",
    "ActionStatus",
    "ActionThematicArea",
    "Change",
    "ChecklistItem",
    "Comment",
    "Direction",
    "CommentKind",
    "EDITABLE_STATUSES",
    "FundingSource",
    "Indicator",
    "IndicatorTheme",
    "ItemResponse",
    "ItemStatus",
    "LibraryIndicator",
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
