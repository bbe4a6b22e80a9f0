"""Signals other apps listen to, so the operations log does not need to know who derives what from it.

`reports_changed` is sent after the transaction that changed reports commits, never inside it: a receiver
that fails or is slow cannot roll back or hold up the change itself, and it always reads committed data.

Arguments:
- `report_ids`: the ids of the reports whose counted state may have changed (entered, validated, published,
  corrected, rejected, updated from their source), or None when a bulk load changed too many to list: a
  receiver then recomputes what it derives.

Delivery is durable: the change's own transaction writes a `DerivationDue` row (the outbox), and the row is
deleted only once every receiver has succeeded. A process killed between the commit and the delivery, or a
receiver that failed, leaves the row, and recovery (events.recovery: at each start, and periodically while
serving) delivers it. Receivers therefore see a change at least once, and must be idempotent.
"""

import logging
from collections.abc import Iterable
from datetime import datetime
from functools import partial

from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.dispatch import Signal

from peacekeeper.events.models import DerivationDue, ImportBatch

logger = logging.getLogger(__name__)

reports_changed = Signal()

# Bulk loads larger than this announce "many changed" (None) instead of listing every id.
LISTED_IDS_LIMIT = 1000

# Any key of our own, the same in every process: PostgreSQL advisory locks are per server.
_DERIVATION_LOCK = 0x5EACE


def note_reports_changed(
    report_ids: Iterable[int] | None, *, import_batch: ImportBatch | None = None
) -> DerivationDue | None:
    """Write the outbox row for changed reports in the current transaction, without delivering it."""
    ids = None if report_ids is None else sorted(set(report_ids))
    if ids is not None and not ids:
        return None
    return DerivationDue.objects.create(report_ids=ids, import_batch=import_batch)


def announce_reports_changed(report_ids: Iterable[int] | None) -> None:
    """Owe `reports_changed` in the current transaction; sent once that commits (at once outside one)."""
    due = note_reports_changed(report_ids)
    if due is not None:
        deliver_after_commit(DerivationDue.objects.filter(pk=due.pk))


def deliver_after_commit(rows: QuerySet[DerivationDue]) -> None:
    """Deliver these rows (read then) once the current transaction commits (at once outside one)."""
    # Robust: the change is committed whatever happens here; a failure leaves the rows for recovery.
    transaction.on_commit(partial(deliver, rows), robust=True)


def deliver_left_over(*, created_before: datetime | None = None) -> bool:
    """Deliver rows nobody is delivering: of no import, or of an import no longer running."""
    rows = DerivationDue.objects.filter(
        Q(import_batch__isnull=True) | ~Q(import_batch__state=ImportBatch.State.RUNNING)
    )
    if created_before is not None:
        rows = rows.filter(created_at__lt=created_before)
    return deliver(rows)


def deliver(rows: QuerySet[DerivationDue]) -> bool:
    """Send `reports_changed` once for these rows together; delete them if every receiver succeeded.

    Returns False (and keeps the rows, with the error) when a receiver failed. Two processes may deliver
    the same row at once (recovery and its owner): receivers are idempotent, so that costs time only.
    """
    due = list(rows.order_by("pk").values_list("pk", "report_ids"))
    if not due:
        return True
    report_ids = _merged([ids for _, ids in due])
    failures = [
        (receiver, response)
        for receiver, response in reports_changed.send_robust(sender=deliver, report_ids=report_ids)
        if isinstance(response, Exception)
    ]
    pks = [pk for pk, _ in due]
    if not failures:
        DerivationDue.objects.filter(pk__in=pks).delete()
        return True
    for receiver, error in failures:
        logger.error(
            "reports_changed receiver %s failed for reports %s; kept for recovery",
            getattr(receiver, "__qualname__", receiver),
            "all" if report_ids is None else report_ids,
            exc_info=error,
        )
    text = "; ".join(f"{type(error).__name__}: {error}" for _, error in failures)
    DerivationDue.objects.filter(pk__in=pks).update(attempts=F("attempts") + 1, last_error=text[:2000])
    return False


def _merged(lists: list[list[int] | None]) -> list[int] | None:
    if any(ids is None for ids in lists):
        return None
    merged = sorted({pk for ids in lists for pk in ids})
    return merged if len(merged) <= LISTED_IDS_LIMIT else None


def lock_derived_state() -> None:
    """Called first in a receiver's transaction: one delivery writes derived state at a time.

    On PostgreSQL two deliveries touching the same derived rows (cells of one area and day, the
    restriction of one report) would otherwise both delete and re-insert them and clash; SQLite's
    IMMEDIATE transactions already queue writers.
    """
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_DERIVATION_LOCK])
