"""How a person gives time and place: a DTG or 'now', and MGRS, a gazetteer place or a map click.

The form and the API both call these, so the same words mean the same thing everywhere.
"""

import math
from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.theatre.dtg import DTGError, DTGReading, read_dtg
from peacekeeper.theatre.grid import GridError, parse_mgrs, precision_metres
from peacekeeper.theatre.layers import visible_places
from peacekeeper.theatre.models import Place


def read_time(dtg: str, *, field: str = "occurred") -> DTGReading:
    """A DTG, full ('291430ZNOV26') or shorthand ('0300', '0300B', '060300Z'; theatre.dtg.read_dtg),
    read now in the mission's time zone, with what was assumed."""
    try:
        return read_dtg(dtg, now=timezone.now())
    except DTGError as error:
        raise InputError([FieldError(field, str(error))]) from None


def resolve_time(*, dtg: str = "", moment: datetime | None = None, field: str = "occurred") -> datetime:
    """A DTG (full or shorthand, see read_time), the word 'now', or an aware datetime."""
    text = dtg.strip()
    if text.lower() == "now":
        return timezone.now().replace(second=0, microsecond=0)
    if text:
        return read_time(text, field=field).moment
    if moment is None:
        raise InputError(
            [FieldError(field, "give a DTG such as 291430ZNOV26 (or 0300, 0300B, 060300Z), or 'now'")]
        )
    if moment.tzinfo is None:
        raise InputError([FieldError(field, "the time needs a zone (e.g. 2026-11-29T14:30:00Z)")])
    return moment


def precision_for_metres(metres: int) -> int:
    """ACLED geo precision from the size of the square a grid reference names."""
    return 1 if metres <= 1000 else 2 if metres <= 10_000 else 3


@dataclass(frozen=True)
class Location:
    lat: float
    lon: float
    geo_precision: int
    place: Place | None = None
    # Digits per axis of the MGRS grid given; None when the location was a place or a point.
    grid_precision: int | None = None

    def fields(self) -> dict:
        """The EventInput / EventReport fields this location sets."""
        return {
            "lat": self.lat,
            "lon": self.lon,
            "geo_precision": self.geo_precision,
            "grid_precision": self.grid_precision,
            "place_id": self.place.pk if self.place else None,
        }


def resolve_location(
    *,
    user: User,
    mgrs: str = "",
    place_id: int | None = None,
    lat: float | None = None,
    lon: float | None = None,
) -> Location:
    """One way of giving a location, read. A place is looked up among the places this user may know of:
    the place of a site not released to them answers exactly as a place that does not exist."""
    ways = [bool(mgrs.strip()), place_id is not None, lat is not None or lon is not None]
    if sum(ways) != 1:
        reason = "give one of: an MGRS grid, a place, or latitude and longitude"
        raise InputError([FieldError("location", reason)])
    if mgrs.strip():
        try:
            lat_found, lon_found = parse_mgrs(mgrs)
            metres = precision_metres(mgrs)
        except GridError as error:
            raise InputError([FieldError("mgrs", str(error))]) from None
        return Location(
            lat_found, lon_found, precision_for_metres(metres), grid_precision=digits_for_metres(metres)
        )
    if place_id is not None:
        place = visible_places(user).filter(pk=place_id).first()
        if place is None:
            raise InputError([FieldError("place", f"no place with id {place_id}")])
        if place.lat is None:
            raise InputError(
                [FieldError("place", f"{place.name} has no known position; give a grid instead")]
            )
        return Location(place.lat, place.lon, 2 if place.approximate else 1, place)
    if lat is None or lon is None:
        raise InputError([FieldError("location", "latitude and longitude go together")])
    if not (math.isfinite(lat) and math.isfinite(lon)):  # NaN would read as "outside the theatre"
        raise InputError([FieldError("location", f"({lat}, {lon}) is not a position in degrees")])
    return Location(float(lat), float(lon), 1)


def digits_for_metres(metres: int) -> int:
    """Digits per axis of an MGRS reference naming a square of this side (1 m: 5 ... 100 km: 0)."""
    digits = 5
    while metres > 1 and digits > 0:
        metres //= 10
        digits -= 1
    return digits
