"""Reads of the regional self-assessment index.

Each thematic area scores 0–100: the weighted share of the points its questions could give, an
answer at level L (0–4) giving L/4 of the question's weight and an unanswered question none. The
index is the mean of the area scores. Regions rank against every region compared (the sample) and
against regions of a similar population and a similar share of residents born abroad.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext_lazy as _

from handbook.models import ThematicArea
from toolkit.models import StrategyCycle

from ..models import Answer, Assessment, AssessmentStatus, Question, Questionnaire

POPULATION_BANDS = [
    (500_000, _("under 0.5 million")),
    (2_000_000, _("0.5–2 million")),
    (None, _("2 million or more")),
]
FOREIGN_BORN_BANDS = [
    (Decimal("8"), _("under 8% born abroad")),
    (Decimal("15"), _("8–15% born abroad")),
    (None, _("15% or more born abroad")),
]


def population_band(population) -> str | None:
    if population is None:
        return None
    return str(
        next(label for limit, label in POPULATION_BANDS if limit is None or population < limit)
    )


def foreign_born_band(share) -> str | None:
    if share is None:
        return None
    return str(next(label for limit, label in FOREIGN_BORN_BANDS if limit is None or share < limit))


def score(questions: list[dict], levels: dict[int, int | None]) -> dict[int, int]:
    """thematic area id -> score 0–100, from the questionnaire's questions and the answers."""
    got, possible = defaultdict(Decimal), defaultdict(Decimal)
    for q in questions:
        possible[q["thematic_area_id"]] += q["weight"]
        level = levels.get(q["id"])
        if level is not None:
            got[q["thematic_area_id"]] += Decimal(q["weight"]) * level / 4
    return {
        area: int((got[area] * 100 / total).to_integral_value())
        for area, total in possible.items()
        if total
    }


def overall(area_scores: dict[int, int]) -> int | None:
    if not area_scores:
        return None
    return int((Decimal(sum(area_scores.values())) / len(area_scores)).to_integral_value())


def current_questionnaire() -> Questionnaire | None:
    return Questionnaire.objects.filter(published_at__isnull=False).order_by("-number").first()


def questionnaire_questions(questionnaire) -> list[Question]:
    return list(
        Question.objects.filter(questionnaire=questionnaire).select_related("thematic_area")
    )


def region_assessment(region, cycle) -> Assessment | None:
    return (
        Assessment.objects.for_region(region)
        .filter(cycle=cycle)
        .select_related("questionnaire", "cycle")
        .first()
    )


def assessment_answers(assessment) -> dict[int, Answer]:
    if assessment is None:
        return {}
    return {
        a.question_id: a
        for a in Answer.objects.for_region(assessment.region_id).filter(assessment=assessment)
    }


def _rank(rows, key, group=None):
    """Competition ranking ("1224") of rows by key, optionally within groups."""
    buckets = defaultdict(list)
    for row in rows:
        if row[key] is not None:
            buckets[group(row) if group else None].append(row)
    ranks = {}
    for name, members in buckets.items():
        if name is None and group:
            continue
        ordered = sorted(members, key=lambda r: -r[key])
        for row in ordered:
            better = sum(1 for other in ordered if other[key] > row[key])
            ranks[row["region"].pk] = (better + 1, len(ordered))
    return ranks


@dataclass
class IndexResult:
    cycle: StrategyCycle | None
    previous: StrategyCycle | None
    areas: list = field(default_factory=list)
    rows: list = field(default_factory=list)
    missing: list = field(default_factory=list)


def index_results(regions, readable_ids, *, cycle_year=None, drafts=False) -> IndexResult:
    """The index of every region compared, in a fixed number of queries."""
    by_id = {r.pk: r for r in regions}
    visible = []
    for a in Assessment.objects.filter(region__in=list(by_id)).values(
        "id",
        "region_id",
        "cycle_id",
        "cycle__start_year",
        "status",
        "foreign_born_share",
        "questionnaire_id",
    ):
        if a["status"] == AssessmentStatus.SUBMITTED or (drafts and a["region_id"] in readable_ids):
            visible.append(a)
    years = sorted({a["cycle__start_year"] for a in visible}, reverse=True)
    year = cycle_year if cycle_year in years else (years[0] if years and not cycle_year else None)
    cycle_map = {c.start_year: c for c in StrategyCycle.objects.all()}
    earlier = [y for y in years if year and y < year]
    result = IndexResult(
        cycle=cycle_map.get(year), previous=cycle_map.get(earlier[0]) if earlier else None
    )
    result.areas = list(ThematicArea.objects.order_by("number").values("id", "number", "title"))
    wanted = [a for a in visible if a["cycle__start_year"] in {year, *earlier[:1]}]
    questions = defaultdict(list)
    for q in Question.objects.filter(
        questionnaire__in={a["questionnaire_id"] for a in wanted}
    ).values("id", "questionnaire_id", "thematic_area_id", "weight"):
        questions[q["questionnaire_id"]].append(q)
    levels = defaultdict(dict)
    for ans in Answer.objects.filter(
        region__in=list(by_id), assessment__in=[a["id"] for a in wanted]
    ).values("assessment_id", "question_id", "level"):
        levels[ans["assessment_id"]][ans["question_id"]] = ans["level"]
    now, before = {}, {}
    for a in wanted:
        scores = score(questions[a["questionnaire_id"]], levels[a["id"]])
        entry = {"assessment": a, "scores": scores, "index": overall(scores)}
        (now if a["cycle__start_year"] == year else before)[a["region_id"]] = entry
    rows = []
    for region in regions:
        entry = now.get(region.pk)
        if entry is None:
            result.missing.append(region)
            continue
        share = entry["assessment"]["foreign_born_share"]
        prev = before.get(region.pk)
        rows.append(
            {
                "region": region,
                "draft": entry["assessment"]["status"] != AssessmentStatus.SUBMITTED,
                "index": entry["index"],
                "areas": [entry["scores"].get(area["id"]) for area in result.areas],
                "foreign_born_share": share,
                "population_band": population_band(region.population),
                "foreign_born_band": foreign_born_band(share),
                "change": (
                    entry["index"] - prev["index"]
                    if prev and prev["index"] is not None and entry["index"] is not None
                    else None
                ),
            }
        )
    sample = _rank(rows, "index")
    by_size = _rank(rows, "index", lambda r: r["population_band"])
    by_diversity = _rank(rows, "index", lambda r: r["foreign_born_band"])
    for row in rows:
        row["rank"] = sample.get(row["region"].pk)
        row["size_rank"] = by_size.get(row["region"].pk)
        row["diversity_rank"] = by_diversity.get(row["region"].pk)
    rows.sort(key=lambda r: (-(r["index"] or 0), r["region"].name))
    result.rows = rows
    return result
