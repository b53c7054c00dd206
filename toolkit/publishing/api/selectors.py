"""What the API reads. Public lists are cut from the published strategies (`strategies()`, cached
per generation and query-constant), never from new queries on tenant rows; a token holder's
regions go through the region door."""

from collections import defaultdict

from django.db.models import F
from django.http import Http404
from django.utils.translation import get_language

from eubelong.core.numbers import decimal_or_none
from regions.access import VIEW, access_region, regions_for_user
from toolkit.completeness import completeness
from toolkit.models import ItemResponse, Workplan, WorkplanStatus
from toolkit.reporting.models import ReportStatus
from toolkit.reporting.selectors.reports import region_reports
from toolkit.selectors.snapshots import localise_action_areas, localise_workplan_data, workplan_data

from ..models import ApiToken
from ..selectors import strategies

# --- public: cut from the published strategies ------------------------------------------------


def area_titles_by_number(language=None) -> dict[int, set[str]]:
    """Each thematic area's number with the titles actions may carry for it in `language`:
    the English title they were recorded with and its translation."""
    from handbook.models import ThematicArea
    from toolkit.selectors.snapshots import area_titles

    local = area_titles(language) or {}
    return {
        number: {title, local.get(title, title)}
        for number, title in ThematicArea.objects.values_list("number", "title")
    }


def _keep_strategy(s: dict, filters: dict) -> bool:
    if filters.get("region") and s["region"]["slug"] != filters["region"]:
        return False
    return not (filters.get("cycle") and s["cycle"]["start_year"] != filters["cycle"])


def published_strategies(filters: dict, language=None) -> list[dict]:
    return [
        s for s in strategies(language=language or get_language()) if _keep_strategy(s, filters)
    ]


def published_strategy(region_slug: str, cycle: int | None = None, language=None) -> dict:
    """The region's latest published strategy (or that of `cycle`); 404 when there is none."""
    found = [
        s
        for s in strategies(language=language or get_language())
        if s["region"]["slug"] == region_slug
        and (cycle is None or s["cycle"]["start_year"] == cycle)
    ]
    if not found:
        raise Http404
    return max(found, key=lambda s: s["cycle"]["start_year"])


def _where(s: dict, p: dict) -> dict:
    return {
        "region": {"name": s["region"]["name"], "slug": s["region"]["slug"]},
        "cycle": s["cycle"],
        "priority": {"number": p["number"], "title": p["title"]},
    }


def published_actions(filters: dict, areas: set[str] | None = None, language=None):
    """(strategy, priority, action) of every published action the filters keep; `areas` are the
    titles of the thematic area asked for."""
    for s in published_strategies(filters, language):
        for p in s["priorities"]:
            if filters.get("priority") and p["number"] != filters["priority"]:
                continue
            for a in p["actions"]:
                if areas is not None and not areas.intersection(a["thematic_areas"]):
                    continue
                yield s, p, a


def action_rows(filters: dict, areas=None, language=None) -> list[dict]:
    rows = []
    for s, p, a in published_actions(filters, areas, language):
        rows.append(
            {
                **_where(s, p),
                **{k: v for k, v in a.items() if k not in ("funding", "spent", "indicators")},
                "indicator_count": len(a["indicators"]),
            }
        )
    return rows


def indicator_rows(filters: dict, areas=None, language=None) -> list[dict]:
    period = filters.get("period")
    rows = []
    for s, p, a in published_actions(filters, areas, language):
        for i in a["indicators"]:
            values = i["values"]
            if period is not None:
                values = [v for v in values if v["period"] == period]
                if not values:
                    continue
            rows.append(
                {
                    **_where(s, p),
                    "action": {"uuid": a["uuid"], "title": a["title"]},
                    **{k: v for k, v in i.items() if k != "values"},
                    "values": values,
                }
            )
    return rows


def budget_rows(filters: dict, areas=None, language=None) -> list[dict]:
    year = filters.get("year")
    rows = []
    for s, p, a in published_actions(filters, areas, language):
        for f in a["funding"]:
            if year is not None and f["year"] != year:
                continue
            rows.append({**_where(s, p), "action": {"uuid": a["uuid"], "title": a["title"]}, **f})
    return rows


# --- a token holder's regions: through the door -----------------------------------------------


def readable_regions(user):
    """The regions `user` may read, as the pages decide (coordinators: their networks')."""
    return regions_for_user(user, VIEW).select_related("network").order_by("name")


def readable_region(user, slug: str):
    """The region, or 404 alike for one that does not exist and one `user` holds no role in."""
    region, _perms = access_region(user, slug, VIEW)
    return region


def region_workplans(region) -> list[dict]:
    """The region's workplans with their completeness, in two queries."""
    workplans = list(
        Workplan.objects.for_region(region).select_related("cycle").order_by("-cycle__start_year")
    )
    statuses = defaultdict(list)
    for workplan_id, status in (
        ItemResponse.objects.for_region(region).values_list("workplan_id", "status").order_by()
    ):
        statuses[workplan_id].append(status)
    labels = dict(WorkplanStatus.choices)
    return [
        {
            "uuid": str(w.uuid),
            "cycle": _cycle(w.cycle),
            "status": w.status,
            "status_label": str(labels.get(w.status, "")),
            "revision": w.revision,
            "language": w.language,
            "completeness": completeness(statuses[w.pk]),
            "updated_at": w.updated_at,
        }
        for w in workplans
    ]


def _cycle(cycle) -> dict:
    return {"label": str(cycle), "start_year": cycle.start_year, "end_year": cycle.end_year}


def region_workplan(region, start_year: int) -> Workplan:
    found = (
        Workplan.objects.for_region(region)
        .select_related("cycle", "template", "region")
        .filter(cycle__start_year=start_year)
        .first()
    )
    if found is None:
        raise Http404
    return found


def _live_action(a: dict) -> dict:
    return {
        "uuid": a["uuid"],
        "title": a["title"],
        "objective": a["objective"],
        "description": a["description"],
        "thematic_areas": a["thematic_areas"],
        "lead_organisation": a["lead_stakeholder"] or "",
        "partner_organisations": a["partner_stakeholders"] or [],
        "start_date": a["start_date"],
        "end_date": a["end_date"],
        "status": a["status"],
        "status_label": a["status_label"],
        "budget": a["budget"],
        "funding": [
            {"year": year, "source": source, "amount": amount}
            for year, source, amount in a["funding"]
        ],
        "indicators": [
            {
                "name": i["name"],
                "unit": i["unit"],
                "baseline": i["baseline"],
                "target": i["target"],
                "actuals": [
                    {"year": int(year), "value": decimal_or_none(value)}
                    for year, value in sorted((i.get("actuals") or {}).items())
                    if str(year).isdigit() and decimal_or_none(value) is not None
                ],
            }
            for i in a["indicators"]
        ],
    }


def live_workplan(workplan: Workplan, language=None) -> dict:
    """The workplan as it stands, as plain data: no people, no comments, no internal ids (the
    serializer lets only its named fields through)."""
    data = localise_workplan_data(workplan_data(workplan), language)
    data = localise_action_areas(data, language)
    labels = dict(WorkplanStatus.choices)
    return {
        "uuid": str(workplan.uuid),
        "region": {"name": workplan.region.name, "slug": workplan.region.slug},
        "cycle": _cycle(workplan.cycle),
        "status": workplan.status,
        "status_label": str(labels.get(workplan.status, "")),
        "revision": workplan.revision,
        "language": workplan.language,
        "completeness": data["completeness"],
        "updated_at": workplan.updated_at,
        "budget_total": data["budget_total"],
        "priorities": [
            {
                "number": p["number"],
                "title": p["title"],
                "summary": p["summary"],
                "completeness": p["completeness"],
                "budget_total": p["budget_total"],
                "items": p["items"],
                "actions": [_live_action(a) for a in p["actions"]],
            }
            for p in data["priorities"]
        ],
    }


def region_report_rows(region) -> list[dict]:
    labels = dict(ReportStatus.choices)
    return [
        {
            "uuid": str(r.uuid),
            "period": r.period.year,
            "cycle": _cycle(r.workplan.cycle),
            "status": r.status,
            "status_label": str(labels.get(r.status, "")),
            "workplan_revision": r.workplan_revision,
            "submitted_at": r.submitted_at,
            "accepted_at": r.reviewed_at if r.status == ReportStatus.ACCEPTED else None,
        }
        for r in region_reports(region)
    ]


# --- tokens -----------------------------------------------------------------------------------


def token_by_digest(digest: str) -> ApiToken | None:
    return ApiToken.objects.select_related("user").filter(digest=digest).first()


def user_tokens(user) -> list[ApiToken]:
    # Tokens in use first, newest first.
    return list(
        ApiToken.objects.filter(user=user).order_by(
            F("revoked_at").asc(nulls_first=True), "-created_at"
        )
    )


def user_token(user, uuid) -> ApiToken:
    found = ApiToken.objects.filter(user=user, uuid=uuid).first()
    if found is None:
        raise Http404
    return found
