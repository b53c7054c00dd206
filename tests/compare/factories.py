"""Comparison test data: submitted workplans, questionnaires and self-assessments."""

from decimal import Decimal

from handbook.models import ThematicArea
from tests.toolkit import factories as tk
from toolkit import services as tk_services
from toolkit.compare import services
from toolkit.compare.models import Assessment, Question, Questionnaire, RegionSharing
from toolkit.models import ItemResponse, ItemStatus, Workplan


def areas(count: int = 3) -> list[ThematicArea]:
    out = []
    for n in range(1, count + 1):
        area, _ = ThematicArea.objects.get_or_create(
            number=n, defaults={"slug": f"area-{n}", "title": f"Area {n}"}
        )
        out.append(area)
    return out


def workplan(
    region, *, status="submitted", evidence="Mapped with municipalities.", start_year=2025, items=2
) -> Workplan:
    """A workplan whose first item is done (with evidence) and one action; submitted, approved or
    left as a draft."""
    wp = tk.workplan(region, start_year=start_year, items=items)
    if status == "draft" and wp.status == "draft":
        _answer(wp, evidence)
        return wp
    if wp.status == "draft" and not wp.snapshots.exists():
        _answer(wp, evidence)
        tk.action(wp, title=f"Action of {region.name}")
        tk_services.workplan_submit(workplan=wp, by=None)
        if status == "approved":
            tk_services.workplan_approve(workplan=wp, by=None, message="Fine.")
        wp.refresh_from_db()
    return wp


def _answer(wp, evidence):
    response = (
        ItemResponse.objects.for_region(wp.region)
        .filter(workplan=wp)
        .order_by("item__priority__number", "item__number")
        .first()
    )
    tk_services.response_update(
        response=response,
        by=None,
        version=response.version,
        data={"status": ItemStatus.DONE, "evidence": evidence},
    )


def draft_edit(wp, evidence):
    """Turn a submitted workplan's first answer into a new draft text (after changes requested)."""
    tk_services.workplan_request_changes(workplan=wp, by=None, message="More.")
    wp.refresh_from_db()
    _answer(wp, evidence)


def not_sharing(region):
    RegionSharing.objects.update_or_create(region=region, defaults={"shares_with_network": False})


def questionnaire(*, per_area: int = 2) -> Questionnaire:
    existing = Questionnaire.objects.filter(published_at__isnull=False).first()
    if existing:
        return existing
    draft = services.questionnaire_create_draft(by=None)
    for area in areas():
        for n in range(1, per_area + 1):
            Question.objects.create(
                questionnaire=draft,
                thematic_area=area,
                number=n,
                text=f"Q {area.number}.{n}",
                weight=n,
            )
    return services.questionnaire_publish(questionnaire=draft, by=None)


def assessment(
    region, *, level: int = 2, start_year: int = 2025, submit=True, share="10.0"
) -> Assessment:
    q = questionnaire()
    current = services.assessment_get_or_create(
        region=region, cycle=tk.cycle(start_year), questionnaire=q
    )
    if current.status == "draft":
        services.assessment_save(
            assessment=current,
            version=current.version,
            answers={question.pk: (level, "Evidence.") for question in q.questions.all()},
            foreign_born_share=Decimal(share) if share is not None else None,
            submit=submit,
            by=None,
        )
    current.refresh_from_db()
    return current
