"""The theatre admin, through the access policy like every other view.

Places of sites the administrator may not see are absent from lists and from every choice of a place or
site. Nothing is deleted here: theatre records are loaded from the scenario's files, and a deletion would
cascade into records the administrator may not see (restrictions, tasks, units at a camp) and tell them so.
"""

from django.contrib import admin

from peacekeeper.access import policy
from peacekeeper.access.admin_lookups import OwnFieldLookupsAdmin
from peacekeeper.access.admin_releasing import ReleasableAdmin
from peacekeeper.theatre.layers import hidden_site_places, visible_places
from peacekeeper.theatre.models import Area, CrossingPoint, Place, PlaceName, RoadSegment, Site


class TheatreAdmin(OwnFieldLookupsAdmin):
    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.related_model is Place:
            kwargs["queryset"] = visible_places(request.user)
        elif db_field.related_model is Site:
            kwargs["queryset"] = policy.visible(Site.objects.all(), request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Area)
class AreaAdmin(TheatreAdmin):
    list_display = ["name_en", "name_sq", "name_sr_latn", "name_sr_cyrl", "level", "code"]
    list_filter = ["level"]
    search_fields = ["name_en", "name_sq", "name_sr_latn", "name_sr_cyrl", "code"]
    exclude = ["boundary"]


class PlaceNameInline(admin.TabularInline):
    model = PlaceName
    extra = 0
    readonly_fields = ["folded"]


@admin.register(Place)
class PlaceAdmin(TheatreAdmin):
    list_display = ["name", "kind", "area", "population", "importance", "approximate"]
    list_filter = ["kind", "approximate", "area"]
    search_fields = ["name", "names__folded"]
    inlines = [PlaceNameInline]

    def get_queryset(self, request):
        # The place of a site the administrator may not see would name and position that site.
        return super().get_queryset(request).exclude(pk__in=hidden_site_places(request.user))

    def has_add_permission(self, request) -> bool:
        # Places come from the gazetteer and the scenario's files, keyed by GeoNames id and scenario key; an
        # added one clashing with the key of a hidden site's place would be told "already exists".
        return False

    def get_readonly_fields(self, request, obj=None):
        readonly = [*super().get_readonly_fields(request, obj), "scenario_key", "geonames_id"]
        if obj is not None and Site.objects.filter(place=obj).exists():
            # A site's own place is hidden with the site; made a town, it would show to every reader.
            readonly.append("kind")
        return readonly


@admin.register(RoadSegment)
class RoadSegmentAdmin(TheatreAdmin):
    list_display = ["road_code", "sequence", "start", "end", "length_km", "approximate"]
    list_filter = ["road_code"]


@admin.register(CrossingPoint)
class CrossingPointAdmin(TheatreAdmin):
    list_display = ["name_en", "kfor_designation", "neighbour", "approximate"]


@admin.register(Site)
class SiteAdmin(TheatreAdmin, ReleasableAdmin):
    """Sites are releasable: the admin lists only those the administrator may see, like every other view,
    and relabels them as the forces admin does (no writing up; a wider release is a release decision)."""

    list_display = ["name", "kind", "label", "approximate"]
    list_filter = ["kind"]

    def get_queryset(self, request):
        return policy.visible(super().get_queryset(request), request.user)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if "place" in form.base_fields:
            # A site stands at a place of its own, hidden with it: not at a town, nor at another site's.
            free = Place.objects.filter(kind=Place.Kind.SITE, site__isnull=True)
            own = Place.objects.filter(pk=obj.place_id) if obj is not None else Place.objects.none()
            form.base_fields["place"].queryset = (free | own).order_by("name")
        return form
