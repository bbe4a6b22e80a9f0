"""The variants ACLED has published over the years, all read as the same values."""

import io
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.interop.acled import ACLED_COLUMNS, read_acled
from peacekeeper.interop.acled_values import parse_date
from peacekeeper.interop.tests.factories import ACLED_ROW, acled_row, acled_text, only_row, read_text

ENGLISH_MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def test_it_ignores_a_utf8_byte_order_mark() -> None:
    text = "\ufeff" + acled_text([ACLED_ROW])

    (row,) = read_text(text)

    assert row.event_id_cnty == "XKX1234"


def test_it_reads_a_file_opened_with_utf8_sig() -> None:
    data = ("\ufeff" + acled_text([ACLED_ROW])).encode()

    with io.TextIOWrapper(io.BytesIO(data), encoding="utf-8-sig", newline="") as stream:
        (row,) = list(read_acled(stream, categorise=category_for_acled))

    assert row.event_id_cnty == "XKX1234"


def test_it_accepts_header_casing_and_whitespace() -> None:
    header = [column.upper() for column in ACLED_COLUMNS]
    header[1], header[5] = "Event_Date", " event_type "
    text = acled_text([ACLED_ROW], ACLED_COLUMNS).replace(",".join(ACLED_COLUMNS), ",".join(header), 1)

    row = read_text(text)[0]

    assert (row.event_date, row.event_type) == (date(2026, 11, 29), "Protests")


def test_it_ignores_columns_it_does_not_know() -> None:
    columns = ["data_id", "event_id_no_cnty", *ACLED_COLUMNS, "gwno"]

    (row,) = read_text(acled_text([ACLED_ROW | {"data_id": "8812", "gwno": "347"}], columns))

    assert row.event_id_cnty == "XKX1234"


def test_it_keeps_iso3_alongside_iso() -> None:
    columns = [*ACLED_COLUMNS[:16], "iso3", *ACLED_COLUMNS[16:]]

    (row,) = read_text(acled_text([ACLED_ROW | {"iso3": "XKX"}], columns))

    assert (row.iso, row.iso3) == (0, "XKX")


def test_it_reads_the_column_names_of_older_releases() -> None:
    renamed = {
        "assoc_actor_1": "ALLY_ACTOR_1",
        "assoc_actor_2": "ALLY_ACTOR_2",
        "geo_precision": "GEO_PRECIS",
    }
    columns = [renamed.get(column, column) for column in ACLED_COLUMNS]
    old_row = {renamed.get(key, key): value for key, value in acled_row(geo_precision="2").items()}

    (row,) = read_text(acled_text([old_row], columns))

    assert (row.assoc_actor_1, row.geo_precision) == ("Vetevendosje", 2)


@pytest.mark.parametrize(
    ("given_as", "code"),
    [
        ("State forces", 1),
        ("Rebel Groups", 2),
        ("Rebel group", 2),
        ("Political militias", 3),
        ("IDENTITY MILITIAS", 4),
        ("Rioters", 5),
        ("Protesters", 6),
        ("Protestors", 6),
        ("protestor", 6),
        ("Civilians", 7),
        ("External/Other forces", 8),
        ("External / other forces", 8),
        ("3.0", 3),
        ("", 0),
    ],
)
def test_it_reads_inter_codes_given_as_names(given_as: str, code: int) -> None:
    assert only_row(acled_row(inter1=given_as)).inter1 == code


@pytest.mark.parametrize(
    "given_as",
    ["2026-11-29", "29-11-2026", "29/11/2026", "29.11.2026", "29 November 2026", "29-Nov-26", "29 nov 2026"],
)
def test_it_reads_every_date_layout(given_as: str) -> None:
    assert only_row(acled_row(event_date=given_as)).event_date == date(2026, 11, 29)


def test_two_digit_years_follow_the_posix_pivot() -> None:
    assert parse_date("01-Jan-97") == date(1997, 1, 1)
    assert parse_date("01-Jan-68") == date(2068, 1, 1)


@given(st.dates(min_value=date(1969, 1, 1), max_value=date(2068, 12, 31)))
def test_any_date_reads_back_from_every_layout(day: date) -> None:
    month = ENGLISH_MONTHS[day.month - 1]
    layouts = [
        day.isoformat(),
        day.strftime("%d-%m-%Y"),
        day.strftime("%d/%m/%Y"),
        f"{day.day} {month} {day.year}",
        f"{day.day:02d}-{month[:3]}-{day.year % 100:02d}",
    ]

    assert {parse_date(text) for text in layouts} == {day}


@pytest.mark.parametrize(
    ("event_type", "sub_event_type", "category"),
    [
        ("Strategic Developments", "Other", "strategic.other"),
        ("STRATEGIC DEVELOPMENTS", "Looting/Property destruction", "strategic.looting"),
        ("Protests", "Excessive force against protestors", "protests.excessive_force"),
        ("Explosions / Remote violence", "Remote explosive / landmine / IED", "explosions.remote_explosive"),
        ("  Riots ", "Mob  violence", "riots.mob_violence"),
    ],
)
def test_it_resolves_spelling_variants_of_event_types(
    event_type: str, sub_event_type: str, category: str
) -> None:
    row = only_row(acled_row(event_type=event_type, sub_event_type=sub_event_type))

    assert row.category.code == category


@pytest.mark.parametrize(
    ("given_as", "targeted"), [("Civilian targeting", True), ("civilian targeting", True), ("", False)]
)
def test_it_reads_civilian_targeting(given_as: str, targeted: bool) -> None:
    assert only_row(acled_row(civilian_targeting=given_as)).civilian_targeting is targeted


def test_it_reads_whole_numbers_written_as_decimals() -> None:
    row = only_row(
        acled_row(
            year="2026.0",
            time_precision="2.0",
            inter2="1.0",
            iso="0.0",
            geo_precision="3.0",
            fatalities="12.0",
            timestamp="1764460800.0",
        )
    )

    assert (row.year, row.time_precision, row.inter2, row.iso) == (2026, 2, 1, 0)
    assert (row.geo_precision, row.fatalities, row.timestamp) == (3, 12, 1764460800)


@pytest.mark.parametrize(
    ("inter1", "inter2", "interaction", "expected"),
    [
        ("1", "7", "17", 17),
        ("State forces", "Civilians", "State forces-Civilians", 17),
        ("7", "1", "", 17),
        ("Protesters", "", "", 60),
        ("", "", "", 0),
    ],
)
def test_interaction_given_as_text_or_missing_is_computed(
    inter1: str, inter2: str, interaction: str, expected: int
) -> None:
    row = only_row(acled_row(inter1=inter1, inter2=inter2, interaction=interaction))

    assert row.interaction == expected


def test_cells_are_read_without_surrounding_whitespace() -> None:
    row = only_row(acled_row(event_id_cnty=" XKX1234 ", latitude=" 42.8914 ", actor1=" Rioters (Kosovo) "))

    assert (row.event_id_cnty, row.latitude, row.actor1) == ("XKX1234", 42.8914, "Rioters (Kosovo)")
