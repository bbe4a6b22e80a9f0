"""Reading ACLED CSV files: a streaming reader that checks every row.

The reader accepts what ACLED has published over the years (header casing, renamed columns, inter codes
as names, several date layouts, "12.0" for 12) and rejects a row with the first field that is wrong,
so an import can report every bad row and still load the good ones. Which (event type, sub-event type)
pairs exist, and what they become, is the caller's taxonomy (`categorise`, events.taxonomy for the log);
turning a row into a report is the caller's too (events.acled_mapping).
"""

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from typing import Generic, TextIO, TypeVar

from peacekeeper.interop.acled_csv import AcledFormatError, csv_rows
from peacekeeper.interop.acled_values import (
    parse_civilian_targeting,
    parse_count,
    parse_event_date,
    parse_inter,
    parse_interaction,
    parse_iso,
    parse_latitude,
    parse_longitude,
    parse_precision,
    parse_required,
    parse_timestamp,
    parse_whole,
    shown,
)

ACLED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
)
REQUIRED_COLUMNS: tuple[str, ...] = (
    "event_id_cnty",
    "event_date",
    "event_type",
    "sub_event_type",
    "latitude",
    "longitude",
)
# Names used by older ACLED releases for today's columns.
_RENAMED_COLUMNS = {
    "ally_actor_1": "assoc_actor_1",
    "ally_actor_2": "assoc_actor_2",
    "geo_precis": "geo_precision",
}
# Columns kept besides the 31; any other column (data_id, event_id_no_cnty, gwno, ...) is ignored.
_EXTRA_COLUMNS = ("iso3",)
_KNOWN_COLUMNS = frozenset(ACLED_COLUMNS + _EXTRA_COLUMNS)

WHOLE_ROW = "(row)"


@dataclass(frozen=True, slots=True)
class RowRejected:
    row_number: int
    field: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row_number}, {self.field}: {self.reason}"


# The category a row's (event type, sub-event type) resolves to, in the caller's taxonomy.
C = TypeVar("C")


@dataclass(frozen=True, slots=True)
class AcledRow(Generic[C]):
    """One checked ACLED row; text as given (stripped), numbers and dates parsed, category resolved."""

    row_number: int
    event_id_cnty: str
    event_date: date
    year: int
    time_precision: int
    disorder_type: str
    event_type: str
    sub_event_type: str
    category: C
    actor1: str
    assoc_actor_1: str
    inter1: int
    actor2: str
    assoc_actor_2: str
    inter2: int
    interaction: int
    civilian_targeting: bool
    iso: int | None
    iso3: str
    region: str
    country: str
    admin1: str
    admin2: str
    admin3: str
    location: str
    latitude: float
    longitude: float
    geo_precision: int
    source: str
    source_scale: str
    notes: str
    fatalities: int
    tags: str
    timestamp: int | None


AcledRecord = AcledRow | RowRejected

T = TypeVar("T")


class _Rejection(Exception):
    def __init__(self, field: str, reason: str) -> None:
        super().__init__(reason)
        self.field = field
        self.reason = reason


def read_acled(
    stream: TextIO, *, categorise: Callable[[str, str], C], remember_ids: bool = True
) -> Iterator[AcledRow[C] | RowRejected]:
    """Stream the rows of an ACLED CSV file as AcledRow or RowRejected, one per data row, in file order.

    categorise(event_type, sub_event_type) gives a row's category, or raises KeyError with the reason
    (events.taxonomy.category_for_acled): the row is then rejected on sub_event_type.

    Row numbers count the header as row 1, so the first data row is row 2: the row number a spreadsheet
    shows. A quoted cell spanning several lines is one row. Blank rows are skipped but still counted.

    The header is read at once: AcledFormatError is raised by this call, before any row, when the file
    is empty, a column appears twice, or a required column is missing. A fault in the CSV structure
    (acled_csv) raises AcledFormatError where it is met: check_acled_file finds those before an import
    stores anything. Open the file with newline="" (cells may contain line breaks); a UTF-8 byte order
    mark is ignored. Memory stays constant except for the ids already seen (for duplicate detection),
    about 140 bytes per row; remember_ids=False drops that detection for callers that deduplicate
    themselves (the import stores by id, idempotently).
    """
    rows = csv_rows(stream)
    positions, width = acled_header(next(rows, None))
    return _records(rows, positions, width, categorise=categorise, remember_ids=remember_ids)


def acled_header(first_row: tuple[int, list[str]] | None) -> tuple[dict[str, int], int]:
    """The position of each known column in the header row (from csv_rows), and the header's width."""
    if first_row is None:
        raise AcledFormatError("the file is empty: expected an ACLED header row")
    _, header = first_row
    if not any(name.strip("\ufeff \t") for name in header):
        raise AcledFormatError("line 1 is blank: expected the ACLED header (event_id_cnty, event_date, …)")
    return _column_positions(header), len(header)


def _normalise_column(name: str) -> str:
    # " Event Date", "EVENT_DATE", a byte order mark on the first name.
    canonical = "_".join(name.lstrip("\ufeff").strip().lower().split())
    return _RENAMED_COLUMNS.get(canonical, canonical)


def _column_positions(header: list[str]) -> dict[str, int]:
    positions: dict[str, int] = {}
    for index, name in enumerate(header):
        column = _normalise_column(name)
        if column not in _KNOWN_COLUMNS:
            continue
        if column in positions:
            raise AcledFormatError(f"column {column!r} appears twice in the header")
        positions[column] = index
    missing = [column for column in REQUIRED_COLUMNS if column not in positions]
    if missing:
        message = f"the header lacks the required column(s): {', '.join(missing)}"
        if len(header) == 1 and (separator := next((s for s in ";\t|" if s in header[0]), None)):
            message += f"; its cells are separated by {separator!r}, and ACLED files by commas"
        raise AcledFormatError(message)
    return positions


def _records(
    rows: Iterator[tuple[int, list[str]]],
    positions: dict[str, int],
    width: int,
    *,
    categorise: Callable[[str, str], C],
    remember_ids: bool,
) -> Iterator[AcledRow[C] | RowRejected]:
    first_row_of_id: dict[str, int] = {}
    row_number = 1
    for _, cells in rows:
        row_number += 1
        if not any(cell.strip() for cell in cells):
            continue
        try:
            record = _parse_row(row_number, _Cells(cells, positions, width), first_row_of_id, categorise)
        except _Rejection as rejection:
            yield RowRejected(row_number, rejection.field, rejection.reason)
            continue
        if remember_ids:
            first_row_of_id[record.event_id_cnty] = row_number
        yield record


class _Cells:
    """The cells of one row, by column name; a column absent from the file reads as an empty cell."""

    def __init__(self, cells: list[str], positions: dict[str, int], header_width: int) -> None:
        self._cells = cells
        self._positions = positions
        self._header_width = header_width

    def check_width(self) -> None:
        if len(self._cells) != self._header_width:
            raise _Rejection(
                WHOLE_ROW, f"has {len(self._cells)} cells where the header has {self._header_width}"
            )

    def text(self, column: str) -> str:
        index = self._positions.get(column)
        return "" if index is None else self._cells[index].strip()

    def parse(self, column: str, parser: Callable[[str], T]) -> T:
        try:
            return parser(self.text(column))
        except ValueError as error:
            # Every rejection is kept for the report: a reason quoting a huge cell would fill memory.
            reason = str(error)
            raise _Rejection(column, reason if len(reason) <= 300 else reason[:299] + "…") from None


def _parse_row(
    row_number: int, cells: _Cells, first_row_of_id: dict[str, int], categorise: Callable[[str, str], C]
) -> AcledRow[C]:
    # Fields are checked in column order, so the rejection names the first wrong field.
    cells.check_width()
    event_id = cells.parse("event_id_cnty", parse_required)
    if event_id in first_row_of_id:
        raise _Rejection("event_id_cnty", f"duplicate of row {first_row_of_id[event_id]}")
    event_date = cells.parse("event_date", parse_event_date)
    year = cells.parse("year", lambda text: _parse_year(text, event_date))
    time_precision = cells.parse("time_precision", parse_precision)
    event_type = cells.parse("event_type", parse_required)
    sub_event_type = cells.parse("sub_event_type", parse_required)
    category = cells.parse("sub_event_type", lambda _: _category(categorise, event_type, sub_event_type))
    inter1 = cells.parse("inter1", parse_inter)
    inter2 = cells.parse("inter2", parse_inter)
    return AcledRow(
        row_number=row_number,
        event_id_cnty=event_id,
        event_date=event_date,
        year=year,
        time_precision=time_precision,
        disorder_type=cells.text("disorder_type"),
        event_type=event_type,
        sub_event_type=sub_event_type,
        category=category,
        actor1=cells.text("actor1"),
        assoc_actor_1=cells.text("assoc_actor_1"),
        inter1=inter1,
        actor2=cells.text("actor2"),
        assoc_actor_2=cells.text("assoc_actor_2"),
        inter2=inter2,
        interaction=cells.parse("interaction", lambda text: parse_interaction(text, inter1, inter2)),
        civilian_targeting=cells.parse("civilian_targeting", parse_civilian_targeting),
        iso=cells.parse("iso", parse_iso),
        iso3=cells.text("iso3"),
        region=cells.text("region"),
        country=cells.text("country"),
        admin1=cells.text("admin1"),
        admin2=cells.text("admin2"),
        admin3=cells.text("admin3"),
        location=cells.text("location"),
        latitude=cells.parse("latitude", parse_latitude),
        longitude=cells.parse("longitude", parse_longitude),
        geo_precision=cells.parse("geo_precision", parse_precision),
        source=cells.text("source"),
        source_scale=cells.text("source_scale"),
        notes=cells.text("notes"),
        fatalities=cells.parse("fatalities", parse_count),
        tags=cells.text("tags"),
        timestamp=cells.parse("timestamp", parse_timestamp),
    )


def _parse_year(text: str, event_date: date) -> int:
    if not text:
        return event_date.year
    year = parse_whole(text)
    if year != event_date.year:
        raise ValueError(f"{shown(text)} does not match event_date {event_date.isoformat()}")
    return year


def _category(categorise: Callable[[str, str], C], event_type: str, sub_event_type: str) -> C:
    try:
        return categorise(event_type, sub_event_type)
    except KeyError as error:
        raise ValueError(error.args[0]) from None
