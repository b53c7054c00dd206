from django.contrib import admin

from . import cache
from .models import OpenDataSettings


@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(admin.ModelAdmin):
    list_display = ["network", "licence", "publisher"]

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        # The catalogue and every dataset name the licence: public caches start afresh.
        cache.bump()
