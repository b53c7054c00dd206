"""Learning labs: a time-boxed session on one workplan that people join from their phones with
a name and an organisation, without an account (docs/labs.md)."""

import secrets
import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Region

from .workplans import Workplan


def lab_token() -> str:
    """The short, unguessable part of a lab's link: 72 random bits."""
    return secrets.token_urlsafe(9)


class LabSector(models.TextChoices):
    """The sectors a learning lab brings together (as capacity-building records count them)."""

    PUBLIC = "public", _("Public authority")
    PRIVATE = "private", _("Business or private sector")
    CIVIL = "civil", _("Civil society")
    MIGRANT = "migrant", _("Migrant-led organisation")
    OTHER = "other", _("Other")


class Lab(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="labs")
    title = models.CharField(_("title"), max_length=200)
    starts_at = models.DateTimeField(_("opens"))
    ends_at = models.DateTimeField(_("closes"))
    closed_at = models.DateTimeField(null=True, blank=True)
    token = models.CharField(max_length=24, unique=True, default=lab_token, editable=False)
    highlighted = models.ForeignKey(
        "toolkit.Comment", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_as = models.ForeignKey(
        "handbook.CapacityActivity",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")), name="lab_ends_after_start"
            )
        ]

    def __str__(self):
        return self.title

    def state(self, now=None) -> str:
        now = now or timezone.now()
        if self.closed_at is not None or now >= self.ends_at:
            return "ended"
        return "open" if now >= self.starts_at else "upcoming"

    @property
    def is_open(self) -> bool:
        return self.state() == "open"


class LabParticipant(RegionScoped):
    """Someone who joined a lab through its link: known by the name and organisation they gave,
    kept with their contributions after the lab ends."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    lab = models.ForeignKey(Lab, on_delete=models.CASCADE, related_name="participants")
    name = models.CharField(_("your name"), max_length=120)
    organisation = models.CharField(_("organisation"), max_length=200)
    sector = models.CharField(_("sector"), max_length=20, choices=LabSector.choices)
    email = models.EmailField(_("e-mail address"), blank=True)
    joined_at = models.DateTimeField(auto_now_add=True)
    invited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "id"]

    def __str__(self):
        return f"{self.name} ({self.organisation})"
