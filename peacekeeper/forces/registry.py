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
from peacekeeper.forces.layers import visible_units
from peacekeeper.forces.models import Caveat, Unit

SORT_KEYS = {
    "name": ("name",),
    "nation": ("nation__code", "name"),
    "echelon": ("-echelon", "name"),
    "strength": ("strength", "name"),
    "readiness": ("readiness_hours", "name"),
    "camp": ("camp__name", "name"),
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
    return policy.visible(Caveat.objects.all(), user).select_related("nation", "unit", "label")


def filtered_units(user: User | AnonymousUser, wanted: UnitFilter) -> list[Unit]:
    units = visible_units(user)
    if wanted.nation:
        units = units.filter(nation__code=wanted.nation)
    if wanted.camp is not None:
        units = units.filter(camp_id=wanted.camp)
    ordering = SORT_KEYS.get(wanted.sort, SORT_KEYS["echelon"])
    rows = list(units.order_by(*ordering))
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
