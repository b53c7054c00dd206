"""Notices for people, and how each person wants them by e-mail."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("At once, one e-mail per notice")
    DAILY = "daily", _("A daily digest")
    WEEKLY = "weekly", _("A weekly digest")
    NONE = "none", _("No e-mail")


class Notice(RegionScoped):
    """Something a person should act on or know about, with a link to the exact place.

    The title is written in the reader's language when read (kind + params). Whether the reader
    may still see the region is checked again every time notices are listed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notices"
    )
    region = models.ForeignKey(
        "regions.Region", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    kind = models.CharField(max_length=60)
    params = models.JSONField(default=dict)
    url = models.CharField(max_length=500)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    # Digests group notices by what they are about (a workplan), newest first.
    group_key = models.CharField(max_length=100, blank=True)
    group_label = models.CharField(max_length=300, blank=True)
    # The same event sent twice (a retry, a double click) makes one notice and one e-mail.
    dedupe_key = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "dedupe_key"], name="one_notice_per_event")
        ]
        indexes = [models.Index(fields=["recipient", "read_at"])]
        verbose_name = _("notice")
        verbose_name_plural = _("notices")

    def __str__(self):
        return f"{self.kind} → {self.recipient_id}"


class NoticePreference(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notice_preference"
    )
    email = models.CharField(_("e-mail about notices"), max_length=20, choices=EmailMode.choices)
    urgent_at_once = models.BooleanField(
        _("review decisions and mentions by e-mail at once"), default=True
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return f"{self.user_id}: {self.email}"
