"""Comments and proposals, frozen snapshots for review, and the history of every change."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region

from .actions import Action
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
    """A comment, a proposed evidence text or a reviewer's note on one checklist response or one
    action. Review notes are threads: replies point at their note, and a note is resolved or
    reopened as a whole."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="comments")
    response = models.ForeignKey(
        ItemResponse, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    action = models.ForeignKey(
        Action, on_delete=models.CASCADE, null=True, blank=True, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="replies"
    )
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
    # Written by someone who joined a learning lab through its link, without an account.
    lab_participant = models.ForeignKey(
        "toolkit.LabParticipant",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="contributions",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["created_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(response__isnull=False) | models.Q(action__isnull=False),
                name="comment_on_item_or_action",
            )
        ]
        indexes = [models.Index(fields=["-created_at"], name="toolkit_comment_newest")]

    def __str__(self):
        return self.body[:80]

    @property
    def is_open_note(self) -> bool:
        return self.kind == CommentKind.REVIEW and self.parent_id is None and not self.resolved_at


class WorkplanFollow(RegionScoped):
    """Whether a person follows a workplan's comments and reviews. Editors follow their region's
    workplans unless they unfollow; anyone who comments or is mentioned starts following."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="follows")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workplan_follows"
    )
    following = models.BooleanField(default=True)
    changed_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["workplan", "user"], name="one_follow_per_person")
        ]

    def __str__(self):
        return f"{self.user_id} → {self.workplan_id}: {self.following}"


class SnapshotOutcome(models.TextChoices):
    PENDING = "pending", _("Awaiting review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    APPROVED = "approved", _("Approved")
    WITHDRAWN = "withdrawn", _("Withdrawn")


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
    # What the submitter tells the reviewer.
    submission_message = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    submitted_at = models.DateTimeField(auto_now_add=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    # A reviewer took it on (assigned, or wrote the first note): no withdrawing after that.
    review_started_at = models.DateTimeField(null=True, blank=True)

    REVIEW_FIELDS = {"outcome", "review_message", "reviewed_by", "reviewed_at", "review_started_at"}

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
