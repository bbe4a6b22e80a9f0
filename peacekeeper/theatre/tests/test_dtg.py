"""Date-time groups: reading, writing, zone letters, local time around daylight saving changes."""

import calendar
import re
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from peacekeeper.theatre.dtg import MONTHS, ZONE_OFFSETS, DTGError, format_dtg, parse_dtg, zone_offset

BELGRADE = ZoneInfo("Europe/Belgrade")
FIXED_LETTERS = sorted(ZONE_OFFSETS)

# Two days' margin keeps every zone (up to 12 hours away from UTC) inside the DTG century.
instants_in_dtg_century = st.datetimes(
    min_value=datetime(2000, 1, 2), max_value=datetime(2099, 12, 30), timezones=st.just(UTC)
)


def utc(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


def to_the_minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def last_sunday(year: int, month: int) -> int:
    last_day = calendar.monthrange(year, month)[1]
    return max(day for day in range(last_day - 6, last_day + 1) if calendar.weekday(year, month, day) == 6)


def eu_clock_change(year: int, month: int) -> datetime:
    """EU clocks change at 01:00 UTC on the last Sunday of March and of October."""
    return utc(year, month, last_sunday(year, month), 1)


instants_near_clock_changes = st.builds(
    lambda year, month, minutes: eu_clock_change(year, month) + timedelta(minutes=minutes),
    st.integers(2000, 2099),
    st.sampled_from([3, 10]),
    st.integers(-180, 180),
)


def message(text: str) -> str:
    """A pytest.raises(match=...) pattern for a literal message fragment."""
    return re.escape(text)


# --- Reading --------------------------------------------------------------------------------------


def test_it_reads_the_standard_example() -> None:
    assert parse_dtg("291430ZNOV26") == utc(2026, 11, 29, 14, 30)


def test_it_returns_an_aware_datetime_in_utc() -> None:
    assert parse_dtg("291430BNOV26").tzinfo is UTC


@pytest.mark.parametrize(
    "text",
    [
        "291430znov26",
        "  291430ZNOV26\n",
        "29 1430Z NOV 26",
        "291430Z NOV 26",
        "29 1430 z nov 26",
        "\t291430Z\tNOV 26 ",
    ],
)
def test_it_accepts_lower_case_and_spaces(text: str) -> None:
    assert parse_dtg(text) == utc(2026, 11, 29, 14, 30)


def test_it_reads_a_two_digit_year_as_this_century() -> None:
    assert parse_dtg("010000ZJAN00") == utc(2000, 1, 1)
    assert parse_dtg("312359ZDEC99") == utc(2099, 12, 31, 23, 59)


def test_it_accepts_29_february_in_a_leap_year() -> None:
    assert parse_dtg("291200ZFEB28") == utc(2028, 2, 29, 12)


@pytest.mark.parametrize(
    ("text", "expected_utc"),
    [
        ("291430ANOV26", utc(2026, 11, 29, 13, 30)),
        ("291430BNOV26", utc(2026, 11, 29, 12, 30)),
        ("291430INOV26", utc(2026, 11, 29, 5, 30)),
        ("291430KNOV26", utc(2026, 11, 29, 4, 30)),
        ("291430MNOV26", utc(2026, 11, 29, 2, 30)),
        ("291430NNOV26", utc(2026, 11, 29, 15, 30)),
        ("291430YNOV26", utc(2026, 11, 30, 2, 30)),
        ("010030AJAN26", utc(2025, 12, 31, 23, 30)),
    ],
)
def test_it_converts_fixed_zone_letters_to_utc(text: str, expected_utc: datetime) -> None:
    assert parse_dtg(text) == expected_utc


def test_it_reads_j_as_central_european_time_in_winter() -> None:
    assert parse_dtg("151200JJAN26") == utc(2026, 1, 15, 11)


def test_it_reads_j_as_central_european_summer_time_in_summer() -> None:
    assert parse_dtg("151200JJUL26") == utc(2026, 7, 15, 10)


def test_it_reads_j_in_the_local_zone_it_is_given() -> None:
    assert parse_dtg("151200JJAN26", local_zone="America/New_York") == utc(2026, 1, 15, 17)


def test_it_reads_j_on_either_side_of_the_spring_forward_gap() -> None:
    assert parse_dtg("290159JMAR26") == utc(2026, 3, 29, 0, 59)
    assert parse_dtg("290300JMAR26") == utc(2026, 3, 29, 1, 0)


def test_it_rejects_a_j_time_skipped_when_the_clocks_go_forward() -> None:
    with pytest.raises(
        DTGError,
        match=message(
            "DTG '290230JMAR26': local time 02:30 on 29 MAR 2026 does not exist in Europe/Belgrade"
        ),
    ):
        parse_dtg("290230JMAR26")


def test_it_reads_a_repeated_j_time_as_its_first_occurrence() -> None:
    # 02:30 happens at 00:30 UTC (still summer time, +2) and again at 01:30 UTC (+1).
    assert parse_dtg("250230JOCT26") == utc(2026, 10, 25, 0, 30)


def test_it_reads_the_first_j_time_after_the_clocks_go_back_as_winter_time() -> None:
    assert parse_dtg("250300JOCT26") == utc(2026, 10, 25, 2)


def test_it_rejects_an_unknown_local_zone_for_j() -> None:
    with pytest.raises(DTGError, match=message("unknown local time zone 'Mars/Olympus_Mons'")):
        parse_dtg("151200JJAN26", local_zone="Mars/Olympus_Mons")


def test_it_needs_no_local_zone_for_fixed_letters() -> None:
    assert parse_dtg("151200ZJAN26", local_zone="Mars/Olympus_Mons") == utc(2026, 1, 15, 12)


# --- Rejecting what is not a DTG ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected_message"),
    [
        ("321430ZNOV26", "DTG '321430ZNOV26': day 32 does not exist in NOV 2026"),
        ("311430ZNOV26", "DTG '311430ZNOV26': day 31 does not exist in NOV 2026"),
        ("001430ZNOV26", "DTG '001430ZNOV26': day 00 does not exist in NOV 2026"),
        ("291200ZFEB27", "DTG '291200ZFEB27': day 29 does not exist in FEB 2027"),
        ("292430ZNOV26", "DTG '292430ZNOV26': hour 24 is out of range 00-23"),
        ("291461ZNOV26", "DTG '291461ZNOV26': minute 61 is out of range 00-59"),
        ("291460ZNOV26", "DTG '291460ZNOV26': minute 60 is out of range 00-59"),
        ("291430ZNOB26", "DTG '291430ZNOB26': unknown month 'NOB' (expected JAN..DEC)"),
        ("321430ZNOB26", "unknown month 'NOB' (expected JAN..DEC); day 32 is out of range 01-31"),
        ("29 1430z nob 26", "DTG '29 1430z nob 26': unknown month 'NOB'"),
    ],
)
def test_it_rejects_values_out_of_range(text: str, expected_message: str) -> None:
    with pytest.raises(DTGError, match=message(expected_message)):
        parse_dtg(text)


def test_it_rejects_day_32() -> None:
    with pytest.raises(DTGError, match=message("DTG '321430ZNOV26': day 32 does not exist in NOV 2026")):
        parse_dtg("321430ZNOV26")


def test_it_lists_every_value_that_is_out_of_range() -> None:
    with pytest.raises(
        DTGError,
        match=message(
            "DTG '322461ZNOV26': day 32 does not exist in NOV 2026; hour 24 is out of range 00-23; "
            "minute 61 is out of range 00-59"
        ),
    ):
        parse_dtg("322461ZNOV26")


@pytest.mark.parametrize(
    ("text", "what_is_wrong"),
    [
        ("2914ZNOV26", "it starts with 4 digits '2914' instead of the 6 of DDHHMM"),
        ("29143000ZNOV26", "it starts with 8 digits '29143000' instead of the 6 of DDHHMM"),
        ("ZNOV26", "it does not start with the 6 digits of DDHHMM"),
        ("29143OZNOV26", "it starts with 5 digits '29143' instead of the 6 of DDHHMM"),
        ("291430NOV26", "there is no zone letter between DDHHMM and the month 'NOV'"),
        ("291430Z26", "expected a zone letter and a three-letter month after DDHHMM, found 'Z'"),
        (
            "291430ZNOVEMBER26",
            "expected a zone letter and a three-letter month after DDHHMM, found 'ZNOVEMBER'",
        ),
        ("291430ZNOV", "the two-digit year is missing"),
        ("291430ZNOV2026", "the year must be two digits (YY), found '2026'"),
        ("291430ZNOV6", "the year must be two digits (YY), found '6'"),
        ("291430ZNOV26Z", "unexpected 'Z' after the year"),
        ("291430ZNOV26 extra", "unexpected 'EXTRA' after the year"),
        ("29/1430Z NOV 26", "'/' is not allowed (only digits, letters and spaces)"),
        ("29:14:30ZNOV26", "':' is not allowed (only digits, letters and spaces)"),
        ("\u0662\u0669\u0661\u0664\u0663\u0660ZNOV26", "'\u0662' is not allowed"),
        ("2026-11-29T14:30Z", "'-' is not allowed"),
        ("", "the DTG is empty"),
        ("   ", "the DTG is empty"),
    ],
)
def test_it_rejects_a_wrong_layout_saying_which_part_is_wrong(text: str, what_is_wrong: str) -> None:
    expected = f"DTG '{text.strip()}': expected DDHHMM + zone letter + month + year, e.g. 291430ZNOV26; "
    with pytest.raises(DTGError, match=message(expected + what_is_wrong)):
        parse_dtg(text)


def test_its_errors_are_value_errors() -> None:
    with pytest.raises(ValueError, match="hour 25"):
        parse_dtg("292530ZNOV26")


# --- Zone letters ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("letter", "hours"),
    [("Z", 0), ("A", 1), ("B", 2), ("I", 9), ("K", 10), ("L", 11), ("M", 12), ("N", -1), ("Y", -12)],
)
def test_zone_offset_gives_the_fixed_offset_of_a_letter(letter: str, hours: int) -> None:
    assert zone_offset(letter) == timedelta(hours=hours)


def test_zone_offset_accepts_a_lower_case_letter() -> None:
    assert zone_offset("b") == timedelta(hours=2)


def test_there_is_one_fixed_letter_for_each_whole_hour_from_minus_12_to_plus_12() -> None:
    assert sorted(ZONE_OFFSETS.values()) == [timedelta(hours=hours) for hours in range(-12, 13)]
    assert "J" not in ZONE_OFFSETS


def test_zone_offset_refuses_j_because_local_time_has_no_fixed_offset() -> None:
    with pytest.raises(
        DTGError, match=message("zone letter 'J' means local time, which has no fixed offset")
    ):
        zone_offset("J")


@pytest.mark.parametrize("letter", ["1", "AB", "", "Ä", "*"])
def test_zone_offset_rejects_anything_but_a_single_letter(letter: str) -> None:
    with pytest.raises(DTGError, match=message(f"zone letter '{letter}' is not a single letter A-Z")):
        zone_offset(letter)


# --- Writing --------------------------------------------------------------------------------------


def test_it_writes_the_standard_example() -> None:
    assert format_dtg(utc(2026, 11, 29, 14, 30)) == "291430ZNOV26"


@pytest.mark.parametrize(
    ("zone", "expected"),
    [("A", "291530ANOV26"), ("B", "291630BNOV26"), ("y", "290230YNOV26"), ("M", "300230MNOV26")],
)
def test_it_writes_in_the_zone_letter_it_is_given(zone: str, expected: str) -> None:
    assert format_dtg(utc(2026, 11, 29, 14, 30), zone=zone) == expected


def test_it_writes_j_in_winter_as_central_european_time() -> None:
    assert format_dtg(utc(2026, 11, 29, 14, 30), zone="J") == "291530JNOV26"


def test_it_writes_j_in_summer_as_central_european_summer_time() -> None:
    assert format_dtg(utc(2026, 7, 15, 10), zone="J") == "151200JJUL26"


def test_it_writes_j_in_the_local_zone_it_is_given() -> None:
    assert format_dtg(utc(2026, 1, 15, 17), zone="J", local_zone="America/New_York") == "151200JJAN26"


def test_it_writes_any_aware_datetime_by_its_instant() -> None:
    belgrade_afternoon = datetime(2026, 11, 29, 15, 30, tzinfo=BELGRADE)
    assert format_dtg(belgrade_afternoon) == "291430ZNOV26"


def test_it_drops_seconds_rather_than_rounding_them() -> None:
    assert format_dtg(datetime(2026, 11, 29, 14, 30, 59, 999999, tzinfo=UTC)) == "291430ZNOV26"


def test_it_writes_every_month_in_english_whatever_the_locale() -> None:
    written = [format_dtg(utc(2026, month, 1)) for month in range(1, 13)]
    assert [dtg[7:10] for dtg in written] == list(MONTHS)
    assert MONTHS == ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


def test_it_writes_the_first_occurrence_of_a_repeated_local_hour_as_j() -> None:
    assert format_dtg(utc(2026, 10, 25, 0, 30), zone="J") == "250230JOCT26"


def test_it_refuses_to_write_the_second_occurrence_of_a_repeated_local_hour_as_j() -> None:
    # As J it would read back as 00:30 UTC, an hour early; A (UTC+1) says the same thing exactly.
    with pytest.raises(DTGError, match=r"happens twice in Europe/Belgrade .* use zone letter A or Z instead"):
        format_dtg(utc(2026, 10, 25, 1, 30), zone="J")
    assert format_dtg(utc(2026, 10, 25, 1, 30), zone="A") == "250230AOCT26"


def test_it_rejects_a_naive_datetime() -> None:
    with pytest.raises(
        DTGError, match=message("cannot write 2026-11-29T14:30:00 as a DTG: it is a naive datetime")
    ):
        format_dtg(datetime(2026, 11, 29, 14, 30))  # naive on purpose


@pytest.mark.parametrize("zone", ["1", "ZZ", "", "UTC"])
def test_it_rejects_a_zone_that_is_not_a_letter(zone: str) -> None:
    with pytest.raises(DTGError, match=message(f"zone letter '{zone}' is not a single letter A-Z")):
        format_dtg(utc(2026, 11, 29, 14, 30), zone=zone)


def test_it_rejects_an_unknown_local_zone_when_writing_j() -> None:
    with pytest.raises(DTGError, match=message("unknown local time zone 'Europe/Atlantis'")):
        format_dtg(utc(2026, 11, 29, 14, 30), zone="J", local_zone="Europe/Atlantis")


@pytest.mark.parametrize(
    ("moment", "zone", "year"),
    [
        (utc(1999, 12, 31, 23, 59), "Z", "1999"),
        (utc(2100, 1, 1), "Z", "2100"),
        (utc(2099, 12, 31, 23, 30), "A", "2100"),
        (utc(2000, 1, 1, 0, 30), "N", "1999"),
        (datetime.max.replace(tzinfo=UTC), "M", "outside 1-9999"),
    ],
)
def test_it_rejects_an_instant_outside_the_two_digit_year(moment: datetime, zone: str, year: str) -> None:
    with pytest.raises(
        DTGError, match=message(f"falls in year {year}, but the two-digit DTG year covers only 2000-2099")
    ):
        format_dtg(moment, zone=zone)


# --- Round trips ----------------------------------------------------------------------------------


@given(moment=instants_in_dtg_century, zone=st.sampled_from(FIXED_LETTERS))
def test_writing_then_reading_gives_back_the_same_minute_in_every_fixed_zone(
    moment: datetime, zone: str
) -> None:
    assert parse_dtg(format_dtg(moment, zone=zone)) == to_the_minute(moment)


@given(moment=instants_in_dtg_century | instants_near_clock_changes)
def test_writing_then_reading_j_gives_back_the_same_minute_or_refuses_the_repeated_hour(
    moment: datetime,
) -> None:
    try:
        written = format_dtg(moment, zone="J")
    except DTGError:
        local = moment.astimezone(BELGRADE)
        assert local.fold == 1, "only the second pass through the repeated autumn hour may be refused"
        assert local.utcoffset() != local.replace(fold=0).utcoffset()
        return
    assert parse_dtg(written) == to_the_minute(moment)


@given(
    wall_time=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31, 23, 59)),
    zone=st.sampled_from(FIXED_LETTERS),
)
def test_reading_then_writing_gives_back_the_same_text_in_every_fixed_zone(
    wall_time: datetime, zone: str
) -> None:
    text = f"{wall_time:%d%H%M}{zone}{MONTHS[wall_time.month - 1]}{wall_time:%y}"
    assert format_dtg(parse_dtg(text), zone=zone) == text


@given(moment=instants_in_dtg_century, zone=st.sampled_from([*FIXED_LETTERS, "J"]))
def test_spaced_and_lower_case_forms_read_the_same_as_the_compact_form(moment: datetime, zone: str) -> None:
    try:
        compact = format_dtg(moment, zone=zone)
    except DTGError:
        return  # the repeated autumn hour as J; covered above
    spaced = f"{compact[:2]} {compact[2:7]} {compact[7:10]} {compact[10:]}"
    assert parse_dtg(spaced.lower()) == parse_dtg(compact)
