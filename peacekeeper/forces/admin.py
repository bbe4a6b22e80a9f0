from django.contrib import admin

from peacekeeper.access import policy
from peacekeeper.forces.models import Unit


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    """Units are releasable: the admin lists only those the administrator may see, like every other view."""

    list_display = ["name", "short_name", "nation", "echelon", "sidc", "camp", "label", "approximate"]
    list_filter = ["echelon", "nation"]
    list_select_related = ["nation", "camp", "label"]
    search_fields = ["name", "short_name", "role"]
    readonly_fields = ["echelon"]
    raw_id_fields = ["place"]

    def get_queryset(self, request):
        return policy.visible(super().get_queryset(request), request.user)
