"""Checking an EventInput: every problem named by field, with the reason, before anything is stored."""

from dataclasses import fields
from datetime import datetime, timedelta
from operator import attrgetter

from peacekeeper.core.bounds import DB_INT_MAX, DB_INT_MIN, EARLIEST_RECORD_MOMENT, iso, moment_problem
from peacekeeper.core.errors import FieldError
from peacekeeper.core.text import text_problem
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import ActorType, Credibility, EventReport, Reliability, SourceType
from peacekeeper.events.taxonomy import CATEGORIES
from peacekeeper.interop.acled_values import MAX_CASUALTIES

# A clock a few minutes fast on a laptop should not block a report; a day ahead is a typo.
_FUTURE_SLACK = timedelta(minutes=15)
# The earliest moment a report may have: every page writes a report's time as a DTG, whose two-digit year
# covers 2000-2099 only (core.bounds), and the theatre's records start well after it (ACLED's from 2018).
# Earlier dates were accepted once, and the report's page, API detail and duplicates then failed.
EARLIEST_REPORT = EARLIEST_RECORD_MOMENT
_ACCEPTED = f"accepted from {iso(EARLIEST_REPORT)} up to now (15 minutes ahead for clock skew)"
_CASUALTY_FIELDS = tuple(
    f"{kind}_{who}" for kind in ("killed", "injured") for who in ("civilians", "police", "force", "other")
)
# Sets built once: TextChoices.values builds a new list on every access, which shows at a million rows.
_ACTOR_TYPES = frozenset(ActorType.values)
_RELIABILITIES = frozenset(Reliability.values)
_CREDIBILITIES = frozenset(Credibility.values)
_SOURCE_TYPES = frozenset(SourceType.values)
_INPUT_FIELDS = frozenset(field.name for field in fields(EventInput))
_STRING_FIELDS = tuple(field.name for field in fields(EventInput) if field.type in (str, str | None))
_string_values = attrgetter(*_STRING_FIELDS)
# Only the text fields an EventInput carries: looking up absent attributes costs an exception each.
_TEXT_LIMITS = tuple(
    (field.name, field.max_length)
    for field in EventReport._meta.get_fields()
    if getattr(field, "max_length", None)
    and field.get_internal_type() == "CharField"
    and field.name in _INPUT_FIELDS
)


def _in_range(value: object, low: int, high: int) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and low <= value <= high


def validate_input(data: EventInput, *, now: datetime) -> list[FieldError]:
    """All problems with data; an empty list means it may be stored. The theatre check is separate."""
    errors: list[FieldError] = []

    def fail(field: str, reason: str) -> None:
        errors.append(FieldError(field, reason))

    if data.occurred_at is None or data.occurred_at.tzinfo is None:
        fail("occurred_at", "a date-time with a time zone is required (a DTG such as 291430ZNOV26, or 'now')")
    elif problem := report_moment_problem(data.occurred_at, now=now):
        fail("occurred_at", problem)
    if data.reported_at is not None and data.reported_at.tzinfo is None:
        fail("reported_at", "a date-time with a time zone is required")
    elif data.reported_at is not None and (problem := report_moment_problem(data.reported_at, now=now)):
        fail("reported_at", problem)
    if not isinstance(data.lat, int | float) or not -90 <= data.lat <= 90:
        fail("lat", f"latitude {data.lat!r} is not between -90 and 90")
    if not isinstance(data.lon, int | float) or not -180 <= data.lon <= 180:
        fail("lon", f"longitude {data.lon!r} is not between -180 and 180")
    if data.category not in CATEGORIES:
        fail("category", f"unknown category {data.category!r}")
    for field in ("time_precision", "geo_precision"):
        if not _in_range(getattr(data, field), 1, 3):
            fail(field, f"{getattr(data, field)!r} is not 1, 2 or 3")
    if not _in_range(data.severity, 1, 5):
        fail("severity", f"{data.severity!r} is not between 1 (minor) and 5 (critical)")
    for field in _CASUALTY_FIELDS:
        value = getattr(data, field)
        if not _in_range(value, 0, MAX_CASUALTIES):
            fail(field, f"{value!r} is not a count (0 or more)")
    for field in ("inter1", "inter2"):
        if getattr(data, field) not in _ACTOR_TYPES:
            fail(field, f"{getattr(data, field)!r} is not an ACLED actor type code 0-8")
    if data.source_reliability not in _RELIABILITIES:
        fail("source_reliability", f"{data.source_reliability!r} is not a reliability grade A-F")
    if data.source_credibility not in _CREDIBILITIES:
        fail("source_credibility", f"{data.source_credibility!r} is not a credibility grade 1-6")
    if data.source_type not in _SOURCE_TYPES:
        fail("source_type", f"{data.source_type!r} is not one of {', '.join(SourceType.values)}")
    for field, limit in _TEXT_LIMITS:
        value = getattr(data, field)
        if isinstance(value, str) and len(value) > limit:
            fail(field, f"is {len(value)} characters long; at most {limit} fit")
    texts = [value for value in _string_values(data) if isinstance(value, str)]
    # Looked at one by one only when all of them together hold a problem (joining text makes none).
    if text_problem("".join(texts)):
        for field in _STRING_FIELDS:
            value = getattr(data, field)
            if isinstance(value, str) and (problem := text_problem(value)):
                fail(field, problem)
    if data.source_timestamp is not None and not _in_range(data.source_timestamp, DB_INT_MIN, DB_INT_MAX):
        fail("source_timestamp", f"{data.source_timestamp!r} is not a whole number the database holds")
    if data.place_id is not None and not _in_range(data.place_id, 1, DB_INT_MAX):
        fail("place_id", f"{data.place_id!r} is not a place id")
    if data.grid_precision is not None and not _in_range(data.grid_precision, 0, 5):
        fail("grid_precision", f"{data.grid_precision!r} is not 0 to 5 digits per axis")
    return errors


def report_moment_problem(moment: datetime, *, now: datetime) -> str | None:
    """Why a report cannot have happened (or been reported) at this aware moment, or None."""
    latest = now + _FUTURE_SLACK
    # An aware moment inside the range is inside it by moment_problem's rules too (its wall clock lies
    # within a day of it): comparing first spares a million rows its conversions. A zone that gives no
    # offset cannot be compared; moment_problem decides then.
    try:
        if EARLIEST_REPORT <= moment <= latest:
            return None
    except TypeError:
        pass
    if moment_problem(moment, earliest=EARLIEST_REPORT, latest=latest) is None:
        return None
    # Out of range: the wall clock tells which end (the range is decades long, UTC offsets a day at most).
    early = moment.replace(tzinfo=None) < (EARLIEST_REPORT + timedelta(days=1)).replace(tzinfo=None)
    return f"{iso(moment)} is {'too early' if early else 'in the future'}: {_ACCEPTED}"


def theatre_error(*, inside: bool, allowed: bool) -> FieldError | None:
    if inside or allowed:
        return None
    return FieldError("location", "the point lies outside the theatre; confirm it to log it anyway")
