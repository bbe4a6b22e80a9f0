"""The units map layer: units the reader may see, drawn where their camp or named place is."""

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import QuerySet

from peacekeeper.access import policy
from peacekeeper.access.marking import highest_marking
from peacekeeper.core.geojson import feature, point
from peacekeeper.forces.models import Unit
from peacekeeper.theatre.layers import visible_sites
from peacekeeper.theatre.models import Site


def visible_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    return policy.visible(Unit.objects.all(), user).select_related("nation", "camp", "place", "label")


def visible_camp_names(user: User | AnonymousUser) -> dict[int, str]:
    """Camp names by id, for the camps released to the reader: a unit's camp is named only if it is."""
    return {site.pk: site.name for site in visible_sites(user).filter(kind=Site.Kind.CAMP)}


def unit_features(*, user: User | AnonymousUser) -> tuple[list[dict], str | None]:
    """The positioned units this user may see, and the highest marking among them (for the layer's banner)."""
    units = list(visible_units(user).filter(place__lat__isnull=False))
    camps = visible_camp_names(user)
    features = [
        feature(
            feature_id=unit.pk,
            geometry=point(unit.place.lat, unit.place.lon),
            properties={
                "name": unit.name,
                "short_name": unit.short_name,
                "nation": unit.nation.code if unit.nation else None,
                "echelon": unit.get_echelon_display(),
                "role": unit.role,
                "sidc": unit.sidc,
                "camp": camps.get(unit.camp_id),
                "approximate": unit.approximate,
                "approximation_note": unit.approximation_note,
                "marking": unit.label.marking,
            },
        )
        for unit in units
    ]
    return features, highest_marking([unit.label for unit in units])
