"""How the tenant isolation harness treats the toolkit's URL patterns (see tests/test_tenant_isolation.py)."""

from toolkit.models import Action, Change, Comment, Indicator, ItemResponse, Lab, Snapshot

from . import factories

URL_CLASSES = {
    "toolkit:module-use": "region",
    "toolkit:template-list": "coordinator",
    "toolkit:template-edit": "coordinator",
    "toolkit:template-priority": "coordinator",
    "toolkit:template-publish": "coordinator",
    "toolkit:workplan-list": "region",
    "toolkit:workplan-edit": "region",
    "toolkit:priority-save": "region",
    "toolkit:item": "region",
    "toolkit:item-row": "region",
    "toolkit:workplan-events": "region",
    "toolkit:workplan-presence": "region",
    "toolkit:labs": "region",
    "toolkit:lab": "region",
    "toolkit:lab-events": "region",
    "toolkit:lab-close": "region",
    "toolkit:lab-highlight": "region",
    "toolkit:lab-summary": "region",
    # Anyone holding a lab's link may join it (that is what the link is for); what a participant
    # may reach is proven in tests/toolkit/test_labs.py and by the walk's lab participant.
    "lab:join": "public",
    "lab:room": "public",
    "lab:contribute": "public",
    "toolkit:item-comment": "region-review",
    "toolkit:proposal-decide": "region",
    "toolkit:action-new": "region",
    "toolkit:action-edit": "region",
    "toolkit:action-delete": "region",
    "toolkit:indicator-new": "region",
    "toolkit:action-funding": "region",
    "toolkit:indicator-edit": "region",
    "toolkit:workplan-submit": "region",
    "toolkit:workplan-review": "region-review",
    "toolkit:workplan-revise": "region",
    "toolkit:workplan-history": "region",
    "toolkit:change-restore": "region",
    "toolkit:snapshot": "region",
    "toolkit:replicate": "region",
    "toolkit:workplan-submitted": "region",
    "toolkit:workplan-ready": "region",
    "toolkit:workplan-ask-submit": "region",
    "toolkit:workplan-withdraw": "region",
    "toolkit:workplan-follow": "region-review",
    "toolkit:review-decide": "region-review",
    "toolkit:review-assign": "region-review",
    "toolkit:review-note-add": "region-review",
    "toolkit:review-threads": "region-review",
    "toolkit:workplan-notes": "region",
    "toolkit:note-reply": "region-review",
    "toolkit:note-resolve": "region-review",
    "toolkit:note-reopen": "region-review",
    "toolkit:action-comment": "region-review",
}


def _workplan(region):
    """The victim's draft workplan, filled: answers, an action with an indicator, a proposal,
    and one earlier submission to look at."""
    workplan = factories.workplan(region)
    if not Action.objects.for_region(region).filter(workplan=workplan).exists():
        response = ItemResponse.objects.for_region(region).filter(workplan=workplan).first()
        from toolkit import services

        services.response_update(
            response=response,
            by=None,
            version=response.version,
            data={"status": "in_progress", "evidence": "Mapping started with municipalities."},
        )
        factories.indicator(factories.action(workplan))
        services.comment_add(
            response=response, by=None, kind="proposal", body="Add the school services too."
        )
        services.workplan_submit(workplan=workplan, by=None)
        services.comment_add(
            response=response, by=None, kind="review", body="Name the departments involved."
        )
        services.workplan_request_changes(workplan=workplan, by=None, message="More detail.")
        workplan.refresh_from_db()
    return workplan


def _lab(region):
    """The region's open lab on its workplan, with one participant's contribution."""
    from datetime import timedelta

    from django.utils import timezone

    from toolkit.services import labs

    workplan = _workplan(region)
    lab = Lab.objects.for_region(region).filter(workplan=workplan).first()
    if lab is None:
        now = timezone.now()
        lab = labs.lab_open(
            workplan=workplan,
            title="Lab of the walk",
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=8),
            by=None,
        )
    return lab


def _first(model, region, **filters):
    _workplan(region)
    return model.objects.for_region(region).filter(**filters).order_by("id").first().uuid


ARG_FACTORIES = {
    "target": lambda region: _first(ItemResponse, region),
    "lab": lambda region: _lab(region).uuid,
    "token": lambda region: _lab(region).token,
    "workplan": lambda region: _workplan(region).uuid,
    "summary": lambda region: _workplan(region).priorities.order_by("id").first().uuid,
    "response": lambda region: _first(ItemResponse, region),
    "comment": lambda region: _first(Comment, region),
    "note": lambda region: _first(Comment, region, kind="review", parent__isnull=True),
    "action": lambda region: _first(Action, region),
    "indicator": lambda region: _first(Indicator, region),
    "change": lambda region: _first(Change, region, kind="response"),
    "snapshot": lambda region: _first(Snapshot, region),
    "template": lambda region: _workplan(region).template.uuid,
    "priority": lambda region: (
        _workplan(region).template.priorities.order_by("number").first().uuid
    ),
}
