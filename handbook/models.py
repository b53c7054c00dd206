import uuid
from pathlib import PurePath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from eubelong.core.tenancy import RegionScoped, RegionScopedQuerySet
from eubelong.core.text import MarkdownField


class ThematicArea(models.Model):
    """One of the Handbook's thematic policy areas; shared content owned by coordinators."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)
    challenges = MarkdownField(_("main challenges"), blank=True, help_text=_("Markdown."))
    stakeholders = MarkdownField(
        _("stakeholders to engage"),
        blank=True,
        help_text=_("Markdown. By sector and by governance level (local, regional, national, EU)."),
    )
    training_topics = MarkdownField(
        _("topics for capacity building"), blank=True, help_text=_("Markdown.")
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True, null=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.title


class Publication(models.TextChoices):
    FRAMEWORK = "framework", _("Model Framework")
    HANDBOOK = "handbook", _("Handbook")


class Section(models.Model):
    """A numbered section of the Model Framework (Part One) or of the Handbook."""

    publication = models.CharField(_("publication"), max_length=20, choices=Publication.choices)
    number = models.PositiveSmallIntegerField(_("number"))
    slug = models.SlugField(_("slug"))
    title = models.CharField(_("title"), max_length=200)
    body = MarkdownField(_("text"), blank=True, long=True, help_text=_("Markdown."))
    # What the section lists below its text, besides its own words.
    shows = models.CharField(
        max_length=20,
        blank=True,
        choices=[
            ("contexts", _("Regional contexts")),
            ("areas", _("Thematic areas")),
            ("resources", _("Recommendations and resources")),
            ("modules", _("Training modules")),
        ],
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["publication", "number"]
        constraints = [
            models.UniqueConstraint(fields=["publication", "number"], name="section_number"),
            models.UniqueConstraint(fields=["publication", "slug"], name="section_slug"),
        ]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def __str__(self):
        return f"{self.number}. {self.title}"


class Sector(models.Model):
    """Who a module addresses and who took part in an activity."""

    code = models.SlugField(unique=True)
    name = models.CharField(max_length=100)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]

    def __str__(self):
        return str(SECTOR_LABELS.get(self.code, self.name))


SECTOR_LABELS = {
    "public": _("Public authorities"),
    "private": _("Private sector"),
    "civil": _("Civil society"),
    "migrant": _("Migrant-led organisations"),
    "other": _("Other"),
}


class ModuleFormat(models.TextChoices):
    ONLINE = "online", _("Online")
    LEARNING_LAB = "learning_lab", _("Learning lab")


class TrainingModule(RegionScoped):
    """A module in the shared library, contributed (and edited) by one region."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        "regions.Region",
        on_delete=models.PROTECT,
        related_name="training_modules",
        verbose_name=_("contributing region"),
    )
    title = models.CharField(_("title"), max_length=200)
    summary = MarkdownField(_("summary"), blank=True, help_text=_("Markdown."))
    thematic_areas = models.ManyToManyField(
        ThematicArea, related_name="modules", verbose_name=_("thematic areas"), blank=True
    )
    format = models.CharField(_("format"), max_length=20, choices=ModuleFormat.choices)
    audience = models.ManyToManyField(
        Sector, related_name="modules", verbose_name=_("audience sectors"), blank=True
    )
    learning_objectives = MarkdownField(
        _("learning objectives"), blank=True, help_text=_("Markdown.")
    )
    duration = models.CharField(
        _("duration"),
        max_length=100,
        blank=True,
        help_text=_("For example: three sessions of two hours."),
    )
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]
        verbose_name = _("training module")
        verbose_name_plural = _("training modules")

    def __str__(self):
        return self.title


def _upload_to(instance, filename):
    return f"handbook/{uuid.uuid4().hex}{PurePath(filename).suffix.lower()}"


class StoredFileMixin(models.Model):
    file = models.FileField(_("file"), upload_to=_upload_to, blank=True, max_length=200)
    original_name = models.CharField(max_length=200, blank=True, editable=False)
    size = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        abstract = True


class Material(RegionScoped, StoredFileMixin):
    """A link or an uploaded file that comes with a training module."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey("regions.Region", on_delete=models.PROTECT, related_name="+")
    module = models.ForeignKey(TrainingModule, on_delete=models.CASCADE, related_name="materials")
    title = models.CharField(_("title"), max_length=200)
    url = models.URLField(_("link"), blank=True, max_length=500)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at"]

    def __str__(self):
        return self.title


class ActivityKind(models.TextChoices):
    ONLINE = "online", _("Online session")
    LEARNING_LAB = "learning_lab", _("Learning lab")
    OTHER = "other", _("Other")


PARTICIPANT_FIELDS = [
    "participants_public",
    "participants_private",
    "participants_civil",
    "participants_migrant",
    "participants_other",
]


class ActivityQuerySet(RegionScopedQuerySet):
    def reach(self) -> dict:
        """Participant totals by sector and overall, in one query."""
        totals = self.aggregate(
            activities=models.Count("id"), **{f: Sum(f, default=0) for f in PARTICIPANT_FIELDS}
        )
        totals["total"] = sum(totals[f] for f in PARTICIPANT_FIELDS)
        return totals


class CapacityActivity(RegionScoped):
    """A capacity-building activity a region ran, and who took part."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    region = models.ForeignKey(
        "regions.Region", on_delete=models.PROTECT, related_name="capacity_activities"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ActivityKind.choices)
    title = models.CharField(_("title"), max_length=200)
    date = models.DateField(_("date"))
    module = models.ForeignKey(
        TrainingModule,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("module used"),
    )
    participants_public = models.PositiveIntegerField(_("public authorities"), default=0)
    participants_private = models.PositiveIntegerField(_("private sector"), default=0)
    participants_civil = models.PositiveIntegerField(_("civil society"), default=0)
    participants_migrant = models.PositiveIntegerField(_("migrant-led organisations"), default=0)
    participants_other = models.PositiveIntegerField(_("other participants"), default=0)
    outcome = models.TextField(_("outcome"), blank=True, max_length=1000)
    version = models.PositiveIntegerField(default=1, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    objects = ActivityQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "title"]
        verbose_name = _("capacity-building activity")
        verbose_name_plural = _("capacity-building activities")

    def __str__(self):
        return self.title

    @property
    def participants(self) -> int:
        return sum(getattr(self, f) for f in PARTICIPANT_FIELDS)


class ResourceKind(models.TextChoices):
    RECOMMENDATION = "recommendation", _("Recommendation")
    GUIDE = "guide", _("Guide or toolkit")
    REPORT = "report", _("Report or study")
    POLICY = "policy", _("Policy document")
    VIDEO = "video", _("Video")
    WEBSITE = "website", _("Website")


class Resource(StoredFileMixin):
    """A recommendation or further resource, shared by the whole network."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=ResourceKind.choices)
    description = MarkdownField(_("description"), blank=True, help_text=_("Markdown."))
    url = models.URLField(_("link"), blank=True, max_length=500)
    thematic_areas = models.ManyToManyField(
        ThematicArea, related_name="resources", verbose_name=_("thematic areas"), blank=True
    )
    language = models.CharField(_("language"), max_length=50, default="English")
    version = models.PositiveIntegerField(default=1, editable=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name = _("resource")
        verbose_name_plural = _("resources")

    def __str__(self):
        return self.title


class Revision(models.Model):
    """One saved edit of a piece of content: who, when, and the fields before and after."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    content_object = GenericForeignKey("content_type", "object_id")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    before = models.JSONField(default=dict)
    after = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "-created_at"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id} @ {self.created_at:%Y-%m-%d %H:%M}"

    def changes(self) -> list[tuple[str, str, str]]:
        keys = list(dict.fromkeys([*self.after, *self.before]))
        return [
            (key, self.before.get(key, ""), self.after.get(key, ""))
            for key in keys
            if self.before.get(key) != self.after.get(key)
        ]


class TranslationStatus(models.TextChoices):
    MISSING = "missing", _("Missing")
    MACHINE = "machine", _("Machine-translated")
    # By a translator, not yet checked by someone of the network (the starter content).
    TRANSLATED = "translated", _("Translated")
    REVIEWED = "reviewed", _("Human-reviewed")
    OUTDATED = "outdated", _("Out of date")


class ContentTranslation(models.Model):
    """One field of a piece of shared content in one language (see eubelong/content_i18n.py)."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    field = models.CharField(max_length=50)
    language = models.CharField(max_length=10)
    text = MarkdownField(blank=True, long=True)
    # Only machine, translated or reviewed are stored; missing and outdated are worked out when
    # read.
    status = models.CharField(
        max_length=20, choices=TranslationStatus.choices, default=TranslationStatus.MACHINE
    )
    # Hash of the English text this translation was made from.
    source_hash = models.CharField(max_length=64)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "field", "language"],
                name="content_translation_once",
            )
        ]
        indexes = [models.Index(fields=["content_type", "language"])]

    def __str__(self):
        return f"{self.content_type_id}:{self.object_id}.{self.field} [{self.language}]"
