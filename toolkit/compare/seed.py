"""Demo data for the self-assessment: questionnaire v1 and answers of the partner regions.

Answers are invented for the demo; the shares of residents born abroad are indicative figures.
"""

import hashlib
from decimal import Decimal

from django.db import transaction

from handbook.models import ThematicArea
from regions.models import Region
from toolkit.models import StrategyCycle

from . import services
from .models import Assessment, Question, Questionnaire

# By thematic area number: (question, weight).
QUESTIONS = {
    1: [
        ("The regional government has adopted an intercultural integration strategy.", 3),
        ("One department coordinates integration work across the regional administration.", 2),
        ("Municipalities and national bodies take part in steering the strategy.", 2),
    ],
    2: [
        ("Schools get support to teach pupils of many languages and backgrounds.", 2),
        ("Adult newcomers can have their qualifications recognised or completed.", 2),
        ("School staff are trained in intercultural skills.", 1),
    ],
    3: [
        ("Employment services offer guidance adapted to newcomers.", 2),
        ("Migrant entrepreneurs get advice and access to finance.", 1),
        ("Employers are encouraged to recruit and manage diverse teams.", 1),
    ],
    4: [
        ("Housing policy works against segregation of newcomers.", 2),
        ("Neighbourhood projects bring old and new residents together.", 2),
        ("Newcomers get help to find decent housing.", 1),
    ],
    5: [
        ("Health and social services offer interpreting.", 2),
        ("Staff of health and social services are trained to serve diverse users.", 1),
        ("Services collect feedback from migrant users.", 1),
    ],
    6: [
        ("Newcomers receive a welcome and orientation package.", 2),
        ("One contact point helps newcomers with their first steps.", 2),
        ("Municipalities and civil society share one reception plan.", 1),
    ],
    7: [
        ("Free language courses are available across the region.", 3),
        ("Heritage languages of residents are valued in public life.", 1),
        ("Public information is published in the main languages spoken.", 1),
    ],
    8: [
        ("Cultural funding supports intercultural projects.", 1),
        ("Sports clubs are encouraged to include newcomers.", 1),
        ("Migrant-led associations take part in civic life and events.", 2),
    ],
    9: [
        ("Public spaces are planned with diverse residents in mind.", 1),
        ("Conflicts over public space are handled through mediation.", 2),
        ("Urban renewal projects consult residents of all backgrounds.", 1),
    ],
    10: [
        ("The region runs an anti-discrimination plan with measurable goals.", 3),
        ("People can report discrimination to an independent body.", 2),
        ("Public staff are trained to recognise and prevent discrimination.", 1),
    ],
    11: [
        ("Residents without citizenship are consulted on policies that affect them.", 2),
        ("A consultative body includes migrant-led organisations.", 2),
        ("Volunteering and civic education are open to newcomers.", 1),
    ],
    12: [
        ("Regional communication presents diversity as an asset.", 2),
        ("Journalists are offered training or guidance on migration reporting.", 1),
        ("Rumours and misinformation about migration are answered with facts.", 1),
    ],
}

# slug -> (share born abroad in %, how far the region has got on a 0–4 scale)
REGIONS = {
    "arad": (Decimal("2.6"), 1.6),
    "timis": (Decimal("3.4"), 2.0),
    "catalonia": (Decimal("22.0"), 3.1),
    "navarra": (Decimal("17.0"), 3.0),
    "donegal": (Decimal("7.0"), 2.2),
    "emilia-romagna": (Decimal("12.8"), 2.9),
    "leipzig": (Decimal("9.5"), 2.5),
    "pomerania": (Decimal("3.1"), 2.1),
    "poznan": (Decimal("2.8"), 1.8),
    "salzburg": (Decimal("21.0"), 2.7),
}
# Regions whose latest self-assessment is still a draft.
DRAFTS = {"arad", "poznan"}


def _level(slug: str, question: int, strength: float) -> int:
    """A stable, plausible answer around the region's overall level."""
    digest = hashlib.sha256(f"{slug}:{question}".encode()).digest()
    return max(0, min(4, round(strength + (digest[0] % 3 - 1) * 0.9)))


def questionnaire_seed() -> Questionnaire | None:
    existing = Questionnaire.objects.order_by("number").first()
    if existing:
        return Questionnaire.objects.filter(published_at__isnull=False).first() or existing
    areas = {a.number: a for a in ThematicArea.objects.all()}
    if not areas:
        return None
    draft = services.questionnaire_create_draft(
        notes="First version, three questions per area.", by=None
    )
    Question.objects.bulk_create(
        Question(questionnaire=draft, thematic_area=areas[n], number=i, text=text, weight=weight)
        for n, questions in QUESTIONS.items()
        if n in areas
        for i, (text, weight) in enumerate(questions, start=1)
    )
    return services.questionnaire_publish(questionnaire=draft, by=None)


@transaction.atomic
def seed(*, stdout=None) -> None:
    questionnaire = questionnaire_seed()
    if questionnaire is None:
        if stdout:
            stdout.write("Self-assessment: no thematic areas yet, nothing seeded.")
        return
    cycles = list(StrategyCycle.objects.order_by("start_year"))[-2:]
    questions = list(questionnaire.questions.order_by("id"))
    created = 0
    for slug, (share, strength) in REGIONS.items():
        region = Region.objects.filter(slug=slug).first()
        if region is None:
            continue
        for n, cycle in enumerate(cycles):
            if Assessment.objects.for_region(region).filter(cycle=cycle).exists():
                continue
            latest = n == len(cycles) - 1
            assessment = services.assessment_get_or_create(
                region=region, cycle=cycle, questionnaire=questionnaire
            )
            level_shift = 0 if latest else -0.6
            services.assessment_save(
                assessment=assessment,
                version=assessment.version,
                answers={
                    q.pk: (
                        _level(slug, i, strength + level_shift),
                        "Based on the regional strategy and partner interviews.",
                    )
                    for i, q in enumerate(questions)
                },
                foreign_born_share=share,
                by=None,
                submit=not (latest and slug in DRAFTS),
            )
            created += 1
    if stdout:
        stdout.write(
            f"Self-assessment questionnaire v{questionnaire.number}, {created} assessments."
        )
