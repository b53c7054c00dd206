from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HandbookConfig(AppConfig):
    name = "handbook"
    verbose_name = _("Handbook and Model Framework")

    def ready(self):
        from .translation.kinds import Kind, register_kind

        register_kind(
            Kind(
                "section",
                "handbook.Section",
                ("title", "body"),
                label=_("Framework and Handbook sections"),
                markdown=("body",),
                key_fields=("publication", "slug"),
                describe=lambda obj: (
                    f"{obj.get_publication_display()} · {obj.number}.",
                    obj.title,
                ),
                order=10,
            )
        )
        register_kind(
            Kind(
                "area",
                "handbook.ThematicArea",
                ("title", "summary", "challenges", "stakeholders", "training_topics"),
                label=_("Thematic areas"),
                markdown=("challenges", "stakeholders", "training_topics"),
                key_fields=("slug",),
                order=20,
            )
        )
        register_kind(
            Kind(
                "module",
                "handbook.TrainingModule",
                ("title", "summary", "learning_objectives", "duration"),
                label=_("Training modules"),
                markdown=("summary", "learning_objectives"),
                related=("region",),
                describe=lambda obj: (obj.region.name, obj.title),
                order=60,
            )
        )
        register_kind(
            Kind(
                "resource",
                "handbook.Resource",
                ("title", "description"),
                label=_("Resources and recommendations"),
                markdown=("description",),
                describe=lambda obj: (obj.get_kind_display(), obj.title),
                order=70,
            )
        )
