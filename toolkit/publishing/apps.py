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
        # A new licence or publisher changes every open-data file and the catalogue.
        from django.db.models.signals import post_delete, post_save

        from .models import OpenDataSettings

        post_save.connect(bump, sender=OpenDataSettings, dispatch_uid="opendata-terms-saved")
        post_delete.connect(bump, sender=OpenDataSettings, dispatch_uid="opendata-terms-deleted")
