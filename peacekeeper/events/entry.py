"""How a person gives time and place: a DTG or 'now', and MGRS, a gazetteer place or a map click.

The form and the API both call these, so the same words mean the same thing everywhere.
"""

from datetime import datetime

from django.utils import timezone

from peacekeeper.events.inputs import FieldError
from peacekeeper.events.recording import EventInputError
from peacekeeper.theatre.dtg import DTGError, parse_dtg
from peacekeeper.theatre.grid import GridError, parse_mgrs, precision_metres
from peacekeeper.theatre.models import Place


def resolve_time(*, dtg: str = "", moment: datetime | None = None, field: str = "occurred") -> datetime:
    """A DTG ('291430ZNOV26'), the word 'now', or an aware datetime."""
    text = dtg.strip()
    if text.lower() == "now":
        return timezone.now().replace(second=0, microsecond=0)
    if text:
        try:
            return parse_dtg(text)
        except DTGError as error:
            raise EventInputError([FieldError(field, str(error))]) from None
    if moment is None:
        raise EventInputError([FieldError(field, "give a DTG such as 291430ZNOV26, or 'now'")])
    if moment.tzinfo is None:
        raise EventInputError([FieldError(field, "the time needs a zone (e.g. 2026-11-29T14:30:00Z)")])
    return moment


def precision_for_metres(metres: int) -> int:
    """ACLED geo precision from the size of the square a grid reference names."""
    return 1 if metres <= 1000 else 2 if metres <= 10_000 else 3


def resolve_location(
    *, mgrs: str = "", place_id: int | None = None, lat: float | None = None, lon: float | None = None
) -> tuple[float, float, int, Place | None]:
    """(lat, lon, geo precision, place) from exactly one way of giving a location."""
    ways = [bool(mgrs.strip()), place_id is not None, lat is not None or lon is not None]
    if sum(ways) != 1:
        reason = "give one of: an MGRS grid, a place, or latitude and longitude"
        raise EventInputError([FieldError("location", reason)])
    if mgrs.strip():
        try:
            lat_found, lon_found = parse_mgrs(mgrs)
            return lat_found, lon_found, precision_for_metres(precision_metres(mgrs)), None
        except GridError as error:
            raise EventInputError([FieldError("mgrs", str(error))]) from None
    if place_id is not None:
        place = Place.objects.filter(pk=place_id).first()
        if place is None:
            raise EventInputError([FieldError("place", f"no place with id {place_id}")])
        if place.lat is None:
            raise EventInputError(
                [FieldError("place", f"{place.name} has no known position; give a grid instead")]
            )
        return place.lat, place.lon, 2 if place.approximate else 1, place
    if lat is None or lon is None:
        raise EventInputError([FieldError("location", "latitude and longitude go together")])
    return float(lat), float(lon), 1, None
