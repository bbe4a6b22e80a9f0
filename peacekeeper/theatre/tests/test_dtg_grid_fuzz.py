"""Fuzzing the readers of what a person types for time and place: any text gives a result or the module's
own clear error, never another exception (issue 11). A few seconds per run: max_examples is bounded."""

from collections.abc import Callable
from datetime import UTC, datetime, timedelta, timezone
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser
from hypothesis import given, settings
from hypothesis import strategies as st

from peacekeeper.core.errors import InputError
from peacekeeper.events.entry import resolve_location, resolve_time
from peacekeeper.theatre.dtg import DTGError, format_dtg, parse_dtg
from peacekeeper.theatre.grid import GridError, format_mgrs, parse_mgrs, precision_metres

FUZZ = settings(max_examples=400, deadline=None)
T = TypeVar("T")

# Text near the layouts (digits, zone and band letters, months, spaces, look-alike digits, NUL), and any text.
DTG_ALPHABET = [*"0123456789ZJABNYzj \t\n\x00²٣ßİ", "JAN", "FEB", "NOV", "DEC", "now"]
GRID_ALPHABET = list("0123456789TDNEMXABYZIOCVtdn \t\x00²٣é")
near_dtg = st.lists(st.sampled_from(DTG_ALPHABET), max_size=16).map("".join)
near_grid = st.lists(st.sampled_from(GRID_ALPHABET), max_size=18).map("".join)
well_formed_dtg = st.from_regex(r"[0-9]{6}[A-Z][A-Z]{3}[0-9]{2}", fullmatch=True)
well_formed_grid = st.from_regex(r"[0-9]{1,2}[A-Z]{3}[0-9]{0,12}", fullmatch=True)


def outcome(call: Callable[[], T], refusal: type[Exception]) -> tuple[T | None, Exception | None]:
    """What call returned, or the refusal it raised; any other exception fails the test."""
    try:
        return call(), None
    except refusal as error:
        return None, error


@FUZZ
@given(st.one_of(st.text(), near_dtg, well_formed_dtg))
def test_any_text_is_a_dtg_or_a_dtg_error(text):
    moment, error = outcome(lambda: parse_dtg(text), DTGError)
    if error is None:
        assert moment.tzinfo is UTC
        assert parse_dtg(format_dtg(moment)) == moment.replace(second=0, microsecond=0)
    else:
        assert str(error).startswith("DTG")


@FUZZ
@given(st.one_of(st.text(), near_grid, well_formed_grid))
def test_any_text_is_a_grid_or_a_grid_error(text):
    position, error = outcome(lambda: (*parse_mgrs(text), precision_metres(text)), GridError)
    if error is None:
        latitude, longitude, metres = position
        assert -80.5 <= latitude <= 84.5
        assert -180 <= longitude <= 180
        assert metres in {1, 10, 100, 1000, 10_000, 100_000}
    else:
        assert str(error).startswith("MGRS")


@FUZZ
@given(st.one_of(st.text(), near_dtg, well_formed_dtg))
def test_the_entry_form_reads_any_time_or_names_the_field(text):
    _, error = outcome(lambda: resolve_time(dtg=text), InputError)
    assert error is None or [problem.field for problem in error.errors] == ["occurred"]


@FUZZ
@given(st.one_of(st.text(), near_grid, well_formed_grid))
def test_the_entry_form_reads_any_grid_or_names_the_field(text):
    _, error = outcome(lambda: resolve_location(user=AnonymousUser(), mgrs=text), InputError)
    assert error is None or [problem.field for problem in error.errors] in (["mgrs"], ["location"])


@FUZZ
@given(st.floats(), st.floats())
def test_the_entry_form_reads_any_map_click_or_names_the_location(latitude, longitude):
    location, error = outcome(
        lambda: resolve_location(user=AnonymousUser(), lat=latitude, lon=longitude), InputError
    )
    if error is None:
        assert (location.lat, location.lon) == (latitude, longitude)
    else:
        assert [problem.field for problem in error.errors] == ["location"]


ZONES = [UTC, timezone(timedelta(hours=14)), timezone(timedelta(hours=-12))]


@FUZZ
@given(st.datetimes(timezones=st.sampled_from(ZONES)), st.sampled_from(["Z", "A", "J", "Y", "z", "JJ", ""]))
def test_any_moment_is_written_as_a_dtg_or_refused_with_a_dtg_error(moment, zone):
    outcome(lambda: format_dtg(moment, zone=zone), DTGError)


@FUZZ
@given(st.floats(), st.floats(), st.integers(min_value=-2, max_value=7))
def test_any_position_is_written_as_a_grid_or_refused_with_a_grid_error(latitude, longitude, precision):
    outcome(lambda: format_mgrs(latitude, longitude, precision=precision), GridError)


def test_the_fuzzed_years_are_the_ones_a_dtg_can_write():
    assert parse_dtg("010000ZJAN00") == datetime(2000, 1, 1, tzinfo=UTC)
