from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    name = "toolkit.publishing"
    label = "publishing"
    verbose_name = _("Publishing and open data")

    def ready(self):
        # Accepted reports add figures to published strategies: public caches start afresh.
        from toolkit.signals import report_accepted

        from .cache import bump_now_and_after_commit as bump

        report_accepted.connect(bump, dispatch_uid="publishing-report-accepted")
        # What public pages, files and the catalogue show: a licence or publisher, an edit of the
        # Handbook or Framework, or a translation shows at once. Edits through the Handbook's
        # services are guarded UPDATEs (no post_save of the edited row); each writes a Revision.
        from django.db.models.signals import post_delete, post_save

        for model in (
            "publishing.OpenDataSettings",
            "handbook.Section",
            "handbook.ThematicArea",
            "handbook.ContentTranslation",
            "handbook.Revision",
        ):
            post_save.connect(bump, sender=model, dispatch_uid=f"publishing-save-{model}")
            post_delete.connect(bump, sender=model, dispatch_uid=f"publishing-delete-{model}")
