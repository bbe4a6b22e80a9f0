"""The audit log: who created, changed, viewed or exported a restricted record, and when.

Views are audited on every serving, cached or not: a body served from a cache, or a 304 that lets the
browser show its copy again, still shows its records to this reader. Paths that serve rows rather than
model instances (map layers, the live stream) keep a `Shown` per record, cheap to hold beside a cached body.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Model
from django.utils import timezone

from peacekeeper.access.classification import AUDITED_FROM
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.bulk import insert_rows


class Shown(NamedTuple):
    """A record shown to a reader, as much of it as its audit entry needs."""

    record_type: str
    record_id: str
    label_id: int
    marking: str
    classification: int


def shown_of(record: Model) -> Shown:
    label = record.label
    return Shown(record._meta.label_lower, str(record.pk), label.pk, label.marking, label.classification)


def audited(shown: Iterable[Shown]) -> tuple[Shown, ...]:
    """The records among these that a view is audited for: restricted or above."""
    return tuple(item for item in shown if item.classification >= AUDITED_FROM)


def record_access(
    *, user: User, action: AuditEntry.Action, record: Model, detail: str = ""
) -> AuditEntry | None:
    """Write an audit entry when the record's label is restricted or above; lower labels are not audited."""
    label = record.label
    if label.classification < AUDITED_FROM:
        return None
    return AuditEntry.objects.create(
        user=user,
        action=action,
        record_type=record._meta.label_lower,
        record_id=str(record.pk),
        marking=label.marking,
        label=label,
        detail=detail[:255],
    )


def record_bulk_view(
    *, user: User, records: list[Model], detail: str, action: AuditEntry.Action = AuditEntry.Action.VIEWED
) -> int:
    """Audit a list or export view: one entry per restricted record shown."""
    return record_shown(
        user=user, shown=[shown_of(record) for record in records], detail=detail, action=action
    )


def record_shown(
    *, user: User, shown: Iterable[Shown], detail: str, action: AuditEntry.Action = AuditEntry.Action.VIEWED
) -> int:
    """record_bulk_view for records known by their `Shown`: one entry per restricted one, in one INSERT."""
    return record_shown_to_many(deliveries=[(user.pk, shown)], detail=detail, action=action)


def record_shown_to_many(
    *,
    deliveries: Iterable[tuple[int, Iterable[Shown]]],
    detail: str,
    action: AuditEntry.Action = AuditEntry.Action.VIEWED,
) -> int:
    """record_shown for several readers at once, each (user id, the records shown to them): one entry per
    restricted record per reader, all in one INSERT."""
    # Rows, not model instances through bulk_create: an export of a few thousand restricted reports audits
    # each, and building and preparing that many instances cost more than the export's own query.
    at, text, kind = timezone.now(), detail[:255], AuditEntry.Action(action).value
    rows = [
        (at, user_id, kind, item.record_type, str(item.record_id), item.marking, item.label_id, text)
        for user_id, shown in deliveries
        for item in audited(shown)
    ]
    # One transaction for the lot: outside one, SQLite would commit each row by itself (an export's
    # thousands of entries took a quarter of a second, holding the database's one write lock throughout).
    if rows:
        with transaction.atomic(savepoint=False):
            insert_rows(AuditEntry, _AUDIT_COLUMNS, rows)
    return len(rows)


_AUDIT_COLUMNS = ("at", "user_id", "action", "record_type", "record_id", "marking", "label_id", "detail")
