"""CSV export of every field, safe to open in a spreadsheet."""

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from peacekeeper.interop.records import (
    EXPORT_FIELDS,
    NO_RECORDS,
    ExportRecord,
    ExportValue,
    export_values,
    marked_records,
)

# Spreadsheets run a cell that starts with one of these as a formula (CSV injection, OWASP).
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def spreadsheet_safe(text: str) -> str:
    """The text with a leading apostrophe when a spreadsheet would run it; negative numbers stay numbers."""
    if text.startswith(_FORMULA_STARTS) and not _PLAIN_NUMBER.fullmatch(text):
        return "'" + text
    return text


def csv_cell(value: ExportValue) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return spreadsheet_safe(value)
    return repr(value) if isinstance(value, float) else str(value)


def marking_row(marking: str | None) -> list[str]:
    """The file's first line: its marking as one cell starting with "# " (quoted when the marking
    lists several REL TO values), so a spreadsheet shows it whole in the first cell."""
    return [f"# {marking or NO_RECORDS}"]


def write_csv(records: Iterable[ExportRecord], out: TextIO, *, marking: str | None) -> None:
    """Write the marking line, a header row, then one row per record, streaming. Open `out` with newline="".

    `marking` is the combined marking of the records (None: there are none). Every row also carries its
    own in the `marking` column. Readers skip one line before the header: pandas `skiprows=1` (not
    `comment="#"`, which also cuts any cell at a "#"), R `skip = 1`, Python `next(reader)`; a reader that
    skips nothing takes the marking line for the header.
    """
    writer = csv.writer(out)
    writer.writerow(marking_row(marking))
    writer.writerow(EXPORT_FIELDS)
    for record in marked_records(records, marking):
        writer.writerow([csv_cell(value) for value in export_values(record).values()])
