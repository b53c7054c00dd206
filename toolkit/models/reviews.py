"""Comments and proposals, frozen snapshots for review, and the history of every change."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region

from .workplans import ItemResponse, Workplan


class CommentKind(models.TextChoices):
    COMMENT = "comment", _("Comment")
    PROPOSAL = "proposal", _("Proposed text")
    REVIEW = "review", _("Review comment")


class ProposalState(models.TextChoices):
    OPEN = "open", _("Open")
    ACCEPTED = "accepted", _("Accepted")
    DISMISSED = "dismissed", _("Dismissed")


class Comment(RegionScoped):
    """A comment, a proposed evidence text or a reviewer's request on one checklist response."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="comments")
    response = models.ForeignKey(ItemResponse, on_delete=models.CASCADE, related_name="comments")
    kind = models.CharField(max_length=20, choices=CommentKind.choices)
    body = models.TextField(_("comment"))
    language = models.CharField(_("language"), max_length=10, default="en")
    state = models.CharField(
        max_length=20, choices=ProposalState.choices, default=ProposalState.OPEN
    )
    revision = models.PositiveIntegerField(default=1)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.body[:80]


class SnapshotOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")


class Snapshot(RegionScoped):
    """The workplan exactly as submitted; its data never changes, only the review outcome."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="snapshots")
    revision = models.PositiveIntegerField()
    data = models.JSONField()
    outcome = models.CharField(
        max_length=20, choices=SnapshotOutcome.choices, default=SnapshotOutcome.PENDING
    )
    review_message = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    REVIEW_FIELDS = {"outcome", "review_message", "reviewed_by", "reviewed_at"}

    class Meta:
        ordering = ["-revision"]
        constraints = [
            models.UniqueConstraint(fields=["workplan", "revision"], name="snapshot_per_revision")
        ]

    def __str__(self):
        return f"{self.workplan} r{self.revision}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            fields = set(kwargs.get("update_fields") or [])
            if not fields or not fields <= self.REVIEW_FIELDS:
                raise ValueError("Snapshots are immutable; only the review outcome can be set.")
            if Snapshot.objects.filter(pk=self.pk).exclude(outcome="pending").exists():
                raise ValueError("This snapshot has already been reviewed.")
        super().save(*args, **kwargs)


class Change(RegionScoped):
    """One recorded change: who changed what and when, with the values before and after."""

    class Kind(models.TextChoices):
        WORKPLAN = "workplan", _("Workplan")
        PRIORITY = "priority", _("Priority overview")
        RESPONSE = "response", _("Checklist response")
        ACTION = "action", _("Action")
        INDICATOR = "indicator", _("Indicator")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="changes")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    object_uuid = models.UUIDField()
    label = models.CharField(max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.label}"
