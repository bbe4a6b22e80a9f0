"""A report's history as one reader may see it.

Its entries are `EventChange` rows, which `recording.record_change` alone writes, and, first, for a report
a bulk import stored, an "imported" entry built from the import's `ImportBatch`: the batch is the record of
the creation of every report it stored (an entry per report would cost a 200,000-row import its pace). The
entry says when the report was stored, by the batch's user, and from which source, file and import; it is
labelled as the version the import stored, and shown as any other entry is. Nothing else of the batch is
shown: not its counts, nor any other report it stored.

Each entry is labelled with the version it produced (`EventChange.label`): its new values are released as
that version was, its old values as the version before it. A reader sees the entries whose label they may
see, and of each the old values only if they may also see the version before; otherwise the old values,
the old marking among them, are withheld, and so is which fields changed. An incident named by a merge is
shown only to a reader who sees that incident, and a place only to a reader who may know of it (the place
of a site hidden from them is not there for them).
"""

from dataclasses import dataclass

from django.contrib.auth.models import User

from peacekeeper.access import policy
from peacekeeper.access.audit import Shown, record_shown, shown_of
from peacekeeper.access.labels import spec_of
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.events import incidents
from peacekeeper.events.models import EventChange, EventReport, ImportBatch, Status
from peacekeeper.theatre.layers import hidden_site_places

WITHHELD = "earlier version not released to you"


@dataclass(frozen=True)
class HistoryEntry:
    change: EventChange
    fields: dict[str, list]  # {field: [old, new]}; old is None where withheld
    old_withheld: bool
    old_label: ReleaseLabel | None  # the label of the old values shown; None when none are

    @property
    def reason(self) -> str:
        """The change's reason, written about the version it changed: withheld with that version."""
        return "" if self.old_withheld else self.change.reason

    @property
    def imported(self) -> bool:
        """Whether this is a bulk import's entry, built from its batch (never stored)."""
        return self.change.action == EventChange.Action.IMPORTED

    @property
    def labels(self) -> list[ReleaseLabel]:
        """The labels of what this entry shows (for the page banner)."""
        return [self.change.label] + ([self.old_label] if self.old_label is not None else [])


def visible_history(*, event: EventReport, user: User) -> list[HistoryEntry]:
    """The entries of the report's history this user may see, oldest first, each as far as they may."""
    subject = policy.subject_for(user)
    decided: dict[int, bool] = {}

    def may_see(label: ReleaseLabel | None) -> bool:
        if label is None:
            return False
        if label.pk not in decided:
            decided[label.pk] = policy.can_see(subject, spec_of(label))
        return decided[label.pk]

    changes = list(
        event.changes.select_related("user", "label__national_only").prefetch_related("label__categories")
    )
    imported = _imported(event, first=changes[0] if changes else None)
    if imported is not None:
        changes.insert(0, imported)
    named = [value for change in changes for value in change.fields.get("incident", ())]
    incidents_seen = incidents.visible_incident_ids(user=user, incident_ids=named)
    places_hidden = _hidden_places_named(changes, user=user)
    entries = []
    before = _label_before(changes[0]) if changes else None
    for change in changes:
        if may_see(change.label):
            shown_before = before if may_see(before) else None
            entry = _as_seen(
                change, before=shown_before, incidents_seen=incidents_seen, places_hidden=places_hidden
            )
            if entry is not None:
                entries.append(entry)
        before = change.label
    return entries


def _hidden_places_named(changes: list[EventChange], *, user: User) -> set[int]:
    """The places this user may not know of, when the history names any place at all."""
    if not any("place_id" in change.fields for change in changes):
        return set()
    return hidden_site_places(user)


def _imported(event: EventReport, *, first: EventChange | None) -> EventChange | None:
    """The entry of the report's creation by a bulk import, built from its batch, or None if none made it.

    Labelled as the version the import stored: the label before the first stored entry, or the report's
    own when none has been written since. Left out when that version's marking is no longer a label.
    """
    if event.import_batch_id is None:
        return None
    label = _label_before(first) if first is not None else event.label
    if label is None:
        return None
    batch = ImportBatch.objects.select_related("user").get(pk=event.import_batch_id)
    return EventChange(
        event=event,
        version=1,
        at=event.created_at,
        user=batch.user,
        action=EventChange.Action.IMPORTED,
        fields={},
        reason=_provenance(batch),
        label=label,
    )


def _provenance(batch: ImportBatch) -> str:
    """What the batch records of where its reports came from, and the status they were stored at."""
    source = f"import #{batch.pk} from {batch.source_system}"
    if batch.file_name:
        source += f", file {batch.file_name}"
    return f"{source}, stored as {Status(batch.status).label.lower()}"


def _label_before(first: EventChange) -> ReleaseLabel | None:
    """The label of the version before a report's first stored entry.

    A bulk import stores its version without an entry, so a first stored entry may have old values: they
    carry the marking the entry replaced, or the entry's own when it did not relabel.
    """
    marking = first.fields.get("marking")
    if not marking:
        return first.label
    return ReleaseLabel.objects.filter(marking=marking[0]).first()  # None (withheld) if never interned


def _as_seen(
    change: EventChange, *, before: ReleaseLabel | None, incidents_seen: set[int], places_hidden: set[int]
) -> HistoryEntry | None:
    """The entry as a reader sees it; `before` is the previous version's label if they may see it."""
    old_shown = before is not None
    fields = {}
    for name, (old, new) in change.fields.items():
        if name == "incident":
            old, new = (value if value in incidents_seen else None for value in (old, new))
            if old == new:
                continue
        if name == "place_id":
            old, new = (None if value in places_hidden else value for value in (old, new))
            if old == new:
                continue
        fields[name] = [old, new]
    if not fields and change.action in {EventChange.Action.MERGED, EventChange.Action.UNMERGED}:
        return None  # a move between incidents this reader does not see: for them, nothing happened
    if fields and not old_shown:
        # Which fields changed from a version the reader may not see says something about that version (a
        # cleared boolean was set, a count was not zero): they learn only that an earlier version exists.
        return HistoryEntry(change=change, fields={}, old_withheld=True, old_label=None)
    shown_label = before if fields else None
    return HistoryEntry(change=change, fields=fields, old_withheld=False, old_label=shown_label)


def audit_earlier_versions(
    *, user: User, event: EventReport, entries: list[HistoryEntry], detail: str
) -> int:
    """Audit the restricted versions shown under a label other than the report's (audited with the report).

    An import's entry is no stored record: the version it shows is audited as the report's.
    """
    shown = [
        _imported_version(event, entry.change.label) if entry.imported else shown_of(entry.change)
        for entry in entries
        if entry.change.label_id != event.label_id
    ]
    return record_shown(user=user, shown=shown, detail=detail)


def _imported_version(event: EventReport, label: ReleaseLabel) -> Shown:
    return Shown(event._meta.label_lower, str(event.pk), label.pk, label.marking, label.classification)
