"""CSV export of every field, safe to open in a spreadsheet."""

import csv
import re
from collections.abc import Iterable
from typing import TextIO

from peacekeeper.interop.records import EXPORT_FIELDS, ExportRecord, ExportValue, export_values

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


def write_csv(records: Iterable[ExportRecord], out: TextIO) -> None:
    """Write a header row then one row per record, streaming. Open `out` with newline=""."""
    writer = csv.writer(out)
    writer.writerow(EXPORT_FIELDS)
    for record in records:
        writer.writerow([csv_cell(value) for value in export_values(record).values()])
