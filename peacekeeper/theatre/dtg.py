"""Date-time groups (DTG), the NATO way of writing an instant: ``291430ZNOV26``.

Layout: day, hour and minute (``DDHHMM``), a time-zone letter, a three-letter English month and a
two-digit year, so ``291430ZNOV26`` is 29 November 2026, 14:30 UTC.

Zone letters: Z is UTC; A-M (skipping J) are UTC+1 to UTC+12; N-Y are UTC-1 to UTC-12; J is the
theatre's local time (Kosovo: Europe/Belgrade, which is A in winter and B in summer).

Decisions about local time (J), where a wall-clock time is not always one instant:

* Reading a J time that does not exist because the clocks go forward (02:30 on the last Sunday of
  March in Kosovo) raises DTGError: guessing could put an event an hour off.
* Reading a J time that happens twice because the clocks go back (02:30 on the last Sunday of
  October) gives the first occurrence, still on summer time (``fold=0``).
* Writing an instant as J when it falls in the second occurrence of such an hour raises DTGError,
  because the DTG would be read back as the first occurrence, an hour earlier. Every DTG that
  format_dtg writes therefore reads back as the same instant.

Shorthand, the way watchkeepers type (``read_dtg``), each read with an assumption that is said back:

* ``060300Z`` (day, time and zone letter): this month and year in that zone;
* ``0300`` (time only): today in the mission time zone (the J zone, ``local_zone``); "today" is the date
  there at the moment of reading, not the UTC date: ``0300`` typed at 00:30Z, when it is 01:30B in
  Kosovo, is 03:00B of the local day, which is also the UTC day here; typed at 23:30Z (00:30B the next
  day) it is 03:00B of that next local day;
* ``0300B`` (time and zone letter): today in that zone, as its wall clock reads it;
* ``060300ZDEC26``: the full DTG, read as it is, with no assumption.

A time alone with no letter is the mission's local time; six digits with no letter (``060300``) are
refused, since it is unsure whether a day or a zone was forgotten. An impossible day (31 in a 30-day
month) or time (2400) is refused, naming the part.

These are pure functions with no Django dependency, so they are cheap to test and to reuse.
"""

import calendar
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from types import MappingProxyType
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_LOCAL_ZONE = "Europe/Belgrade"
LOCAL_ZONE_LETTER = "J"
UTC_ZONE_LETTER = "Z"

# A fixed English table: strftime("%b") follows the process locale and would write e.g. "Okt".
MONTHS: tuple[str, ...] = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")

LAYOUT_HINT = "expected DDHHMM + zone letter + month + year, e.g. 291430ZNOV26"

# The two-digit year always means 20YY, so only this century can be written.
FIRST_YEAR = 2000
LAST_YEAR = 2099


def _build_zone_offsets() -> dict[str, timedelta]:
    offsets = {UTC_ZONE_LETTER: timedelta(0)}
    # J is left out of the eastern run: it is reserved for local time.
    for hours, letter in enumerate("ABCDEFGHIKLM", start=1):
        offsets[letter] = timedelta(hours=hours)
    for hours, letter in enumerate("NOPQRSTUVWXY", start=1):
        offsets[letter] = timedelta(hours=-hours)
    return offsets


ZONE_OFFSETS: Mapping[str, timedelta] = MappingProxyType(_build_zone_offsets())

# The strict layout, used once spaces are removed and letters upper-cased.
# [0-9] rather than \d, which would also accept e.g. Arabic-Indic digits.
_DTG = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})([A-Z])([A-Z]{3})([0-9]{2})")
# A loose layout that splits any attempt into runs, to say which part is wrong.
_DTG_PARTS = re.compile(r"(?P<digits>[0-9]*)(?P<letters>[A-Z]*)(?P<year>[0-9]*)(?P<rest>.*)", re.DOTALL)
_NOT_ALLOWED = re.compile(r"[^0-9A-Z]")


# Shorthand: a time (HHMM) with an optional zone letter, or a day and time (DDHHMM) with one.
_SHORT_TIME = re.compile(r"([0-9]{2})([0-9]{2})([A-Z]?)")
_SHORT_DAY = re.compile(r"([0-9]{2})([0-9]{2})([0-9]{2})([A-Z])")


class DTGError(ValueError):
    """A date-time group that cannot be read or written; the message says which part is wrong."""


@dataclass(frozen=True)
class DTGReading:
    """What a DTG, full or shorthand, was read as: the instant, the full DTG, and what was assumed.

    ``full`` is written in the zone the reader meant (``060300BDEC26`` for ``0300B``; for a time with no
    letter the mission zone's letter of that day, A or B in Kosovo, never J), ``zulu`` the same instant in
    UTC. ``assumption`` is empty for a full DTG.
    """

    moment: datetime
    full: str
    zulu: str
    assumption: str

    @property
    def echo(self) -> str:
        """One line for the person who typed it, e.g. 'read as 060300ZDEC26 — this month and year assumed'."""
        same = self.full == self.zulu
        text = f"read as {self.full}" + ("" if same else f" ({self.zulu})")
        return f"{text} — {self.assumption}" if self.assumption else text


def read_dtg(text: str, *, now: datetime, local_zone: str = DEFAULT_LOCAL_ZONE) -> DTGReading:
    """Read a full DTG or a shorthand (see the module's docstring) at the moment ``now``.

    Raises DTGError naming the part that is wrong, as parse_dtg does.
    """
    shown = text.strip()
    compact = "".join(text.split()).upper()
    if _DTG.fullmatch(compact):
        moment = parse_dtg(compact, local_zone=local_zone)
        return DTGReading(moment, compact, format_dtg(moment), "")
    short_time = _SHORT_TIME.fullmatch(compact)
    short_day = _SHORT_DAY.fullmatch(compact)
    if short_time is None and short_day is None:
        if re.fullmatch(r"[0-9]{6}", compact):
            raise DTGError(
                f"DTG '{shown}': a day and time need a zone letter, e.g. {compact}Z (UTC) or "
                f"{compact}J (mission time)"
            )
        raise DTGError(
            f"DTG '{shown}': {LAYOUT_HINT}, or a shorthand: 0300 (today, mission time), 0300B (today, "
            f"zone B) or 060300Z (this month); {_describe_layout_problem(compact)}"
        )
    if short_day is not None:
        day_text, hour_text, minute_text, letter = short_day.groups()
    else:
        assert short_time is not None
        day_text = None
        hour_text, minute_text, letter = short_time.groups()
    letter = letter or LOCAL_ZONE_LETTER
    if now.tzinfo is None:
        raise DTGError("the moment of reading must be an aware datetime")
    zone = _load_local_zone(local_zone) if letter == LOCAL_ZONE_LETTER else timezone(ZONE_OFFSETS[letter])
    today = now.astimezone(zone)
    if day_text is None:
        day_text = f"{today.day:02d}"
        if letter == LOCAL_ZONE_LETTER:
            where = f"today in mission time ({local_zone})"
        elif letter == UTC_ZONE_LETTER:
            where = "today in UTC"
        else:
            where = f"today in zone {letter}"
        assumption = f"{where}, {_day_month_year(today)}, assumed"
    else:
        assumption = f"this month and year ({MONTHS[today.month - 1]} {today.year}) assumed"
    expanded = f"{day_text}{hour_text}{minute_text}{letter}{MONTHS[today.month - 1]}{today.year % 100:02d}"
    try:
        moment = parse_dtg(expanded, local_zone=local_zone)
    except DTGError as error:
        reason = str(error).split(": ", 1)[1]
        raise DTGError(f"DTG '{shown}' (read as {expanded}, {assumption}): {reason}") from None
    if letter == LOCAL_ZONE_LETTER:
        # Said back with the letter of the local offset that day (A or B in Kosovo), which reads alike
        # everywhere; J is kept only where no fixed letter has that offset.
        fixed = _letter_for_offset(moment.astimezone(zone).utcoffset())
        full = format_dtg(moment, zone=fixed) if fixed else expanded
    else:
        full = expanded
    return DTGReading(moment, full, format_dtg(moment), assumption)


def zone_offset(letter: str) -> timedelta:
    """The fixed UTC offset of a zone letter (Z, A-M without J, N-Y), e.g. B -> +2 hours.

    J has no fixed offset (it is local time and changes with daylight saving), so it is refused.
    """
    normalised = _normalise_zone_letter(letter)
    if normalised == LOCAL_ZONE_LETTER:
        raise DTGError(
            "zone letter 'J' means local time, which has no fixed offset "
            "(it changes with daylight saving time); convert it with the local time zone instead"
        )
    return ZONE_OFFSETS[normalised]


def parse_dtg(text: str, *, local_zone: str = DEFAULT_LOCAL_ZONE) -> datetime:
    """Read a DTG such as ``291430ZNOV26`` and return the instant as an aware datetime in UTC.

    Letters may be lower case, and spaces are ignored, so ``29 1430Z NOV 26`` is accepted.
    ``local_zone`` is the IANA time zone that the letter J stands for.
    """
    shown = text.strip()
    compact = "".join(text.split()).upper()
    match = _DTG.fullmatch(compact)
    if match is None:
        raise DTGError(f"DTG '{shown}': {LAYOUT_HINT}; {_describe_layout_problem(compact)}")

    day_text, hour_text, minute_text, letter, month_name, year_text = match.groups()
    year = FIRST_YEAR + int(year_text)
    problems = _value_problems(day_text, hour_text, minute_text, month_name, year)
    if problems:
        raise DTGError(f"DTG '{shown}': " + "; ".join(problems))

    wall_time = datetime(year, MONTHS.index(month_name) + 1, int(day_text), int(hour_text), int(minute_text))
    if letter == LOCAL_ZONE_LETTER:
        moment = _attach_local_zone(wall_time, _load_local_zone(local_zone), shown, local_zone)
    else:
        moment = wall_time.replace(tzinfo=timezone(ZONE_OFFSETS[letter]))
    return moment.astimezone(UTC)


def format_dtg(moment: datetime, *, zone: str = UTC_ZONE_LETTER, local_zone: str = DEFAULT_LOCAL_ZONE) -> str:
    """Write an aware datetime as a DTG in the given zone letter, e.g. ``291430ZNOV26``.

    Seconds are dropped rather than rounded, as a clock shows them: 14:30:59 is written 1430.
    ``zone="J"`` writes the time in ``local_zone``.
    """
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise DTGError(
            f"cannot write {moment.isoformat()} as a DTG: it is a naive datetime with no time zone, "
            "so the instant is unknown; attach a time zone first (e.g. tzinfo=UTC)"
        )
    letter = _normalise_zone_letter(zone)
    target = _load_local_zone(local_zone) if letter == LOCAL_ZONE_LETTER else timezone(ZONE_OFFSETS[letter])
    wall_time: datetime | None
    try:
        wall_time = moment.astimezone(target)
    except OverflowError:  # within hours of datetime.min or datetime.max
        wall_time = None
    if wall_time is None or not FIRST_YEAR <= wall_time.year <= LAST_YEAR:
        year = "outside 1-9999" if wall_time is None else str(wall_time.year)
        raise DTGError(
            f"cannot write {moment.isoformat()} as a DTG: in zone {letter} it falls in year {year}, "
            f"but the two-digit DTG year covers only {FIRST_YEAR}-{LAST_YEAR}"
        )
    if letter == LOCAL_ZONE_LETTER:
        _refuse_second_occurrence(moment, wall_time, local_zone)
    return (
        f"{wall_time.day:02d}{wall_time.hour:02d}{wall_time.minute:02d}"
        f"{letter}{MONTHS[wall_time.month - 1]}{wall_time.year % 100:02d}"
    )


def _normalise_zone_letter(letter: str) -> str:
    normalised = letter.upper()
    if len(normalised) != 1 or not "A" <= normalised <= "Z":
        raise DTGError(f"zone letter '{letter}' is not a single letter A-Z")
    return normalised


def _describe_layout_problem(compact: str) -> str:
    """Say which part of a string that does not fit the DTG layout is wrong."""
    if not compact:
        return "the DTG is empty"
    not_allowed = _NOT_ALLOWED.search(compact)
    if not_allowed:
        return f"'{not_allowed.group()}' is not allowed (only digits, letters and spaces)"

    parts = _DTG_PARTS.fullmatch(compact)
    assert parts is not None  # every string matches: each group may be empty
    digits, letters, year, rest = parts.group("digits", "letters", "year", "rest")
    if not digits:
        return "it does not start with the 6 digits of DDHHMM"
    if len(digits) != 6:
        return f"it starts with {len(digits)} digits '{digits}' instead of the 6 of DDHHMM"
    if len(letters) == 3:
        return f"there is no zone letter between DDHHMM and the month '{letters}'"
    if len(letters) != 4:
        return f"expected a zone letter and a three-letter month after DDHHMM, found '{letters}'"
    if not year:
        return "the two-digit year is missing"
    if len(year) != 2:
        return f"the year must be two digits (YY), found '{year}'"
    return f"unexpected '{rest}' after the year"


def _value_problems(day_text: str, hour_text: str, minute_text: str, month_name: str, year: int) -> list[str]:
    """Every out-of-range part of a DTG whose layout is right, so one message can list them all."""
    problems = []
    day = int(day_text)
    if month_name not in MONTHS:
        problems.append(f"unknown month '{month_name}' (expected JAN..DEC)")
        if not 1 <= day <= 31:
            problems.append(f"day {day_text} is out of range 01-31")
    else:
        days_in_month = calendar.monthrange(year, MONTHS.index(month_name) + 1)[1]
        if not 1 <= day <= days_in_month:
            problems.append(f"day {day_text} does not exist in {month_name} {year}")
    if int(hour_text) > 23:
        problems.append(f"hour {hour_text} is out of range 00-23")
    if int(minute_text) > 59:
        problems.append(f"minute {minute_text} is out of range 00-59")
    return problems


def _load_local_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise DTGError(
            f"unknown local time zone '{name}' for zone letter J (expected an IANA name such as "
            f"{DEFAULT_LOCAL_ZONE})"
        ) from error


def _attach_local_zone(wall_time: datetime, local: tzinfo, shown: str, local_zone: str) -> datetime:
    # fold=0 picks the first occurrence of a wall-clock time that happens twice.
    moment = wall_time.replace(tzinfo=local, fold=0)
    # zoneinfo silently accepts a time in the spring-forward gap; a real wall-clock time survives a
    # round trip through UTC unchanged, a skipped one comes back shifted by the gap.
    if moment.astimezone(UTC).astimezone(local).replace(tzinfo=None) != wall_time:
        raise DTGError(
            f"DTG '{shown}': local time {wall_time:%H:%M} on {_day_month_year(wall_time)} does not exist "
            f"in {local_zone}, because the clocks skip that hour for daylight saving time; "
            "write it in UTC (Z) or with a fixed zone letter"
        )
    return moment


def _refuse_second_occurrence(moment: datetime, wall_time: datetime, local_zone: str) -> None:
    """Refuse an instant whose J DTG would be read back as the other, earlier occurrence."""
    first_offset = wall_time.replace(fold=0).utcoffset()
    if wall_time.utcoffset() == first_offset:
        return
    suggestion = _letter_for_offset(wall_time.utcoffset())
    alternative = f"zone letter {suggestion} or Z" if suggestion else "zone letter Z"
    raise DTGError(
        f"cannot write {moment.isoformat()} as a J (local time) DTG: local time {wall_time:%H:%M} on "
        f"{_day_month_year(wall_time)} happens twice in {local_zone} because the clocks go back, and a "
        f"J DTG always means the first; use {alternative} instead"
    )


def _letter_for_offset(offset: timedelta | None) -> str | None:
    for letter, letter_offset in ZONE_OFFSETS.items():
        if letter_offset == offset:
            return letter
    return None


def _day_month_year(moment: datetime) -> str:
    return f"{moment.day:02d} {MONTHS[moment.month - 1]} {moment.year}"
