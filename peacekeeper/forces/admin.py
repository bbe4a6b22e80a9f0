from django.contrib import admin

from peacekeeper.access import policy
from peacekeeper.forces.models import Caveat, Contribution, ForceStrength, Unit


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


@admin.register(Caveat)
class CaveatAdmin(admin.ModelAdmin):
    """Caveats are releasable like units; the registry's own form (/forces/caveats/) checks every field."""

    list_display = ["__str__", "kind", "nation", "unit", "label"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation", "unit", "label"]
    raw_id_fields = ["unit"]

    def get_queryset(self, request):
        return policy.visible(super().get_queryset(request), request.user)


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["nation", "as_of", "troops", "name_inferred", "approximate"]
    list_filter = ["as_of", "name_inferred", "approximate"]
    list_select_related = ["nation"]


@admin.register(ForceStrength)
class ForceStrengthAdmin(admin.ModelAdmin):
    list_display = ["as_of", "as_of_text", "troops", "nations", "approximate"]
