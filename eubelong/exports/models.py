import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped, RegionScopedQuerySet


class Status(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


ACTIVE = (Status.QUEUED, Status.RUNNING)


class ExportJobQuerySet(RegionScopedQuerySet):
    def without_region(self):
        return self.filter(region__isnull=True)

    def requested_by(self, user):
        return self.filter(requested_by=user)

    def active(self):
        return self.filter(status__in=ACTIVE)


class ExportJob(RegionScoped):
    """One request for a PDF; progress lives here, not only in the broker."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=40)
    # Region exports carry their region; network-wide documents (Handbook, Framework) do not.
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    object_id = models.CharField(_("object"), max_length=64, blank=True)
    language = models.CharField(_("language"), max_length=10)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    progress = models.PositiveSmallIntegerField(_("progress"), default=0)
    title = models.CharField(_("title"), max_length=300, blank=True)
    file = models.CharField(_("file"), max_length=300, blank=True)
    content_hash = models.CharField(max_length=64, blank=True, db_index=True)
    checksum = models.CharField(_("checksum"), max_length=64, blank=True)
    size = models.PositiveIntegerField(_("size"), null=True, blank=True)
    error = models.TextField(_("error message"), blank=True)
    reused = models.BooleanField(default=False)
    attempts = models.PositiveSmallIntegerField(default=0)
    task_id = models.CharField(max_length=64, blank=True)
    worker = models.CharField(max_length=200, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # Last time the job was (re)sent to the queue; an old queued job's message was probably lost.
    queued_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    objects = ExportJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("export job")
        verbose_name_plural = _("export jobs")
        indexes = [models.Index(fields=["requested_by", "status"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress__lte=100), name="export_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=~Q(status=Status.DONE) | ~Q(file=""), name="export_done_has_file"
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.uuid}"

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE
