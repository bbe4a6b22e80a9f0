"""The audit log: who created, changed, viewed or exported a restricted record, and when."""

from django.contrib.auth.models import User
from django.db.models import Model

from peacekeeper.access.classification import AUDITED_FROM
from peacekeeper.access.models import AuditEntry


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
    entries = [
        AuditEntry(
            user=user,
            action=action,
            record_type=record._meta.label_lower,
            record_id=str(record.pk),
            marking=record.label.marking,
            label_id=record.label_id,
            detail=detail[:255],
        )
        for record in records
        if record.label.classification >= AUDITED_FROM
    ]
    AuditEntry.objects.bulk_create(entries)
    return len(entries)
