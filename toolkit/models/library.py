"""The network's indicator library: shared definitions an action's indicator can follow, so the
same thing is counted the same way in every region and can be compared."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class IndicatorTheme(models.TextChoices):
    EMPLOYMENT = "employment", _("Employment")
    EDUCATION = "education", _("Education")
    SOCIAL_INCLUSION = "social_inclusion", _("Social inclusion")
    ACTIVE_CITIZENSHIP = "active_citizenship", _("Active citizenship")
    PROGRAMMES = "programmes", _("Enhance regional programmes")
    PRACTICES = "practices", _("Scale and replicate best practices")
    POLICY = "policy", _("Inform and influence policy")
    EVALUATION = "evaluation", _("Evaluate and share lessons learned")


class Direction(models.TextChoices):
    UP = "up", _("Higher is better")
    DOWN = "down", _("Lower is better")


class LibraryIndicator(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    code = models.CharField(_("code"), max_length=20, unique=True)
    theme = models.CharField(_("theme"), max_length=30, choices=IndicatorTheme.choices)
    name = models.CharField(_("name"), max_length=200)
    definition = models.TextField(_("definition"))
    unit = models.CharField(_("unit"), max_length=50)
    direction = models.CharField(
        _("direction"), max_length=4, choices=Direction.choices, default=Direction.UP
    )
    disaggregations = models.TextField(
        _("disaggregations"),
        blank=True,
        help_text=_("One breakdown per line, e.g. sex or age group."),
    )
    source = models.CharField(_("source"), max_length=300)
    # Retired entries stay on the indicators that use them but are not offered for new ones.
    retired = models.BooleanField(_("retired"), default=False)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("library indicator")
        verbose_name_plural = _("library indicators")

    def __str__(self):
        return f"{self.code} · {self.name}"

    @property
    def disaggregation_list(self) -> list[str]:
        return [line.strip() for line in self.disaggregations.splitlines() if line.strip()]
