"""A region's workplan for a cycle, its approach per priority and its answer to every checklist
item."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from eubelong.core.text import MarkdownField
from regions.models import Region

from .templates import ChecklistItem, Priority, StrategyCycle, TemplateVersion


class WorkplanStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


EDITABLE_STATUSES = [WorkplanStatus.DRAFT, WorkplanStatus.CHANGES_REQUESTED]


class Workplan(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="workplans")
    cycle = models.ForeignKey(StrategyCycle, on_delete=models.PROTECT, related_name="workplans")
    template = models.ForeignKey(
        TemplateVersion, on_delete=models.PROTECT, related_name="workplans"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=WorkplanStatus.choices, default=WorkplanStatus.DRAFT
    )
    # Counts drafts: each submission freezes one, later edits belong to the next.
    revision = models.PositiveIntegerField(_("revision"), default=1)
    # The language its texts are written in, so pages can mark them for screen readers.
    language = models.CharField(_("language"), max_length=10, default="en")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # An editor's "ready for submission", for whoever submits; cleared by the submission.
    ready_at = models.DateTimeField(null=True, blank=True)
    ready_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The coordinator who took the review on; nobody means any coordinator of the network.
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-cycle__start_year"]
        constraints = [
            models.UniqueConstraint(fields=["region", "cycle"], name="one_workplan_per_cycle")
        ]
        verbose_name = _("workplan")
        verbose_name_plural = _("workplans")

    def __str__(self):
        return f"{self.region} {self.cycle}"

    @property
    def is_editable(self) -> bool:
        return self.status in EDITABLE_STATUSES


class PriorityResponse(RegionScoped):
    """The region's own overview text for one strategic priority."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="priorities")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="+")
    summary = MarkdownField(
        _("our approach"),
        blank=True,
        help_text=_("How the region will work on this priority. Markdown."),
    )
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["priority__number"]
        constraints = [
            models.UniqueConstraint(fields=["workplan", "priority"], name="priority_once")
        ]

    def __str__(self):
        return f"{self.workplan} · {self.priority_id}"


class ItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Not started")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    NOT_APPLICABLE = "not_applicable", _("Not applicable")


class ItemResponse(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="responses")
    item = models.ForeignKey(ChecklistItem, on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        _("status"), max_length=20, choices=ItemStatus.choices, default=ItemStatus.NOT_STARTED
    )
    evidence = models.TextField(_("evidence note"), blank=True)
    link = models.URLField(_("evidence link"), blank=True, max_length=500)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["item__priority__number", "item__number"]
        constraints = [models.UniqueConstraint(fields=["workplan", "item"], name="response_once")]

    def __str__(self):
        return f"{self.workplan} · {self.item_id}"
