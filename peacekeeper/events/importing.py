"""Importing an ACLED CSV file: check it whole, then stream it through bulk ingest, reporting every
rejected row.

The check reads the whole file once before anything is stored (interop.acled_file): a file that cannot
be read (its encoding, a binary file, its CSV structure, its header) is refused with AcledFormatError,
leaving no report and no import batch behind. Past the check only rows are rejected, each by row, field
and reason, and the others stored.
"""

import io
import shutil
import tempfile
from array import array
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from dataclasses import dataclass, field
from typing import BinaryIO

from django.contrib.auth.models import User

from peacekeeper.access.releasing import resolve_label
from peacekeeper.events.acled_mapping import acled_to_event_input
from peacekeeper.events.ingest import IngestSummary, ingest
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import Status
from peacekeeper.events.taxonomy import category_for_acled
from peacekeeper.interop.acled import AcledFormatError, RowRejected, read_acled
from peacekeeper.interop.acled_csv import AcledTextError
from peacekeeper.interop.acled_file import check_acled_file

DEFAULT_ACLED_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"
# Validation names EventInput's fields; whoever imports knows the ACLED columns they came from.
_COLUMN_OF_FIELD = {
    "occurred_at": "event_date",
    "lat": "latitude",
    "lon": "longitude",
    "category": "sub_event_type",
    "location_name": "location",
    "killed_other": "fatalities",
    "narrative": "notes",
    "source_name": "source",
    "source_id": "event_id_cnty",
    "source_timestamp": "timestamp",
}


def refusal_reason(error: AcledFormatError, *, name_encoding: str) -> str:
    """The reason a file was refused; when a legacy encoding would read it, how this surface names one
    (name_encoding such as "give --encoding cp1252")."""
    if isinstance(error, AcledTextError) and error.suggest_encoding:
        return f"{error.where}; save the file as UTF-8, or {name_encoding}"
    return str(error)


@dataclass
class ImportReport:
    imported: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: list[dict] = field(default_factory=list)
    rows_read: int = 0
    batch_id: int | None = None

    def as_json(self) -> dict:
        return {
            "imported": self.imported,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "rejected": sorted(self.rejected, key=lambda item: item["row"]),
        }


class CountingReader(io.RawIOBase):
    """Counts the bytes read from a binary stream, for a progress bar over the file's size."""

    def __init__(self, raw: BinaryIO) -> None:
        self.raw = raw
        self.bytes_read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: bytearray | memoryview) -> int:  # type: ignore[override]
        data = self.raw.read(len(buffer))
        buffer[: len(data)] = data
        self.bytes_read += len(data)
        return len(data)


class _BatchRows:
    """File row numbers of the items of the current ingest batch (item index -> row), then forgotten."""

    def __init__(self) -> None:
        self.first_index = 0
        self.rows = array("q")
        self.results_seen = 0

    def append(self, row_number: int) -> None:
        self.rows.append(row_number)

    def row_of(self, index: int) -> int:
        return self.rows[index - self.first_index]

    def settle(self, results_seen: int) -> None:
        self.first_index += len(self.rows)
        self.rows = array("q")
        self.results_seen = results_seen


def import_acled(
    *,
    stream: BinaryIO,
    user: User | None,
    marking: str = DEFAULT_ACLED_MARKING,
    status: str = Status.SUBMITTED,
    file_name: str = "",
    encoding: str | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import an ACLED CSV. Raises AcledFormatError, having stored nothing, when the file is refused, and
    InputError (on the marking) when the marking is.

    encoding names a legacy encoding to read the file with (UTF-8, or UTF-16/32 with a byte order mark,
    are recognised). A stream that cannot seek is first copied to a temporary file: the file is read
    twice. progress(rows_read, bytes_read) is called after each stored batch.
    """
    # A marking the importer may not apply would reject every row: refuse it whole, before the file is read.
    resolve_label(marking=marking, user=user)
    with ExitStack() as cleanup:
        raw = _seekable(stream, cleanup)
        chosen = check_acled_file(raw, encoding=encoding)
        counting = CountingReader(raw)
        text = io.TextIOWrapper(
            io.BufferedReader(counting, buffer_size=1 << 16), encoding=chosen.codec, newline=""
        )
        return _store(
            text, counting, user=user, marking=marking, status=status, file_name=file_name, progress=progress
        )


def _seekable(stream: BinaryIO, cleanup: ExitStack) -> BinaryIO:
    try:
        if stream.seekable():
            return stream
    except (AttributeError, ValueError):
        pass
    spool = cleanup.enter_context(tempfile.TemporaryFile())  # noqa: SIM115 (the caller's ExitStack closes it)
    shutil.copyfileobj(stream, spool, 1 << 20)
    spool.seek(0)
    return spool


def _store(
    text: io.TextIOWrapper,
    counting: CountingReader,
    *,
    user: User | None,
    marking: str,
    status: str,
    file_name: str,
    progress: Callable[[int, int], None] | None,
) -> ImportReport:
    report = ImportReport()
    # The whole file was checked (check_acled_file), so only rows are rejected from here. Ids are not
    # remembered: ingest stores by event_id_cnty idempotently, so memory stays flat however long the file.
    records = read_acled(text, categorise=category_for_acled, remember_ids=False)
    # The file row of each item of the batch being stored, to report its rejections by row.
    rows = _BatchRows()

    def accepted_inputs() -> Iterator[EventInput]:
        for record in records:
            report.rows_read += 1
            if isinstance(record, RowRejected):
                report.rejected.append(
                    {"row": record.row_number, "field": record.field, "reason": record.reason}
                )
                continue
            rows.append(record.row_number)
            yield acled_to_event_input(record)

    def on_batch(summary: IngestSummary) -> None:
        # Ingest pulls the next batch only after reporting this one, so every row so far is settled.
        for result in summary.results[rows.results_seen :]:
            for error in result.errors:
                column = _COLUMN_OF_FIELD.get(error.field, error.field)
                report.rejected.append(
                    {"row": rows.row_of(result.index), "field": column, "reason": error.reason}
                )
        rows.settle(len(summary.results))
        if progress:
            progress(report.rows_read, counting.bytes_read)

    summary = ingest(
        items=accepted_inputs(),
        source_system="acled",
        default_marking=marking,
        user=user,
        status=status,
        # A name from the command line may carry undecodable bytes (as surrogates), which no database stores.
        file_name=file_name.encode("utf-8", "replace").decode().replace("\x00", ""),
        progress=on_batch,
    )
    report.imported, report.updated, report.unchanged = summary.created, summary.updated, summary.unchanged
    report.batch_id = summary.batch_id
    return report


__all__ = ["AcledFormatError", "ImportReport", "import_acled", "refusal_reason"]
