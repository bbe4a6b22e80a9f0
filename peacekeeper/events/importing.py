"""Importing an ACLED CSV file: stream it, store it through bulk ingest, report every rejected row."""

import io
from array import array
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

from django.contrib.auth.models import User

from peacekeeper.events.ingest import IngestSummary, ingest
from peacekeeper.events.inputs import EventInput
from peacekeeper.events.models import Status
from peacekeeper.interop.acled import AcledFormatError, RowRejected, acled_to_event_input, read_acled

DEFAULT_ACLED_MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


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
    progress: Callable[[int, int], None] | None = None,
) -> ImportReport:
    """Import an ACLED CSV. Raises AcledFormatError (nothing stored) when the header is unusable.

    progress(rows_read, bytes_read) is called after each stored batch.
    """
    counting = CountingReader(stream)
    text = io.TextIOWrapper(
        io.BufferedReader(counting, buffer_size=1 << 16), encoding="utf-8-sig", newline=""
    )
    report = ImportReport()
    # The header is checked now, before anything is stored. Ids are not remembered here: ingest stores by
    # event_id_cnty idempotently, so memory stays flat however long the file is.
    records = read_acled(text, remember_ids=False)
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
                report.rejected.append(
                    {"row": rows.row_of(result.index), "field": error.field, "reason": error.reason}
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
        file_name=file_name,
        progress=on_batch,
    )
    report.imported, report.updated, report.unchanged = summary.created, summary.updated, summary.unchanged
    report.batch_id = summary.batch_id
    return report


__all__ = ["AcledFormatError", "ImportReport", "import_acled"]
