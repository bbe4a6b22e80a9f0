"""The units map layer: units the reader may see, drawn where their camp or named place is.

A unit sits at its camp: its position, its approximation note and the sources' location all give the camp
away. So a unit whose camp the reader may not see has no position for that reader (not drawn, lat/lon
null, no note and no location), exactly like a unit no source places anywhere.
"""

from collections.abc import Collection
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from peacekeeper.access import policy
from peacekeeper.access.marking import MarkingFields, marking_fields
from peacekeeper.core.geojson import feature, point
from peacekeeper.forces.models import Unit
from peacekeeper.theatre.layers import visible_sites
from peacekeeper.theatre.models import Place, Site


def visible_units(user: User | AnonymousUser) -> QuerySet[Unit]:
    return policy.visible(Unit.objects.all(), user).select_related("nation", "camp", "place", "label")


def visible_camps(user: User | AnonymousUser) -> QuerySet[Site]:
    """The camps released to the reader (the policy's filter on sites, camps only)."""
    return visible_sites(user).filter(kind=Site.Kind.CAMP)


def visible_camp_names(user: User | AnonymousUser) -> dict[int, str]:
    """Camp names by id, for the camps released to the reader: a unit's camp is named only if it is."""
    return {site.pk: site.name for site in visible_camps(user)}


def camp_withheld(unit: Unit, released_camps: Collection[int]) -> bool:
    """Whether the unit has a camp the reader may not see (`released_camps`: ids of the camps they may)."""
    return unit.camp_id is not None and unit.camp_id not in released_camps


def in_released_camps(released_camps: Collection[int]) -> Q:
    """Units with no camp, or at a camp the reader may see: the units that may be given a position."""
    return Q(camp__isnull=True) | Q(camp_id__in=list(released_camps))


@dataclass(frozen=True)
class Position:
    """Where a unit is shown to one reader: nowhere (place None) when its camp is hidden from them."""

    place: Place | None
    approximate: bool
    approximation_note: str
    location: str

    @property
    def lat(self) -> float | None:
        return self.place.lat if self.place else None

    @property
    def lon(self) -> float | None:
        return self.place.lon if self.place else None


NOWHERE = Position(place=None, approximate=False, approximation_note="", location="")


def shown_position(unit: Unit, released_camps: Collection[int]) -> Position:
    if camp_withheld(unit, released_camps):
        return NOWHERE
    return Position(unit.place, unit.approximate, unit.approximation_note, unit.location)


def unit_features(*, user: User | AnonymousUser) -> tuple[list[dict], MarkingFields]:
    """The positioned units this user may see, and their markings (for the banner)."""
    camps = visible_camp_names(user)
    units = list(visible_units(user).filter(in_released_camps(camps), place__lat__isnull=False))
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
    return features, marking_fields(unit.label for unit in units)
