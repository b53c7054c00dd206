"""What a region has made public: one approved snapshot of a workplan, with the region's choices
of what else to show, and the network's open-data licence."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped
from regions.models import Network, Region
from toolkit.models import Snapshot, Workplan


class Publication(RegionScoped):
    """An approved snapshot made public. Withdrawn publications are kept for the record."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="publications")
    workplan = models.ForeignKey(Workplan, on_delete=models.CASCADE, related_name="publications")
    snapshot = models.ForeignKey(Snapshot, on_delete=models.PROTECT, related_name="publications")
    include_evidence = models.BooleanField(
        _("show evidence notes and links"),
        default=False,
        help_text=_("What the region wrote as evidence for each checklist item."),
    )
    include_organisations = models.BooleanField(
        _("show the names of lead and partner organisations"),
        default=True,
        help_text=_("Organisation names only: never people or contact details."),
    )
    include_reports = models.BooleanField(
        _("show the figures of accepted progress reports"),
        default=True,
        help_text=_("Indicator values and spending each year, once a report is accepted."),
    )
    published_at = models.DateTimeField(auto_now_add=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-published_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["workplan"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="one_live_publication_per_workplan",
            )
        ]
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self):
        return f"{self.workplan} r{self.snapshot.revision}"

    @property
    def is_live(self) -> bool:
        return self.withdrawn_at is None


class Licence(models.TextChoices):
    CC_BY = "CC-BY-4.0", _("Creative Commons Attribution 4.0 International (CC BY 4.0)")
    CC_BY_SA = "CC-BY-SA-4.0", _("Creative Commons Attribution-ShareAlike 4.0 (CC BY-SA 4.0)")
    CC0 = "CC0-1.0", _("Creative Commons Zero 1.0 (public domain dedication)")


LICENCE_URLS = {
    Licence.CC_BY: "https://creativecommons.org/licenses/by/4.0/",
    Licence.CC_BY_SA: "https://creativecommons.org/licenses/by-sa/4.0/",
    Licence.CC0: "https://creativecommons.org/publicdomain/zero/1.0/",
}


class OpenDataSettings(models.Model):
    """A network's terms for its open data; networks without a row publish under CC BY 4.0."""

    network = models.OneToOneField(Network, on_delete=models.CASCADE, related_name="open_data")
    licence = models.CharField(
        _("licence"), max_length=20, choices=Licence.choices, default=Licence.CC_BY
    )
    publisher = models.CharField(
        _("publisher"),
        max_length=200,
        blank=True,
        help_text=_("Named as the publisher of the data; the network's name when empty."),
    )
    contact_email = models.EmailField(_("contact e-mail for the data"), blank=True)

    class Meta:
        verbose_name = _("open data settings")
        verbose_name_plural = _("open data settings")

    def __str__(self):
        return str(self.network)


class ApiToken(models.Model):
    """A person's read-only key to the API. Only the SHA-256 digest of the token is kept: the
    token itself is shown once, when it is made."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    # The token's first characters, so its holder can tell their tokens apart.
    prefix = models.CharField(max_length=8)
    digest = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"
