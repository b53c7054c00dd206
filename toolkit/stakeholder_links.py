"""Matching free-text stakeholder names of actions to a region's registry organisations."""


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
