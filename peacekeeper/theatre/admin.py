from django.contrib import admin

from peacekeeper.access import policy
from peacekeeper.theatre.layers import hidden_site_places
from peacekeeper.theatre.models import Area, CrossingPoint, Place, PlaceName, RoadSegment, Site


@admin.register(Area)
class AreaAdmin(admin.ModelAdmin):
    list_display = ["name_en", "name_sq", "name_sr_latn", "name_sr_cyrl", "level", "code"]
    list_filter = ["level"]
    search_fields = ["name_en", "name_sq", "name_sr_latn", "name_sr_cyrl", "code"]
    exclude = ["boundary"]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    readonly_fields = ["folded"]


@admin.register(Place)
class PlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "area", "population", "importance", "approximate"]
    list_filter = ["kind", "approximate", "area"]
    search_fields = ["name", "names__folded"]
    inlines = [PlaceNameInline]

    def get_queryset(self, request):
        # The place of a site the administrator may not see would name and position that site.
        return super().get_queryset(request).exclude(pk__in=hidden_site_places(request.user))


@admin.register(RoadSegment)
class RoadSegmentAdmin(admin.ModelAdmin):
    list_display = ["road_code", "sequence", "start", "end", "length_km", "approximate"]
    list_filter = ["road_code"]


@admin.register(CrossingPoint)
class CrossingPointAdmin(admin.ModelAdmin):
    list_display = ["name_en", "kfor_designation", "neighbour", "approximate"]


@admin.register(Site)
class SiteAdmin(admin.ModelAdmin):
    """Sites are releasable: the admin lists only those the administrator may see, like every other view."""

    list_display = ["name", "kind", "label", "approximate"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return policy.visible(super().get_queryset(request), request.user)
