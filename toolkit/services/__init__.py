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
from .history import (
    ACTION_FIELDS,
    INDICATOR_FIELDS,
    RESPONSE_FIELDS,
    NotEditable,
)
from .reviews import (
    change_restore,
    workplan_approve,
    workplan_request_changes,
    workplan_start_revision,
    workplan_submit,
)
from .templates import (
    cycle_get_or_create,
    template_create_draft,
    template_priority_update,
    template_publish,
)
from .workplans import (
    comment_add,
    priority_update,
    proposal_decide,
    response_update,
    workplan_create,
)

__all__ = [
    "ACTION_FIELDS",
    "INDICATOR_FIELDS",
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
    "workplan_create",
    "workplan_request_changes",
    "workplan_start_revision",
    "workplan_submit",
]
