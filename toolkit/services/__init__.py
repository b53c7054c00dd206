"""Writes for templates, workplans and their parts. Each is one transaction and records history."""

from .actions import (
    action_create,
    action_create_from_template,
    action_delete,
    action_replicate,
    action_update,
    indicator_create,
    indicator_delete,
    indicator_update,
)
from .discussion import (
    NotAThread,
    comment_add,
    note_reopen,
    note_reply,
    note_resolve,
    proposal_decide,
)
from .history import (
    ACTION_FIELDS,
    INDICATOR_FIELDS,
    RESPONSE_FIELDS,
    NotEditable,
)
from .notices import follow_set, is_following
from .restore import change_restore
from .submission import (
    open_notes,
    review_assign,
    workplan_approve,
    workplan_ask_submit,
    workplan_mark_ready,
    workplan_request_changes,
    workplan_start_revision,
    workplan_submit,
    workplan_withdraw,
)
from .templates import (
    cycle_get_or_create,
    template_create_draft,
    template_priority_update,
    template_publish,
)
from .workplans import (
    priority_update,
    response_update,
    workplan_create,
)

__all__ = [
    "ACTION_FIELDS",
    "INDICATOR_FIELDS",
    "NotAThread",
    "NotEditable",
    "RESPONSE_FIELDS",
    "action_create",
    "action_create_from_template",
    "action_delete",
    "action_replicate",
    "action_update",
    "change_restore",
    "comment_add",
    "cycle_get_or_create",
    "follow_set",
    "is_following",
    "note_reopen",
    "note_reply",
    "note_resolve",
    "open_notes",
    "review_assign",
    "indicator_create",
    "indicator_delete",
    "indicator_update",
    "priority_update",
    "proposal_decide",
    "response_update",
    "template_create_draft",
    "template_priority_update",
    "template_publish",
    "workplan_approve",
    "workplan_ask_submit",
    "workplan_mark_ready",
    "workplan_create",
    "workplan_request_changes",
    "workplan_start_revision",
    "workplan_submit",
    "workplan_withdraw",
]
