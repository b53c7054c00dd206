"""Open data: the comparison tables as CSV, XLSX and JSON, each stamped with what it cites."""

import csv
import io

from django.http import Http404, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from . import selectors
from .selectors import assessment

FORMATS = {"csv", "xlsx", "json"}
TABLE_NAMES = [
    ("completeness", gettext_lazy("Completeness by priority")),
    ("items", gettext_lazy("Checklist answers")),
    ("actions", gettext_lazy("Actions")),
    ("stakeholders", gettext_lazy("Stakeholders by sector and level")),
    ("capacity", gettext_lazy("Capacity-building reach")),
    ("self_assessment", gettext_lazy("Self-assessment index")),
]
DICTIONARY = [
    (
        "all",
        "formats",
        "Machine formats, whatever the reader's language: a dot as decimal sign, no thousands "
        "separator, amounts in euro without a currency sign, dates as YYYY-MM-DD",
    ),
    ("completeness", "region", "Region name"),
    ("completeness", "country", "Country"),
    ("completeness", "cycle", "Strategy cycle the numbers belong to"),
    (
        "completeness",
        "source",
        "approved, submitted (awaiting review or changes requested) or draft",
    ),
    ("completeness", "snapshot", "Identifier of the submitted snapshot cited (empty for a draft)"),
    ("completeness", "revision", "Submission number of the workplan"),
    (
        "completeness",
        "priority_N",
        "Completeness of priority N in percent: "
        "(done + half of in progress) / (items - not applicable)",
    ),
    ("completeness", "overall", "Completeness over all priorities in percent"),
    ("items", "priority", "Priority number"),
    ("items", "item", "Checklist item number within the priority"),
    ("items", "text", "Checklist item wording"),
    ("items", "status", "not_started, in_progress, done or not_applicable"),
    ("items", "evidence", "The region's evidence note"),
    ("items", "link", "Evidence link"),
    ("actions", "title", "Action title"),
    ("actions", "status", "planned, ongoing, done, delayed or dropped"),
    ("actions", "budget_eur", "Planned budget in euro"),
    ("actions", "funding_source", "regional, national, amif, esf_plus or other"),
    ("actions", "thematic_areas", "Thematic areas, separated by semicolons"),
    ("stakeholders", "sector / level", "Stakeholder sector and governance level"),
    ("stakeholders", "count", "Number of registered stakeholders"),
    ("capacity", "sector", "Participant sector"),
    ("capacity", "participants", "Participants in capacity-building activities"),
    ("self_assessment", "index", "Mean of the thematic area scores, 0-100"),
    (
        "self_assessment",
        "area score",
        "100 x sum(weight x level / 4) / sum(weight); unanswered = 0",
    ),
    ("self_assessment", "rank", "Rank in the sample shown, ties share a rank"),
    ("self_assessment", "population_rank", "Rank among regions of the same population band"),
    ("self_assessment", "foreign_born_rank", "Rank among regions of the same band born abroad"),
    ("self_assessment", "change", "Index minus the index of the previous cycle"),
]
UNSAFE_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """Spreadsheet formula injection: text starting with = + - @ is kept as text."""
    if isinstance(value, str) and value.startswith(UNSAFE_START):
        return "'" + value
    return value


def _src_cols(src):
    return [src.cycle, src.kind, src.snapshot_uuid or "", src.revision]


SRC_HEAD = ["cycle", "source", "snapshot", "revision"]


def tables(ctx) -> dict[str, dict]:
    """name -> {"columns": [...], "rows": [[...]]}; the per-priority answers as items_<n>."""
    srcs, filters = ctx["sources"], ctx["filters"]
    numbers = [n for n, _t in ctx["columns"]]
    out = {}
    out["completeness"] = {
        "columns": ["region", "country", *SRC_HEAD, *[f"priority_{n}" for n in numbers], "overall"],
        "rows": [
            [
                s.region.name,
                s.region.country,
                *_src_cols(s),
                *[s.priorities.get(n, {}).get("completeness") for n in numbers],
                s.completeness,
            ]
            for s in srcs
        ],
    }
    tpl = selectors.template_priorities(srcs)
    for number in numbers:
        selectors.load_items(srcs, tpl, number)
        out[f"items_{number}"] = {
            "columns": [
                "region",
                *SRC_HEAD,
                "priority",
                "item",
                "text",
                "status",
                "evidence",
                "link",
            ],
            "rows": [
                [
                    s.region.name,
                    *_src_cols(s),
                    number,
                    i["number"],
                    i["text"],
                    i["status"],
                    i["evidence"],
                    i["link"],
                ]
                for s in srcs
                for i in s.items.get(number, [])
            ],
        }
    out["actions"] = {
        "columns": [
            "region",
            *SRC_HEAD,
            "priority",
            "title",
            "status",
            "budget_eur",
            "funding_source",
            "thematic_areas",
        ],
        "rows": [
            [
                s.region.name,
                *_src_cols(s),
                a["priority"],
                a["title"],
                a["status"],
                a["budget"],
                a["funding_source"],
                "; ".join(a["thematic_areas"]),
            ]
            for s, a in selectors.filtered_actions(srcs, filters)
        ],
    }
    people = selectors.stakeholder_mix(ctx["regions"])
    out["stakeholders"] = {
        "columns": ["sector", *people["levels"]],
        "rows": [[label, *counts] for label, counts in people["level_rows"]],
    }
    reach = selectors.capacity_reach(ctx["regions"])
    out["capacity"] = {
        "columns": ["region", *reach["series"]],
        "rows": [[c, *v] for c, v in zip(reach["categories"], reach["values"], strict=True)],
    }
    result = assessment.index_results(
        ctx["regions"], ctx["readable"], cycle_year=filters.cycle, drafts=filters.drafts
    )

    def rank(value):
        return f"{value[0]}/{value[1]}" if value else None

    out["self_assessment"] = {
        "columns": [
            "region",
            "cycle",
            "draft",
            "foreign_born_share",
            "index",
            "rank",
            "population_band",
            "population_rank",
            "foreign_born_band",
            "foreign_born_rank",
            "change",
            *[a["title"] for a in result.areas],
        ],
        "rows": [
            [
                r["region"].name,
                str(result.cycle),
                r["draft"],
                r["foreign_born_share"],
                r["index"],
                rank(r["rank"]),
                r["population_band"],
                rank(r["size_rank"]),
                r["foreign_born_band"],
                rank(r["diversity_rank"]),
                r["change"],
                *r["areas"],
            ]
            for r in result.rows
        ],
    }
    return out


def stamp(ctx) -> dict:
    filters = ctx["filters"]
    return {
        "generated_at": timezone.now().isoformat(timespec="seconds"),
        "cycle": str(filters.cycle) if filters.cycle else "most recent of each region",
        "drafts_included": filters.drafts,
        "snapshots": [
            {
                "region": s.region.name,
                "cycle": s.cycle,
                "source": s.kind,
                "snapshot": s.snapshot_uuid,
                "revision": s.revision,
            }
            for s in ctx["sources"]
        ],
    }


def _json(value):
    return str(value) if value is not None and not isinstance(value, (int, str, bool)) else value


def csv_response(filename: str, comments: list[str], table: dict) -> HttpResponse:
    """A table as CSV: comment lines first (read with comment="#") saying what it cites, then
    the columns and the rows, formulas neutralised."""
    buffer = io.StringIO()
    for line in comments:
        buffer.write(f"# {line}\n")
    writer = csv.writer(buffer)
    writer.writerow(table["columns"])
    for row in table["rows"]:
        writer.writerow([neutralise("" if v is None else v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def respond(request, ctx, fmt):
    data = tables(ctx)
    meta = stamp(ctx)
    name = f"eubelong-comparison-{timezone.now():%Y%m%d-%H%M%S}"
    if fmt == "json":
        payload = {
            **meta,
            "tables": {
                k: {"columns": t["columns"], "rows": [[_json(v) for v in r] for r in t["rows"]]}
                for k, t in data.items()
            },
        }
        response = JsonResponse(payload, json_dumps_params={"ensure_ascii": False})
        response["Content-Disposition"] = f'attachment; filename="{name}.json"'
        return response
    if fmt == "csv":
        table = request.GET.get("table", "completeness")
        if table == "items":
            keys = [k for k in data if k.startswith("items_")]
            chosen = {"columns": data[keys[0]]["columns"] if keys else [], "rows": []}
            for k in keys:
                chosen["rows"] += data[k]["rows"]
        elif table in data:
            chosen = data[table]
        else:
            raise Http404("No such table")
        snaps = ",".join(s["snapshot"] or f"draft:{s['region']}" for s in meta["snapshots"])
        return csv_response(
            f"{name}-{table}.csv",
            [
                f"generated_at={meta['generated_at']}",
                f"cycle={meta['cycle']}; drafts_included={meta['drafts_included']}",
                f"snapshots={snaps}",
            ],
            chosen,
        )
    return _xlsx(data, meta, ctx, name)


def _xlsx(data, meta, ctx, name):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    about = book.active
    about.title = "About"
    about.append([_("EU-Belong regional comparison")])
    about["A1"].font = Font(bold=True)
    about.append(["generated_at", meta["generated_at"]])
    about.append(["cycle", meta["cycle"]])
    about.append(["drafts_included", str(meta["drafts_included"])])
    about.append([])
    about.append(["region", "cycle", "source", "snapshot", "revision"])
    for s in meta["snapshots"]:
        about.append(
            [neutralise(s["region"]), s["cycle"], s["source"], s["snapshot"] or "", s["revision"]]
        )
    titles = dict(ctx["columns"])

    def sheet(title, table):
        ws = book.create_sheet(title[:31])
        ws.append(table["columns"])
        for cell in ws[1]:
            cell.font = Font(bold=True)
        for row in table["rows"]:
            ws.append([neutralise(v) if isinstance(v, str) else _xl(v) for v in row])
        ws.freeze_panes = "A2"

    sheet("Completeness", data["completeness"])
    for key, table in data.items():
        if key.startswith("items_"):
            number = int(key.split("_")[1])
            sheet(f"P{number} {titles.get(number, '')}".replace("/", " ")[:31], table)
    sheet("Actions", data["actions"])
    sheet("Stakeholders", data["stakeholders"])
    sheet("Capacity building", data["capacity"])
    sheet("Self-assessment", data["self_assessment"])
    dictionary = book.create_sheet("Data dictionary")
    dictionary.append(["sheet", "column", "meaning"])
    for row in DICTIONARY:
        dictionary.append(list(row))
    buffer = io.BytesIO()
    book.save(buffer)
    response = HttpResponse(
        buffer.getvalue(),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="{name}.xlsx"'
    return response


def _xl(value):
    from decimal import Decimal

    return float(value) if isinstance(value, Decimal) else value
