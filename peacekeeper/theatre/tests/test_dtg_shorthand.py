"""DTG shorthand as watchkeepers type it, each read with an assumption that is said back."""

from datetime import UTC, datetime

import pytest

from peacekeeper.theatre.dtg import DTGError, read_dtg

# 00:30Z on 7 December 2026 is 01:30 in Kosovo (A, UTC+1, in winter).
JUST_AFTER_MIDNIGHT = datetime(2026, 12, 7, 0, 30, tzinfo=UTC)
# 23:30Z on 6 December 2026 is already 00:30 on 7 December in Kosovo.
LATE_EVENING_UTC = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
SUMMER_NOON = datetime(2026, 7, 15, 12, 0, tzinfo=UTC)


def at(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "moment", "full", "assumed"),
    [
        ("060300Z", at(2026, 12, 6, 3), "060300ZDEC26", "this month and year (DEC 2026) assumed"),
        ("060300B", at(2026, 12, 6, 1), "060300BDEC26", "this month and year (DEC 2026) assumed"),
        ("0300B", at(2026, 12, 7, 1), "070300BDEC26", "today in zone B, 07 DEC 2026, assumed"),
        ("0300Z", at(2026, 12, 7, 3), "070300ZDEC26", "today in UTC, 07 DEC 2026, assumed"),
        (
            "0300",
            at(2026, 12, 7, 2),
            "070300ADEC26",
            "today in mission time (Europe/Belgrade), 07 DEC 2026, assumed",
        ),
        (" 06 0300 z ", at(2026, 12, 6, 3), "060300ZDEC26", "this month and year (DEC 2026) assumed"),
    ],
)
def test_each_shorthand_is_read_with_its_assumption(typed, moment, full, assumed):
    reading = read_dtg(typed, now=JUST_AFTER_MIDNIGHT)
    assert reading.moment == moment
    assert reading.full == full
    assert reading.assumption == assumed
    assert reading.echo.startswith(f"read as {full}")
    assert reading.echo.endswith(f" — {assumed}")


def test_a_full_dtg_is_read_as_written_with_nothing_assumed():
    reading = read_dtg("060300zdec26", now=JUST_AFTER_MIDNIGHT)
    assert (reading.moment, reading.full, reading.assumption) == (at(2026, 12, 6, 3), "060300ZDEC26", "")
    assert reading.echo == "read as 060300ZDEC26"


def test_a_time_alone_is_said_back_in_zone_b_in_summer_and_in_utc_too():
    reading = read_dtg("0300", now=SUMMER_NOON)
    assert reading.moment == at(2026, 7, 15, 1)
    assert reading.full == "150300BJUL26"
    assert reading.echo.startswith("read as 150300BJUL26 (150100ZJUL26) — today in mission time")


def test_a_time_alone_uses_the_local_date_not_the_utc_date():
    # At 23:30Z on the 6th it is already the 7th in Kosovo: 0300 is 03:00 local on the 7th.
    reading = read_dtg("0300", now=LATE_EVENING_UTC)
    assert reading.moment == at(2026, 12, 7, 2)
    assert "07 DEC 2026" in reading.assumption
    # ...whereas 0300Z is today in UTC, still the 6th.
    assert read_dtg("0300Z", now=LATE_EVENING_UTC).moment == at(2026, 12, 6, 3)


def test_this_month_is_the_month_in_the_zone_named():
    # 23:30Z on 30 November is already 1 December in zone B.
    end_of_november = at(2026, 11, 30, 23, 30)
    assert read_dtg("010300B", now=end_of_november).full == "010300BDEC26"
    assert read_dtg("300300Z", now=end_of_november).full == "300300ZNOV26"


@pytest.mark.parametrize(
    ("typed", "now", "reason"),
    [
        ("310300Z", at(2026, 11, 10, 12), "day 31 does not exist in NOV 2026"),
        ("2400", JUST_AFTER_MIDNIGHT, "hour 24 is out of range 00-23"),
        ("0360Z", JUST_AFTER_MIDNIGHT, "minute 60 is out of range 00-59"),
        ("060300", JUST_AFTER_MIDNIGHT, "a day and time need a zone letter"),
        ("030", JUST_AFTER_MIDNIGHT, "or a shorthand: 0300"),
        ("0300Z5", JUST_AFTER_MIDNIGHT, "or a shorthand"),
        # The clocks skip 02:00-03:00 local on 29 March 2026.
        ("0230", at(2026, 3, 29, 10), "does not exist in Europe/Belgrade"),
    ],
)
def test_impossible_shorthand_is_refused_naming_the_reason(typed, now, reason):
    with pytest.raises(DTGError, match=reason) as refused:
        read_dtg(typed, now=now)
    assert f"DTG '{typed.strip()}'" in str(refused.value)


def test_a_refused_shorthand_says_what_it_was_read_as():
    with pytest.raises(DTGError, match=r"read as 310300ZNOV26, this month and year \(NOV 2026\) assumed"):
        read_dtg("310300Z", now=at(2026, 11, 10, 12))


def test_a_twice_happening_local_time_is_the_first_and_said_back_with_its_letter():
    # 02:30 local on 25 October 2026 happens twice; the first is still summer time (B).
    reading = read_dtg("0230", now=at(2026, 10, 25, 12))
    assert reading.moment == at(2026, 10, 25, 0, 30)
    assert reading.full == "250230BOCT26"


def test_the_reading_needs_an_aware_moment():
    with pytest.raises(DTGError, match="aware"):
        read_dtg("0300", now=datetime(2026, 12, 7, 0, 30))
