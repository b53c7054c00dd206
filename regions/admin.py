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


# --- Stakeholders, invitations and the audit log ----------------------------------------------

from .models import AuditEntry, ContactPerson, Invitation, Stakeholder  # noqa: E402


class ContactInline(admin.TabularInline):
    model = ContactPerson
    fields = ["name", "email", "phone", "role", "consent", "consent_date", "consent_purpose"]
    extra = 0


@admin.register(Stakeholder)
class StakeholderAdmin(admin.ModelAdmin):
    list_display = ["name", "region", "sector", "level"]
    list_filter = ["region", "sector", "level"]
    search_fields = ["name"]
    inlines = [ContactInline]

    def save_model(self, request, obj, form, change):
        from .audit import audit_record

        super().save_model(request, obj, form, change)
        audit_record(
            action="stakeholder.update" if change else "stakeholder.create",
            actor=request.user,
            region=obj.region,
            target_type="stakeholder",
            target_label=obj.name,
            after={"changed": form.changed_data, "via": "admin"},
            request=request,
        )

    def delete_model(self, request, obj):
        from .audit import audit_record

        audit_record(
            action="stakeholder.delete",
            actor=request.user,
            region=obj.region,
            target_type="stakeholder",
            target_label=obj.name,
            before={"name": obj.name, "via": "admin"},
            request=request,
        )
        super().delete_model(request, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.delete_model(request, obj)

    def save_formset(self, request, form, formset, change):
        # Contacts inherit the region of their organisation.
        for contact in formset.save(commit=False):
            contact.region = form.instance.region
            contact.save()
        for deleted in formset.deleted_objects:
            deleted.delete()


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = ["email", "region", "role", "created_at", "expires_at", "accepted_at"]
    list_filter = ["region", "role"]
    search_fields = ["email"]
    readonly_fields = [f.name for f in Invitation._meta.fields]

    def has_add_permission(self, request):
        return False  # invitations are sent from the people page, so that the email goes out


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ["created_at", "region", "actor_label", "action", "target_label"]
    list_filter = ["action", "region"]
    search_fields = ["actor_label", "target_label"]
    readonly_fields = [f.name for f in AuditEntry._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
