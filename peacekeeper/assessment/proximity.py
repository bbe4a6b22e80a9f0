"""Which reports lie near a protected site or a crossing point.

Only protected sites released as PUBLIC count: the flag is stored once for every reader, and a flag set by
a site a reader may not see would reveal the site. Sites and crossings without a known position cannot
count (the shipped scenario has no positions for its protected sites: its sources give none).
Distances are equirectangular around each target's latitude (as `theatre.distances.km_between`): well under
1 % off at these distances. They are computed in SQL (`flags_sql`), where the ledger is written.
"""

from dataclasses import dataclass

import numpy as np

from peacekeeper.access.classification import Classification
from peacekeeper.theatre.distances import KM_PER_DEGREE_LAT, km_per_degree_lon
from peacekeeper.theatre.models import CrossingPoint, Site

NEAR_PROTECTED_SITE_KM = 2.0
NEAR_CROSSING_KM = 1.5


@dataclass(frozen=True)
class Targets:
    protected_sites: np.ndarray  # shape (n, 2): lat, lon
    crossings: np.ndarray

    @property
    def described(self) -> str:
        return (
            f"{len(self.protected_sites)} public protected sites with a known position "
            f"(within {NEAR_PROTECTED_SITE_KM:g} km), {len(self.crossings)} crossing points "
            f"(within {NEAR_CROSSING_KM:g} km)"
        )


def load_targets() -> Targets:
    sites = Site.objects.filter(
        kind=Site.Kind.PROTECTED, label__classification=Classification.PUBLIC, place__lat__isnull=False
    ).values_list("place__lat", "place__lon")
    crossings = CrossingPoint.objects.filter(place__lat__isnull=False).values_list("place__lat", "place__lon")
    return Targets(
        protected_sites=np.array(list(sites), dtype=float).reshape(-1, 2),
        crossings=np.array(list(crossings), dtype=float).reshape(-1, 2),
    )


def near_sql(targets: np.ndarray, radius_km: float, *, lat: str, lon: str) -> str:
    """A SQL condition: the point in columns lat, lon lies within radius_km of one of targets.

    The same distance as `theatre.distances.km_between`, squared: the ledger computes the flags in the
    database, for one report or a million in one statement. The figures are our own floats, inlined.
    """
    if not len(targets):
        return "(1 = 0)"
    terms = []
    for target_lat, target_lon in targets.tolist():
        dx = f"(({lon} - {target_lon!r}) * {km_per_degree_lon(target_lat)!r})"
        dy = f"(({lat} - {target_lat!r}) * {KM_PER_DEGREE_LAT!r})"
        terms.append(f"{dx} * {dx} + {dy} * {dy} <= {radius_km * radius_km!r}")
    return "(" + " OR ".join(terms) + ")"


def flags_sql(targets: Targets, *, lat: str, lon: str) -> tuple[str, str]:
    """(near a protected site, near a crossing) as SQL conditions on the columns lat, lon."""
    return (
        near_sql(targets.protected_sites, NEAR_PROTECTED_SITE_KM, lat=lat, lon=lon),
        near_sql(targets.crossings, NEAR_CROSSING_KM, lat=lat, lon=lon),
    )
