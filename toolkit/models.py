import datetime
import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from eubelong.core.text import MarkdownField
from regions.models import Region


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


class FundingSource(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    AMIF = "amif", _("AMIF")
    ESF = "esf_plus", _("ESF+")
    OTHER = "other", _("Other")


class ActionStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    ONGOING = "ongoing", _("Ongoing")
    DONE = "done", _("Done")
    DELAYED = "delayed", _("Delayed")
    DROPPED = "dropped", _("Dropped")


class Action(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="actions")
    priority = models.ForeignKey(Priority, on_delete=models.PROTECT, related_name="+")
    title = models.CharField(_("title"), max_length=200)
    objective = models.TextField(_("objective"), blank=True)
    description = models.TextField(_("description"), blank=True)
    thematic_areas = models.ManyToManyField(
        "handbook.ThematicArea",
        through="ActionThematicArea",
        blank=True,
        related_name="+",
        verbose_name=_("thematic areas"),
    )
    lead_stakeholder = models.CharField(_("lead stakeholder"), max_length=200, blank=True)
    partner_stakeholders = models.TextField(
        _("partner stakeholders"), blank=True, help_text=_("One name per line.")
    )
    # Organisations from the region's registry; the text fields above keep names not in it.
    lead_organisation = models.ForeignKey(
        "regions.Stakeholder",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_actions",
        verbose_name=_("lead organisation"),
    )
    partner_organisations = models.ManyToManyField(
        "regions.Stakeholder",
        through="ActionPartner",
        blank=True,
        related_name="partner_actions",
        verbose_name=_("partner organisations"),
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (EUR)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_source = models.CharField(
        _("funding source"), max_length=20, choices=FundingSource.choices, blank=True
    )
    status = models.CharField(
        _("status"), max_length=20, choices=ActionStatus.choices, default=ActionStatus.PLANNED
    )
    legal_basis = models.TextField(_("legal basis notes"), blank=True)
    based_on = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    based_on_label = models.CharField(_("based on"), max_length=300, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)


    class Meta:
        ordering = ["priority__number", "created_at"]

    def __str__(self):
        return self.title

    @property
    def partner_list(self) -> list[str]:
        return [line.strip() for line in self.partner_stakeholders.splitlines() if line.strip()]

    @property
    def lead_name(self) -> str:
        """The lead organisation's registry name, else the free-text name."""
        return self.lead_organisation.name if self.lead_organisation_id else self.lead_stakeholder

    @property
    def partner_names(self) -> list[str]:
        linked = sorted(s.name for s in self.partner_organisations.all())
        return linked + [n for n in self.partner_list if n not in linked]


class ActionPartner(RegionScoped):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE)
    stakeholder = models.ForeignKey("regions.Stakeholder", on_delete=models.CASCADE)


    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "stakeholder"], name="action_partner_once")
        ]

    def __str__(self):
        return f"{self.action_id} · {self.stakeholder_id}"


class ActionThematicArea(RegionScoped):
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE)
    thematic_area = models.ForeignKey("handbook.ThematicArea", on_delete=models.CASCADE)


    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["action", "thematic_area"], name="action_area_once")
        ]

    def __str__(self):
        return f"{self.action_id} · {self.thematic_area_id}"


class Indicator(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="indicators")
    name = models.CharField(_("indicator"), max_length=200)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.DecimalField(
        _("baseline"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    target = models.DecimalField(
        _("target"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    # {"2025": "12", ...}: the actual value reached in each reporting year of the cycle.
    actuals = models.JSONField(_("actual per year"), default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)


    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.name


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
