from django.contrib import admin

from .models import (
    Action,
    Change,
    ChecklistItem,
    Priority,
    Snapshot,
    StrategyCycle,
    TemplateVersion,
    Workplan,
)


class ChecklistItemInline(admin.TabularInline):
    model = ChecklistItem
    extra = 0


@admin.register(TemplateVersion)
class TemplateVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "published_at", "notes"]


@admin.register(Priority)
class PriorityAdmin(admin.ModelAdmin):
    list_display = ["template", "number", "title"]
    list_filter = ["template"]
    inlines = [ChecklistItemInline]

    def has_change_permission(self, request, obj=None):
        # A published version never changes, not even here.
        if obj is not None and obj.template.is_published:
            return False
        return super().has_change_permission(request, obj)


@admin.register(StrategyCycle)
class StrategyCycleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "start_year", "end_year"]


@admin.register(Workplan)
class WorkplanAdmin(admin.ModelAdmin):
    list_display = ["region", "cycle", "status", "revision", "template", "updated_at"]
    list_filter = ["status", "cycle"]
    readonly_fields = ["region", "cycle", "template", "status", "revision", "created_by"]


@admin.register(Action)
class ActionAdmin(admin.ModelAdmin):
    list_display = ["title", "region", "workplan", "status", "budget", "funding_source"]
    list_filter = ["status", "funding_source"]
    readonly_fields = ["region", "workplan", "priority", "based_on", "version"]
    search_fields = ["title"]


@admin.register(Snapshot)
class SnapshotAdmin(admin.ModelAdmin):
    list_display = ["workplan", "revision", "outcome", "submitted_at"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Change)
class ChangeAdmin(admin.ModelAdmin):
    list_display = ["at", "region", "kind", "label", "by"]
    list_filter = ["kind"]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False
