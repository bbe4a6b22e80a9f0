"""Bulk ingest: many EventInputs in batches, idempotent by (source_system, source_id).

Used by the ACLED import, the API's bulk endpoint and the exercise generator. Each batch is one
transaction, so a crash leaves whole batches stored and none half-written; running the same input
again stores nothing twice. A newer source_timestamp updates the stored report and its history.

An importer finds stored reports only among those they may see: a report hidden from them does not exist
for them, their item is stored as a new report under their own label (source ids are unique per label),
and nothing they are told depends on it. A newer record released wider than the stored report is a
release decision (access.releasing): the item is rejected on its marking unless the importer is a release
authority, whose import then records the release with the reason "newer record from <system>". An import
with no user (the operator's command line, the generator) sees every report but releases nothing wider.
An item at a site's own place is rejected on its marking if released wider than the site, as on every path.
"""

import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import TypeVar

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import timezone

from peacekeeper.access.models import ReleaseLabel
from peacekeeper.core.bulk import insert_rows
from peacekeeper.events.ingest_updates import ItemResult, stored_reports, update_from_source
from peacekeeper.events.inputs import STORED_FIELDS, EventInput, FieldError
from peacekeeper.events.models import EventReport, ImportBatch, Status
from peacekeeper.events.recording import (
    EventInputError,
    resolve_label,
    site_refusal,
    sites_at,
)
from peacekeeper.events.signals import LISTED_IDS_LIMIT, announce_reports_changed
from peacekeeper.events.validation import theatre_error, validate_input
from peacekeeper.theatre.boundaries import cached_municipality_index, in_theatre_many

BATCH_SIZE = 2000


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


def _batches(items: Iterable[EventInput], size: int) -> Iterator[list[EventInput]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


class _LabelCache:
    """Markings repeat across an import; parse and intern each once."""

    def __init__(self, user: User | None) -> None:
        self.user = user
        self.labels: dict[str, ReleaseLabel | FieldError] = {}

    def get(self, marking: str) -> ReleaseLabel | FieldError:
        if marking not in self.labels:
            try:
                self.labels[marking] = resolve_label(marking=marking, user=self.user)
            except EventInputError as error:
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
) -> IngestSummary:
    """Store items; every rejected item is reported with its index, field and reason."""
    summary = IngestSummary()
    batch_record = ImportBatch.objects.create(
        source_system=source_system, file_name=file_name[:300], user=user
    )
    summary.batch_id = batch_record.pk
    labels = _LabelCache(user)
    changed = _ChangedReports()
    offset = 0
    for batch in _batches(items, batch_size):
        for result in _ingest_batch(
            batch,
            offset=offset,
            source_system=source_system,
            default_marking=default_marking,
            labels=labels,
            status=status,
            batch_record=batch_record,
            user=user,
            keep_ids=keep_results,
            changed=changed,
        ):
            summary.add(result, keep=keep_results)
        offset += len(batch)
        if progress:
            progress(summary)
    batch_record.finished_at = timezone.now()
    batch_record.counts = {
        "created": summary.created,
        "updated": summary.updated,
        "unchanged": summary.unchanged,
        "rejected": summary.rejected,
    }
    batch_record.save(update_fields=["finished_at", "counts"])
    # Once for the whole load, so a million-row import asks its listeners for one rebuild, not 500.
    announce_reports_changed(changed.ids)
    return summary


class _ChangedReports:
    """The reports an ingest created or updated: their ids up to LISTED_IDS_LIMIT, past it None (many)."""

    def __init__(self) -> None:
        self.ids: list[int] | None = []

    def has_room_for(self, count: int) -> bool:
        return self.ids is not None and len(self.ids) + count <= LISTED_IDS_LIMIT

    def add(self, results: Iterable[ItemResult], *, listed: bool) -> None:
        if self.ids is None:
            return
        if not listed:
            self.ids = None
            return
        self.ids += [r.event_id for r in results if r.outcome in {"created", "updated"} and r.event_id]
        if len(self.ids) > LISTED_IDS_LIMIT:
            self.ids = None


def _ingest_batch(
    batch: list[EventInput],
    *,
    offset: int,
    source_system: str,
    default_marking: str,
    labels: _LabelCache,
    status: str,
    batch_record: ImportBatch,
    user: User | None,
    keep_ids: bool,
    changed: _ChangedReports,
) -> list[ItemResult]:
    now = timezone.now()
    results: dict[int, ItemResult] = {}
    valid: list[tuple[int, EventInput, ReleaseLabel]] = []
    sites = sites_at(data.place_id for data in batch)
    for position, data in enumerate(batch):
        data.source_system = source_system
        errors = validate_input(data, now=now)
        label = labels.get(data.marking or default_marking)
        if isinstance(label, FieldError):
            errors.append(label)
        elif problem := site_refusal(site=sites.get(data.place_id), label=label, user=user):
            errors.append(problem)
        if errors:
            results[position] = ItemResult(offset + position, "rejected", errors=tuple(errors))
        else:
            valid.append((position, data, label))

    inside = in_theatre_many([d.lat for _, d, _ in valid], [d.lon for _, d, _ in valid])
    area_ids = cached_municipality_index().locate_many(
        [d.lat for _, d, _ in valid], [d.lon for _, d, _ in valid], tolerance_deg=0.02
    )
    located = []
    for (position, data, label), is_inside, area_id in zip(valid, inside, area_ids, strict=True):
        problem = theatre_error(inside=is_inside, allowed=data.allow_outside_theatre)
        if problem:
            results[position] = ItemResult(offset + position, "rejected", errors=(problem,))
        else:
            located.append((position, data, label, area_id if is_inside else None))

    unique: list[tuple[int, EventInput, ReleaseLabel, int | None]] = []
    first_seen: dict[str, int] = {}
    for position, data, label, area_id in located:
        if data.source_id in first_seen:
            reason = f"duplicate of item {offset + first_seen[data.source_id]} (same source_id)"
            results[position] = ItemResult(
                offset + position, "rejected", errors=(FieldError("source_id", reason),)
            )
            continue
        if data.source_id:
            first_seen[data.source_id] = position
        unique.append((position, data, label, area_id))

    stored, listed = _retrying_clashes(
        lambda: _store(
            unique,
            offset=offset,
            source_system=source_system,
            now=now,
            status=status,
            batch_record=batch_record,
            user=user,
            keep_ids=keep_ids,
            changed=changed,
        )
    )
    results.update(stored)
    changed.add(results.values(), listed=listed)
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
    changed: _ChangedReports,
) -> tuple[dict[int, ItemResult], bool]:
    """Update or insert the batch's items (in the caller's transaction); their results by position."""
    results: dict[int, ItemResult] = {}
    wanted = {data.source_id: label.pk for _, data, label, _ in located if data.source_id}
    existing = stored_reports(source_system, wanted, user)
    new_rows: list[tuple[int, tuple]] = []
    for position, data, label, area_id in located:
        stored = existing.get(data.source_id) if data.source_id else None
        if stored is None:
            new_rows.append((position, _new_row(data, label, area_id, now, status, batch_record, user)))
        else:
            results[position] = update_from_source(stored, data, label, area_id, offset + position, user)
    _insert_new(new_rows)
    listed = changed.has_room_for(len(new_rows))
    ids = _ids_by_uid([values[_UID] for _, values in new_rows]) if keep_ids or listed else {}
    for position, values in new_rows:
        results[position] = ItemResult(offset + position, "created", ids.get(values[_UID]))
    return results, listed


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
    "created_at",
    "updated_at",
)
_UID = len(STORED_FIELDS)


def _new_row(
    data: EventInput,
    label: ReleaseLabel,
    area_id: int | None,
    now: datetime,
    status: str,
    batch: ImportBatch,
    user: User | None,
) -> tuple:
    return (
        *(getattr(data, name) for name in STORED_FIELDS),
        uuid.uuid4(),
        1,
        status,
        "",
        data.reported_at or now,
        area_id is None and data.allow_outside_theatre,
        label.pk,
        area_id,
        user.pk if user else None,
        batch.pk,
        now,
        now,
    )


def _insert_new(new_rows: list[tuple[int, tuple]]) -> None:
    insert_rows(EventReport, _INSERT_COLUMNS, [values for _, values in new_rows])


def _ids_by_uid(uids: list[uuid.UUID]) -> dict[uuid.UUID, int]:
    return dict(EventReport.objects.filter(uid__in=uids).values_list("uid", "id")) if uids else {}
