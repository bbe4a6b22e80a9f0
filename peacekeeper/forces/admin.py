"""The forces admin, through the access policy like every other view.

An administrator is cleared like any reader: the lists hold only the records they may see, the choices
only the camps, places and units they may see and the labels they may apply, and a unit's camp is named
(and its position shown) only when that camp is released to them. Saving re-checks the label.
"""

from django.contrib import admin
from django.contrib.auth.models import AnonymousUser, User
from django.core.exceptions import PermissionDenied
from django.db.models import Case, CharField, F, Q, QuerySet, Value, When

from peacekeeper.access import policy
from peacekeeper.access.labels import spec_of
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.forces.layers import camp_withheld, visible_camps
from peacekeeper.forces.models import Caveat, Contribution, ForceStrength, Unit
from peacekeeper.theatre.layers import hidden_site_places
from peacekeeper.theatre.models import Place

# A unit's position: its camp's, so shown or withheld with the camp.
POSITION_FIELDS = ["camp", "place", "location", "approximate", "approximation_note"]


def applicable_labels(user: User | AnonymousUser) -> QuerySet[ReleaseLabel]:
    """The labels this user may put on a record (no writing up)."""
    labels = ReleaseLabel.objects.prefetch_related("categories")
    return labels.filter(
        pk__in=[label.pk for label in labels if policy.can_apply_label(user, spec_of(label))]
    )


def label_refusal(user: User | AnonymousUser, record: Unit | Caveat) -> str | None:
    """Why this user may not save the record with its label (None when they may)."""
    if record.label_id is None:
        return None
    if not policy.can_apply_label(user, spec_of(record.label)):
        return f"you cannot release a record as {record.label.marking}"
    if (
        isinstance(record, Caveat)
        and record.unit_id
        and not policy.label_refers_to(record.label, record.unit.label)
    ):
        return (
            f"a caveat on {record.unit} cannot be released wider than the unit ({record.unit.label.marking})"
        )
    return None


class ReleasableAdmin(admin.ModelAdmin):
    """Label choices limited to the labels the administrator may apply; checked on the form and on save."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "label":
            kwargs["queryset"] = applicable_labels(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        user = request.user

        class CheckedForm(form):
            def clean(self):
                cleaned = super().clean()
                if "label" in self.fields and cleaned.get("label") is not None:
                    record = self.instance
                    record.label = cleaned["label"]
                    if "unit" in cleaned:
                        record.unit = cleaned["unit"]
                    problem = label_refusal(user, record)
                    if problem:
                        self.add_error("label", problem)
                return cleaned

        return CheckedForm

    def has_delete_permission(self, request, obj=None) -> bool:
        # A record the administrator may not see (a caveat on a unit being deleted) is never deleted by them:
        # the delete page then names no hidden record, it only refuses.
        allowed = super().has_delete_permission(request, obj)
        return allowed and (obj is None or self.get_queryset(request).filter(pk=obj.pk).exists())

    def save_model(self, request, obj, form, change) -> None:
        problem = label_refusal(request.user, obj)
        if problem:
            raise PermissionDenied(problem)
        super().save_model(request, obj, form, change)


@admin.register(Unit)
class UnitAdmin(ReleasableAdmin):
    """Units are releasable: the admin lists only those the administrator may see, like every other view."""

    list_display = ["name", "short_name", "nation", "echelon", "sidc", "shown_camp", "label", "approximate"]
    list_filter = ["echelon", "nation"]
    list_select_related = ["nation", "label"]
    search_fields = ["name", "short_name", "role"]
    readonly_fields = ["echelon"]

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
            kwargs["queryset"] = allowed_places(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def get_exclude(self, request, obj=None):
        excluded = list(super().get_exclude(request, obj) or [])
        if obj is not None and position_withheld(request.user, obj):
            # Left out, not blanked: saving the form keeps the camp and position the administrator cannot see.
            excluded += [name for name in POSITION_FIELDS if name not in excluded]
        return excluded


def allowed_places(user: User | AnonymousUser) -> QuerySet[Place]:
    """Places the user may choose: every place but those of the sites they may not see."""
    return Place.objects.exclude(pk__in=hidden_site_places(user)).order_by("name")


def position_withheld(user: User | AnonymousUser, unit: Unit) -> bool:
    camps = set(visible_camps(user).values_list("pk", flat=True))
    return camp_withheld(unit, camps) or (
        unit.place_id is not None and unit.place_id in hidden_site_places(user)
    )


@admin.register(Caveat)
class CaveatAdmin(ReleasableAdmin):
    """Caveats are releasable like units; the registry's own form (/forces/caveats/) checks every field.

    A caveat on a unit the administrator may not see is absent (it would name the unit)."""

    list_display = ["__str__", "kind", "nation", "unit", "label"]
    list_filter = ["kind", "nation"]
    list_select_related = ["nation", "unit", "label"]

    def get_queryset(self, request):
        units = policy.visible(Unit.objects.all(), request.user).values("pk")
        caveats = policy.visible(super().get_queryset(request), request.user)
        return caveats.filter(Q(unit__isnull=True) | Q(unit__in=units))

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "unit":
            kwargs["queryset"] = policy.visible(Unit.objects.all(), request.user).order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Contribution)
class ContributionAdmin(admin.ModelAdmin):
    list_display = ["nation", "as_of", "troops", "name_inferred", "approximate"]
    list_filter = ["as_of", "name_inferred", "approximate"]
    list_select_related = ["nation"]


@admin.register(ForceStrength)
class ForceStrengthAdmin(admin.ModelAdmin):
    list_display = ["as_of", "as_of_text", "troops", "nations", "approximate"]
