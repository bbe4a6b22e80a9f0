"""The audit log: who created, changed, viewed or exported a restricted record, and when.

Views are audited on every serving, cached or not: a body served from a cache, or a 304 that lets the
browser show its copy again, still shows its records to this reader. Paths that serve rows rather than
model instances (map layers, the live stream) keep a `Shown` per record, cheap to hold beside a cached body.
"""

from collections.abc import Iterable
from typing import NamedTuple

from django.contrib.auth.models import User
from django.db.models import Model

from peacekeeper.access.classification import AUDITED_FROM
from peacekeeper.access.models import AuditEntry


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
    entries = [
        AuditEntry(
            user_id=user_id,
            action=action,
            record_type=item.record_type,
            record_id=item.record_id,
            marking=item.marking,
            label_id=item.label_id,
            detail=detail[:255],
        )
        for user_id, shown in deliveries
        for item in audited(shown)
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
