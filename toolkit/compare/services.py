"""Writes: the sharing setting, the questionnaire template and regions' self-assessments."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from eubelong.core.locking import guarded_update
from regions.audit import audit_record

from .models import (
    Answer,
    Assessment,
    AssessmentStatus,
    Question,
    Questionnaire,
    RegionSharing,
)


class Frozen(Exception):
    """A published questionnaire never changes."""


def sharing_get(*, region) -> RegionSharing:
    return RegionSharing.objects.filter(region=region).first() or RegionSharing(region=region)


@transaction.atomic
def sharing_set(*, region, shares: bool, version: int, by, request=None) -> RegionSharing:
    """Whether the region's submitted data is shown to the other regions: the consent of its
    regional admin, audited with who gave or withdrew it."""
    sharing, _created = RegionSharing.objects.get_or_create(region=region)
    before = sharing.shares_with_network
    guarded_update(
        RegionSharing.objects.for_region(region),
        sharing.pk,
        version=version,
        changes={"shares_with_network": shares, "updated_at": timezone.now()},
    )
    sharing.refresh_from_db()
    audit_record(
        action="sharing.update",
        actor=by,
        region=region,
        target_type="sharing",
        target_label=str(region),
        before={"shares_with_network": before},
        after={"shares_with_network": shares},
        request=request,
    )
    return sharing


def _questionnaire_audit(questionnaire: Questionnaire, action: str, by, **extra) -> None:
    audit_record(
        action=f"questionnaire.{action}",
        actor=by,
        target_type="questionnaire",
        target_label=_("Self-assessment questionnaire version %(number)s")
        % {"number": questionnaire.number},
        **extra,
    )


# --- questionnaire ------------------------------------------------------------------------


@transaction.atomic
def questionnaire_create_draft(*, notes: str = "", by) -> Questionnaire:
    """A draft copying the newest version's questions, or the existing draft."""
    draft = Questionnaire.objects.filter(published_at__isnull=True).first()
    if draft:
        return draft
    latest = Questionnaire.objects.order_by("-number").first()
    draft = Questionnaire.objects.create(number=(latest.number + 1) if latest else 1, notes=notes)
    if latest:
        Question.objects.bulk_create(
            Question(
                questionnaire=draft,
                thematic_area_id=q.thematic_area_id,
                number=q.number,
                text=q.text,
                weight=q.weight,
            )
            for q in latest.questions.all()
        )
    _questionnaire_audit(draft, "draft", by)
    return draft


@transaction.atomic
def questionnaire_update(*, questionnaire: Questionnaire, questions: dict, new: list, by) -> None:
    """`questions`: question id -> {"text", "weight"} (empty text removes it); `new`: list of
    {"thematic_area_id", "text", "weight"}."""
    if questionnaire.is_published:
        raise Frozen
    for question in Question.objects.filter(questionnaire=questionnaire, pk__in=list(questions)):
        data = questions[question.pk]
        if not data["text"].strip():
            question.delete()
            continue
        question.text = data["text"].strip()
        question.weight = data["weight"]
        question.save(update_fields=["text", "weight"])
    for data in new:
        last = (
            Question.objects.filter(
                questionnaire=questionnaire, thematic_area_id=data["thematic_area_id"]
            )
            .order_by("-number")
            .first()
        )
        Question.objects.create(
            questionnaire=questionnaire,
            thematic_area_id=data["thematic_area_id"],
            number=(last.number + 1) if last else 1,
            text=data["text"].strip(),
            weight=data["weight"],
        )
    _questionnaire_audit(
        questionnaire,
        "update",
        by,
        after={"changed": len(questions), "added": len(new)},
    )


@transaction.atomic
def questionnaire_publish(*, questionnaire: Questionnaire, by) -> Questionnaire:
    if questionnaire.is_published:
        raise Frozen
    questionnaire.published_at = timezone.now()
    questionnaire.save(update_fields=["published_at"])
    _questionnaire_audit(questionnaire, "publish", by)
    return questionnaire


# --- assessments --------------------------------------------------------------------------


@transaction.atomic
def assessment_get_or_create(*, region, cycle, questionnaire) -> Assessment:
    assessment, _created = Assessment.objects.get_or_create(
        region=region, cycle=cycle, defaults={"questionnaire": questionnaire}
    )
    return assessment


@transaction.atomic
def assessment_save(
    *,
    assessment: Assessment,
    version: int,
    answers: dict,
    foreign_born_share: Decimal | None,
    submit: bool = False,
    by,
) -> Assessment:
    """Save every answer (question id -> (level, evidence)); optionally submit. Optimistic lock on
    the assessment's version: a stale form raises ConflictError and changes nothing."""
    fields = {"foreign_born_share": foreign_born_share, "updated_at": timezone.now()}
    if submit:
        fields.update(status=AssessmentStatus.SUBMITTED, submitted_at=timezone.now())
    guarded_update(
        Assessment.objects.for_region(assessment.region_id).filter(status=AssessmentStatus.DRAFT),
        assessment.pk,
        version=version,
        changes=fields,
    )
    questions = set(
        Question.objects.filter(questionnaire_id=assessment.questionnaire_id).values_list(
            "pk", flat=True
        )
    )
    existing = {
        a.question_id: a
        for a in Answer.objects.for_region(assessment.region_id).filter(assessment=assessment)
    }
    create = []
    for question_id, (level, evidence) in answers.items():
        if question_id not in questions:
            continue
        answer = existing.get(question_id)
        if answer is None:
            create.append(
                Answer(
                    region_id=assessment.region_id,
                    assessment=assessment,
                    question_id=question_id,
                    level=level,
                    evidence=evidence,
                )
            )
        elif (answer.level, answer.evidence) != (level, evidence):
            answer.level, answer.evidence = level, evidence
            answer.save(update_fields=["level", "evidence"])
    Answer.objects.bulk_create(create)
    assessment.refresh_from_db()
    audit_record(
        action="assessment.submit" if submit else "assessment.save",
        actor=by,
        region=assessment.region,
        target_type="assessment",
        target_label=str(assessment),
    )
    return assessment


@transaction.atomic
def assessment_reopen(*, assessment: Assessment, version: int, by) -> Assessment:
    guarded_update(
        Assessment.objects.for_region(assessment.region_id).filter(
            status=AssessmentStatus.SUBMITTED
        ),
        assessment.pk,
        version=version,
        changes={"status": AssessmentStatus.DRAFT, "submitted_at": None},
    )
    assessment.refresh_from_db()
    audit_record(
        action="assessment.reopen",
        actor=by,
        region=assessment.region,
        target_type="assessment",
        target_label=str(assessment),
    )
    return assessment
