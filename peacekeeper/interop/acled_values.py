"""Parsers for single ACLED cell values, shared by the reader and tested on their own.

Each parser takes the stripped cell text and returns the typed value, or raises ValueError whose message
is the reason shown to the user (the reader adds the field name and row number).
"""

import math
import re
from datetime import date

# ACLED inter codes (docs/standards.md#acled). The ACLED API returns the names unless inter_num=1.
INTER_CODES: dict[int, str] = {
    1: "State forces",
    2: "Rebel groups",
    3: "Political militias",
    4: "Identity militias",
    5: "Rioters",
    6: "Protesters",
    7: "Civilians",
    8: "External/Other forces",
}

CIVILIAN_TARGETING = "Civilian targeting"

DATE_HINT = "expected YYYY-MM-DD or DD-MM-YYYY"

# ACLED's data begins in 1997; a date far outside its years is a typo or a broken cell, and stored it
# would break every page that computes with the event's time.
FIRST_EVENT_DATE = date(1997, 1, 1)
LAST_EVENT_DATE = date(2100, 12, 31)
# The most any casualty count of a report may be (events.validation bounds every count by it, whatever the
# source): no event has more, and more overflows the stored column.
MAX_CASUALTIES = 100_000
# A Unix time in seconds, up to the end of year 9999; past it the value is not a time (and a database's
# 64-bit integer overflows not far beyond).
MAX_TIMESTAMP = 253_402_300_799
# ISO 3166-1 numeric country codes have three digits (ACLED writes 0 for Kosovo).
MAX_ISO = 999

_FULL_MONTHS = (
    "JANUARY",
    "FEBRUARY",
    "MARCH",
    "APRIL",
    "MAY",
    "JUNE",
    "JULY",
    "AUGUST",
    "SEPTEMBER",
    "OCTOBER",
    "NOVEMBER",
    "DECEMBER",
)

_YEAR_MONTH_DAY = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
# Old ACLED files and spreadsheets re-saved in a European locale put the day first.
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
# "29 November 2026", "29-Nov-26" (old ACLED files).
_DAY_MONTH_NAME_YEAR = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ -](\d{4}|\d{2})")
# A plain decimal; float() alone would also accept "nan", "inf" and "1_000".
_DECIMAL = re.compile(r"[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?")


def _inter_key(text: str) -> str:
    # Releases and the API vary: "Rebel Groups", "Protestor", "External / Other forces".
    folded = " ".join(text.lower().replace("protestor", "protester").split()).replace(" / ", "/")
    return folded.removesuffix("s")


_INTER_BY_NAME = {_inter_key(name): code for code, name in INTER_CODES.items()}


def parse_date(text: str) -> date:
    for pattern, layout in (
        (_YEAR_MONTH_DAY, "ymd"),
        (_DAY_MONTH_YEAR, "dmy"),
        (_DAY_MONTH_NAME_YEAR, "d-name-y"),
    ):
        match = pattern.fullmatch(text)
        if match:
            return _build_date(text, layout, *match.groups())
    raise ValueError(f"{shown(text)} is not a valid date ({DATE_HINT})")


def parse_event_date(text: str) -> date:
    day = parse_date(text)
    if not FIRST_EVENT_DATE <= day <= LAST_EVENT_DATE:
        raise ValueError(
            f"{shown(text)} is out of range ({FIRST_EVENT_DATE.isoformat()} to {LAST_EVENT_DATE.isoformat()})"
        )
    return day


def _build_date(text: str, layout: str, first: str, second: str, third: str) -> date:
    if layout == "ymd":
        year, month, day = int(first), int(second), int(third)
    elif layout == "dmy":
        day, month, year = int(first), int(second), int(third)
    else:
        day, month, year = int(first), _month_number(second), _full_year(third)
    try:
        return date(year, month, day)
    except ValueError:
        raise ValueError(f"{shown(text)} is not a valid date ({DATE_HINT})") from None


def _month_number(word: str) -> int:
    """1-12 for an English month name or its abbreviation ("Nov", "Sept"); 0 (an invalid month) otherwise."""
    upper = word.upper()
    return next((index for index, name in enumerate(_FULL_MONTHS, 1) if name.startswith(upper)), 0)


def _full_year(digits: str) -> int:
    # The POSIX %y pivot: 69-99 are 1969-1999 (ACLED's oldest data is from 1997), 00-68 are 2000-2068.
    if len(digits) == 4:
        return int(digits)
    short = int(digits)
    return 1900 + short if short >= 69 else 2000 + short


def parse_number(text: str) -> float:
    if not text:
        raise ValueError("is required")
    if not _DECIMAL.fullmatch(text):
        raise ValueError(f"{shown(text)} is not a number")
    number = float(text)
    # float() gives infinity for "1e999" and for a few hundred digits.
    if not math.isfinite(number):
        raise ValueError(f"{shown(text)} is out of range")
    return number


def shown(text: str) -> str:
    """The cell as a reason quotes it: a cell of a thousand digits is shown by its start and length."""
    return repr(text) if len(text) <= 40 else f"{text[:20]!r}… ({len(text):,} characters)"


def parse_whole(text: str) -> int:
    """A whole number; exports that went through a float column write 12 as "12.0"."""
    number = parse_number(text)
    if not number.is_integer():
        raise ValueError(f"{shown(text)} is not a whole number")
    return int(number)


def parse_count(text: str) -> int:
    if not text:
        return 0
    count = parse_whole(text)
    if count < 0:
        raise ValueError(f"{shown(text)} is negative; a count cannot be")
    if count > MAX_CASUALTIES:
        raise ValueError(f"{shown(text)} is out of range (0 to {MAX_CASUALTIES:,})")
    return count


def parse_optional_whole(text: str) -> int | None:
    return parse_whole(text) if text else None


def _optional_in_range(text: str, high: int, what: str) -> int | None:
    number = parse_optional_whole(text)
    if number is not None and not 0 <= number <= high:
        raise ValueError(f"{shown(text)} is out of range for {what} (0 to {high})")
    return number


def parse_timestamp(text: str) -> int | None:
    return _optional_in_range(text, MAX_TIMESTAMP, "a Unix time in seconds")


def parse_iso(text: str) -> int | None:
    return _optional_in_range(text, MAX_ISO, "an ISO 3166 numeric country code")


def parse_precision(text: str) -> int:
    """ACLED's 1-3 precision scale; an empty cell means the most precise, as in ACLED's own files."""
    if not text:
        return 1
    precision = parse_whole(text)
    if precision not in (1, 2, 3):
        raise ValueError(f"{shown(text)} is not 1, 2 or 3")
    return precision


def parse_inter(text: str) -> int:
    """An ACLED actor type as its code 0-8; 0 means no actor. Accepts the code or the name."""
    if not text:
        return 0
    if _DECIMAL.fullmatch(text):
        code = parse_whole(text)
        if 0 <= code <= len(INTER_CODES):
            return code
    elif _inter_key(text) in _INTER_BY_NAME:
        return _INTER_BY_NAME[_inter_key(text)]
    raise ValueError(f"{shown(text)} is not an ACLED actor type (0-8 or a name such as 'State forces')")


def interaction_code(inter1: int, inter2: int) -> int:
    """ACLED's interaction: the two inter codes, lower first (17); one actor alone is its code then 0 (60)."""
    low, high = sorted((inter1, inter2))
    if low == 0:
        return high * 10
    return low * 10 + high


def parse_interaction(text: str, inter1: int, inter2: int) -> int:
    """The interaction code; computed from the inter codes when empty or text (as the API returns it)."""
    if not text or not _DECIMAL.fullmatch(text):
        return interaction_code(inter1, inter2)
    code = parse_whole(text)
    tens, units = divmod(code, 10)
    if not (0 <= tens <= len(INTER_CODES) and 0 <= units <= len(INTER_CODES)):
        raise ValueError(f"{shown(text)} is not an ACLED interaction code (two inter codes, e.g. 17)")
    return code


def parse_civilian_targeting(text: str) -> bool:
    if not text:
        return False
    if " ".join(text.split()).lower() == CIVILIAN_TARGETING.lower():
        return True
    raise ValueError(f"{shown(text)} is neither {CIVILIAN_TARGETING!r} nor empty")


def parse_latitude(text: str) -> float:
    return _in_range(parse_number(text), text, 90)


def parse_longitude(text: str) -> float:
    return _in_range(parse_number(text), text, 180)


def _in_range(value: float, text: str, limit: int) -> float:
    if not -limit <= value <= limit:
        raise ValueError(f"{shown(text)} is out of range (-{limit} to {limit})")
    return value


def parse_required(text: str) -> str:
    if not text:
        raise ValueError("is required")
    return text
