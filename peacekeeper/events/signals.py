"""Signals other apps listen to, so the operations log does not need to know who derives what from it.

`reports_changed` is sent after the transaction that changed reports commits, never inside it: a receiver
that fails or is slow cannot roll back or hold up the change itself, and it always reads committed data.

Arguments:
- `report_ids`: the ids of the reports whose counted state may have changed (validated, published, corrected,
  rejected, updated from their source), or None when a bulk load changed too many to list: a receiver then
  recomputes what it derives.
"""

from collections.abc import Iterable

from django.db import transaction
from django.dispatch import Signal

reports_changed = Signal()

# Bulk loads larger than this announce "many changed" (None) instead of listing every id.
LISTED_IDS_LIMIT = 1000


def announce_reports_changed(report_ids: Iterable[int] | None) -> None:
    """Send `reports_changed` once the current transaction commits (at once outside a transaction)."""
    ids = None if report_ids is None else sorted(set(report_ids))
    if ids is not None and not ids:
        return
    transaction.on_commit(lambda: reports_changed.send(sender=announce_reports_changed, report_ids=ids))
