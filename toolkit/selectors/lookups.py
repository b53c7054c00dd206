"""One row, or the rows, of a region by their ids, and the lists pages show."""

import logging
from uuid import UUID

from django.db.models import Count, Max, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from eubelong.core.frozensql import frozen_query
from handbook.models import ThematicArea
from handbook.translation.kinds import SOURCE_LANGUAGE
from handbook.translation.lookup import translated_titles
from regions.access import regions_for_user
from regions.models import Region, Stakeholder

from ..models import (
    EDITABLE_STATUSES,
    Action,
    Change,
    Comment,
    Indicator,
    ItemResponse,
    LibraryIndicator,
    PriorityResponse,
    Snapshot,
    StrategyCycle,
    TemplateVersion,
    Workplan,
)

log = logging.getLogger(__name__)


def current_template() -> TemplateVersion | None:
    return TemplateVersion.objects.filter(published_at__isnull=False).order_by("-number").first()


def template_versions() -> list[TemplateVersion]:
    return list(TemplateVersion.objects.annotate(workplan_count=Count("workplans")))


def template_detail(uuid) -> TemplateVersion:
    return get_object_or_404(
        TemplateVersion.objects.prefetch_related("priorities__items"), uuid=uuid
    )


def region_workplan_cycles(region) -> list[Workplan]:
    """The region's workplans with their cycles only, for lists."""
    return list(_workplan_cycles(getattr(region, "pk", region)))


@frozen_query
def _workplan_cycles(region_id: int):
    return Workplan.objects.for_region(region_id).select_related("cycle")


def region_workplans(region) -> list[Workplan]:
    return list(
        Workplan.objects.for_region(region)
        .select_related("cycle", "template")
        .annotate(last_change=Max("changes__at"))
    )


def cycles() -> list[StrategyCycle]:
    return list(StrategyCycle.objects.order_by("start_year"))


def cycles_without_workplan(region) -> list[StrategyCycle]:
    return list(StrategyCycle.objects.exclude(workplans__region=region).order_by("start_year"))


def workplan_for_region(region, uuid) -> Workplan:
    workplan = _one(_workplan(getattr(region, "pk", region), as_uuid(uuid)))
    if isinstance(region, Region):
        workplan.region = region  # the row it was found by: not read again
    return workplan


@frozen_query
def _workplan(region_id: int, uuid: UUID):
    return (
        Workplan.objects.for_region(region_id).filter(uuid=uuid).select_related("cycle", "template")
    )


def response_for_region(region, workplan_uuid, uuid) -> ItemResponse:
    return _one(_response(getattr(region, "pk", region), as_uuid(workplan_uuid), as_uuid(uuid)))


@frozen_query
def _response(region_id: int, workplan_uuid: UUID, uuid: UUID):
    return (
        ItemResponse.objects.for_region(region_id)
        .filter(uuid=uuid, workplan__uuid=workplan_uuid)
        .select_related("workplan__cycle", "item__priority")
    )


def as_uuid(value) -> UUID:
    """An id from a link, as a UUID; one that is not (a mangled link) finds nothing."""
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        raise Http404("No such row") from None


def _one(rows):
    """The only row a lookup by a unique id finds, or 404."""
    found = list(rows)
    if not found:
        raise Http404("No such row")
    return found[0]


def priority_response_for_region(region, workplan_uuid, uuid) -> PriorityResponse:
    return get_object_or_404(
        PriorityResponse.objects.for_region(region).select_related("workplan", "priority"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def action_for_region(region, workplan_uuid, uuid) -> Action:
    return get_object_or_404(
        Action.objects.for_region(region)
        .select_related(
            "workplan__cycle", "workplan__template", "priority", "based_on", "lead_organisation"
        )
        .prefetch_related(
            "thematic_areas",
            Prefetch("indicators", queryset=Indicator.objects.select_related("library")),
            "partner_organisations",
            "funding",
        ),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def indicator_for_region(region, action_uuid, uuid) -> Indicator:
    return get_object_or_404(
        Indicator.objects.for_region(region).select_related("action__workplan__cycle"),
        uuid=uuid,
        action__uuid=action_uuid,
    )


def comment_for_region(region, workplan_uuid, uuid) -> Comment:
    return get_object_or_404(
        Comment.objects.for_region(region).select_related("response__workplan", "response__item"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def response_comments(response) -> list[Comment]:
    """Comments, proposals and review notes of one response, with the replies to each note."""
    replies = Comment.objects.for_region(response.region_id).select_related("author")
    return list(
        Comment.objects.for_region(response.region_id)
        .filter(response=response, parent__isnull=True)
        .select_related("author", "resolved_by", "lab_participant__lab")
        .prefetch_related(Prefetch("replies", queryset=replies))
    )


def snapshot_for_region(region, workplan_uuid, uuid) -> Snapshot:
    return get_object_or_404(
        Snapshot.objects.for_region(region).select_related("workplan__cycle", "submitted_by"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def workplan_snapshots(workplan) -> list[Snapshot]:
    return list(_snapshots(workplan.region_id, workplan.pk))


@frozen_query
def _snapshots(region_id: int, workplan_id: int):
    return (
        Snapshot.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .select_related("submitted_by", "reviewed_by")
        .defer("data")
    )


def change_for_region(region, workplan_uuid, uuid) -> Change:
    return get_object_or_404(
        Change.objects.for_region(region).select_related("workplan__template"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def workplan_history(workplan, limit: int = 200) -> list[Change]:
    """The latest changes, checklist answers named by their item in the reader's language."""
    changes = list(
        Change.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
        .select_related("by")[:limit]
    )
    answered = {c.object_uuid for c in changes if c.kind == Change.Kind.RESPONSE}
    if answered and get_language() != SOURCE_LANGUAGE:
        items = {
            uuid: (item, text)
            for uuid, item, text in ItemResponse.objects.for_region(workplan.region_id)
            .filter(uuid__in=answered)
            .values_list("uuid", "item_id", "item__text")
        }
        local = translated_titles("toolkit.ChecklistItem", dict(items.values()), field="text")
        for change in changes:
            item, _text = items.get(change.object_uuid, (None, None))
            if change.kind == Change.Kind.RESPONSE and item in local:
                change.label = local[item]
    _localise_areas(changes)
    return changes


def _localise_areas(changes: list[Change]) -> None:
    """Thematic areas are recorded by English title; show them in the reader's language."""
    recorded = [
        values
        for change in changes
        for values in (change.before, change.after)
        if isinstance(values, dict) and isinstance(values.get("thematic_areas"), list)
    ]
    if not recorded or get_language() == SOURCE_LANGUAGE:
        return
    areas = dict(ThematicArea.objects.values_list("pk", "title"))
    local = translated_titles("handbook.ThematicArea", areas)
    by_title = {title: local[pk] for pk, title in areas.items()}
    for values in recorded:
        values["thematic_areas"] = [by_title.get(t, t) for t in values["thematic_areas"]]


def stakeholder_names(region) -> list[str]:
    """Names from the region's stakeholder registry, offered as suggestions for actions."""
    from regions.models import Stakeholder

    return list(Stakeholder.objects.for_region(region).values_list("name", flat=True)[:500])


def draft_workplans(user) -> list:
    """Workplans the user may add actions to, for "use in my workplan"."""
    return list(
        Workplan.objects.filter(
            region__in=regions_for_user(user, "edit_workplan"), status__in=EDITABLE_STATUSES
        )
        .select_related("region", "cycle")
        .order_by("region__name", "-cycle__start_year")
    )


def draft_workplan_for_region(region, workplan_uuid):
    return (
        Workplan.objects.for_region(region)
        .filter(uuid=workplan_uuid, status__in=EDITABLE_STATUSES)
        .select_related("template")
        .first()
    )


def region_snapshot_list(region) -> list[Snapshot]:
    """The region's snapshots as an export's choices name them (revision and outcome, by
    workplan), newest cycle and revision first."""
    return list(_snapshot_list(getattr(region, "pk", region)))


@frozen_query
def _snapshot_list(region_id: int):
    return (
        Snapshot.objects.for_region(region_id)
        .only("uuid", "workplan_id", "revision", "outcome")
        .order_by("-workplan__cycle__start_year", "-revision")
    )


def workplan_for_export(region, uuid) -> Workplan | None:
    return (
        Workplan.objects.for_region(region)
        .select_related("cycle", "template", "region")
        .filter(uuid=uuid)
        .first()
    )


def snapshot_for_export(region, uuid) -> Snapshot | None:
    return (
        Snapshot.objects.for_region(region)
        .select_related("workplan__cycle")
        .filter(uuid=uuid)
        .first()
    )


def region_organisations(region):
    """The region's registry organisations, as choices of an action's lead and partners."""
    return Stakeholder.objects.for_region(region) if region else Stakeholder.objects.none()


def submission_times(snapshot_ids) -> dict:
    """snapshot id -> when it was submitted, for snapshots a comparison cites."""
    return dict(Snapshot.objects.filter(pk__in=snapshot_ids).values_list("pk", "submitted_at"))


def library_entries() -> list:
    """The indicator library, retired entries included (indicators may still use them)."""
    return list(LibraryIndicator.objects.order_by("code"))
