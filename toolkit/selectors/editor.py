"""Everything the workplan editor shows, in a fixed number of queries whatever the workplan's size."""

from collections import Counter, defaultdict
from decimal import Decimal

from django.db.models import Count, Prefetch, Q

from eubelong.core.frozensql import frozen_query

from ..completeness import FORMULA, completeness
from ..models import (
    Action,
    ActionFunding,
    ActionStatus,
    ActionThematicArea,
    Comment,
    CommentKind,
    FundingSource,
    Indicator,
    ItemResponse,
    ItemStatus,
    Priority,
    PriorityResponse,
    ProposalState,
)


def _responses(workplan):
    """A workplan's checklist answers with the counts their editor rows show."""
    return _responses_of(workplan.region_id, workplan.pk)


def _responses_of(region_id: int, workplan_id: int):
    return (
        ItemResponse.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .select_related("item")
        .annotate(
            open_comments=Count(
                "comments",
                filter=Q(comments__kind=CommentKind.PROPOSAL, comments__state=ProposalState.OPEN)
                | Q(
                    comments__kind=CommentKind.REVIEW,
                    comments__parent__isnull=True,
                    comments__resolved_at__isnull=True,
                ),
            ),
            comment_count=Count("comments"),
        )
    )


def editor_row(workplan, response_uuid):
    """One answer as the editor's row shows it (counts and open review notes), or None."""
    response = _responses(workplan).filter(uuid=response_uuid).first()
    if response is not None:
        response.review_notes = list(
            Comment.objects.for_region(workplan.region_id)
            .filter(
                response=response,
                kind=CommentKind.REVIEW,
                parent__isnull=True,
                resolved_at__isnull=True,
            )
            .select_related("author")
            .annotate(reply_count=Count("replies"))
        )
    return response


def answer_versions(workplan) -> dict[str, int]:
    """Each answer's version, by its id as pages carry it: what a live page compares after a
    break in its connection."""
    rows = (
        ItemResponse.objects.for_region(workplan.region_id)
        .filter(workplan=workplan)
        .values_list("uuid", "version")
    )
    return {uuid.hex: version for uuid, version in rows}


def workplan_editor(workplan, priority_number: int | None = None, *, page=False) -> dict:
    """Everything the editor page shows, in a fixed number of queries whatever the size.

    With `priority_number` only that priority's items and actions are loaded in full (the first
    priority if there is no such number); the progress of every priority comes from two light
    queries of statuses and budgets. With `page` the actions come without their organisations
    and funding rows, which the editor's page does not show (a snapshot and the submission
    check read the rest).
    """
    region_id, workplan_id = workplan.region_id, workplan.pk
    priorities = list(_priorities(workplan.template_id))
    shown = priorities
    if priority_number is not None:
        shown = [p for p in priorities if p.number == priority_number] or priorities[:1]
    partial = len(shown) != len(priorities)
    summaries = {p.priority_id: p for p in _summaries(region_id, workplan_id)}
    shown_ids = [p.pk for p in shown] if partial else None
    if page:
        responses = list(_page_responses(region_id, workplan_id, shown_ids))
        actions = list(_page_actions(region_id, workplan_id, shown_ids))
        _attach_areas_and_indicators(actions, region_id, workplan_id, shown_ids)
    else:
        indicators = Prefetch("indicators", queryset=Indicator.objects.for_region(region_id))
        responses = _responses(workplan)
        actions = (
            Action.objects.for_region(region_id)
            .filter(workplan=workplan)
            .select_related("lead_organisation")
            .prefetch_related("thematic_areas", "partner_organisations", "funding", indicators)
        )
        if partial:
            responses = responses.filter(item__priority__in=shown)
            actions = actions.filter(priority__in=shown)
        responses, actions = list(responses), list(actions)
    if partial:
        answers = list(_answers(region_id, workplan_id))
        plans = list(_plans(region_id, workplan_id))
    else:
        answers = [(r.item.priority_id, r.status) for r in responses]
        plans = [(a.priority_id, a.status, a.budget, a.funding_source, a.pk) for a in actions]
    # The funding mix where an action has one; its single budget otherwise.
    mix = list(_funding_mix(region_id, workplan_id))
    mixed = {row[0] for row in mix}
    money_of = defaultdict(list)
    for _action, priority_id, _year, source, amount in mix:
        money_of[priority_id].append((amount, source))
    for priority_id, _status, budget, source, pk in plans:
        if pk not in mixed:
            money_of[priority_id].append((budget, source))

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

    # Open review notes, shown next to their item or action.
    notes = defaultdict(list)
    for note in _open_notes(region_id, workplan_id, shown_ids):
        notes[
            ("response", note.response_id) if note.response_id else ("action", note.action_id)
        ].append(note)
    for response in responses:
        response.review_notes = notes[("response", response.pk)]
    for action in actions:
        action.review_notes = notes[("action", action.pk)]

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
                "budget": _budget(money_of[priority.pk]),
            }
        )
    statuses = [status for _, status in answers]
    budget = _budget(pair for pairs in money_of.values() for pair in pairs)
    # Funding source × priority, one amount per cell (None where a priority has none).
    per_section = [dict(section["budget"]["rows"]) for section in sections]
    budget["matrix"] = [
        (label, [amounts.get(label) for amounts in per_section], total)
        for label, total in budget["rows"]
    ]
    return {
        "sections": sections,
        "completeness": completeness(statuses),
        "status_counts": _status_counts(statuses),
        "action_counts": _action_counts(p[1] for p in plans),
        "budget": {**budget, "years": _by_year(mix)},
        "formula": FORMULA,
    }


def checklist_progress(workplan) -> dict:
    """The checklist part of the editor's progress, in one query: what an autosave changes."""
    answers = list(_numbered_answers(workplan.region_id, workplan.pk))
    of = defaultdict(list)
    for number, status in answers:
        of[number].append(status)
    statuses = [status for _, status in answers]
    return {
        "sections": [
            {
                "number": n,
                "completeness": completeness(of[n]),
                "status_counts": _status_counts(of[n]),
            }
            for n in sorted(of)
        ],
        "completeness": completeness(statuses),
        "status_counts": _status_counts(statuses),
    }


# The editor's questions, compiled once (see eubelong.core.frozensql): `priority_ids` None for
# every priority.


@frozen_query
def _priorities(template_id: int):
    return Priority.objects.filter(template=template_id)


@frozen_query
def _summaries(region_id: int, workplan_id: int):
    return PriorityResponse.objects.for_region(region_id).filter(workplan=workplan_id)


def _shown(rows, priority_ids, via: str = ""):
    """`rows` under the shown priorities (`via` the relation to a priority); all for None."""
    return rows if priority_ids is None else rows.filter(**{f"{via}priority__in": priority_ids})


@frozen_query
def _page_responses(region_id: int, workplan_id: int, priority_ids):
    return _shown(_responses_of(region_id, workplan_id), priority_ids, "item__")


@frozen_query
def _page_actions(region_id: int, workplan_id: int, priority_ids):
    return _shown(Action.objects.for_region(region_id).filter(workplan=workplan_id), priority_ids)


def _attach_areas_and_indicators(actions, region_id, workplan_id, priority_ids) -> None:
    """The page's actions with their thematic areas and indicators, as a prefetch would give
    them (`action.thematic_areas.all()`, `action.indicators.all()`), from two kept statements."""
    areas, indicators = defaultdict(list), defaultdict(list)
    for link in _page_areas(region_id, workplan_id, priority_ids):
        areas[link.action_id].append(link.thematic_area)
    for indicator in _page_indicators(region_id, workplan_id, priority_ids):
        indicators[indicator.action_id].append(indicator)
    for action in actions:
        kept = action.__dict__.setdefault("_prefetched_objects_cache", {})
        kept["thematic_areas"] = _Listed(areas[action.pk])
        kept["indicators"] = _Listed(indicators[action.pk])


class _Listed(list):
    """Rows read already, answering the related manager's `all()` as a prefetch's would."""

    def all(self):
        return self


@frozen_query
def _page_areas(region_id: int, workplan_id: int, priority_ids):
    rows = ActionThematicArea.objects.for_region(region_id).filter(action__workplan=workplan_id)
    rows = _shown(rows, priority_ids, "action__").select_related("thematic_area")
    return rows.order_by("thematic_area__number")  # as the areas' own order


@frozen_query
def _page_indicators(region_id: int, workplan_id: int, priority_ids):
    rows = Indicator.objects.for_region(region_id).filter(action__workplan=workplan_id)
    return _shown(rows, priority_ids, "action__")


@frozen_query
def _answers(region_id: int, workplan_id: int):
    return (
        ItemResponse.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .values_list("item__priority_id", "status")
    )


@frozen_query
def _numbered_answers(region_id: int, workplan_id: int):
    return (
        ItemResponse.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .values_list("item__priority__number", "status")
    )


@frozen_query
def _plans(region_id: int, workplan_id: int):
    return (
        Action.objects.for_region(region_id)
        .filter(workplan=workplan_id)
        .values_list("priority_id", "status", "budget", "funding_source", "pk")
    )


@frozen_query
def _funding_mix(region_id: int, workplan_id: int):
    return (
        ActionFunding.objects.for_region(region_id)
        .filter(action__workplan=workplan_id)
        .values_list("action_id", "action__priority_id", "year", "source", "amount")
    )


@frozen_query
def _open_notes(region_id: int, workplan_id: int, priority_ids):
    notes = Comment.objects.for_region(region_id).filter(
        workplan=workplan_id, kind=CommentKind.REVIEW, parent__isnull=True, resolved_at__isnull=True
    )
    if priority_ids is not None:
        notes = notes.filter(
            Q(response__item__priority__in=priority_ids) | Q(action__priority__in=priority_ids)
        )
    return notes.select_related("author").annotate(reply_count=Count("replies"))


def _status_counts(statuses) -> list[tuple[str, str, int]]:
    counts = Counter(statuses)
    return [(value, label, counts[value]) for value, label in ItemStatus.choices]


def _action_counts(statuses) -> list[tuple[str, str, int]]:
    counts = Counter(statuses)
    return [(value, label, counts[value]) for value, label in ActionStatus.choices]


def _by_year(mix) -> dict:
    """Planned amounts per year and source: {"years": [...], "rows": [(label, [...], total)]}."""
    years = sorted({row[2] for row in mix})
    cells = defaultdict(Decimal)
    for _action, _priority, year, source, amount in mix:
        cells[(source, year)] += amount
    rows = []
    for value, label in FundingSource.choices:
        amounts = [cells.get((value, year)) for year in years]
        if any(amounts):
            rows.append((label, amounts, sum((a for a in amounts if a), Decimal(0))))
    totals = [sum((cells.get((v, year), 0) for v, _l in FundingSource.choices), Decimal(0))
              for year in years]  # fmt: skip
    return {"years": years, "rows": rows, "totals": totals}


def _budget(budgets) -> dict:
    """Totals per funding source of (budget, funding source) pairs."""
    by_source = defaultdict(Decimal)
    for budget, source in budgets:
        if budget is not None:
            by_source[source or FundingSource.OTHER] += budget
    rows = [(label, by_source[value]) for value, label in FundingSource.choices if by_source[value]]
    return {"rows": rows, "total": sum(by_source.values(), Decimal(0))}
