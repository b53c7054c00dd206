import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region
from toolkit.models import VersionedTemplate


class RegionSharing(RegionScoped):
    """Whether a region's submitted data appears in other regions' comparisons.

    No row means the region shares (the default for every partner)."""

    region = models.OneToOneField(Region, on_delete=models.CASCADE, related_name="compare_sharing")
    shares_with_network = models.BooleanField(
        _("share submitted workplans and self-assessments with the other regions"), default=True
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.region}: {self.shares_with_network}"


class Questionnaire(VersionedTemplate):
    """One version of the self-assessment questionnaire."""

    class Meta(VersionedTemplate.Meta):
        verbose_name = _("self-assessment questionnaire")
        verbose_name_plural = _("self-assessment questionnaires")


class Question(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.CASCADE, related_name="questions"
    )
    thematic_area = models.ForeignKey(
        "handbook.ThematicArea", on_delete=models.PROTECT, related_name="+"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("question"))
    weight = models.PositiveSmallIntegerField(_("weight"), default=1)

    class Meta:
        ordering = ["thematic_area__number", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["questionnaire", "thematic_area", "number"], name="question_number_once"
            )
        ]

    def __str__(self):
        return self.text[:80]


class Level(models.IntegerChoices):
    """How far a region has got; each level is worth a quarter of the points."""

    NO = 0, _("Not in place")
    PLANNED = 1, _("Planned")
    PARTLY = 2, _("Partly in place")
    LARGELY = 3, _("Largely in place")
    FULLY = 4, _("Fully in place")


class AssessmentStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")


class Assessment(RegionScoped):
    """A region's self-assessment for one strategy cycle."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    cycle = models.ForeignKey("toolkit.StrategyCycle", on_delete=models.PROTECT, related_name="+")
    questionnaire = models.ForeignKey(
        Questionnaire, on_delete=models.PROTECT, related_name="assessments"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AssessmentStatus.choices,
        default=AssessmentStatus.DRAFT,
    )
    foreign_born_share = models.DecimalField(
        _("residents born abroad (%)"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Share of the population born outside the country, latest figure."),
    )
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-cycle__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "cycle"], name="one_assessment_per_cycle")
        ]

    def __str__(self):
        return f"{self.region} {self.cycle}"


class Answer(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="+")
    level = models.PositiveSmallIntegerField(
        _("answer"), choices=Level.choices, null=True, blank=True
    )
    evidence = models.TextField(_("evidence note"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["assessment", "question"], name="answer_once")
        ]

    def __str__(self):
        return f"{self.assessment_id}/{self.question_id}: {self.level}"


class SnapshotSummary(RegionScoped):
    """What comparisons read of a submitted snapshot, kept small.

    Snapshots never change, so a summary, once written, stays true; it is filled the first time a
    comparison needs it."""

    snapshot = models.OneToOneField(
        "toolkit.Snapshot", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    completeness = models.PositiveSmallIntegerField(null=True)
    # {"<priority number>": completeness or null}
    priorities = models.JSONField(default=dict)
    # [{"priority", "title", "status", "budget", "funding_source", "thematic_areas"}]
    actions = models.JSONField(default=list)

    def __str__(self):
        return f"summary of snapshot {self.snapshot_id}"
