"""Reading the force registry through the access policy: units, caveats, and the caveats bearing on a unit.

A unit or caveat the reader may not see is absent from every list here, and from the caveats shown on a
unit. (The optimiser applies hidden caveats all the same; that is posture's business, not the registry's.)
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet

from peacekeeper.access import policy
from peacekeeper.forces.capabilities import Capability
from peacekeeper.forces.layers import visible_camp_names, visible_units
from peacekeeper.forces.models import Caveat, Unit

SORT_KEYS = {
    "name": ("name",),
    "nation": ("nation__code", "name"),
    "echelon": ("-echelon", "name"),
    "strength": ("strength", "name"),
    "readiness": ("readiness_hours", "name"),
    # Sorted in Python by the camp names the reader may see (a hidden camp's name must not order rows).
    "camp": ("name",),
    "rotation": ("rotation_end", "name"),
}


@dataclass(frozen=True)
class UnitFilter:
    nation: str = ""
    capability: str = ""
    camp: int | None = None
    sort: str = "echelon"
    descending: bool = False


def visible_caveats(user: User | AnonymousUser) -> QuerySet[Caveat]:
    """The caveats the reader may see, less those on a unit the reader may not see (they would name it)."""
    units = policy.visible(Unit.objects.all(), user).values("pk")
    return (
        policy.visible(Caveat.objects.all(), user)
        .filter(Q(unit__isnull=True) | Q(unit__in=units))
        .select_related("nation", "unit", "label")
    )


def filtered_units(user: User | AnonymousUser, wanted: UnitFilter) -> list[Unit]:
    units = visible_units(user)
    if wanted.nation:
        units = units.filter(nation__code=wanted.nation)
    camps = visible_camp_names(user)
    if wanted.camp is not None:
        # A camp the reader may not see is no camp: it matches no unit, like an unknown id.
        units = units.filter(camp_id=wanted.camp) if wanted.camp in camps else units.none()
    ordering = SORT_KEYS.get(wanted.sort, SORT_KEYS["echelon"])
    rows = list(units.order_by(*ordering))
    if wanted.sort == "camp":
        # Units without a camp the reader may see come last, as if they had none.
        rows.sort(key=lambda unit: (unit.camp_id not in camps, camps.get(unit.camp_id, "")))
    if wanted.capability:
        # Capabilities are a JSON list: filtered here, alike on SQLite and PostgreSQL (a few dozen units).
        rows = [unit for unit in rows if wanted.capability in unit.capabilities]
    if wanted.descending:
        rows.reverse()
    return rows


def caveats_by_unit(user: User | AnonymousUser, units: Iterable[Unit]) -> dict[int, list[Caveat]]:
    """The caveats the reader may see that bind each unit: its own and its nation's."""
    units = list(units)
    nations = {unit.nation_id for unit in units if unit.nation_id}
    caveats = list(
        visible_caveats(user).filter(Q(unit_id__in=[unit.pk for unit in units]) | Q(nation_id__in=nations))
    )
    return {
        unit.pk: [
            caveat
            for caveat in caveats
            if caveat.unit_id == unit.pk or (unit.nation_id and caveat.nation_id == unit.nation_id)
        ]
        for unit in units
    }


def capability_labels(codes: Iterable[str]) -> list[str]:
    return [Capability(code).label for code in codes if code in Capability.values]
