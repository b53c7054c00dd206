import uuid

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _
from guardian.models import GroupObjectPermissionBase, UserObjectPermissionBase

from eubelong.core.tenancy import RegionScoped, RegionScopedQuerySet
from eubelong.core.text import MarkdownField


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
    contextual_analysis = MarkdownField(
        _("contextual analysis"), blank=True, help_text=_("Markdown. Shown in the Model Framework.")
    )
    editors_may_submit = models.BooleanField(
        _("editors may submit workplans for review"),
        default=False,
        help_text=_("Otherwise editors mark a workplan ready and a regional admin submits it."),
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


class RegionGroup(RegionScoped):
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
    # Set when the account first confirms an authenticator and cleared only by a platform admin's
    # audited reset: an account that has had one never enrols again on a password alone.
    second_factor_since = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return self.display_name or self.user.get_username()


# --- Stakeholders, invitations, audit and sessions -------------------------------------------


class Sector(models.TextChoices):
    PUBLIC = "public", _("Public authority")
    PRIVATE = "private", _("Private sector")
    CIVIL_SOCIETY = "civil_society", _("Civil society")
    MIGRANT_LED = "migrant_led", _("Migrant-led organisation")
    ACADEMIA = "academia", _("Academia")
    SOCIAL_PARTNER = "social_partner", _("Social partner")
    MEDIA = "media", _("Media")
    OTHER = "other", _("Other")


class GovernanceLevel(models.TextChoices):
    LOCAL = "local", _("Local")
    REGIONAL = "regional", _("Regional")
    NATIONAL = "national", _("National")
    EU = "eu", _("EU")
    INTERNATIONAL = "international", _("International")


class Stakeholder(RegionScoped):
    """An organisation involved in a region's strategy."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="stakeholders")
    name = models.CharField(_("name"), max_length=300)
    sector = models.CharField(_("sector"), max_length=20, choices=Sector.choices)
    level = models.CharField(_("governance level"), max_length=20, choices=GovernanceLevel.choices)
    website = models.URLField(_("website"), blank=True)
    notes = models.TextField(_("notes"), blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    # The audit entry (its uuid) of the import that created the row, so that entry can list it.
    import_batch = models.UUIDField(null=True, blank=True, editable=False, db_index=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("stakeholder")
        verbose_name_plural = _("stakeholders")
        # Search across many regions walks the newest first and stops at a page's worth.
        indexes = [models.Index(fields=["-updated_at"], name="regions_stakeholder_newest")]
        constraints = [
            models.UniqueConstraint(fields=["region", "name"], name="stakeholder_name_per_region")
        ]

    def __str__(self):
        return self.name


class ContactPerson(RegionScoped):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="contacts")
    stakeholder = models.ForeignKey(Stakeholder, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)
    role = models.CharField(_("role in the organisation"), max_length=200, blank=True)
    consent = models.BooleanField(_("consents to be contacted"), default=False)
    consent_date = models.DateField(_("consent given on"), null=True, blank=True)
    consent_purpose = models.CharField(_("purpose of consent"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("contact person")
        verbose_name_plural = _("contact people")

    def __str__(self):
        return self.name


class Invitation(RegionScoped):
    """A single-use, expiring invitation to a role in a region; only a hash of the token is kept."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("email"))
    # Blank only on invitations made before the form asked for a name.
    name = models.CharField(_("full name"), max_length=150, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    # The language chosen on the form, so a resent message reads like the first one.
    language = models.CharField(max_length=10, blank=True, editable=False)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The link is derived from this nonce and the secret key (see `invitation_link`), so the
    # region's admins can copy it again while the database alone still holds no usable link.
    # Blank on older invitations, whose link cannot be shown until it is resent.
    link_nonce = models.CharField(max_length=32, blank=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")

    def __str__(self):
        return f"{self.email} → {self.region} ({self.get_role_display()})"


class AuditQuerySet(RegionScopedQuerySet):
    def update(self, **kwargs):
        raise TypeError("audit entries are append-only")

    def delete(self):
        raise TypeError("audit entries are append-only")


class AuditEntry(RegionScoped):
    """One recorded change or sign-in event. Rows are only ever inserted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    # Sign-in events and platform-wide changes have no region.
    region = models.ForeignKey(
        Region, null=True, blank=True, on_delete=models.PROTECT, related_name="audit_entries"
    )
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=50, db_index=True)
    target_type = models.CharField(max_length=50, blank=True)
    target_label = models.CharField(max_length=300, blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action} {self.target_label}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise TypeError("audit entries are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise TypeError("audit entries are append-only")


class UserSession(models.Model):
    """Index of a user's database sessions, so that they can be ended at once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="session_index"
    )
    session_key = models.CharField(max_length=40, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} {self.created_at:%Y-%m-%d %H:%M}"
