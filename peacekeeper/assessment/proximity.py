"""Which reports lie near a protected site or a crossing point.

Only protected sites released as PUBLIC count: the flag is stored once for every reader, and a flag set by
a site a reader may not see would reveal the site. Sites and crossings without a known position cannot
count (the shipped scenario has no positions for its protected sites: its sources give none).
Distances are equirectangular around each target's latitude: well under 1 % off at these distances.
"""

from dataclasses import dataclass

import numpy as np

from peacekeeper.access.classification import Classification
from peacekeeper.theatre.distances import km_between
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


def within(lats: np.ndarray, lons: np.ndarray, targets: np.ndarray, radius_km: float) -> np.ndarray:
    """For each point, whether any target lies within radius_km."""
    near = np.zeros(len(lats), dtype=bool)
    for target_lat, target_lon in targets:
        near |= km_between(lats, lons, target_lat, target_lon) <= radius_km
    return near


def flags(lats: list[float], lons: list[float], targets: Targets) -> tuple[np.ndarray, np.ndarray]:
    """(near a protected site, near a crossing) for each point."""
    lat, lon = np.asarray(lats, dtype=float), np.asarray(lons, dtype=float)
    return (
        within(lat, lon, targets.protected_sites, NEAR_PROTECTED_SITE_KM),
        within(lat, lon, targets.crossings, NEAR_CROSSING_KM),
    )
