from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Shared infrastructure: no models, and no import of any domain app."""

    name = "eubelong.core"
    label = "core"
    verbose_name = _("Platform infrastructure")

    def ready(self):
        from . import lookups  # noqa: F401 - registers `__any_of` on every field
