"""The toolkit's pages, one module per part of a workplan's life."""

from .actions import (
    action_delete,
    action_edit,
    action_new,
    indicator_edit,
    indicator_new,
)
from .common import (
    EDIT,
    GET_POST,
)
from .editor import (
    item,
    item_comment,
    module_use,
    priority_save,
    proposal_decide,
    workplan_edit,
    workplan_list,
)
from .review import (
    change_restore,
    replicate,
    snapshot_detail,
    workplan_history,
    workplan_review,
    workplan_revise,
    workplan_submit,
)
from .templates import (
    template_edit,
    template_list,
    template_priority,
    template_publish,
)

__all__ = [
    "EDIT",
    "GET_POST",
    "action_delete",
    "action_edit",
    "action_new",
    "change_restore",
    "indicator_edit",
    "indicator_new",
    "item",
    "item_comment",
    "module_use",
    "priority_save",
    "proposal_decide",
    "replicate",
    "snapshot_detail",
    "template_edit",
    "template_list",
    "template_priority",
    "template_publish",
    "workplan_edit",
    "workplan_history",
    "workplan_list",
    "workplan_review",
    "workplan_revise",
    "workplan_submit",
]
