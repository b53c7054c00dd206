"""The toolkit's pages, one module per part of a workplan's life."""

from .actions import (
    action_comment,
    action_delete,
    action_edit,
    action_funding,
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
from .labs import lab_close, lab_detail, lab_events, lab_highlight, lab_summary, workplan_labs
from .live import item_row, workplan_events, workplan_presence
from .review import (
    note_reply,
    note_state,
    review_assign,
    review_decide,
    review_note_add,
    review_threads,
    workplan_notes,
    workplan_review,
)
from .submission import (
    workplan_ask_submit,
    workplan_follow,
    workplan_ready,
    workplan_submit,
    workplan_submitted,
    workplan_withdraw,
)
from .templates import (
    template_edit,
    template_list,
    template_priority,
    template_publish,
)
from .versions import (
    change_restore,
    replicate,
    snapshot_detail,
    workplan_history,
    workplan_revise,
)

__all__ = [
    "EDIT",
    "GET_POST",
    "action_comment",
    "action_delete",
    "action_edit",
    "action_funding",
    "action_new",
    "change_restore",
    "indicator_edit",
    "indicator_new",
    "item",
    "item_comment",
    "item_row",
    "lab_close",
    "lab_detail",
    "lab_events",
    "lab_highlight",
    "lab_summary",
    "workplan_labs",
    "workplan_events",
    "workplan_presence",
    "module_use",
    "note_reply",
    "note_state",
    "priority_save",
    "proposal_decide",
    "replicate",
    "review_assign",
    "review_decide",
    "review_note_add",
    "review_threads",
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
    "workplan_submitted",
    "workplan_withdraw",
    "workplan_ask_submit",
    "workplan_follow",
    "workplan_ready",
    "workplan_notes",
]
