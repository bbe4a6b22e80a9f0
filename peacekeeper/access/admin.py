from django.contrib import admin

from peacekeeper.access import policy
from peacekeeper.access.admin_lookups import OwnFieldLookupsAdmin
from peacekeeper.access.models import AuditEntry, Organisation, ReleaseCategory, ReleaseLabel, UserProfile


class ReadOnlyAdmin(OwnFieldLookupsAdmin):
    """Access attributes are not edited on the web, by anyone: an administrator who could change a profile or
    an organisation's code could make themselves a national of any nation, cleared to anything. The operator
    sets them on the server (`peacekeeper createuser`, the scenario's organisations)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Organisation)
class OrganisationAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "kind", "nato_member"]
    list_filter = ["kind", "nato_member"]
    search_fields = ["code", "name"]


@admin.register(UserProfile)
class UserProfileAdmin(ReadOnlyAdmin):
    list_display = ["user", "organisation", "nation", "clearance", "roles"]
    list_filter = ["organisation", "clearance"]
    filter_horizontal = ["missions"]


class ReleaseCategoryInline(admin.TabularInline):
    model = ReleaseCategory
    extra = 0


@admin.register(ReleaseLabel)
class ReleaseLabelAdmin(ReadOnlyAdmin):
    """Read-only: labels are interned values shared by many records (changing one would relabel them all
    silently), interned from the markings records are saved with (adding one would tell, by its unique
    marking, that a label the administrator may not see exists)."""

    list_display = ["marking", "classification", "national_only"]
    list_filter = ["classification"]
    inlines = [ReleaseCategoryInline]

    def get_queryset(self, request):
        # A label exists because some record carries it: a label the administrator may not see is missing.
        visible = policy.visible_labels(policy.subject_for(request.user)).values("pk")
        return super().get_queryset(request).filter(pk__in=visible)


@admin.register(AuditEntry)
class AuditEntryAdmin(OwnFieldLookupsAdmin):
    """The audit log: read-only, and only for security officers, who see the entries about records the
    policy lets them see (`policy.visible_audit_entries`); a superuser without the role sees nothing. An entry
    they may not see is missing for them, as on every other list. The audit page (/access/audit/) is theirs
    too."""

    list_display = ["at", "user", "action", "record_type", "record_id", "marking", "detail"]
    list_filter = ["action", "record_type"]
    list_select_related = ["user"]
    date_hierarchy = "at"

    def get_queryset(self, request):
        return policy.visible_audit_entries(super().get_queryset(request), request.user)

    def has_module_permission(self, request) -> bool:
        return policy.reads_audit(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        # The role is the permission: Django's model permissions would let a staff user without it read all.
        return policy.reads_audit(request.user)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
