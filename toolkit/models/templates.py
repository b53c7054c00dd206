"""The Toolkit template coordinators keep (versioned, frozen into each workplan) and the strategy
cycles."""

import datetime
import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.text import MarkdownField


class VersionedTemplate(models.Model):
    """A coordinator-owned template that is frozen once published; new versions replace it."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    number = models.PositiveIntegerField(_("version"), unique=True)
    notes = models.TextField(_("what changed"), blank=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-number"]

    def __str__(self):
        return f"v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class TemplateVersion(VersionedTemplate):
    """One version of the Toolkit's checklist template."""

    class Meta(VersionedTemplate.Meta):
        verbose_name = _("template version")
        verbose_name_plural = _("template versions")


class Priority(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    template = models.ForeignKey(
        TemplateVersion, on_delete=models.CASCADE, related_name="priorities"
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=200)
    overview = MarkdownField(_("overview"), blank=True, help_text=_("Markdown."))

    class Meta:
        ordering = ["template", "number"]
        constraints = [
            models.UniqueConstraint(fields=["template", "number"], name="priority_number_once")
        ]
        verbose_name = _("strategic priority")
        verbose_name_plural = _("strategic priorities")

    def __str__(self):
        return f"{self.number}. {self.title}"


class ChecklistItem(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    priority = models.ForeignKey(Priority, on_delete=models.CASCADE, related_name="items")
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("checklist item"))

    class Meta:
        ordering = ["priority", "number"]
        constraints = [
            models.UniqueConstraint(fields=["priority", "number"], name="item_number_once")
        ]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")

    def __str__(self):
        return self.text[:80]


class StrategyCycle(models.Model):
    """A three-year strategy period with yearly reporting."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    start_year = models.PositiveSmallIntegerField(_("first year"), unique=True)
    end_year = models.PositiveSmallIntegerField(_("last year"))

    class Meta:
        ordering = ["-start_year"]
        verbose_name = _("strategy cycle")
        verbose_name_plural = _("strategy cycles")

    def __str__(self):
        return f"{self.start_year}–{self.end_year}"

    @property
    def years(self) -> list[int]:
        return list(range(self.start_year, self.end_year + 1))

    @property
    def start_date(self) -> datetime.date:
        return datetime.date(self.start_year, 1, 1)

    @property
    def end_date(self) -> datetime.date:
        return datetime.date(self.end_year, 12, 31)
