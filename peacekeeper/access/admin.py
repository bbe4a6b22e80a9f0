from django.contrib import admin

from peacekeeper.access.models import AuditEntry, Organisation, ReleaseCategory, ReleaseLabel, UserProfile


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "kind", "nato_member"]
    list_filter = ["kind", "nato_member"]
    search_fields = ["code", "name"]


@admin.register(UserProfile)
class UserProfileAdmin(admin.ModelAdmin):
    list_display = ["user", "organisation", "nation", "clearance", "roles"]
    list_filter = ["organisation", "clearance"]
    filter_horizontal = ["missions"]


class ReleaseCategoryInline(admin.TabularInline):
    model = ReleaseCategory
    extra = 0


@admin.register(ReleaseLabel)
class ReleaseLabelAdmin(admin.ModelAdmin):
    list_display = ["marking", "classification", "national_only"]
    list_filter = ["classification"]
    inlines = [ReleaseCategoryInline]

    def has_change_permission(self, request, obj=None) -> bool:
        # Labels are interned values shared by many records: changing one would relabel them all silently.
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    """The audit log is read-only, for everyone."""

    list_display = ["at", "user", "action", "record_type", "record_id", "marking", "detail"]
    list_filter = ["action", "record_type"]
    date_hierarchy = "at"

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
