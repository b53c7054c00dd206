"""Who is engaged in each strategic priority: the registry organisations leading or partnering
a region's workplan actions."""

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
