from django.urls import path

from . import views

app_name = "toolkit"

W = "<slug:region>/workplans/<uuid:workplan>/"

urlpatterns = [
    # Mounted under regions/ as the module pages are: regions/<region>/modules/<module>/use/.
    path("<slug:region>/modules/<uuid:module>/use/", views.module_use, name="module-use"),
    # Shared templates; two fixed segments so they never read as a region slug.
    path("toolkit/templates/", views.template_list, name="template-list"),
    path("toolkit/templates/<uuid:template>/", views.template_edit, name="template-edit"),
    path(
        "toolkit/templates/<uuid:template>/priorities/<uuid:priority>/",
        views.template_priority,
        name="template-priority",
    ),
    path(
        "toolkit/templates/<uuid:template>/publish/",
        views.template_publish,
        name="template-publish",
    ),
    path("<slug:region>/workplans/", views.workplan_list, name="workplan-list"),
    path(W, views.workplan_edit, name="workplan-edit"),
    path(W + "priorities/<uuid:summary>/", views.priority_save, name="priority-save"),
    path(W + "items/<uuid:response>/", views.item, name="item"),
    path(W + "items/<uuid:response>/row/", views.item_row, name="item-row"),
    path(W + "live/", views.workplan_events, name="workplan-events"),
    path(W + "labs/", views.workplan_labs, name="labs"),
    path(W + "labs/<uuid:lab>/", views.lab_detail, name="lab"),
    path(W + "labs/<uuid:lab>/live/", views.lab_events, name="lab-events"),
    path(W + "labs/<uuid:lab>/close/", views.lab_close, name="lab-close"),
    path(W + "labs/<uuid:lab>/highlight/", views.lab_highlight, name="lab-highlight"),
    path(W + "labs/<uuid:lab>/summary/", views.lab_summary, name="lab-summary"),
    path(W + "live/presence/", views.workplan_presence, name="workplan-presence"),
    path(W + "items/<uuid:response>/comments/", views.item_comment, name="item-comment"),
    path(W + "proposals/<uuid:comment>/", views.proposal_decide, name="proposal-decide"),
    path(W + "actions/new/", views.action_new, name="action-new"),
    path(W + "actions/<uuid:action>/", views.action_edit, name="action-edit"),
    path(W + "actions/<uuid:action>/delete/", views.action_delete, name="action-delete"),
    path(W + "actions/<uuid:action>/comments/", views.action_comment, name="action-comment"),
    path(W + "actions/<uuid:action>/indicators/", views.indicator_new, name="indicator-new"),
    path(W + "actions/<uuid:action>/funding/", views.action_funding, name="action-funding"),
    path(
        W + "actions/<uuid:action>/indicators/<uuid:indicator>/",
        views.indicator_edit,
        name="indicator-edit",
    ),
    path(W + "submit/", views.workplan_submit, name="workplan-submit"),
    path(W + "submitted/<uuid:snapshot>/", views.workplan_submitted, name="workplan-submitted"),
    path(W + "ready/", views.workplan_ready, name="workplan-ready"),
    path(W + "ask-to-submit/", views.workplan_ask_submit, name="workplan-ask-submit"),
    path(W + "withdraw/", views.workplan_withdraw, name="workplan-withdraw"),
    path(W + "follow/", views.workplan_follow, name="workplan-follow"),
    path(W + "review/", views.workplan_review, name="workplan-review"),
    path(W + "review/decision/", views.review_decide, name="review-decide"),
    path(W + "review/assign/", views.review_assign, name="review-assign"),
    path(W + "review/notes/", views.review_note_add, name="review-note-add"),
    path(W + "review/threads/<uuid:target>/", views.review_threads, name="review-threads"),
    path(W + "notes/", views.workplan_notes, name="workplan-notes"),
    path(W + "notes/<uuid:note>/reply/", views.note_reply, name="note-reply"),
    path(
        W + "notes/<uuid:note>/resolve/",
        views.note_state,
        {"resolve": True},
        name="note-resolve",
    ),
    path(W + "notes/<uuid:note>/reopen/", views.note_state, {"resolve": False}, name="note-reopen"),
    path(W + "revise/", views.workplan_revise, name="workplan-revise"),
    path(W + "history/", views.workplan_history, name="workplan-history"),
    path(W + "history/<uuid:change>/restore/", views.change_restore, name="change-restore"),
    path(W + "snapshots/<uuid:snapshot>/", views.snapshot_detail, name="snapshot"),
    path(W + "replicate/", views.replicate, name="replicate"),
]
