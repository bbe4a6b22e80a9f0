"""Reports an ingest finds already stored: looked up among those the importer may see, and updated when the
source sends a newer version of the record (ACLED revises its records), with history and, for a newer
record released wider, a release decision."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.access.releasing import ReleaseRefused, decide_release, originator_of, record_release
from peacekeeper.core.bulk import OneOf
from peacekeeper.core.errors import FieldError
from peacekeeper.events.inputs import STORED_FIELDS, EventInput
from peacekeeper.events.models import COUNTED_STATUSES, EventChange, EventReport, Status
from peacekeeper.events.recording import record_change
from peacekeeper.events.workflow import counted_fields

_COMPARED_FIELDS = tuple(name for name in STORED_FIELDS if name not in {"source_system", "source_id"})


@dataclass(frozen=True)
class ItemResult:
    index: int
    outcome: str  # created | updated | unchanged | rejected
    event_id: int | None = None
    errors: tuple[FieldError, ...] = ()


def stored_reports(
    source_system: str, wanted: dict[str, tuple[int, int | None]], user: User | None
) -> dict[str, EventReport]:
    """The stored report each source id (-> the label id its item asks for, and its source_timestamp)
    updates.

    Only among the reports the importer may see: a hidden report does not exist for them, and their item
    is stored as if it were missing (under their own label, which they can see, so it never clashes with
    the hidden one). Of several with that source id (under different labels), the one with the item's
    label, else the oldest. An import with no user (the operator's command line, the generator) sees all.

    Those a newer record will update are read again locked (one query), so that a validation or correction
    of one at the same moment is waited for and built upon, never overwritten; the others are read without
    a lock, as a re-import of records unchanged at their source writes nothing.
    """
    if not wanted:
        return {}
    rows = EventReport.objects.filter(OneOf("source_id", wanted), source_system=source_system)
    if user is not None:
        rows = policy.visible(rows, user)
    found: dict[str, EventReport] = {}
    for row in rows.select_related("label").order_by("pk"):
        chosen = found.get(row.source_id)
        same_label = row.label_id == wanted[row.source_id][0]
        if chosen is None or (same_label and chosen.label_id != row.label_id):
            found[row.source_id] = row
    updated = {row.pk for source_id, row in found.items() if _newer(wanted[source_id][1], row)}
    if not updated:
        return found
    # In id order, so two imports updating the same reports never wait for each other in a circle.
    locking = rows.select_for_update(of=("self",)).select_related("label").filter(pk__in=updated)
    locked = {row.pk: row for row in locking.order_by("pk")}
    # A report gone from the importer's sight meanwhile is missing for them, as it would have been.
    return {
        source_id: locked.get(row.pk, row)
        for source_id, row in found.items()
        if row.pk in locked or row.pk not in updated
    }


def _newer(source_timestamp: int | None, stored: EventReport) -> bool:
    """Only a newer version of the source record changes what we hold (ACLED revises its records)."""
    return source_timestamp is not None and (
        stored.source_timestamp is None or source_timestamp > stored.source_timestamp
    )


def update_from_source(
    stored: EventReport,
    data: EventInput,
    label: ReleaseLabel,
    area_id: int | None,
    index: int,
    user: User | None,
    *,
    status: str,
    now: datetime,
) -> ItemResult:
    """A newer source record updates the stored report (with history); an import that stores its reports
    as validated (validated at source) also validates a stored one still in draft or review, as an
    analyst's validation would. A rejected report stays rejected: that was an analyst's decision."""
    if not _newer(data.source_timestamp, stored):
        return ItemResult(index, "unchanged", stored.pk)
    diff = {
        name: (getattr(stored, name), getattr(data, name))
        for name in _COMPARED_FIELDS
        if getattr(stored, name) != getattr(data, name)
    }
    reason = f"newer record from {stored.source_system}"
    release = None
    if label.pk != stored.label_id:
        diff["marking"] = (stored.label.marking, label.marking)
        # A newer record released wider is a release decision: the importer's, if they are a release
        # authority (the source's new release is the reason); anyone else's item is rejected.
        try:
            release = decide_release(
                user=user, old=stored.label, new=label, reason=reason, originator=originator_of(stored.author)
            )
        except ReleaseRefused as refusal:
            return ItemResult(index, "rejected", errors=(FieldError("marking", str(refusal)),))
    stored.source_timestamp = data.source_timestamp
    changed = bool(set(diff) - {"source_timestamp"})
    validates = status in COUNTED_STATUSES and stored.status in {Status.DRAFT, Status.SUBMITTED}
    if not changed and not validates:
        stored.save(update_fields=["source_timestamp"])
        return ItemResult(index, "unchanged", stored.pk)
    if changed:
        for name in diff:
            if name != "marking":
                setattr(stored, name, getattr(data, name))
        stored.label = label
        stored.area_id = area_id
        stored.version += 1
    previous = stored.status
    if validates:
        # The same fields as the workflow's validation (publication), by the importer.
        stored.status = status
        for name, value in counted_fields(status=status, user=user, now=now).items():
            setattr(stored, name, value)
    stored.save()
    if changed:
        record_change(event=stored, user=user, action=EventChange.Action.UPDATED, fields=diff, reason=reason)
    if validates:
        action = EventChange.Action.VALIDATED if status == Status.VALIDATED else EventChange.Action.PUBLISHED
        record_change(
            event=stored,
            user=user,
            action=action,
            fields={"status": (previous, status)},
            reason=f"validated at source ({stored.source_system})",
        )
    if release is not None:
        record_release(user=user, record=stored, release=release)
    return ItemResult(index, "updated", stored.pk)
