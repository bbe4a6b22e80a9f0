"""Bulk ingest: many EventInputs in batches, idempotent by (source_system, source_id).

Used by the ACLED import, the API's bulk endpoint and the exercise generator. Each batch is one
transaction, so a crash leaves whole batches stored and none half-written; running the same input
again stores nothing twice. A newer source_timestamp updates the stored report and its history.

New reports are written as rows (`core.bulk.insert_rows`), with no history entry each: the run's
`ImportBatch`, which every report it creates names, is the record of their creation, and a report's history
(`events.history`) shows it as the first entry. Updates and validations of stored reports are recorded
through `recording.record_change`, the one writer of history.

An importer finds stored reports only among those they may see: a report hidden from them does not exist
for them, their item is stored as a new report under their own label (source ids are unique per label),
and nothing they are told depends on it. A newer record released wider than the stored report is a
release decision (access.releasing): the item is rejected on its marking unless the importer is a release
authority, whose import then records the release with the reason "newer record from <system>". An import
with no user (the operator's command line, the generator) sees every report but releases nothing wider.
An item at a site's own place is rejected on its marking if released wider than the site, as on every path.
"""

import logging
import operator
import os
import socket
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime
from functools import partial
from typing import TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from peacekeeper.access.models import ReleaseLabel
from peacekeeper.access.releasing import resolve_label
from peacekeeper.access.request_labels import forget_request_answers
from peacekeeper.core.bulk import insert_rows, new_uids
from peacekeeper.core.errors import FieldError, InputError
from peacekeeper.events import ingest_checks
from peacekeeper.events.ingest_checks import CheckedBatch
from peacekeeper.events.ingest_updates import ItemResult, stored_reports, update_from_source
from peacekeeper.events.inputs import STORED_FIELDS, EventInput
from peacekeeper.events.models import DerivationDue, EventReport, ImportBatch, Status
from peacekeeper.events.recording import site_refusal, sites_at
from peacekeeper.events.signals import (
    LISTED_IDS_LIMIT,
    deliver_after_commit,
    note_reports_changed,
)
from peacekeeper.events.validation import theatre_error
from peacekeeper.events.workflow import counted_fields
from peacekeeper.theatre.boundaries import (
    cached_municipality_index,
    theatre_outline,
)

BATCH_SIZE = 2000

logger = logging.getLogger(__name__)


@dataclass
class IngestSummary:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    batch_id: int | None = None
    results: list[ItemResult] = field(default_factory=list)

    def add(self, result: ItemResult, *, keep: bool) -> None:
        setattr(self, result.outcome, getattr(self, result.outcome) + 1)
        if keep or result.outcome == "rejected":
            self.results.append(result)


class _LabelCache:
    """Markings repeat across an import; parse and intern each once."""

    def __init__(self, user: User | None) -> None:
        self.user = user
        self.labels: dict[str, ReleaseLabel | FieldError] = {}

    def get(self, marking: str) -> ReleaseLabel | FieldError:
        if marking not in self.labels:
            try:
                self.labels[marking] = resolve_label(marking=marking, user=self.user)
            except InputError as error:
                self.labels[marking] = error.errors[0]
        return self.labels[marking]


def ingest(
    *,
    items: Iterable[EventInput],
    source_system: str,
    default_marking: str,
    user: User | None = None,
    status: str = Status.SUBMITTED,
    file_name: str = "",
    keep_results: bool = False,
    batch_size: int = BATCH_SIZE,
    progress: Callable[[IngestSummary], None] | None = None,
    refuse_repeats: bool = False,
) -> IngestSummary:
    """Store items; every rejected item is reported with its index (0-based), field and reason.

    A source_id repeated within a batch is refused on the later item ("repeats item N"); with
    refuse_repeats, anywhere in items (one API request: at most 5,000 ids remembered). Without it a streamed
    file (a million rows) remembers ids per batch only, and a later batch's repeat updates the report.

    Each batch's transaction also records the batch's changes in the reports_changed outbox: a batch that
    lists its reports (a small one: the trickle, an API call) is delivered as soon as it commits, a larger
    one once at the end, so a million-row import asks its listeners for one rebuild, not 500. How the run
    ended is recorded on its ImportBatch, and what its committed batches owe is delivered however it ended.
    """
    summary = IngestSummary()
    batch_record = ImportBatch.objects.create(
        source_system=source_system,
        file_name=file_name[:300],
        user=user,
        status=status,
        host=socket.gethostname()[:255],
        pid=os.getpid(),
        heartbeat_at=timezone.now(),
    )
    summary.batch_id = batch_record.pk
    labels = _LabelCache(user)
    seen: dict[str, int] = {}
    offset = 0
    # Read here, not in the checking thread, which must not open a database connection of its own.
    check = partial(
        ingest_checks.check_batch,
        source_system=source_system,
        outline=theatre_outline(),
        index=cached_municipality_index(),
    )
    try:
        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-checks") as checker:
            for checked in ingest_checks.checked_batches(items, batch_size, check, checker):
                for result in _ingest_batch(
                    checked,
                    offset=offset,
                    source_system=source_system,
                    default_marking=default_marking,
                    labels=labels,
                    status=status,
                    batch_record=batch_record,
                    user=user,
                    keep_ids=keep_results,
                    seen=seen if refuse_repeats else {},
                ):
                    summary.add(result, keep=keep_results)
                offset += len(checked.batch)
                if progress:
                    progress(summary)
    except BaseException as error:
        _end(batch_record, summary, error=error)
        raise
    _end(batch_record, summary)
    return summary


def _end(batch: ImportBatch, summary: IngestSummary, *, error: BaseException | None = None) -> None:
    if error is None:
        batch.state, batch.finished_at = ImportBatch.State.FINISHED, timezone.now()
    elif isinstance(error, Exception):
        batch.state, batch.finished_at = ImportBatch.State.FAILED, timezone.now()
        batch.error = f"{type(error).__name__}: {error}"[:2000]
    else:  # Ctrl+C, SystemExit: stopped, as a killed process is
        batch.state = ImportBatch.State.INTERRUPTED
    batch.counts = {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
    }
    try:
        batch.save(update_fields=["state", "finished_at", "error", "counts"])
        deliver_after_commit(DerivationDue.objects.filter(import_batch=batch))
    except Exception:
        if error is None:
            raise
        # The original error is the one to report; recovery finds this run (still running, its process
        # gone) and delivers what it owes.
        logger.exception("import #%s: its end could not be recorded", batch.pk)


def _ingest_batch(
    checked: CheckedBatch,
    *,
    offset: int,
    source_system: str,
    default_marking: str,
    labels: _LabelCache,
    status: str,
    batch_record: ImportBatch,
    user: User | None,
    keep_ids: bool,
    seen: dict[str, int],
) -> list[ItemResult]:
    """seen: the index of the first item of each source_id stored so far; this batch's are added."""
    batch, now = checked.batch, checked.now
    results: dict[int, ItemResult] = {}
    # Positions and labels of the items valid so far, side by side: no tuple per item, so fewer objects for
    # the garbage collector to walk through while a batch is held.
    valid: list[int] = []
    valid_labels: list[ReleaseLabel] = []
    sites = sites_at(data.place_id for data in batch)
    for position, data in enumerate(batch):
        errors = checked.errors[position]
        label = labels.get(data.marking or default_marking)
        if isinstance(label, FieldError):
            errors.append(label)
        elif problem := site_refusal(site=sites.get(data.place_id), label=label, user=user):
            errors.append(problem)
        if errors:
            results[position] = ItemResult(offset + position, "rejected", errors=tuple(errors))
        else:
            valid.append(position)
            valid_labels.append(label)

    unique: list[tuple[int, EventInput, ReleaseLabel, int | None]] = []
    for position, label in zip(valid, valid_labels, strict=True):
        data, is_inside, area_id = batch[position], checked.inside[position], checked.area_ids[position]
        if problem := theatre_error(inside=is_inside, allowed=data.allow_outside_theatre):
            results[position] = ItemResult(offset + position, "rejected", errors=(problem,))
        elif data.source_id in seen:
            reason = f"repeats item {seen[data.source_id]}; each source_id is stored once"
            results[position] = ItemResult(
                offset + position, "rejected", errors=(FieldError("source_id", reason),)
            )
        else:
            if data.source_id:
                seen[data.source_id] = offset + position
            unique.append((position, data, label, area_id if is_inside else None))

    stored = _retrying_clashes(
        lambda: _store(
            unique,
            offset=offset,
            source_system=source_system,
            now=now,
            status=status,
            batch_record=batch_record,
            user=user,
            keep_ids=keep_ids,
        )
    )
    results.update(stored)
    return [results[position] for position in sorted(results)]


_STORE_ATTEMPTS = 3
T = TypeVar("T")


def _retrying_clashes(store: Callable[[], T]) -> T:
    """Run store in a transaction, again when it clashes on a source record another import just stored.

    On PostgreSQL two imports of the same source record can both find it missing and both insert it; the
    unique constraint (per source id and label) fails the second, which then looks again and finds it.
    SQLite's IMMEDIATE transactions queue the writers instead, so there the first attempt always holds.
    """
    attempts = _STORE_ATTEMPTS
    while True:
        try:
            with transaction.atomic():
                return store()
        except IntegrityError:
            attempts -= 1
            if not attempts:
                raise


def _store(
    located: list[tuple[int, EventInput, ReleaseLabel, int | None]],
    *,
    offset: int,
    source_system: str,
    now: datetime,
    status: str,
    batch_record: ImportBatch,
    user: User | None,
    keep_ids: bool,
) -> dict[int, ItemResult]:
    """Update or insert the batch's items, and owe reports_changed for them, in the caller's transaction;
    their results by position."""
    results: dict[int, ItemResult] = {}
    wanted = {
        data.source_id: (label.pk, data.source_timestamp) for _, data, label, _ in located if data.source_id
    }
    # An import is one request however long it runs: each batch looks at the label table afresh, so a
    # report another process stored meanwhile under a new label is found and updated, not stored twice.
    forget_request_answers()
    existing = stored_reports(source_system, wanted, user)
    new: list[tuple[int, EventInput, ReleaseLabel, int | None]] = []
    for item in located:
        position, data, label, area_id = item
        stored = existing.get(data.source_id) if data.source_id else None
        if stored is None:
            new.append(item)
        else:
            results[position] = update_from_source(
                stored, data, label, area_id, offset + position, user, status=status, now=now
            )
    counted = _counted_columns(status, user, now)
    new_rows = [
        _new_row(data, label, area_id, now, status, batch_record, user, counted, uid)
        for (_, data, label, area_id), uid in zip(new, new_uids(len(new)), strict=True)
    ]
    _insert_new(new_rows)
    updated = [result.event_id for result in results.values() if result.outcome == "updated"]
    listed = len(new_rows) + len(updated) <= LISTED_IDS_LIMIT
    ids = _ids_by_uid([values[_UID] for values in new_rows]) if keep_ids or listed else {}
    for (position, _, _, _), values in zip(new, new_rows, strict=True):
        results[position] = ItemResult(offset + position, "created", ids.get(values[_UID]))
    if new_rows or updated:
        due = note_reports_changed([*ids.values(), *updated] if listed else None, import_batch=batch_record)
        if listed:
            deliver_after_commit(DerivationDue.objects.filter(pk=due.pk))
    # A sign of life, so recovery can tell this run from one whose process is gone.
    ImportBatch.objects.filter(pk=batch_record.pk).update(heartbeat_at=now)
    return results


_INSERT_COLUMNS = (
    *STORED_FIELDS,
    "uid",
    "version",
    "status",
    "rejection_reason",
    "reported_at",
    "outside_theatre",
    "label_id",
    "area_id",
    "author_id",
    "import_batch_id",
    "validated_by_id",
    "validated_at",
    "published_at",
    "created_at",
    "updated_at",
)
_UID = len(STORED_FIELDS)
_stored_values = operator.attrgetter(*STORED_FIELDS)


def _new_row(
    data: EventInput,
    label: ReleaseLabel,
    area_id: int | None,
    now: datetime,
    status: str,
    batch: ImportBatch,
    user: User | None,
    counted: tuple,
    uid: str,
) -> tuple:
    """counted: validated_by_id, validated_at, published_at (_counted_columns), the same for the batch."""
    return (
        *_stored_values(data),
        uid,
        1,
        status,
        "",
        data.reported_at or now,
        area_id is None and data.allow_outside_theatre,
        label.pk,
        area_id,
        user.pk if user else None,
        batch.pk,
        *counted,
        now,
        now,
    )


def _counted_columns(status: str, user: User | None, now: datetime) -> tuple:
    """validated_by_id, validated_at, published_at of a new row: as the workflow sets them."""
    fields = counted_fields(status=status, user=user, now=now)
    validator = fields.get("validated_by")
    return (validator.pk if validator else None, fields.get("validated_at"), fields.get("published_at"))


def _insert_new(rows: list[tuple]) -> None:
    insert_rows(EventReport, _INSERT_COLUMNS, rows)


def _ids_by_uid(uids: list[str]) -> dict[str, int]:
    if not uids:
        return {}
    return {uid.hex: pk for uid, pk in EventReport.objects.filter(uid__in=uids).values_list("uid", "id")}
