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
    records = read_acled(text)  # checks the header now, before anything is stored
    row_of_item = array("q")  # the file row of each item handed to ingest, to report its rejections by row

    def accepted_inputs() -> Iterator[EventInput]:
        for record in records:
            report.rows_read += 1
            if isinstance(record, RowRejected):
                report.rejected.append(
                    {"row": record.row_number, "field": record.field, "reason": record.reason}
                )
                continue
            row_of_item.append(record.row_number)
            yield acled_to_event_input(record)

    def on_batch(summary: IngestSummary) -> None:
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
    for result in summary.results:
        if result.outcome == "rejected":
            for error in result.errors:
                report.rejected.append(
                    {"row": row_of_item[result.index], "field": error.field, "reason": error.reason}
                )
    report.imported, report.updated, report.unchanged = summary.created, summary.updated, summary.unchanged
    report.batch_id = summary.batch_id
    return report


__all__ = ["AcledFormatError", "ImportReport", "import_acled"]
