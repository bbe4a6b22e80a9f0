"""The kinds of record a bundle carries, each field with its check: what the public side stores.

A bundle's payload holds, per kind, a list of records (JSON objects) whose fields are exactly those named
here; `checked` turns one into the keyword arguments of its public model, or says which field is wrong and
why. The export builds records of the same fields (`exporting.py`); the round-trip test holds them together.
"""

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.db.models import Model

from peacekeeper.release.models import (
    PUBLIC,
    PublicContribution,
    PublicNotice,
    PublicReport,
    PublicSite,
    PublicStrength,
)

Check = Callable[[object], object]


class BadValue(ValueError):
    """A field's value that cannot be stored; the message says what was expected."""


_TYPE_NAMES = {
    bool: "a boolean",
    int: "a number",
    float: "a number",
    str: "text",
    list: "a list",
    dict: "an object",
}


def _type_name(value: object) -> str:
    return "null" if value is None else _TYPE_NAMES.get(type(value), type(value).__name__)


def text(*, max_length: int = 20_000, blank: bool = True) -> Check:
    def check(value: object) -> str:
        if not isinstance(value, str):
            raise BadValue(f"expected text, got {_type_name(value)}")
        if "\x00" in value:
            raise BadValue("text holds a NUL character")
        if len(value) > max_length:
            raise BadValue(f"text longer than {max_length} characters")
        if not blank and not value.strip():
            raise BadValue("must not be empty")
        return value

    return check


def choice(*values: str) -> Check:
    def check(value: object) -> str:
        if value not in values:
            raise BadValue(f"expected one of {', '.join(values)}, got {value!r}")
        return value

    return check


def boolean(value: object) -> bool:
    if not isinstance(value, bool):
        raise BadValue(f"expected true or false, got {_type_name(value)}")
    return value


def count(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < 2**31:
        raise BadValue(f"expected a whole number from 0, got {value!r}")
    return value


def number(low: float, high: float, *, null: bool = False) -> Check:
    def check(value: object) -> float | None:
        if value is None and null:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            raise BadValue(f"expected a number, got {_type_name(value)}")
        if not low <= value <= high:
            raise BadValue(f"expected a number from {low} to {high}, got {value}")
        return float(value)

    return check


def moment(*, null: bool = False) -> Check:
    def check(value: object) -> datetime | None:
        if value is None and null:
            return None
        if not isinstance(value, str):
            raise BadValue(f"expected an ISO 8601 date-time, got {_type_name(value)}")
        try:
            parsed = datetime.fromisoformat(value)
        except ValueError:
            raise BadValue(f"expected an ISO 8601 date-time, got {value!r}") from None
        if parsed.utcoffset() is None:
            raise BadValue(f"{value!r} has no time zone")
        try:
            in_utc = parsed.astimezone(UTC)
        except OverflowError:
            in_utc = None
        # Years 1 to 9998 in UTC: stored and shown in any time zone without leaving the calendar.
        if in_utc is None or not 1 <= in_utc.year <= 9998:
            raise BadValue(f"{value!r} is outside the years 1 to 9998")
        return parsed

    return check


def day(value: object) -> date:
    if not isinstance(value, str) or len(value) != 10:
        raise BadValue(f"expected a date as YYYY-MM-DD, got {value!r}")
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadValue(f"expected a date as YYYY-MM-DD, got {value!r}") from None


def names(value: object) -> list[str]:
    if not isinstance(value, list):
        raise BadValue(f"expected a list of names, got {_type_name(value)}")
    check = text(max_length=500, blank=False)
    for index, item in enumerate(value):
        try:
            check(item)
        except BadValue as error:
            raise BadValue(f"item {index}: {error}") from None
    return value


def a_uuid(value: object) -> uuid.UUID:
    if isinstance(value, str):
        try:
            return uuid.UUID(value)
        except ValueError:
            pass
    raise BadValue(f"expected a UUID, got {value!r}")


# How deep each geometry type nests its positions.
_GEOMETRY_DEPTH = {"Point": 0, "MultiPoint": 1, "LineString": 1, "MultiLineString": 2}


def _position(value: object) -> None:
    if not isinstance(value, list) or len(value) != 2:
        raise BadValue("a position is [longitude, latitude]")
    lon, lat = value
    number(-180, 180)(lon)
    number(-90, 90)(lat)


def _positions(value: object, depth: int) -> None:
    if depth == 0:
        _position(value)
        return
    if not isinstance(value, list) or not value:
        raise BadValue("coordinates nest lists of positions as the type says")
    for item in value:
        _positions(item, depth - 1)


def geometry(value: object) -> dict | None:
    if value is None:
        return None
    if not isinstance(value, dict) or set(value) != {"type", "coordinates"}:
        raise BadValue("expected null or a GeoJSON geometry with type and coordinates")
    depth = _GEOMETRY_DEPTH.get(value["type"])  # type: ignore[arg-type]
    if depth is None:
        raise BadValue(f"expected a geometry type of {', '.join(_GEOMETRY_DEPTH)}, got {value['type']!r}")
    try:
        _positions(value["coordinates"], depth)
    except BadValue as error:
        raise BadValue(f"coordinates: {error}") from None
    return value


MARKING = text(max_length=64, blank=False)
SOURCE_ID = text(max_length=64, blank=False)


@dataclass(frozen=True)
class Kind:
    """One kind of record: its key in the payload, its public model, its fields, which fields name a
    record (in messages, and unique within the kind)."""

    name: str
    model: type[Model]
    fields: dict[str, Check]
    key: tuple[str, ...]


KINDS = (
    Kind(
        "notices",
        PublicNotice,
        {
            "source_id": SOURCE_ID,
            "kind": choice(*PublicNotice.Kind.values),
            "cause": text(),
            "location_name": text(),
            "place": text(),
            "roads": names,
            "segments": names,
            "crossings": names,
            "bridges": names,
            "started_at": moment(),
            "expires_at": moment(null=True),
            "lifted_at": moment(null=True),
            "ends_at": moment(null=True),
            "geometry": geometry,
            "exercise": boolean,
            "marking": MARKING,
        },
        ("source_id",),
    ),
    Kind(
        "contributions",
        PublicContribution,
        {
            "nation_code": text(max_length=16, blank=False),
            "nation_name": text(blank=False),
            "as_of": day,
            "as_of_text": text(),
            "troops": count,
            "name_inferred": boolean,
            "note": text(),
            "source": text(),
            "approximate": boolean,
            "approximation_note": text(),
            "marking": MARKING,
        },
        ("nation_code", "as_of"),
    ),
    Kind(
        "strengths",
        PublicStrength,
        {
            "as_of": day,
            "as_of_text": text(),
            "troops": count,
            "nations": text(),
            "note": text(),
            "source": text(),
            "approximate": boolean,
            "approximation_note": text(),
            "marking": MARKING,
        },
        ("as_of",),
    ),
    Kind(
        "sites",
        PublicSite,
        {
            "source_id": SOURCE_ID,
            "name": text(blank=False),
            "kind": text(max_length=16, blank=False),
            "function": text(),
            "lat": number(-90, 90, null=True),
            "lon": number(-180, 180, null=True),
            "source": text(),
            "approximate": boolean,
            "approximation_note": text(),
            "marking": MARKING,
        },
        ("source_id",),
    ),
    Kind(
        "reports",
        PublicReport,
        {
            "uid": a_uuid,
            "occurred_at": moment(),
            "category": text(max_length=48, blank=False),
            "category_label": text(blank=False),
            "place": text(),
            "area": text(),
            "lat": number(-90, 90),
            "lon": number(-180, 180),
            "summary": text(),
            "published_at": moment(),
            "exercise": boolean,
            "marking": MARKING,
        },
        ("uid",),
    ),
)
KINDS_BY_NAME = {kind.name: kind for kind in KINDS}


def record_name(kind: Kind, index: int, record: object) -> str:
    """How a message names a record: `notices[3] (source_id restriction-12)`."""
    if isinstance(record, dict):
        keys = ", ".join(
            f"{field} {record[field]}" for field in kind.key if isinstance(record.get(field), str)
        )
        if keys:
            return f"{kind.name}[{index}] ({keys})"
    return f"{kind.name}[{index}]"


def marking_problem(kind: Kind, index: int, record: object) -> str | None:
    """Why this record may not reach the public side by its marking, or None when it is marked PUBLIC."""
    if not isinstance(record, dict):
        return f"{record_name(kind, index, record)} is not an object"
    marking = record.get("marking")
    if marking != PUBLIC:
        shown = "no marking" if marking is None else f"the marking {marking!r}"
        return f"{record_name(kind, index, record)} carries {shown}, not {PUBLIC}"
    return None


def checked(kind: Kind, index: int, record: dict) -> dict:
    """The record as its model's keyword arguments; BadValue naming the record and field otherwise."""
    name = record_name(kind, index, record)
    missing = [field for field in kind.fields if field not in record]
    unknown = sorted(set(record) - set(kind.fields))
    if missing:
        raise BadValue(f"{name}: field {missing[0]} is missing")
    if unknown:
        raise BadValue(f"{name}: field {unknown[0]} is not a field of {kind.name}")
    values = {}
    for field, check in kind.fields.items():
        try:
            values[field] = check(record[field])
        except BadValue as error:
            raise BadValue(f"{name}: field {field}: {error}") from None
    return values
