"""The forces admin, through the access policy like every other view.

An administrator is cleared like any reader: the lists hold only the records they may see, the choices
only the camps, places and units they may see and the labels they may apply, and a unit's camp is named
(and its position shown) only when that camp is released to them. Saving re-checks the label.
"""

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Case, CharField, F, Q, Value, When

from peacekeeper.access import policy
from peacekeeper.access.admin_lookups import OwnFieldLookupsAdmin
from peacekeeper.access.admin_releasing import ReleasableAdmin
from peacekeeper.forces.layers import camp_withheld, visible_camps
from peacekeeper.forces.models import Caveat, Contribution, ForceStrength, Unit
from peacekeeper.theatre.layers import hidden_site_places, visible_places

# A unit's position: its camp's, so shown or withheld with the camp.
POSITION_FIELDS = ["camp", "place", "location", "approximate", "approximation_note"]


@admin.register(Unit)
class UnitAdmin(ReleasableAdmin):
    """Units are releasable: the admin lists only those the administrator may see, like every other view."""

    # No "approximate": it is the camp's, withheld with it when the camp is hidden.
    list_display = ["name", "short_name", "nation", "echelon", "sidc", "shown_camp", "label"]
    list_filter = ["echelon", "nation"]
    list_select_related = ["nation", "label"]
    search_fields = ["name", "short_name", "role"]
    # The scenario key is the loader's; typed by hand, "already exists" would tell of a hidden unit.
    readonly_fields = ["echelon", "scenario_key"]

    def get_queryset(self, request):
        camps = list(visible_camps(request.user).values_list("pk", flat=True))
        return policy.visible(super().get_queryset(request), request.user).annotate(
            shown_camp_name=Case(
                When(camp_id__in=camps, then=F("camp__name")), default=Value(None), output_field=CharField()
            )
        )

    @admin.display(description="camp", ordering="shown_camp_name")
    def shown_camp(self, unit: Unit) -> str | None:
        return unit.shown_camp_name

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "camp":
            kwargs["queryset"] = visible_camps(request.user).order_by("name")
        elif db_field.name == "place":
            kwargs["queryset"] = visible_places(request.user).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def originator(self, record: Unit) -> str | None:
        return record.nation.code if record.nation_id else None

    def has_delete_permission(self, request, obj=None) -> bool:
        # Deleting a unit would delete the caveats, pins and assignments on it, some of which the
        # administrator may not see; the delete page would count them. Units leave through the registry.
        return False

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and position_withheld(request.user, obj):
            # Left out, not blanked: saving the form keeps the camp and position the administrator cannot see.
            excluded += [name for name in POSITION_FIELDS if name not in excluded]
        return excluded


def position_withheld(user: User | AnonymousUser, unit: Unit) -> bool:
    camps = set(visible_camps(user).values_list("pk", flat=True))
    return camp_withheld(unit, camps) or (
        unit.place_id is not None and unit.place_id in hidden_site_places(user)
    )


@admin.register(Caveat)
class CaveatAdmin(ReleasableAdmin):
    """Caveats are releasable like units; the registry's own form (/forces/caveats/) checks every field.

    A caveat on a unit the administrator may not see is absent (it would name the unit)."""

    readonly_fields = ["scenario_key"]  # the loader's key: see UnitAdmin
    list_display = ["__str__", "kind", "nation", "unit", "label"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation", "unit", "label"]

    def get_queryset(self, request):
        units = policy.visible(Unit.objects.all(), request.user).values("pk")
        caveats = policy.visible(super().get_queryset(request), request.user)
        return caveats.filter(Q(unit__isnull=True) | Q(unit__in=units))

    def originator(self, record: Caveat) -> str | None:
        nation = record.nation or (record.unit.nation if record.unit_id else None)
        return nation.code if nation else None

    def label_refusal(self, user: User | AnonymousUser, record: Caveat) -> str | None:
        problem = super().label_refusal(user, record)
        if problem is None and record.unit_id and not policy.label_refers_to(record.label, record.unit.label):
            problem = f"a caveat on {record.unit} cannot be released wider than the unit"
            problem += f" ({record.unit.label.marking})"
        return problem

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = policy.visible(Unit.objects.all(), request.user).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class SourcedFiguresAdmin(OwnFieldLookupsAdmin):
    """Placemat figures, read-only for everyone: they come from the scenario's sourced files (each row names
    its public source) and reach the public site in release bundles unlabelled, so no one adds or changes
    one here. A figure is corrected in the scenario's file and loaded again (`peacekeeper load-theatre`)."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "subtitle": "Read-only: the figures come from the scenario's sourced files and are public.",
        }
        return super().changelist_view(request, extra_context)


@admin.register(Contribution)
class ContributionAdmin(SourcedFiguresAdmin):
    list_display = ["nation", "as_of", "troops", "name_inferred", "approximate"]
    list_filter = ["as_of", "name_inferred", "approximate"]
    list_select_related = ["nation"]


@admin.register(ForceStrength)
class ForceStrengthAdmin(SourcedFiguresAdmin):
    list_display = ["as_of", "as_of_text", "troops", "nations", "approximate"]
