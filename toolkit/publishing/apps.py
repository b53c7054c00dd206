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
        # The public Handbook and Framework show these: an edit or a translation shows at once.
        from django.db.models.signals import post_delete, post_save

        for model in ("handbook.Section", "handbook.ThematicArea", "handbook.ContentTranslation"):
            post_save.connect(bump, sender=model, dispatch_uid=f"publishing-save-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"publishing-delete-{model}")
