"""Reads. Every workplan read starts from a region-scoped queryset."""

import logging
from collections import Counter, defaultdict
from decimal import Decimal
from uuid import UUID

from django.db.models import Count, Max, Prefetch, Q
from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from handbook.translation.kinds import SOURCE_LANGUAGE
from handbook.translation.lookup import SharedTexts, translated_titles
from handbook.translation.lookup import shared_texts as translation_texts
from regions.access import regions_for_user

from .completeness import FORMULA, completeness
from .models import (
    EDITABLE_STATUSES,
    Action,
    ActionStatus,
    Change,
    Comment,
    CommentKind,
    FundingSource,
    Indicator,
    ItemResponse,
    ItemStatus,
    PriorityResponse,
    ProposalState,
    Snapshot,
    StrategyCycle,
    TemplateVersion,
    Workplan,
    WorkplanStatus,
)

log = logging.getLogger(__name__)

# --- templates ----------------------------------------------------------------------------


def current_template() -> TemplateVersion | None:
    return TemplateVersion.objects.filter(published_at__isnull=False).order_by("-number").first()


def template_versions() -> list[TemplateVersion]:
    return list(TemplateVersion.objects.annotate(workplan_count=Count("workplans")))


def template_detail(uuid) -> TemplateVersion:
    return get_object_or_404(
        TemplateVersion.objects.prefetch_related("priorities__items"), uuid=uuid
    )


# --- workplans ----------------------------------------------------------------------------


def region_workplan_cycles(region) -> list[Workplan]:
    """The region's workplans with their cycles only, for lists."""
    return list(Workplan.objects.for_region(region).select_related("cycle"))


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
    return get_object_or_404(
        Workplan.objects.for_region(region).select_related("cycle", "template"), uuid=uuid
    )


def response_for_region(region, workplan_uuid, uuid) -> ItemResponse:
    return get_object_or_404(
        ItemResponse.objects.for_region(region).select_related("workplan__cycle", "item__priority"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


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
        .prefetch_related("thematic_areas", "indicators", "partner_organisations"),
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
    return list(
        Comment.objects.for_region(response.region_id)
        .filter(response=response)
        .select_related("author")
    )


def snapshot_for_region(region, workplan_uuid, uuid) -> Snapshot:
    return get_object_or_404(
        Snapshot.objects.for_region(region).select_related("workplan__cycle", "submitted_by"),
        uuid=uuid,
        workplan__uuid=workplan_uuid,
    )


def workplan_snapshots(workplan) -> list[Snapshot]:
    return list(
        Snapshot.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
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
    return list(
        Change.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
        .select_related("by")[:limit]
    )


# --- the editor ---------------------------------------------------------------------------


def workplan_editor(workplan, priority_number: int | None = None) -> dict:
    """Everything the editor page shows, in a fixed number of queries whatever the size.

    With `priority_number` only that priority's items and actions are loaded in full (the first
    priority if there is no such number); the progress of every priority comes from two light
    queries of statuses and budgets.
    """
    region_id = workplan.region_id
    priorities = list(workplan.template.priorities.all())
    shown = priorities
    if priority_number is not None:
        shown = [p for p in priorities if p.number == priority_number] or priorities[:1]
    partial = len(shown) != len(priorities)
    summaries = {
        p.priority_id: p
        for p in PriorityResponse.objects.for_region(region_id).filter(workplan=workplan)
    }
    responses = (
        ItemResponse.objects.for_region(region_id)
        .filter(workplan=workplan)
        .select_related("item", "updated_by")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__state=ProposalState.OPEN)
                & ~Q(comments__kind=CommentKind.COMMENT),
            ),
            comment_count=Count("comments"),
        )
    )
    actions = (
        Action.objects.for_region(region_id)
        .filter(workplan=workplan)
        .select_related("lead_organisation")
        .prefetch_related(
            "thematic_areas",
            "partner_organisations",
            Prefetch("indicators", queryset=Indicator.objects.for_region(region_id)),
        )
    )
    notes_query = Comment.objects.for_region(region_id).filter(
        workplan=workplan, kind=CommentKind.REVIEW, revision__gte=workplan.revision - 1
    )
    if partial:
        responses = responses.filter(item__priority__in=shown)
        actions = actions.filter(priority__in=shown)
        notes_query = notes_query.filter(response__item__priority__in=shown)
    responses, actions = list(responses), list(actions)
    if partial:
        answers = list(
            ItemResponse.objects.for_region(region_id)
            .filter(workplan=workplan)
            .values_list("item__priority_id", "status")
        )
        plans = list(
            Action.objects.for_region(region_id)
            .filter(workplan=workplan)
            .values_list("priority_id", "status", "budget", "funding_source")
        )
    else:
        answers = [(r.item.priority_id, r.status) for r in responses]
        plans = [(a.priority_id, a.status, a.budget, a.funding_source) for a in actions]

    by_priority_items = defaultdict(list)
    for response in responses:
        by_priority_items[response.item.priority_id].append(response)
    by_priority_actions = defaultdict(list)
    for action in actions:
        by_priority_actions[action.priority_id].append(action)
    answers_of = defaultdict(list)
    for priority_id, status in answers:
        answers_of[priority_id].append(status)
    plans_of = defaultdict(list)
    for plan in plans:
        plans_of[plan[0]].append(plan[1:])

    # Review notes of the latest review round, shown next to their item.
    notes = defaultdict(list)
    for note in notes_query.select_related("author"):
        notes[note.response_id].append(note)
    for response in responses:
        response.review_notes = notes[response.pk]

    sections = []
    for priority in priorities:
        statuses, planned = answers_of[priority.pk], plans_of[priority.pk]
        sections.append(
            {
                "priority": priority,
                "shown": priority in shown,
                "summary": summaries.get(priority.pk),
                "responses": by_priority_items[priority.pk],
                "actions": by_priority_actions[priority.pk],
                "completeness": completeness(statuses),
                "status_counts": _status_counts(statuses),
                "action_counts": _action_counts(p[0] for p in planned),
                "budget": _budget((p[1], p[2]) for p in planned),
            }
        )
    statuses = [status for _, status in answers]
    return {
        "sections": sections,
        "completeness": completeness(statuses),
        "status_counts": _status_counts(statuses),
        "action_counts": _action_counts(p[1] for p in plans),
        "budget": _budget((p[2], p[3]) for p in plans),
        "formula": FORMULA,
    }


def _status_counts(statuses) -> list[tuple[str, str, int]]:
    counts = Counter(statuses)
    return [(value, label, counts[value]) for value, label in ItemStatus.choices]


def _action_counts(statuses) -> list[tuple[str, str, int]]:
    counts = Counter(statuses)
    return [(value, label, counts[value]) for value, label in ActionStatus.choices]


def _budget(budgets) -> dict:
    """Totals per funding source of (budget, funding source) pairs."""
    by_source = defaultdict(Decimal)
    for budget, source in budgets:
        if budget is not None:
            by_source[source or FundingSource.OTHER] += budget
    rows = [(label, by_source[value]) for value, label in FundingSource.choices if by_source[value]]
    return {"rows": rows, "total": sum(by_source.values(), Decimal(0))}


# --- snapshots ----------------------------------------------------------------------------


def _money(value) -> str | None:
    return None if value is None else str(value)


def workplan_data(workplan) -> dict:
    """The workplan as a plain dict: what a snapshot freezes and what exports and comparisons read."""
    editor = workplan_editor(workplan)
    status_labels = dict(ItemStatus.choices)
    action_labels = dict(ActionStatus.choices)
    source_labels = dict(FundingSource.choices)
    return {
        "workplan": {
            "uuid": str(workplan.uuid),
            "region": workplan.region.name,
            "region_slug": workplan.region.slug,
            "cycle": str(workplan.cycle),
            "years": workplan.cycle.years,
            "template_version": workplan.template.number,
            "revision": workplan.revision,
        },
        "completeness": editor["completeness"],
        "formula": FORMULA,
        "budget_total": str(editor["budget"]["total"]),
        "priorities": [
            {
                # Ids of the shared template objects: readers show their translations.
                "priority_id": s["priority"].pk,
                "number": s["priority"].number,
                "title": s["priority"].title,
                "overview": s["priority"].overview,
                "summary": s["summary"].summary if s["summary"] else "",
                "completeness": s["completeness"],
                "budget_total": str(s["budget"]["total"]),
                "items": [
                    {
                        "uuid": str(r.uuid),
                        "item_id": r.item_id,
                        "number": r.item.number,
                        "text": r.item.text,
                        "status": r.status,
                        "status_label": str(status_labels[r.status]),
                        "evidence": r.evidence,
                        "link": r.link,
                    }
                    for r in s["responses"]
                ],
                "actions": [
                    {
                        "uuid": str(a.uuid),
                        "title": a.title,
                        "objective": a.objective,
                        "description": a.description,
                        "thematic_areas": [t.title for t in a.thematic_areas.all()],
                        "lead_stakeholder": a.lead_name,
                        "partner_stakeholders": a.partner_names,
                        "start_date": a.start_date.isoformat() if a.start_date else None,
                        "end_date": a.end_date.isoformat() if a.end_date else None,
                        "budget": _money(a.budget),
                        "funding_source": a.funding_source,
                        "funding_source_label": str(source_labels.get(a.funding_source, "")),
                        "status": a.status,
                        "status_label": str(action_labels[a.status]),
                        "legal_basis": a.legal_basis,
                        "based_on": a.based_on_label,
                        "indicators": [
                            {
                                "name": i.name,
                                "unit": i.unit,
                                "baseline": _money(i.baseline),
                                "target": _money(i.target),
                                "actuals": i.actuals,
                            }
                            for i in a.indicators.all()
                        ],
                    }
                    for a in s["actions"]
                ],
            }
            for s in editor["sections"]
        ],
    }


def workplan_snapshot_data(snapshot: Snapshot) -> dict:
    """A frozen submission as a plain dict (see workplan_data), plus how it was reviewed."""
    data = dict(snapshot.data)
    data["snapshot"] = {
        "uuid": str(snapshot.uuid),
        "revision": snapshot.revision,
        "submitted_at": snapshot.submitted_at.isoformat(),
        "outcome": snapshot.outcome,
        "outcome_label": str(snapshot.get_outcome_display()),
        "review_message": snapshot.review_message,
    }
    return data


# --- shared content of snapshots in the reader's language ---------------------------------


def shared_texts(*, priorities=(), items=(), language: str | None = None) -> SharedTexts:
    """The translations of these priorities (title, overview) and checklist items (text) into
    `language` (the active one by default), in one query, none in English."""
    return translation_texts(
        {
            "toolkit.Priority": (("title", "overview"), priorities),
            "toolkit.ChecklistItem": (("text",), items),
        },
        language=language,
    )


def shared_texts_of(*datas, language: str | None = None) -> SharedTexts:
    """shared_texts for everything named in these workplan dicts (old snapshots name nothing)."""
    priorities, items = set(), set()
    for data in datas:
        for p in data.get("priorities") or []:
            priorities.add(p.get("priority_id"))
            items.update(item.get("item_id") for item in p.get("items") or [])
    return shared_texts(priorities=priorities, items=items, language=language)


def localise_workplan_data(data: dict, language: str | None = None) -> dict:
    """A copy of workplan data (live or frozen) for reading: the template's priority titles and
    overviews and the checklist item texts in the reader's language. What the region wrote is
    left as it is. Snapshots frozen before template ids were kept show their English texts."""
    texts = shared_texts_of(data, language=language)
    priorities = []
    for p in data.get("priorities") or []:
        pid = p.get("priority_id")
        priorities.append(
            {
                **p,
                "title": texts.text("priority", pid, "title", p.get("title") or ""),
                "overview": texts.text("priority", pid, "overview", p.get("overview") or ""),
                "items": [
                    {
                        **item,
                        "text": texts.text(
                            "checklistitem", item.get("item_id"), "text", item.get("text") or ""
                        ),
                    }
                    for item in p.get("items") or []
                ],
            }
        )
    return {**data, "priorities": priorities}


def localise_action_areas(data: dict, language: str | None = None) -> dict:
    """Workplan data whose actions name their thematic areas in the reader's language.

    Actions record areas by their English title, which is unique; a title renamed since keeps
    its recorded English wording."""
    from handbook.models import ThematicArea

    if (language or get_language() or SOURCE_LANGUAGE).split("-")[0] == SOURCE_LANGUAGE:
        return data
    if not any(a.get("thematic_areas") for p in data["priorities"] for a in p["actions"]):
        return data
    areas = dict(ThematicArea.objects.values_list("pk", "title"))
    local = translated_titles("handbook.ThematicArea", areas, language)
    by_title = {title: local[pk] for pk, title in areas.items()}
    priorities = [
        {
            **p,
            "actions": [
                {**a, "thematic_areas": [by_title.get(t, t) for t in a.get("thematic_areas", [])]}
                for a in p["actions"]
            ],
        }
        for p in data["priorities"]
    ]
    return {**data, "priorities": priorities}


def _flatten(data: dict, texts: "SharedTexts | None" = None) -> dict:
    """(kind, uuid) -> (label, {field: value}) for comparing two versions.

    Keys use the frozen English texts, so versions with and without template ids still match;
    labels are in the reader's language when `texts` holds the translations."""
    texts = texts or SharedTexts(SOURCE_LANGUAGE, {})
    rows = {}
    for p in data["priorities"]:
        title = texts.text("priority", p.get("priority_id"), "title", p["title"])
        rows[("priority", p["number"])] = (title, {"summary": p["summary"]})
        for item in p["items"]:
            rows[("item", item["text"])] = (
                texts.text("checklistitem", item.get("item_id"), "text", item["text"]),
                {
                    "status": item["status_label"],
                    "evidence": item["evidence"],
                    "link": item["link"],
                },
            )
        for action in p["actions"]:
            fields = {k: v for k, v in action.items() if k not in {"uuid", "status", "title"}}
            fields["status"] = fields.pop("status_label")
            fields.pop("funding_source", None)
            rows[("action", action["uuid"])] = (action["title"], fields)
    return rows


def compare_versions(old: dict, new: dict) -> list[dict]:
    """Readable differences: one row per changed field of a priority, item or action."""
    texts = shared_texts_of(old, new)
    before, after = _flatten(old, texts), _flatten(new, texts)
    diffs = []
    for key in list(before) + [k for k in after if k not in before]:
        b_label, b_fields = before.get(key, (None, {}))
        a_label, a_fields = after.get(key, (None, {}))
        label = a_label or b_label
        for field in list(b_fields) + [f for f in a_fields if f not in b_fields]:
            old_value, new_value = b_fields.get(field), a_fields.get(field)
            if old_value != new_value:
                diffs.append(
                    {
                        "kind": key[0],
                        "label": str(label),
                        "field": field,
                        "before": _readable(old_value),
                        "after": _readable(new_value),
                        "added": key not in before,
                        "removed": key not in after,
                    }
                )
    return diffs


def _readable(value) -> str:
    if value is None or value == "":
        return ""
    if isinstance(value, list):
        return ", ".join(str(v) for v in value)
    if isinstance(value, dict):
        return ", ".join(f"{k}: {v}" for k, v in value.items())
    return str(value)


def stakeholder_names(region) -> list[str]:
    """Names from the region's stakeholder registry, offered as suggestions for actions."""
    from regions.models import Stakeholder

    return list(Stakeholder.objects.for_region(region).values_list("name", flat=True)[:500])


# --- replication --------------------------------------------------------------------------


def replication_sources(user, region) -> list[Action]:
    """Actions of approved workplans in other regions the user can read (through the one door).

    A read across regions, so it is logged.
    """
    readable = regions_for_user(user).exclude(pk=region.pk)
    log.info("cross-region read of approved actions by user %s from %s", user.pk, region.slug)
    return list(
        Action.objects.filter(
            region__in=readable,
            workplan__region__in=readable,
            workplan__status=WorkplanStatus.APPROVED,
        )
        .select_related("region", "workplan__cycle", "priority")
        .order_by("region__name", "priority__number", "title")[:200]
    )


def replication_source(user, region, uuid) -> Action:
    try:
        uuid = UUID(str(uuid))
    except ValueError as error:
        raise Http404("No such action") from error
    readable = regions_for_user(user).exclude(pk=region.pk)
    return get_object_or_404(
        Action.objects.filter(region__in=readable, workplan__status=WorkplanStatus.APPROVED)
        .select_related("region", "workplan__cycle", "priority")
        .prefetch_related("thematic_areas", "indicators"),
        uuid=uuid,
    )


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
