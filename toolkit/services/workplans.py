"""A region's workplan: creation, its priorities' approach and its checklist answers."""

from django.db import transaction
from django.utils import timezone

from eubelong.core.history import field_state as state_of
from eubelong.core.history import plain
from handbook.translation.lookup import text_language

from ..models import (
    Change,
    ChecklistItem,
    ItemResponse,
    PriorityResponse,
    StrategyCycle,
    TemplateVersion,
    Workplan,
)
from .history import RESPONSE_FIELDS, autosave, history_record
from .live import item_changed


@transaction.atomic
def workplan_create(
    *, region, cycle: StrategyCycle, by, template=None, language: str | None = None
) -> Workplan:
    """One workplan per region and cycle, answering the current published template."""
    template = template or (
        TemplateVersion.objects.filter(published_at__isnull=False).order_by("-number").first()
    )
    if template is None:
        raise ValueError("No published template version.")
    workplan = Workplan.objects.create(
        region=region,
        cycle=cycle,
        template=template,
        created_by=by,
        language=text_language(language),
    )
    priorities = list(template.priorities.all())
    PriorityResponse.objects.bulk_create(
        PriorityResponse(region=region, workplan=workplan, priority=p) for p in priorities
    )
    items = ChecklistItem.objects.filter(priority__template=template)
    ItemResponse.objects.bulk_create(
        ItemResponse(region=region, workplan=workplan, item=item) for item in items
    )
    history_record(
        workplan=workplan,
        kind=Change.Kind.WORKPLAN,
        obj_uuid=workplan.uuid,
        label=str(workplan),
        before=None,
        after={"status": workplan.status, "template": template.number},
        by=by,
    )
    return workplan


def priority_update(*, response: PriorityResponse, by, version: int, summary: str):
    autosave(
        PriorityResponse,
        response,
        version=version,
        changes={"summary": summary},
        by=by,
        kind=Change.Kind.PRIORITY,
        label=str(response.priority),
        before={"summary": response.summary},
        after={"summary": summary},
    )
    return response


def response_update(*, response: ItemResponse, by, version: int, data: dict) -> ItemResponse:
    """Autosave one checklist response: the guarded UPDATE and its history row."""
    changes = {field: data[field] for field in RESPONSE_FIELDS if field in data}
    before = state_of(response, RESPONSE_FIELDS)
    autosave(
        ItemResponse,
        response,
        version=version,
        changes={**changes, "updated_by": by, "updated_at": timezone.now()},
        by=by,
        kind=Change.Kind.RESPONSE,
        label=response.item.text,
        before=before,
        after={**before, **{k: plain(v) for k, v in changes.items()}},
    )
    item_changed(response, by=by)
    return response
