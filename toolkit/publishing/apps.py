from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "toolkit.publishing"
    label = "publishing"
    verbose_name = _("Publishing and open data")

    def ready(self):
        # Accepted reports add figures to published strategies: public caches start afresh.
        from toolkit.signals import report_accepted

        from .cache import bump

        report_accepted.connect(bump, dispatch_uid="publishing-report-accepted")
