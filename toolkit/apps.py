from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ToolkitConfig(AppConfig):
    name = "toolkit"
    verbose_name = _("Toolkit and workplans")

    def ready(self):
        from handbook.translation.kinds import Kind, register_kind

        register_kind(
            Kind(
                "priority",
                "toolkit.Priority",
                ("title", "overview"),
                label=_("Strategic priorities"),
                markdown=("overview",),
                related=("template",),
                describe=lambda obj: (f"v{obj.template.number} · {obj.number}.", obj.title),
                order=30,
            )
        )
        register_kind(
            Kind(
                "item",
                "toolkit.ChecklistItem",
                ("text",),
                label=_("Checklist items"),
                related=("priority__template",),
                describe=lambda obj: (
                    f"v{obj.priority.template.number} · {obj.priority.number}.{obj.number}",
                    obj.text,
                ),
                order=40,
            )
        )
        register_kind(
            Kind(
                "library",
                "toolkit.LibraryIndicator",
                ("name", "definition", "unit", "disaggregations", "source"),
                label=_("Indicator library"),
                key_fields=("code",),
                describe=lambda obj: (obj.code, obj.name),
                order=80,
            )
        )
