"""Creating and changing reports, one at a time, with their history.

`record_change` is the one writer of `EventChange`: every change of a report goes through it, so its
timeline is complete by construction. A bulk import (`events.ingest`) writes no entry for the reports it
creates: its `ImportBatch` is the record of their creation, and `events.history` shows it as their first
entry. What an import changes in a stored report afterwards goes through `record_change` as well.
"""

from collections.abc import Iterable
from datetime import date, datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.labels import spec_of
from peacekeeper.access.models import AuditEntry, ReleaseLabel
from peacekeeper.access.releasing import (
    default_marking,
    originator_of,
    record_release,
    release_decision,
    resolve_label,
)
from peacekeeper.core.errors import Conflict, FieldError, InputError, NotAllowed
from peacekeeper.events.inputs import STORED_FIELDS, EventInput
from peacekeeper.events.models import EventChange, EventReport, Status
from peacekeeper.events.signals import announce_reports_changed
from peacekeeper.events.validation import theatre_error, validate_input
from peacekeeper.theatre.boundaries import cached_municipality_index, in_theatre_many
from peacekeeper.theatre.layers import sites_at_own_places
from peacekeeper.theatre.models import Site

# Fields a correction may change; identity, workflow and provenance fields are not edited by hand.
_PROVENANCE = {"source_system", "source_id", "source_timestamp", "exercise"}
EDITABLE_FIELDS = (
    *(name for name in STORED_FIELDS if name not in _PROVENANCE),
    "marking",
    "allow_outside_theatre",
)


def _json_safe(value: object) -> object:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


def record_change(
    *, event: EventReport, user: User | None, action: str, fields: dict | None = None, reason: str = ""
) -> EventChange:
    """Append one entry to the report's history (the only writer of EventChange; a bulk import's creation
    of a report is recorded by its ImportBatch instead, see events.history).

    The entry carries the label the report has after the change: what it shows of the new version is
    released as that version is.
    """
    safe = {name: [_json_safe(old), _json_safe(new)] for name, (old, new) in (fields or {}).items()}
    return EventChange.objects.create(
        event=event,
        version=event.version,
        user=user,
        action=action,
        fields=safe,
        reason=reason,
        label_id=event.label_id,
    )


# What a change starts from: another writer changing any of it meanwhile is a conflict, not overwritten.
_CONTENT = (*STORED_FIELDS, "label_id", "outside_theatre", "version", "status")
# The changes "this report was … by … a moment ago" names (its action reads as the verb); others "changed".
_TOLD = frozenset(
    {
        EventChange.Action.CORRECTED,
        EventChange.Action.SUBMITTED,
        EventChange.Action.VALIDATED,
        EventChange.Action.PUBLISHED,
        EventChange.Action.REJECTED,
    }
)


def lock_unchanged(event: EventReport, *, user: User, fields: tuple[str, ...] = _CONTENT) -> EventReport:
    """The report re-read and locked in the current transaction; Conflict if these fields changed since
    `event` was read.

    Re-read through the policy: a report gone from the user's sight meanwhile (relabelled, or their access
    lowered) is missing for them (Http404), as any other lookup answers, never a conflict that would tell
    it exists. The conflict names who changed it only from a history entry the user may see.
    On PostgreSQL select_for_update waits for another writer of the row to commit; on SQLite the IMMEDIATE
    transaction already holds the database's write lock, so the re-read sees the last committed state.
    """
    current = policy.get_visible_or_404(EventReport.objects.select_for_update(), user, pk=event.pk)
    if all(getattr(current, name) == getattr(event, name) for name in fields):
        return current
    last = current.changes.select_related("user", "label").order_by("-at", "-id").first()
    if last is None or not policy.can_see_record(user, last):
        raise Conflict("this report was changed a moment ago; reload it")
    done = last.action if last.action in _TOLD else "changed"
    who = (last.user.get_full_name() or last.user.username) if last.user else "an import"
    raise Conflict(f"this report was {done} by {who} a moment ago; reload it to see the change")


def sites_at(place_ids: Iterable[int | None]) -> dict[int, Site]:
    """The sites standing at these places (each at a place of its own), by place id."""
    wanted = {place_id for place_id in place_ids if place_id is not None}
    if not wanted:
        return {}
    sites = sites_at_own_places().filter(place_id__in=wanted).select_related("label")
    return {site.place_id: site for site in sites}


def site_refusal(*, site: Site | None, label: ReleaseLabel, user: User | None) -> FieldError | None:
    """Why a report at this site may not carry this label: its place names and positions the site, so the
    report may be released no wider than the site (no writing down). The site is named only to a writer
    who may see it; one who may not sees an older report at it, already released wider."""
    if site is None or policy.label_refers_to(label, site.label):
        return None
    if user is None or policy.can_see_record(user, site):
        reason = f"a report at {site.name} cannot be released wider than the site ({site.label.marking})"
    else:
        reason = f"the report's place is not released to every reader of {label.marking}"
    return FieldError("marking", reason)


def _refuse_wider_than_site(*, place_id: int | None, label: ReleaseLabel, user: User) -> None:
    problem = site_refusal(site=sites_at([place_id]).get(place_id), label=label, user=user)
    if problem:
        raise InputError([problem])


def locate(data: EventInput) -> tuple[int | None, list[FieldError]]:
    """The area the point lies in, and an error if it lies outside the theatre without confirmation."""
    inside = in_theatre_many([data.lat], [data.lon])[0]
    problem = theatre_error(inside=inside, allowed=data.allow_outside_theatre)
    if problem:
        return None, [problem]
    area_id = cached_municipality_index().locate_many([data.lat], [data.lon], tolerance_deg=0.02)[0]
    return area_id, []


def _check(data: EventInput) -> int | None:
    errors = validate_input(data, now=timezone.now())
    if errors:
        raise InputError(errors)
    area_id, errors = locate(data)
    if errors:
        raise InputError(errors)
    return area_id


def create_report(*, user: User, data: EventInput, submit: bool = False) -> EventReport:
    if not policy.can_edit(user):
        raise NotAllowed("your role does not allow logging reports")
    area_id = _check(data)
    label = resolve_label(marking=data.marking or default_marking(user), user=user)
    _refuse_wider_than_site(place_id=data.place_id, label=label, user=user)
    values = {name: getattr(data, name) for name in STORED_FIELDS}
    with transaction.atomic():
        event = EventReport.objects.create(
            **values,
            label=label,
            area_id=area_id,
            reported_at=data.reported_at or timezone.now(),
            outside_theatre=data.allow_outside_theatre and area_id is None,
            author=user,
            status=Status.SUBMITTED if submit else Status.DRAFT,
        )
        record_change(event=event, user=user, action=EventChange.Action.CREATED)
        if submit:
            record_change(event=event, user=user, action=EventChange.Action.SUBMITTED)
        record_access(user=user, action=AuditEntry.Action.CREATED, record=event)
        # Entry is a change too: what derives from the log at entry (significant events) learns of it.
        announce_reports_changed([event.pk])
    return event


def input_of(event: EventReport) -> EventInput:
    """The EventInput that would recreate this report (the starting point of a correction)."""
    values = {name: getattr(event, name) for name in STORED_FIELDS}
    return EventInput(
        **values,
        marking=event.label.marking,
        reported_at=event.reported_at,
        allow_outside_theatre=event.outside_theatre,
    )


def update_report(
    *, user: User, event: EventReport, changes: dict, reason: str = "", release_reason: str = ""
) -> EventReport:
    """Change fields of a report. After validation a change is a correction: a new version, re-validated.

    A new marking that releases the report wider is a release decision (access.releasing): it needs a
    release authority and their `release_reason`.
    """
    if not policy.can_edit(user, event):
        raise NotAllowed("you may not change this report")
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise InputError([FieldError(name, "cannot be changed") for name in unknown])
    data = input_of(event)
    for name, value in changes.items():
        setattr(data, name, value)
    area_id = _check(data)
    diff = {
        name: (getattr(event, name), getattr(data, name))
        for name in STORED_FIELDS
        if getattr(event, name) != getattr(data, name)
    }
    label = event.label
    release = None
    if changes.get("marking"):
        # Compared in canonical form: 'nato restricted//rel to kfor' is no change from its stored spelling.
        label = resolve_label(marking=changes["marking"], user=user)
        if label.pk != event.label_id:
            diff["marking"] = (event.label.marking, label.marking)
            release = release_decision(
                user=user,
                old=event.label,
                new=label,
                reason=release_reason,
                originator=originator_of(event.author),
            )
    # A move names a place the writer chose (looked up among those they may see); a relabel matters only when
    # it widens: narrowing shows the place to no one new, so it is never refused for a site the writer may
    # not see (an older report, released wider than the site before this rule) and tells them nothing.
    widened = label.pk != event.label_id and policy.widens(spec_of(event.label), spec_of(label))
    if widened or data.place_id != event.place_id:
        _refuse_wider_than_site(place_id=data.place_id, label=label, user=user)
    outside = data.allow_outside_theatre and area_id is None
    if outside != event.outside_theatre:
        diff["outside_theatre"] = (event.outside_theatre, outside)
    if not diff:
        return event
    correction = event.status in {Status.VALIDATED, Status.PUBLISHED}
    if correction and not reason.strip():
        raise InputError([FieldError("reason", "a correction of a validated report needs a reason")])
    with transaction.atomic():
        lock_unchanged(event, user=user)
        changed = [name for name in diff if name not in {"marking", "outside_theatre"}]
        for name in changed:
            setattr(event, name, getattr(data, name))
        event.outside_theatre = outside
        event.label = label
        event.area_id = area_id
        if correction:
            event.version += 1
            event.status = Status.SUBMITTED
            event.validated_by = None
            event.validated_at = None
            event.published_at = None
            changed += ["version", "status", "validated_by", "validated_at", "published_at"]
        # Only what this change sets: a concurrent link into an incident, say, is not written back.
        event.save(update_fields=[*changed, "outside_theatre", "label", "area", "updated_at"])
        action = EventChange.Action.CORRECTED if correction else EventChange.Action.UPDATED
        record_change(event=event, user=user, action=action, fields=diff, reason=reason)
        record_access(user=user, action=AuditEntry.Action.CHANGED, record=event)
        if release is not None:
            record_release(user=user, record=event, release=release)
        announce_reports_changed([event.pk])
    return event
