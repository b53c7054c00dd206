from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CompareConfig(AppConfig):
    name = "toolkit.compare"
    label = "compare"
    verbose_name = _("Comparison and self-assessment")

    def ready(self):
        from handbook.translation.kinds import Kind, register_kind

        register_kind(
            Kind(
                "question",
                "compare.Question",
                ("text",),
                label=_("Self-assessment questions"),
                related=("questionnaire", "thematic_area"),
                describe=lambda obj: (f"{obj.thematic_area.number}.{obj.number}", obj.text),
                order=50,
            )
        )
        # Each frozen snapshot is summarised for comparisons (toolkit.signals).
        from toolkit.signals import snapshot_frozen

        from .selectors import snapshot_summarise

        snapshot_frozen.connect(snapshot_summarise, dispatch_uid="compare-snapshot-summary")

        # What cache.py keeps starts afresh after any change it may show.
        from django.db.models.signals import post_delete, post_save

        from .cache import bump_now_and_after_commit

        for model in (
            "regions.AuditEntry",
            "regions.Region",
            "regions.Stakeholder",
            "handbook.CapacityActivity",
            "handbook.ContentTranslation",
            "handbook.ThematicArea",
            "toolkit.StrategyCycle",
            "toolkit.TemplateVersion",
            "toolkit.Priority",
            "toolkit.Snapshot",
            "toolkit.Workplan",
            "compare.RegionSharing",
        ):
            for signal in (post_save, post_delete):
                signal.connect(
                    bump_now_and_after_commit, sender=model, dispatch_uid=f"compare-{model}"
                )
