"""Actions and the region's registry organisations: who is engaged in each strategic priority,
and matching free-text stakeholder names of actions to registry entries."""

from handbook.translation.lookup import translated_titles
from regions.models import Sector, Stakeholder


def sector_priority_map(region) -> dict:
    """Per strategic priority and sector, the organisations that lead or partner its actions.

    Two queries whatever the number of actions or organisations.
    """
    base = Stakeholder.objects.for_region(region)
    leads = base.filter(led_actions__region=region).values_list(
        "name",
        "sector",
        "led_actions__priority__number",
        "led_actions__priority__title",
        "led_actions__priority_id",
    )
    partners = base.filter(partner_actions__region=region).values_list(
        "name",
        "sector",
        "partner_actions__priority__number",
        "partner_actions__priority__title",
        "partner_actions__priority_id",
    )
    titles, engaged = {}, {}
    for rows, is_lead in ((leads, True), (partners, False)):
        for name, sector, number, title, priority_id in rows.distinct():
            titles.setdefault(number, (priority_id, title))
            orgs = engaged.setdefault(number, {}).setdefault(sector, {})
            orgs[name] = orgs.get(name, False) or is_lead
    local = translated_titles("toolkit.Priority", dict(titles.values()))
    rows = []
    for number in sorted(titles):
        cells = [
            [
                {"name": name, "lead": lead}
                for name, lead in sorted(engaged[number].get(sector, {}).items())
            ]
            for sector, _label in Sector.choices
        ]
        rows.append(
            {
                "number": number,
                "title": local[titles[number][0]],
                "cells": cells,
                "total": sum(len(c) for c in cells),
            }
        )
    return {"sectors": Sector.choices, "rows": rows}


def match_names(names: list[str], registry: dict) -> tuple[list, list[str]]:
    """Split names into registry entries (case-insensitive exact match) and names left as text.

    `registry` maps a lower-cased, stripped organisation name to the organisation.
    """
    matched, unmatched = [], []
    for name in names:
        clean = name.strip()
        if not clean:
            continue
        found = registry.get(clean.casefold())
        if found is None:
            unmatched.append(clean)
        elif found not in matched:
            matched.append(found)
    return matched, unmatched


def link_action(action, registry: dict, partner_model) -> bool:
    """Link an action's free-text names to registry organisations; unmatched names stay as text.

    Works with historical models too, so the data migration can call it. Returns whether
    anything changed.
    """
    changed = False
    if action.lead_organisation_id is None and action.lead_stakeholder.strip():
        lead, _rest = match_names([action.lead_stakeholder], registry)
        if lead:
            action.lead_organisation = lead[0]
            action.lead_stakeholder = ""
            changed = True
    lines = action.partner_stakeholders.splitlines()
    partners, rest = match_names(lines, registry)
    if partners:
        for stakeholder in partners:
            partner_model.objects.get_or_create(
                action_id=action.pk,
                stakeholder_id=stakeholder.pk,
                defaults={"region_id": action.region_id},
            )
        action.partner_stakeholders = "\n".join(rest)
        changed = True
    if changed:
        action.save(update_fields=["lead_organisation", "lead_stakeholder", "partner_stakeholders"])
    return changed


def registry_for(stakeholder_model, region_id) -> dict:
    return {
        s.name.strip().casefold(): s for s in stakeholder_model.objects.filter(region_id=region_id)
    }
