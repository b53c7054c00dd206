from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


def summarise_snapshot(sender, instance, created, raw=False, **kwargs):
    """Summarise a snapshot as it is frozen, so comparisons never have to read its full data."""
    if not created or raw:
        return
    from .models import SnapshotSummary
    from .selectors import _summarise

    summary = _summarise(instance.pk, instance.region_id, instance.data or {})
    SnapshotSummary.objects.bulk_create([summary], ignore_conflicts=True)


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
        post_save.connect(
            summarise_snapshot, sender="toolkit.Snapshot", dispatch_uid="compare-summary"
        )
