from django.contrib import admin

from .models import Network, Region, RegionGroup, UserProfile
from .services import region_grant_roles


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "slug"]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "nuts_code", "network"]
    list_filter = ["network", "country"]
    search_fields = ["name", "slug", "nuts_code"]
    prepopulated_fields = {"slug": ["name"]}

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if not change:
            region_grant_roles(region=obj)


@admin.register(RegionGroup)
class RegionGroupAdmin(admin.ModelAdmin):
    list_display = ["region", "role", "group"]
    list_filter = ["role"]


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "display_name", "language"]
