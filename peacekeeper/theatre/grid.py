"""Military Grid Reference System (MGRS) references, e.g. ``34TEN1356323395`` near Pristina.

A reference is a grid zone (``34``), a latitude band (``T``), a 100 km square (``EN``) and an equal
number of easting and northing digits: 5 + 5 name a 1 m square, 4 + 4 a 10 m square, down to none,
which names the whole 100 km square. All of Kosovo lies in 34T, squares DM, DN, EM and EN.

References are truncated, not rounded: ``34TDN89054867`` names the 10 m square whose south-west
corner is at easting 89050, northing 48670, and the point it stands for may be anywhere inside.
parse_mgrs therefore returns the centre of the square, which is never more than half a diagonal
away from the true point; the south-west corner could be a whole diagonal away.

The arithmetic is done by the ``mgrs`` package (NGA's GeoTrans). This module checks the text first,
so that a mistake is reported as what it is rather than as the library's "String Error".
Polar regions (UPS, bands A, B, Y, Z) are not supported. These are pure functions with no Django
dependency.
"""

import math
import re
from numbers import Real
from typing import NamedTuple

import mgrs
from mgrs.core import MGRSError


class GridError(ValueError):
    """A grid reference or position that cannot be read or written; the message says what is wrong."""


LAYOUT_HINT = "expected grid zone + latitude band + 100 km square + digits, e.g. 34TEN1356323395"

MIN_PRECISION = 0
MAX_PRECISION = 5
SOUTHERNMOST_LATITUDE = -80.0  # UTM, and so MGRS without UPS, stops here ...
NORTHERNMOST_LATITUDE = 84.0  # ... and here.

# Latitude bands are 8 degrees from 80S, except X, which is 12 (72N to 84N). I and O are never used.
LATITUDE_BANDS = "CDEFGHJKLMNPQRSTUVWX"
POLAR_BANDS = "ABYZ"
# Above 72N the zones are widened around Svalbard, so these zones have no X band.
ZONES_WITHOUT_BAND_X = frozenset({32, 34, 36})

# The 100 km column letters repeat every three zones; I and O are skipped.
COLUMN_LETTERS_BY_ZONE_REMAINDER = {1: "ABCDEFGH", 2: "JKLMNPQR", 0: "STUVWXYZ"}
ROW_LETTERS = "ABCDEFGHJKLMNPQRSTUV"

_REFERENCE = re.compile(r"(?P<zone>[0-9]{1,2})(?P<band>[A-Z])(?P<square>[A-Z]{2})(?P<digits>[0-9]*)")
# A loose layout that splits any attempt into runs, to say which part is wrong.
_REFERENCE_PARTS = re.compile(r"(?P<zone>[0-9]*)(?P<letters>[A-Z]*)(?P<digits>[0-9]*)(?P<rest>.*)", re.DOTALL)
_NOT_ALLOWED = re.compile(r"[^0-9A-Z]")


class _Reference(NamedTuple):
    zone: int
    band: str
    square: str
    digits: str

    @property
    def precision(self) -> int:
        return len(self.digits) // 2

    @property
    def canonical(self) -> str:
        return f"{self.zone:02d}{self.band}{self.square}{self.digits}"


def parse_mgrs(text: str) -> tuple[float, float]:
    """Read an MGRS reference and return (latitude, longitude) of the centre of the square it names.

    Upper or lower case and spaces are accepted (``34T EN 13563 23395``), with 0 to 5 digits each
    for easting and northing.
    """
    return _locate(text, _read(text))


def format_mgrs(latitude: float, longitude: float, *, precision: int = 5, spaced: bool = False) -> str:
    """Write a position as an MGRS reference, e.g. ``34TEN1356323394``, or ``34T EN 13563 23394`` spaced.

    ``precision`` is the number of digits each for easting and northing: 5 for 1 m, 4 for 10 m, down
    to 0 for the 100 km square. The position is truncated into its square, as MGRS requires.
    """
    _check_precision(precision)
    _check_position(latitude, longitude)
    try:
        reference = mgrs.MGRS().toMGRS(latitude, longitude, MGRSPrecision=precision)
    except Exception as error:  # the library raises its own MGRSError and others; wrap them all
        raise GridError(f"cannot convert ({latitude}, {longitude}) to MGRS: {error}") from error
    return _spaced(reference) if spaced else reference


def precision_metres(text: str) -> int:
    """The side of the square an MGRS reference names: 1 m for 5 + 5 digits, 10 m for 4 + 4, ...

    Raises GridError for anything parse_mgrs rejects.
    """
    reference = _read(text)
    _locate(text, reference)  # so that a square outside its band is refused here too
    return _square_size_metres(reference.precision)


def _read(text: str) -> _Reference:
    shown = text.strip()
    compact = "".join(text.split()).upper()
    match = _REFERENCE.fullmatch(compact)
    if match is None:
        raise GridError(f"MGRS '{shown}': {LAYOUT_HINT}; {_describe_layout_problem(compact)}")
    reference = _Reference(int(match["zone"]), match["band"], match["square"], match["digits"])
    problems = _value_problems(reference)
    if problems:
        raise GridError(f"MGRS '{shown}': " + "; ".join(problems))
    return reference


def _describe_layout_problem(compact: str) -> str:
    if not compact:
        return "the reference is empty"
    not_allowed = _NOT_ALLOWED.search(compact)
    if not_allowed:
        return f"'{not_allowed.group()}' is not allowed (only digits, letters and spaces)"

    parts = _REFERENCE_PARTS.fullmatch(compact)
    assert parts is not None  # every string matches: each group may be empty
    zone, letters, digits, rest = parts.group("zone", "letters", "digits", "rest")
    if not zone:
        return "it does not start with a grid zone number 1-60"
    if not letters:
        return "a latitude band letter and two 100 km square letters must follow the grid zone number"
    if len(zone) > 2:
        return f"grid zone number '{zone}' has more than two digits (expected 1-60)"
    if len(letters) != 3:
        return (
            "expected a latitude band letter and two 100 km square letters after the grid zone number, "
            f"found '{letters}'"
        )
    return f"unexpected '{rest}' after the digits '{digits}'"


def _value_problems(reference: _Reference) -> list[str]:
    """Every wrong part of a reference whose layout is right, so one message can list them all."""
    problems = []
    zone, band, square, digits = reference
    if not 1 <= zone <= 60:
        problems.append(f"grid zone {zone} does not exist (expected 1-60)")
    if band in POLAR_BANDS:
        problems.append(
            f"latitude band '{band}' is a polar (UPS) band, which is not supported "
            "(expected C-X without I and O)"
        )
    elif band in "IO":
        problems.append(f"latitude band '{band}' does not exist (expected C-X without I and O)")
    elif band == "X" and zone in ZONES_WITHOUT_BAND_X:
        problems.append(f"grid zone {zone}X does not exist (above 72N only 31X, 33X, 35X and 37X are used)")
    problems.extend(_square_problems(zone, square))
    if len(digits) % 2:
        problems.append(f"it has {len(digits)} digits; easting and northing need the same number of digits")
    elif len(digits) > 2 * MAX_PRECISION:
        problems.append(
            f"it has {len(digits)} digits; at most 10 are allowed "
            "(5 for the easting and 5 for the northing, 1 m)"
        )
    return problems


def _square_problems(zone: int, square: str) -> list[str]:
    if "I" in square or "O" in square:
        return [f"100 km square '{square}' does not exist: the letters I and O are never used"]
    problems = []
    column, row = square
    columns = COLUMN_LETTERS_BY_ZONE_REMAINDER[zone % 3]
    if 1 <= zone <= 60 and column not in columns:
        problems.append(
            f"100 km square column '{column}' is not used in grid zone {zone} "
            f"(expected {columns[0]}-{columns[-1]})"
        )
    if row not in ROW_LETTERS:
        problems.append(f"100 km square row '{row}' does not exist (expected A-V without I and O)")
    return problems


def _locate(text: str, reference: _Reference) -> tuple[float, float]:
    try:
        # mgrs >= 1.6 already returns the centre of the square (older versions returned its
        # south-west corner; see _check_that_the_library_returns_centres below).
        latitude, longitude = mgrs.MGRS().toLatLon(reference.canonical)
    except MGRSError as error:
        # The checks in _read leave GeoTrans only one thing to refuse (verified for every zone, band
        # and square): a square too far from its band to be placed at all.
        raise GridError(
            f"MGRS '{text.strip()}': 100 km square '{reference.square}' does not lie in latitude band "
            f"{reference.band} of grid zone {reference.zone} (the mgrs library cannot convert it: {error})"
        ) from error
    except Exception as error:  # anything else the native code may raise
        raise GridError(f"MGRS '{text.strip()}': the mgrs library failed to convert it: {error!r}") from error

    # The row letters repeat every 2000 km, and GeoTrans picks the repeat nearest the band, so a
    # square outside the band still converts (with only a RuntimeWarning, "Latitude Warning").
    # Refuse it, with GeoTrans's own tolerance. The warning is left alone: muting it would take
    # warnings.catch_warnings, which is not thread-safe before Python 3.14.
    south, north = _band_latitudes(reference.band)
    tolerance = 10.0**-reference.precision  # degrees: 1 for a 100 km square, 0.00001 for 1 m
    if not south - tolerance <= latitude <= north + tolerance:
        raise GridError(
            f"MGRS '{text.strip()}': 100 km square '{reference.square}' does not lie in latitude band "
            f"{reference.band} ({_degrees(south)} to {_degrees(north)}) of grid zone {reference.zone}; "
            f"it would be at {_degrees(latitude)}"
        )
    return latitude, longitude


def _band_latitudes(band: str) -> tuple[float, float]:
    south = SOUTHERNMOST_LATITUDE + 8.0 * LATITUDE_BANDS.index(band)
    north = NORTHERNMOST_LATITUDE if band == "X" else south + 8.0
    return south, north


def _degrees(latitude: float) -> str:
    return f"{abs(latitude):.2f}{'N' if latitude >= 0 else 'S'}"


def _square_size_metres(precision: int) -> int:
    return 10 ** (MAX_PRECISION - precision)


def _check_precision(precision: int) -> None:
    # bool is an int, but precision=True is surely a mistake.
    if isinstance(precision, bool) or not isinstance(precision, int):
        raise GridError(f"precision must be a whole number 0-5, got {precision!r}")
    if not MIN_PRECISION <= precision <= MAX_PRECISION:
        raise GridError(
            f"precision {precision} is out of range 0-5 (digits each for easting and northing: 5 is 1 m, "
            "0 is the 100 km square)"
        )


def _check_position(latitude: float, longitude: float) -> None:
    for name, value in (("latitude", latitude), ("longitude", longitude)):
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise GridError(f"{name} must be a finite number of degrees, got {value!r}")
    if not -90 <= latitude <= 90:
        raise GridError(f"latitude {latitude} is out of range -90..90")
    if not -180 <= longitude <= 180:
        raise GridError(f"longitude {longitude} is out of range -180..180")
    if not SOUTHERNMOST_LATITUDE <= latitude <= NORTHERNMOST_LATITUDE:
        raise GridError(
            f"latitude {latitude} is outside MGRS/UTM coverage (-80..84); the polar regions use UPS, "
            "which is not supported"
        )


def _spaced(reference: str) -> str:
    # GeoTrans always writes the zone with two digits, so the layout is fixed: 2 + 1 + 2 + digits.
    digits = reference[5:]
    half = len(digits) // 2
    return " ".join(part for part in (reference[:3], reference[3:5], digits[:half], digits[half:]) if part)


def _check_that_the_library_returns_centres() -> None:
    """Fail at import, not with positions half a square off, if the installed mgrs is too old."""
    _, _, easting, northing = mgrs.MGRS().MGRSToUTM("34TDN")
    if (easting, northing) != (450_000.0, 4_750_000.0):
        version = getattr(mgrs, "__version__", "?")
        raise ImportError(
            "peacekeeper.theatre.grid needs mgrs >= 1.6, which returns the centre of a grid square; "
            f"the installed mgrs {version} returned ({easting}, {northing}) for 34TDN"
        )


_check_that_the_library_returns_centres()
