"""Bounds on the numbers and moments a request may give, checked at the door with the field named.

Integers: both databases hold 64-bit signed integers at most (SQLite's INTEGER, PostgreSQL's bigint), so
an id is 1 .. 2**63-1 and any other integer -2**63 .. 2**63-1. A larger one would fail inside the
database (SQLite: OverflowError; PostgreSQL: NumericValueOutOfRange), after whatever the request had
already stored.

Moments a query gives: Python's datetime stops at years 1 and 9999, and a window's arithmetic (a day added
to `until`, 90 days before `at`, a conversion to UTC) overflows near either end. A query's moment must lie
in 1900-01-01 .. 2200-01-01 UTC: wider than any record's, so "everything" windows work, and far enough from
datetime's ends that no window arithmetic overflows.

Moments a record keeps (a report's time, a restriction's start, expiry and lifting, a task's start and end)
are written as DTGs on every page, whose two-digit year covers 2000-2099 only (theatre.dtg): they must lie
in 2000-01-01 .. 2099-12-31 UTC (a day short of 2100, so that every zone letter can write them). A record
outside it was stored once, and its pages then failed.
"""

from datetime import UTC, date, datetime, timedelta
from typing import Annotated

from annotated_types import Ge, Le
from django import forms
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

DB_INT_MIN = -(2**63)
DB_INT_MAX = 2**63 - 1

EARLIEST_QUERY_MOMENT = datetime(1900, 1, 1, tzinfo=UTC)
LATEST_QUERY_MOMENT = datetime(2200, 1, 1, tzinfo=UTC)
EARLIEST_RECORD_MOMENT = datetime(2000, 1, 1, tzinfo=UTC)
LATEST_RECORD_MOMENT = datetime(2099, 12, 31, tzinfo=UTC)

# A database id (1 .. 2**63-1) and any other integer the databases hold, for Ninja schemas.
Id = Annotated[int, Ge(1), Le(DB_INT_MAX)]
DbInt = Annotated[int, Ge(DB_INT_MIN), Le(DB_INT_MAX)]


def int_problem(value: int) -> str | None:
    if DB_INT_MIN <= value <= DB_INT_MAX:
        return None
    return f"{value} is outside {DB_INT_MIN} .. {DB_INT_MAX}, the integers the database holds"


def iso(moment: datetime) -> str:
    """ISO 8601 as the API writes it (UTC as Z), safe for any datetime, even near year 1 or 9999."""
    return moment.isoformat().replace("+00:00", "Z")


def moment_problem(value: datetime, *, earliest: datetime, latest: datetime) -> str | None:
    """Why this moment lies outside earliest .. latest (both aware), or None. A naive value is compared as
    UTC; whether a zone is required is the caller's rule."""
    margin = timedelta(days=2)  # more than any UTC offset, so the wall clock decides the far cases
    wall = value.replace(tzinfo=None)
    # The wall clock first: converting a moment within hours of year 1 or 9999 to UTC overflows.
    far = wall < earliest.replace(tzinfo=None) - margin or wall > latest.replace(tzinfo=None) + margin
    instant = value if value.utcoffset() is not None else value.replace(tzinfo=UTC)
    if far or not earliest <= instant <= latest:
        return f"{iso(value)} is outside the range accepted, {iso(earliest)} to {iso(latest)}"
    return None


def day_problem(value: date, *, earliest: date, latest: date) -> str | None:
    if earliest <= value <= latest:
        return None
    return f"{value} is outside the range accepted, {earliest} to {latest}"


def record_moment_problem(value: datetime) -> str | None:
    return moment_problem(value, earliest=EARLIEST_RECORD_MOMENT, latest=LATEST_RECORD_MOMENT)


def query_moment_problem(value: datetime) -> str | None:
    return moment_problem(value, earliest=EARLIEST_QUERY_MOMENT, latest=LATEST_QUERY_MOMENT)


def query_day_problem(value: date) -> str | None:
    return day_problem(value, earliest=EARLIEST_QUERY_MOMENT.date(), latest=LATEST_QUERY_MOMENT.date())


def _checked_moment(value: datetime) -> datetime:
    problem = query_moment_problem(value)
    if problem:
        raise PydanticCustomError("moment_out_of_range", problem)
    return value


def _checked_day(value: date) -> date:
    problem = query_day_problem(value)
    if problem:
        raise PydanticCustomError("day_out_of_range", problem)
    return value


# A moment or a day a query gives (a window's ends, "at"), for Ninja schemas: 422 naming it when out of range.
QueryMoment = Annotated[datetime, AfterValidator(_checked_moment)]
QueryDay = Annotated[date, AfterValidator(_checked_day)]


class QueryDateField(forms.DateField):
    """A page's date filter, in the query range (a day is added to `until`, which overflowed at 9999)."""

    def validate(self, value: date | None) -> None:
        super().validate(value)
        if value is not None and (problem := query_day_problem(value)):
            raise forms.ValidationError(problem, code="out_of_range")


class QueryDateTimeField(forms.DateTimeField):
    """A page's moment ("assess at"), in the query range."""

    def validate(self, value: datetime | None) -> None:
        super().validate(value)
        if value is not None and (problem := query_moment_problem(value)):
            raise forms.ValidationError(problem, code="out_of_range")


class RecordDateTimeField(forms.DateTimeField):
    """A moment a form stores on a record, in the range a DTG can write."""

    def validate(self, value: datetime | None) -> None:
        super().validate(value)
        if value is not None and (problem := record_moment_problem(value)):
            raise forms.ValidationError(problem, code="out_of_range")


class RecordsField(forms.ModelMultipleChoiceField):
    """A form's choice of several records: an id the database cannot hold is an invalid choice, as a missing
    one is. Django looks the ids up with IN (...), on which SQLite overflows (PostgreSQL finds nothing)."""

    def clean(self, value: object) -> object:
        for given in value if isinstance(value, list | tuple) else ():
            try:
                number = int(given)
            except (TypeError, ValueError):
                continue  # not a number: refused by Django as it is
            if int_problem(number):
                raise forms.ValidationError(
                    self.error_messages["invalid_choice"], code="invalid_choice", params={"value": given}
                )
        return super().clean(value)
