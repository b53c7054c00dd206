from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "toolkit.reporting"
    label = "reporting"
    verbose_name = _("Yearly reporting")

    def ready(self):
        # The daily tasks are registered in every process that runs them.
        from . import tasks  # noqa: F401
