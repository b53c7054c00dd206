import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase


class Network(models.Model):
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    coordinator_group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="coordinated_network"
    )

    class Meta:
        verbose_name = _("network")
        verbose_name_plural = _("networks")

    def __str__(self):
        return self.name


class RegionQuerySet(models.QuerySet):
    def for_network(self, network):
        return self.filter(network=network)


class Region(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    network = models.ForeignKey(Network, on_delete=models.PROTECT, related_name="regions")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), unique=True)
    country = models.CharField(_("country"), max_length=100)
    nuts_code = models.CharField(_("NUTS code"), max_length=10, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    languages = models.CharField(
        _("languages"),
        max_length=200,
        blank=True,
        help_text=_("Comma-separated, e.g. Spanish, Basque"),
    )
    lead_body = models.CharField(_("lead body"), max_length=300, blank=True)
    contextual_analysis = models.TextField(
        _("contextual analysis"), blank=True, help_text=_("Markdown. Shown in the Model Framework.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    objects = RegionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        # Django's default view/change permissions are used as "read the region" and
        # "edit its profile"; these cover the rest of a region's life.
        permissions = [
            ("comment_workplan", _("Comment on and propose text for workplans")),
            ("edit_workplan", _("Edit workplans, self-assessment and capacity building")),
            ("submit_workplan", _("Submit workplans for review")),
            ("review_workplan", _("Review submitted workplans")),
            ("manage_members", _("Manage members and stakeholders")),
        ]

    def __str__(self):
        return self.name


class RegionUserObjectPermission(UserObjectPermissionBase):
    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)


class RegionGroupObjectPermission(GroupObjectPermissionBase):
    content_object = models.ForeignKey(Region, on_delete=models.CASCADE)


class Role(models.TextChoices):
    CONTRIBUTOR = "contributor", _("Contributor")
    EDITOR = "editor", _("Editor")
    ADMIN = "admin", _("Regional admin")


# What each role may do in its region; the network coordinator role is granted per region too,
# so every read goes through the same object permissions.
ROLE_PERMISSIONS = {
    Role.CONTRIBUTOR: ["view_region", "comment_workplan"],
    Role.EDITOR: ["view_region", "comment_workplan", "edit_workplan"],
    Role.ADMIN: [
        "view_region",
        "change_region",
        "comment_workplan",
        "edit_workplan",
        "submit_workplan",
        "manage_members",
    ],
}
COORDINATOR_PERMISSIONS = ["view_region", "comment_workplan", "review_workplan"]


class RegionGroup(models.Model):
    """The one auth group that carries a role's permissions on a region."""

    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="role_groups")
    role = models.CharField(max_length=20, choices=Role.choices)
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="region_role")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["region", "role"], name="one_group_per_region_role")
        ]

    def __str__(self):
        return f"{self.region} · {self.get_role_display()}"


class UserProfile(models.Model):
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile"
    )
    display_name = models.CharField(_("display name"), max_length=200, blank=True)
    language = models.CharField(_("preferred language"), max_length=10, blank=True)

    def __str__(self):
        return self.display_name or self.user.get_username()
