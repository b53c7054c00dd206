"""Yearly reporting on an approved workplan: the periods coordinators set per strategy cycle, and
each region's progress report per period with a row per action and per indicator."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region
from toolkit.models import Action, ActionStatus, Indicator, StrategyCycle, Workplan


class ReportingPeriod(models.Model):
    """One reporting year of a cycle: reports open on `opens_on` and are due on `due_on`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    cycle = models.ForeignKey(StrategyCycle, on_delete=models.PROTECT, related_name="periods")
    year = models.PositiveSmallIntegerField(_("year reported on"))
    opens_on = models.DateField(_("reports open on"))
    due_on = models.DateField(_("reports due on"))
    # Set when the reports of the period were created.
    opened_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["cycle__start_year", "year"]
        constraints = [
            models.UniqueConstraint(fields=["cycle", "year"], name="one_period_per_year"),
            models.CheckConstraint(
                condition=models.Q(due_on__gt=models.F("opens_on")), name="due_after_opening"
            ),
        ]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")

    def __str__(self):
        return str(self.year)


class ReportStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    ACCEPTED = "accepted", _("Accepted")


REPORT_EDITABLE = [ReportStatus.DRAFT, ReportStatus.CHANGES_REQUESTED]


class ProgressReport(RegionScoped):
    """What a region did in one period under its approved workplan."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="reports")
    period = models.ForeignKey(ReportingPeriod, on_delete=models.PROTECT, related_name="reports")
    status = models.CharField(
        _("status"), max_length=20, choices=ReportStatus.choices, default=ReportStatus.DRAFT
    )
    # The approved revision of the workplan this report follows.
    workplan_revision = models.PositiveIntegerField()
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    lessons = models.TextField(_("lessons learned"), blank=True)
    changes_proposed = models.TextField(_("changes proposed for next year"), blank=True)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    review_message = models.TextField(blank=True)
    # The report as last submitted, frozen; reviewers read this, not the live draft.
    submitted_data = models.JSONField(null=True, blank=True)
    # Counts and sums of `submitted_data` the network's progress view reads instead of it.
    summary = models.JSONField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["period__year"]
        constraints = [
            models.UniqueConstraint(fields=["workplan", "period"], name="one_report_per_period")
        ]
        verbose_name = _("progress report")
        verbose_name_plural = _("progress reports")

    def __str__(self):
        return f"{self.region} {self.period.year}"

    @property
    def is_editable(self) -> bool:
        return self.status in REPORT_EDITABLE


class ActionProgress(RegionScoped):
    """One action in one report: how far it got in the period and what it cost."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="action_rows")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="progress")
    status = models.CharField(
        _("status in the period"), max_length=20, choices=ActionStatus.choices, blank=True
    )
    narrative = models.TextField(_("what was done"), blank=True)
    evidence_link = models.URLField(_("evidence link"), max_length=500, blank=True)
    spent = models.DecimalField(
        _("spent in the period (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # {"amif": "1200.00", ...}: what `spent` is made of, for an action with a funding mix.
    spent_by_source = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["action__priority__number", "action__created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "action"], name="one_row_per_action")
        ]

    def __str__(self):
        return f"{self.report}: {self.action}"


class IndicatorValue(RegionScoped):
    """One indicator in one report: the value reached in the period."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(
        ProgressReport, on_delete=models.CASCADE, related_name="indicator_rows"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="period_values")
    value = models.DecimalField(
        _("value in the period"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    explanation = models.TextField(_("explanation"), blank=True)
    version = models.PositiveIntegerField(default=1)

    class Meta:
        ordering = ["indicator__action__priority__number", "indicator__created_at"]
        constraints = [
            models.UniqueConstraint(fields=["report", "indicator"], name="one_value_per_indicator")
        ]

    def __str__(self):
        return f"{self.report}: {self.indicator}"


class ReportChange(RegionScoped):
    """One saved edit of a report: which row, the fields as they were and as they became."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    report = models.ForeignKey(ProgressReport, on_delete=models.CASCADE, related_name="changes")
    # What was edited: "action", "indicator" or "narrative", with the row's name when it has one.
    kind = models.CharField(max_length=20)
    label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.report} · {self.kind} · {self.at:%Y-%m-%d %H:%M}"
