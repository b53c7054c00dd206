from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules
from django.utils.translation import gettext_lazy as _


class ExportsConfig(AppConfig):
    name = "eubelong.exports"
    label = "exports"
    verbose_name = _("PDF exports")

    def ready(self):
        # The render task is registered in every process that sends jobs, not only in workers.
        from . import tasks  # noqa: F401

        # Each app registers its documents (and the tenancy app its region door) there.
        autodiscover_modules("documents")
