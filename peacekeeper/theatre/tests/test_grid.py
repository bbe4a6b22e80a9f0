"""MGRS grid references: known points in Kosovo, centres of squares, round trips and bad input."""

import math
import re

import mgrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.theatre.grid import GridError, format_mgrs, parse_mgrs, precision_metres

# GeoTrans warns ("Latitude Warning") about a square outside its band before parse_mgrs refuses it;
# only test_it_refuses_a_square_outside_its_band_that_the_library_would_only_warn_about checks that.
pytestmark = pytest.mark.filterwarnings('ignore:Warning in "Convert_MGRS_To_Geodetic":RuntimeWarning')

PRISTINA = (42.6629, 21.1655)
KOSOVO_SQUARES = {"34TDM", "34TDN", "34TEM", "34TEN"}

kosovo_latitudes = st.floats(min_value=41.8, max_value=43.3)
kosovo_longitudes = st.floats(min_value=20.0, max_value=21.8)
precisions = st.integers(min_value=0, max_value=5)


def message(text: str) -> str:
    """A pytest.raises(match=...) pattern for a literal message fragment."""
    return re.escape(text)


def distance_metres(first: tuple[float, float], second: tuple[float, float]) -> float:
    """Great-circle (haversine) distance; ample for the metre-scale checks here."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*first, *second))
    haversine = (
        math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6_371_008.8 * math.asin(math.sqrt(haversine))


def utm_zone_34(latitude: float, longitude: float) -> tuple[float, float]:
    """(easting, northing) in UTM zone 34N, computed independently of the mgrs library.

    Krüger's series to third order in n (as in Karney 2011), good to well under a millimetre this
    close to the central meridian; it lets the tests check where a square's centre really is.
    """
    a, f, k0 = 6_378_137.0, 1 / 298.257223563, 0.9996
    n = f / (2 - f)
    rectifying_radius = a / (1 + n) * (1 + n**2 / 4 + n**4 / 64)
    alpha = (n / 2 - 2 * n**2 / 3 + 5 * n**3 / 16, 13 * n**2 / 48 - 3 * n**3 / 5, 61 * n**3 / 240)
    phi = math.radians(latitude)
    lam = math.radians(longitude - 21.0)  # zone 34's central meridian
    e = 2 * math.sqrt(n) / (1 + n)
    t = math.sinh(math.atanh(math.sin(phi)) - e * math.atanh(e * math.sin(phi)))
    xi = math.atan2(t, math.cos(lam))
    eta = math.atanh(math.sin(lam) / math.sqrt(1 + t * t))
    terms = list(enumerate(alpha, start=1))
    easting = 500_000 + k0 * rectifying_radius * (
        eta + sum(a_j * math.cos(2 * j * xi) * math.sinh(2 * j * eta) for j, a_j in terms)
    )
    northing = (
        k0
        * rectifying_radius
        * (xi + sum(a_j * math.sin(2 * j * xi) * math.cosh(2 * j * eta) for j, a_j in terms))
    )
    return easting, northing


# --- Known points ---------------------------------------------------------------------------------


def test_it_places_pristina_within_a_metre_and_a_half() -> None:
    assert distance_metres(parse_mgrs("34TEN1356323395"), PRISTINA) < 1.5


def test_it_writes_pristina_by_truncating_not_rounding() -> None:
    # Pristina is at northing 4723394.8: the 1 m square is 23394, although 23395 is nearer.
    assert utm_zone_34(*PRISTINA)[1] == pytest.approx(4_723_394.8, abs=0.05)
    assert format_mgrs(*PRISTINA) == "34TEN1356323394"


def test_it_writes_pristina_spaced() -> None:
    assert format_mgrs(*PRISTINA, spaced=True) == "34T EN 13563 23394"


def test_it_places_the_mitrovica_bridge_reference_in_the_middle_of_its_10_m_square() -> None:
    # 34TDN89054867 is the 10 m square from easting 489050 and northing 4748670: centre +5 m, +5 m.
    easting, northing = utm_zone_34(*parse_mgrs("34TDN89054867"))
    assert easting == pytest.approx(489_055.0, abs=0.01)
    assert northing == pytest.approx(4_748_675.0, abs=0.01)


def test_it_writes_the_mitrovica_bridge_back_as_the_same_10_m_reference() -> None:
    assert format_mgrs(*parse_mgrs("34TDN89054867"), precision=4) == "34TDN89054867"


@pytest.mark.parametrize(
    ("reference", "centre_easting", "centre_northing"),
    [
        ("34TDN", 450_000.0, 4_750_000.0),
        ("34TDN84", 485_000.0, 4_745_000.0),
        ("34TDN8948", 489_500.0, 4_748_500.0),
        ("34TDN890486", 489_050.0, 4_748_650.0),
        ("34TDN89054867", 489_055.0, 4_748_675.0),
        ("34TDN8905548675", 489_055.5, 4_748_675.5),
    ],
)
def test_it_returns_the_centre_of_the_square_at_every_precision(
    reference: str, centre_easting: float, centre_northing: float
) -> None:
    easting, northing = utm_zone_34(*parse_mgrs(reference))
    assert easting == pytest.approx(centre_easting, abs=0.01)
    assert northing == pytest.approx(centre_northing, abs=0.01)


def test_the_mgrs_library_itself_returns_centres() -> None:
    # grid.py relies on this (mgrs >= 1.6) and refuses to import otherwise.
    assert mgrs.MGRS().MGRSToUTM("34TDN89054867")[2:] == (489_055.0, 4_748_675.0)


# --- Reading --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "34ten1356323395",
        "34T EN 13563 23395",
        "  34 T EN 13563 23395\n",
        "34TEN 13563 23395",
        "34t\ten13563 23395",
    ],
)
def test_it_accepts_lower_case_and_spaces(text: str) -> None:
    assert parse_mgrs(text) == parse_mgrs("34TEN1356323395")


def test_it_accepts_a_one_digit_grid_zone_with_or_without_a_leading_zero() -> None:
    assert parse_mgrs("4QFJ1234") == parse_mgrs("04QFJ1234")


def test_it_reads_a_reference_in_the_southern_hemisphere() -> None:
    latitude, longitude = parse_mgrs(format_mgrs(-33.8568, 151.2153))  # Sydney Opera House
    assert distance_metres((latitude, longitude), (-33.8568, 151.2153)) < 1.5


@pytest.mark.parametrize(
    ("reference", "metres"),
    [
        ("34TEN", 100_000),
        ("34TEN12", 10_000),
        ("34TEN1323", 1_000),
        ("34TEN135233", 100),
        ("34TDN89054867", 10),
        ("34TEN1356323395", 1),
        ("34t en 13563 23395", 1),
    ],
)
def test_precision_metres_gives_the_side_of_the_square(reference: str, metres: int) -> None:
    assert precision_metres(reference) == metres


def test_precision_metres_rejects_what_parse_rejects() -> None:
    with pytest.raises(GridError, match=message("has 7 digits")):
        precision_metres("34TEN1234567")
    with pytest.raises(GridError, match=message("100 km square 'EA' does not lie in latitude band T")):
        precision_metres("34TEA1234")


# --- Rejecting what is not a grid reference -------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_message"),
    [
        ("0TEN1234", "MGRS '0TEN1234': grid zone 0 does not exist (expected 1-60)"),
        ("00TEN1234", "MGRS '00TEN1234': grid zone 0 does not exist (expected 1-60)"),
        ("61TEN1234", "MGRS '61TEN1234': grid zone 61 does not exist (expected 1-60)"),
        ("34IEN1234", "MGRS '34IEN1234': latitude band 'I' does not exist (expected C-X without I and O)"),
        ("34OEN1234", "MGRS '34OEN1234': latitude band 'O' does not exist (expected C-X without I and O)"),
        ("34AEN1234", "latitude band 'A' is a polar (UPS) band, which is not supported"),
        ("34BEN1234", "latitude band 'B' is a polar (UPS) band, which is not supported"),
        ("34YEN1234", "latitude band 'Y' is a polar (UPS) band, which is not supported"),
        ("34ZEN1234", "latitude band 'Z' is a polar (UPS) band, which is not supported"),
        ("34XEN1234", "grid zone 34X does not exist (above 72N only 31X, 33X, 35X and 37X are used)"),
        (
            "34TEN1356323",
            "MGRS '34TEN1356323': it has 7 digits; easting and northing need the same number of digits",
        ),
        ("34TEN1", "it has 1 digits; easting and northing need the same number of digits"),
        (
            "34TEN135632339512",
            "it has 12 digits; at most 10 are allowed (5 for the easting and 5 for the northing",
        ),
        (
            "34TIN1234",
            "MGRS '34TIN1234': 100 km square 'IN' does not exist: the letters I and O are never used",
        ),
        ("34TEO1234", "100 km square 'EO' does not exist: the letters I and O are never used"),
        (
            "34TSN1234",
            "MGRS '34TSN1234': 100 km square column 'S' is not used in grid zone 34 (expected A-H)",
        ),
        ("35TEN1234", "100 km square column 'E' is not used in grid zone 35 (expected J-R)"),
        ("33TKN1234", "100 km square column 'K' is not used in grid zone 33 (expected S-Z)"),
        (
            "34TEW1234",
            "MGRS '34TEW1234': 100 km square row 'W' does not exist (expected A-V without I and O)",
        ),
        ("34TEZ", "100 km square row 'Z' does not exist (expected A-V without I and O)"),
        (
            "34TEA1234",
            "MGRS '34TEA1234': 100 km square 'EA' does not lie in latitude band T (40.00N to 48.00N) "
            "of grid zone 34; it would be at 49.96N",
        ),
        (
            "34UEN1234",
            "100 km square 'EN' does not lie in latitude band U (48.00N to 56.00N) of grid zone 34",
        ),
        (
            "34TEJ",
            "MGRS '34TEJ': 100 km square 'EJ' does not lie in latitude band T of grid zone 34 "
            "(the mgrs library cannot convert it: ",
        ),
        (
            "61ZIO123",
            "MGRS '61ZIO123': grid zone 61 does not exist (expected 1-60); "
            "latitude band 'Z' is a polar (UPS) band, which is not supported (expected C-X without I and O); "
            "100 km square 'IO' does not exist: the letters I and O are never used; "
            "it has 3 digits; easting and northing need the same number of digits",
        ),
    ],
)
def test_it_rejects_a_part_that_does_not_exist_saying_which(text: str, expected_message: str) -> None:
    with pytest.raises(GridError, match=message(expected_message)):
        parse_mgrs(text)


@pytest.mark.parametrize(
    ("text", "what_is_wrong"),
    [
        ("garbage", "it does not start with a grid zone number 1-60"),
        ("TEN1234", "it does not start with a grid zone number 1-60"),
        ("334TEN1234", "grid zone number '334' has more than two digits (expected 1-60)"),
        (
            "34TE1234",
            "expected a latitude band letter and two 100 km square letters after the grid zone number, "
            "found 'TE'",
        ),
        ("341234", "a latitude band letter and two 100 km square letters must follow the grid zone number"),
        (
            "34TENN1234",
            "expected a latitude band letter and two 100 km square letters after the grid zone number, "
            "found 'TENN'",
        ),
        ("34TEN12X34", "unexpected 'X34' after the digits '12'"),
        ("34TEN-1234", "'-' is not allowed (only digits, letters and spaces)"),
        ("42.6629, 21.1655", "'.' is not allowed (only digits, letters and spaces)"),
        ("", "the reference is empty"),
        ("   ", "the reference is empty"),
    ],
)
def test_it_rejects_a_wrong_layout_saying_which_part_is_wrong(text: str, what_is_wrong: str) -> None:
    expected = (
        f"MGRS '{text.strip()}': expected grid zone + latitude band + 100 km square + digits, "
        f"e.g. 34TEN1356323395; {what_is_wrong}"
    )
    with pytest.raises(GridError, match=message(expected)):
        parse_mgrs(text)


def test_its_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="grid zone 0"):
        parse_mgrs("0TEN")


def test_it_wraps_any_failure_of_the_mgrs_library_quoting_the_input(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: mgrs.MGRS, text: str) -> tuple[float, float]:
        raise RuntimeError("native code fell over")

    monkeypatch.setattr(mgrs.MGRS, "toLatLon", broken)
    with pytest.raises(
        GridError,
        match=message(
            "MGRS '34TEN1356323395': the mgrs library failed to convert it: RuntimeError('native code"
        ),
    ) as raised:
        parse_mgrs("34TEN1356323395")
    assert isinstance(raised.value.__cause__, RuntimeError)


def test_it_refuses_a_square_outside_its_band_that_the_library_would_only_warn_about() -> None:
    with pytest.warns(RuntimeWarning, match="Latitude Warning"), pytest.raises(GridError):
        parse_mgrs("34TEA1234")


# --- Writing --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("precision", "compact", "spaced"),
    [
        (0, "34TEN", "34T EN"),
        (1, "34TEN12", "34T EN 1 2"),
        (2, "34TEN1323", "34T EN 13 23"),
        (3, "34TEN135233", "34T EN 135 233"),
        (4, "34TEN13562339", "34T EN 1356 2339"),
        (5, "34TEN1356323394", "34T EN 13563 23394"),
    ],
)
def test_it_writes_every_precision_compact_and_spaced(precision: int, compact: str, spaced: str) -> None:
    assert format_mgrs(*PRISTINA, precision=precision) == compact
    assert format_mgrs(*PRISTINA, precision=precision, spaced=True) == spaced


def test_it_writes_a_one_digit_zone_with_a_leading_zero() -> None:
    assert format_mgrs(21.3069, -157.8583, precision=2).startswith("04QFJ")  # Honolulu


@pytest.mark.parametrize(
    ("latitude", "longitude", "expected_message"),
    [
        (90.5, 21.0, "latitude 90.5 is out of range -90..90"),
        (-91.0, 21.0, "latitude -91.0 is out of range -90..90"),
        (42.0, 180.5, "longitude 180.5 is out of range -180..180"),
        (42.0, -181.0, "longitude -181.0 is out of range -180..180"),
        (84.5, 21.0, "latitude 84.5 is outside MGRS/UTM coverage (-80..84); the polar regions use UPS"),
        (-80.5, 21.0, "latitude -80.5 is outside MGRS/UTM coverage (-80..84)"),
        (float("nan"), 21.0, "latitude must be a finite number of degrees, got nan"),
        (42.0, float("inf"), "longitude must be a finite number of degrees, got inf"),
        ("42.6", 21.0, "latitude must be a finite number of degrees, got '42.6'"),
        (True, 21.0, "latitude must be a finite number of degrees, got True"),
    ],
)
def test_it_refuses_to_write_a_position_outside_mgrs(
    latitude: float, longitude: float, expected_message: str
) -> None:
    with pytest.raises(GridError, match=message(expected_message)):
        format_mgrs(latitude, longitude)


def test_it_writes_the_edges_of_mgrs_coverage() -> None:
    assert format_mgrs(84.0, 21.0, precision=0).startswith("35X")  # 21E is in the widened Svalbard zone
    assert format_mgrs(-80.0, 21.0, precision=0).startswith("34C")
    assert format_mgrs(42.0, 180.0) == format_mgrs(42.0, -180.0)


@pytest.mark.parametrize(
    ("precision", "expected_message"),
    [
        (6, "precision 6 is out of range 0-5 (digits each for easting and northing: 5 is 1 m"),
        (-1, "precision -1 is out of range 0-5"),
        (2.0, "precision must be a whole number 0-5, got 2.0"),
        ("5", "precision must be a whole number 0-5, got '5'"),
        (True, "precision must be a whole number 0-5, got True"),
    ],
)
def test_it_rejects_a_precision_outside_0_to_5(precision: int, expected_message: str) -> None:
    with pytest.raises(GridError, match=message(expected_message)):
        format_mgrs(*PRISTINA, precision=precision)


def test_it_wraps_a_failure_of_the_mgrs_library_when_writing(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(self: mgrs.MGRS, *args: object, **kwargs: object) -> str:
        raise RuntimeError("native code fell over")

    monkeypatch.setattr(mgrs.MGRS, "toMGRS", broken)
    with pytest.raises(
        GridError, match=message("cannot convert (42.6629, 21.1655) to MGRS: native code fell over")
    ):
        format_mgrs(*PRISTINA)


# --- Round trips ----------------------------------------------------------------------------------


@given(latitude=kosovo_latitudes, longitude=kosovo_longitudes)
def test_writing_at_1_m_then_reading_lands_within_a_metre_and_a_half(
    latitude: float, longitude: float
) -> None:
    # The centre of a 1 m square is at most 0.71 m from any point in it.
    assert distance_metres(parse_mgrs(format_mgrs(latitude, longitude)), (latitude, longitude)) < 1.5


@given(latitude=kosovo_latitudes, longitude=kosovo_longitudes, precision=precisions)
def test_reading_lands_in_the_middle_of_the_square_the_point_was_written_in(
    latitude: float, longitude: float, precision: int
) -> None:
    size = 10 ** (5 - precision)
    point_easting, point_northing = utm_zone_34(latitude, longitude)
    centre_easting, centre_northing = utm_zone_34(
        *parse_mgrs(format_mgrs(latitude, longitude, precision=precision))
    )
    # A centre is half a square from the square's south-west corner ...
    for centre in (centre_easting, centre_northing):
        squares_from_origin = (centre - size / 2) / size
        assert abs(squares_from_origin - round(squares_from_origin)) * size < 0.01
    # ... and the point lies in that square.
    assert abs(point_easting - centre_easting) <= size / 2 + 0.01
    assert abs(point_northing - centre_northing) <= size / 2 + 0.01


@given(latitude=kosovo_latitudes, longitude=kosovo_longitudes, precision=precisions)
def test_reading_then_writing_gives_back_the_same_reference(
    latitude: float, longitude: float, precision: int
) -> None:
    reference = format_mgrs(latitude, longitude, precision=precision)
    assert format_mgrs(*parse_mgrs(reference), precision=precision) == reference


@given(latitude=kosovo_latitudes, longitude=kosovo_longitudes, precision=precisions)
def test_the_spaced_form_reads_the_same_as_the_compact_form(
    latitude: float, longitude: float, precision: int
) -> None:
    compact = format_mgrs(latitude, longitude, precision=precision)
    spaced = format_mgrs(latitude, longitude, precision=precision, spaced=True)
    assert spaced.replace(" ", "") == compact
    assert parse_mgrs(spaced.lower()) == parse_mgrs(compact)


@given(latitude=kosovo_latitudes, longitude=kosovo_longitudes)
def test_all_of_kosovo_lies_in_34t_squares_dm_dn_em_and_en(latitude: float, longitude: float) -> None:
    assert format_mgrs(latitude, longitude, precision=0) in KOSOVO_SQUARES
