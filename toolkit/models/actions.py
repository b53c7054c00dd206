"""Planned actions of a workplan, the organisations and thematic areas they involve, and their
indicators."""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region

from .templates import Priority
from .workplans import Workplan


class FundingSource(models.TextChoices):
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    AMIF = "amif", _("AMIF")
    ESF = "esf_plus", _("ESF+")
    ERDF = "erdf", _("ERDF")
    OTHER = "other", _("Other")


# The EU funds whose share of a budget is its EU co-financing.
EU_FUNDS = frozenset({FundingSource.AMIF, FundingSource.ESF, FundingSource.ERDF})


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
        # Search across many regions walks the newest first and stops at a page's worth.
        indexes = [models.Index(fields=["-updated_at"], name="toolkit_action_newest")]

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


class ActionFunding(RegionScoped):
    """Part of an action's budget: the amount planned for one year from one funding source. The
    action's `budget` is their total and its `funding_source` the largest source."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    action = models.ForeignKey(Action, on_delete=models.CASCADE, related_name="funding")
    year = models.PositiveSmallIntegerField(_("year"))
    source = models.CharField(_("funding source"), max_length=20, choices=FundingSource.choices)
    amount = models.DecimalField(_("amount (EUR)"), max_digits=12, decimal_places=2)

    class Meta:
        ordering = ["year", "source"]
        constraints = [
            models.UniqueConstraint(
                fields=["action", "year", "source"], name="one_amount_per_year_and_source"
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=0), name="funding_amount_not_negative"
            ),
        ]

    def __str__(self):
        return f"{self.year} {self.get_source_display()}: {self.amount}"


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
    # Following a library definition makes the indicator comparable across regions; without
    # one it is the region's own.
    library = models.ForeignKey(
        "toolkit.LibraryIndicator",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="uses",
        verbose_name=_("from the indicator library"),
    )
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
        indexes = [models.Index(fields=["-created_at"], name="toolkit_indicator_newest")]

    def __str__(self):
        return self.name
