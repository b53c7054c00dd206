from django.contrib import admin

from .models import OpenDataSettings


# Saving draws a new public cache generation (apps.py): every file names the licence.
@admin.register(OpenDataSettings)
class OpenDataSettingsAdmin(admin.ModelAdmin):
    list_display = ["network", "licence", "publisher"]
