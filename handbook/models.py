from django.db import models
from django.utils.translation import gettext_lazy as _


class ThematicArea(models.Model):
    """One of the Handbook's thematic policy areas; shared content owned by coordinators."""

    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("summary"), blank=True)

    class Meta:
        ordering = ["number"]
        verbose_name = _("thematic area")
        verbose_name_plural = _("thematic areas")

    def __str__(self):
        return self.title
