"""What the public may read: the live publications and, from each one's frozen snapshot, the
strategy as plain data with everything private taken out.

Never public: people (submitters, reviewers, contacts), comments, review notes and messages.
Evidence notes and links, and organisation names, only where the region chose to show them.
The figures of accepted progress reports come from their frozen submissions."""

from collections import defaultdict
from decimal import Decimal

from django.core.cache import cache as django_cache
from django.http import Http404
from django.utils import translation
from django.utils.translation import get_language

from eubelong.core.numbers import decimal_or_none
from toolkit.models import ActionStatus, FundingSource, ItemStatus
from toolkit.reporting.models import ProgressReport, ReportStatus
from toolkit.selectors.snapshots import (
    area_titles,
    localise_action_areas,
    localise_workplan_data,
    shared_texts_of,
)

from . import cache
from .models import LICENCE_URLS, Licence, OpenDataSettings, Publication

# Public data is computed once per publication, language and generation.
DATA_TIMEOUT = 60 * 60


def live_publications(network=None) -> list[Publication]:
    """Every live publication, with what the public pages need, in two queries whatever their
    number (regions by name)."""
    rows = Publication.objects.filter(withdrawn_at=None).select_related(
        "region", "region__network", "workplan__cycle", "snapshot"
    )
    if network is not None:
        rows = rows.filter(region__network=network)
    return list(rows.order_by("region__name"))


def live_publication(region_slug: str) -> Publication:
    """The live publication of a region's latest published cycle; 404 when there is none, the
    same answer as for a region that does not exist. Kept under the generation, which every
    publishing decision renews (unknown addresses are not kept: anyone can make them up)."""
    key = cache.key("live-publication", region_slug)
    found = django_cache.get(key)
    if found is None:
        # The frozen data is read only when the public data is built (see strategy()), not on
        # every view of a page whose data is cached.
        found = (
            Publication.objects.filter(withdrawn_at=None, region__slug=region_slug)
            .select_related("region", "region__network", "workplan__cycle", "snapshot")
            .defer("snapshot__data")
            .order_by("-workplan__cycle__start_year")
            .first()
        )
        if found is None:
            raise Http404
        django_cache.set(key, found, DATA_TIMEOUT)
    return found


def accepted_reports(publications) -> dict[int, list[dict]]:
    """The frozen figures of accepted reports per workplan id, oldest period first; one query."""
    ids = [p.workplan_id for p in publications if p.include_reports]
    found = defaultdict(list)
    if not ids:
        return found
    rows = (
        ProgressReport.objects.filter(workplan_id__in=ids, status=ReportStatus.ACCEPTED)
        .select_related("period")
        .order_by("period__year")
        .values("workplan_id", "period__year", "reviewed_at", "submitted_data")
    )
    for row in rows:
        found[row["workplan_id"]].append(
            {
                "period": row["period__year"],
                "accepted_at": row["reviewed_at"],
                "data": row["submitted_data"] or {},
            }
        )
    return found


def _budget_rows(action: dict) -> list[tuple[int | None, str, Decimal]]:
    rows = [
        (year, source, decimal_or_none(amount))
        for year, source, amount in action.get("funding") or []
        if decimal_or_none(amount) is not None
    ]
    if not rows and decimal_or_none(action.get("budget")) is not None:
        rows = [(None, action.get("funding_source") or "other", decimal_or_none(action["budget"]))]
    return rows


def _by_source(rows) -> list[dict]:
    labels = dict(FundingSource.choices)
    totals = defaultdict(Decimal)
    for _year, source, amount in rows:
        totals[source] += amount
    return [
        {"source": source, "label": str(labels.get(source, source)), "amount": amount}
        for source, amount in sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def _report_figures(reports: list[dict]):
    """Reported values per (action uuid, indicator name) and spending per action uuid."""
    values, spent = defaultdict(list), defaultdict(list)
    for report in reports:
        data = report["data"]
        uuid_of = {a.get("title"): a.get("uuid") for a in data.get("actions") or []}
        for a in data.get("actions") or []:
            if decimal_or_none(a.get("spent")) is not None:
                spent[a.get("uuid")].append(
                    {"period": report["period"], "amount": decimal_or_none(a["spent"])}
                )
        for i in data.get("indicators") or []:
            value = decimal_or_none(i.get("value"))
            if value is not None:
                key = (uuid_of.get(i.get("action")), i.get("name"))
                values[key].append({"period": report["period"], "value": value})
    return values, spent


def _action(a: dict, publication: Publication, values, spent) -> dict:
    rows = _budget_rows(a)
    labels = dict(FundingSource.choices)
    indicators = []
    for position, i in enumerate(a.get("indicators") or [], start=1):
        reported = values.get((a["uuid"], i.get("name")), [])
        indicators.append(
            {
                "key": f"{a['uuid']}-{position}",
                "name": i.get("name") or "",
                "unit": i.get("unit") or "",
                "baseline": decimal_or_none(i.get("baseline")),
                "target": decimal_or_none(i.get("target")),
                "values": reported,
                "latest": reported[-1]["value"] if reported else None,
            }
        )
    show_orgs = publication.include_organisations
    return {
        "uuid": a["uuid"],
        "title": a.get("title") or "",
        "objective": a.get("objective") or "",
        "description": a.get("description") or "",
        "thematic_areas": a.get("thematic_areas") or [],
        "lead_organisation": (a.get("lead_stakeholder") or "") if show_orgs else "",
        "partner_organisations": (a.get("partner_stakeholders") or []) if show_orgs else [],
        "start_date": a.get("start_date"),
        "end_date": a.get("end_date"),
        "status": a.get("status") or "",
        # Labels in the reader's language, not the submitter's.
        "status_label": str(dict(ActionStatus.choices).get(a.get("status"), "")),
        "budget": sum((amount for _y, _s, amount in rows), Decimal(0)),
        "funding": [
            {
                "year": year,
                "source": source,
                "label": str(labels.get(source, source)),
                "amount": amount,
            }
            for year, source, amount in rows
        ],  # fmt: skip
        "spent": spent.get(a["uuid"], []),
        "indicators": indicators,
    }


def public_strategy(
    publication: Publication, reports: list[dict], language=None, *, texts=None, areas=None
) -> dict:
    """A published strategy as plain public data, in `language` where the shared texts are
    translated; what the region wrote stays in the workplan's language. `texts` and `areas`
    (translations looked up once for many strategies) keep a list's queries constant."""
    # Choice labels (statuses, funds) follow `language`, whatever language is active.
    with translation.override(language or get_language()):
        return _public_strategy(publication, reports, language, texts=texts, areas=areas)


def _public_strategy(publication, reports, language, *, texts, areas) -> dict:
    data = localise_workplan_data(publication.snapshot.data, language, texts=texts)
    data = localise_action_areas(data, language, by_title=areas)
    values, spent = _report_figures(reports)
    region, cycle = publication.region, publication.workplan.cycle
    priorities, all_rows = [], []
    for p in data.get("priorities") or []:
        actions = [_action(a, publication, values, spent) for a in p.get("actions") or []]
        for a in p.get("actions") or []:
            all_rows.extend(_budget_rows(a))
        items = []
        for item in p.get("items") or []:
            row = {
                "number": item.get("number"),
                "text": item.get("text") or "",
                "status": item.get("status") or "",
                "status_label": str(dict(ItemStatus.choices).get(item.get("status"), "")),
            }
            if publication.include_evidence:
                row["evidence"] = item.get("evidence") or ""
                row["link"] = item.get("link") or ""
            items.append(row)
        priorities.append(
            {
                "number": p.get("number"),
                "title": p.get("title") or "",
                "summary": p.get("summary") or "",
                "completeness": p.get("completeness"),
                "budget": sum((a["budget"] for a in actions), Decimal(0)),
                "items": items,
                "actions": actions,
            }
        )
    indicators = [i for p in priorities for a in p["actions"] for i in a["indicators"]]
    return {
        "uuid": str(publication.uuid),
        "region": {
            "name": region.name,
            "slug": region.slug,
            "country": region.country,
            "nuts_code": region.nuts_code,
            "population": region.population,
            "lead_body": region.lead_body,
        },
        "cycle": {"label": str(cycle), "start_year": cycle.start_year, "end_year": cycle.end_year},
        "language": publication.workplan.language,
        "revision": publication.snapshot.revision,
        "approved_at": publication.snapshot.reviewed_at,
        "published_at": publication.published_at,
        "include_evidence": publication.include_evidence,
        "include_organisations": publication.include_organisations,
        "completeness": data.get("completeness"),
        "budget_total": sum((amount for _y, _s, amount in all_rows), Decimal(0)),
        "budget_by_source": _by_source(all_rows),
        "action_count": sum(len(p["actions"]) for p in priorities),
        "indicator_count": len(indicators),
        "indicators_reported": sum(1 for i in indicators if i["values"]),
        "periods": [r["period"] for r in reports],
        "priorities": priorities,
    }


def strategy(publication: Publication, language=None) -> dict:
    """public_strategy, computed once per generation and language (snapshots never change)."""
    language = language or get_language()
    key = cache.key("strategy", publication.pk, language)
    found = django_cache.get(key)
    if found is None:
        reports = accepted_reports([publication])[publication.workplan_id]
        found = public_strategy(publication, reports, language)
        django_cache.set(key, found, DATA_TIMEOUT)
    return found


def strategies(network=None, language=None) -> list[dict]:
    """Every live published strategy as public data, in a constant number of queries."""
    language = language or get_language()
    key = cache.key("strategies", getattr(network, "pk", "all"), language)
    found = django_cache.get(key)
    if found is None:
        publications = live_publications(network)
        reports = accepted_reports(publications)
        texts = shared_texts_of(*(p.snapshot.data for p in publications), language=language)
        areas = area_titles(language)
        found = [
            public_strategy(p, reports[p.workplan_id], language, texts=texts, areas=areas)
            for p in publications
        ]
        django_cache.set(key, found, DATA_TIMEOUT)
    return found


def licence_of(network) -> dict:
    """The network's open-data terms (CC BY 4.0 when it has set none)."""
    settings_row = OpenDataSettings.objects.filter(network=network).first()
    code = settings_row.licence if settings_row else Licence.CC_BY
    return {
        "code": code,
        "label": str(Licence(code).label),
        "url": LICENCE_URLS[Licence(code)],
        "publisher": (settings_row.publisher if settings_row else "") or network.name,
        "contact_email": settings_row.contact_email if settings_row else "",
    }


def region_publishing(region) -> list[dict]:
    """The region's workplans with an approved snapshot, newest cycle first, each with the
    snapshot publishing would make public and its live publication, if any; three queries."""
    from toolkit.models import Snapshot, SnapshotOutcome, Workplan

    workplans = list(
        Workplan.objects.for_region(region).select_related("cycle").order_by("-cycle__start_year")
    )
    approved = {}
    for snapshot in (
        Snapshot.objects.for_region(region)
        .filter(outcome=SnapshotOutcome.APPROVED)
        .order_by("revision")
    ):
        approved[snapshot.workplan_id] = snapshot
    live = {
        p.workplan_id: p
        for p in Publication.objects.for_region(region)
        .filter(withdrawn_at=None)
        .select_related("snapshot", "published_by")
    }
    return [
        {"workplan": w, "approved": approved.get(w.pk), "publication": live.get(w.pk)}
        for w in workplans
        if w.pk in approved or w.pk in live
    ]


def live_publication_of(region, workplan_uuid) -> Publication | None:
    return (
        Publication.objects.for_region(region)
        .filter(withdrawn_at=None, workplan__uuid=workplan_uuid)
        .select_related("snapshot", "workplan__cycle")
        .first()
    )
