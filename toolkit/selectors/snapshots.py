"""A workplan as plain data: what a snapshot freezes, and how frozen data is read in the reader's
language."""

from django.utils.translation import get_language

from handbook.translation.kinds import SOURCE_LANGUAGE
from handbook.translation.lookup import SharedTexts, translated_titles
from handbook.translation.lookup import shared_texts as translation_texts

from ..completeness import FORMULA
from ..models import (
    ActionStatus,
    FundingSource,
    ItemStatus,
    Snapshot,
)
from .editor import workplan_editor


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
                        "funding": [[f.year, f.source, _money(f.amount)] for f in a.funding.all()],
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


def localise_workplan_data(
    data: dict, language: str | None = None, texts: SharedTexts | None = None
) -> dict:
    """A copy of workplan data (live or frozen) for reading: the template's priority titles and
    overviews and the checklist item texts in the reader's language. What the region wrote is
    left as it is. Snapshots frozen before template ids were kept show their English texts.
    `texts` (shared_texts_of many datas at once) saves a query per workplan."""
    if texts is None:
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


def area_titles(language: str | None = None) -> dict[str, str] | None:
    """Thematic area titles by their English title, in `language`; None in English."""
    from handbook.models import ThematicArea

    if (language or get_language() or SOURCE_LANGUAGE).split("-")[0] == SOURCE_LANGUAGE:
        return None
    areas = dict(ThematicArea.objects.values_list("pk", "title"))
    local = translated_titles("handbook.ThematicArea", areas, language)
    return {title: local[pk] for pk, title in areas.items()}


def localise_action_areas(
    data: dict, language: str | None = None, by_title: dict | None = None
) -> dict:
    """Workplan data whose actions name their thematic areas in the reader's language.

    Actions record areas by their English title, which is unique; a title renamed since keeps
    its recorded English wording. `by_title` (area_titles) saves the lookup per workplan."""
    if (language or get_language() or SOURCE_LANGUAGE).split("-")[0] == SOURCE_LANGUAGE:
        return data
    if not any(a.get("thematic_areas") for p in data["priorities"] for a in p["actions"]):
        return data
    if by_title is None:
        by_title = area_titles(language)
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
