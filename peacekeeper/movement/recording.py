"""Restrictions recorded, lifted and ended by hand (watchkeepers, analysts, administrators).

A hand-recorded restriction lasts until it is lifted, unless the watchkeeper sets an expected end
(`expires_at`). Lifting ends any restriction the user may see, also one derived from a report (the
barricade was cleared before the report's lifetime ran out).
"""

from datetime import datetime, timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.classification import Role
from peacekeeper.access.labels import LabelError, LabelSpec, parse_marking, spec_of
from peacekeeper.access.labels import intern_label as store_label
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import default_marking
from peacekeeper.core.bounds import record_moment_problem
from peacekeeper.core.errors import FieldError, InputError, NotAllowed
from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.theatre.models import CrossingPoint, RoadSegment, Site

RECORDING_ROLES = frozenset({Role.WATCHKEEPER, Role.ANALYST, Role.ADMIN})


def may_record(user: User) -> bool:
    return policy.may_act(user, RECORDING_ROLES)


NAIVE = "give a time zone, e.g. 2026-11-29T14:30:00Z"


def naive_errors(**moments: datetime | None) -> list[FieldError]:
    """A field error for each date-time given without a time zone (the instant would be unknown)."""
    return [
        FieldError(name, NAIVE)
        for name, value in moments.items()
        if value is not None and timezone.is_naive(value)
    ]


def _existing(model, ids: list[int], field: str, queryset=None) -> tuple[list[int], list[FieldError]]:
    ids = sorted(set(ids))
    found = set(
        (queryset if queryset is not None else model.objects).filter(pk__in=ids).values_list("pk", flat=True)
    )
    missing = [str(pk) for pk in ids if pk not in found]
    return ids, [FieldError(field, f"no such {field[:-1]}: {', '.join(missing)}")] if missing else []


def _label(user: User, marking: str, bridges: QuerySet[Site]) -> tuple[LabelSpec | None, list[FieldError]]:
    """The label asked for, or why it cannot be applied: above what the writer may read, or released wider
    than a bridge (a releasable site) the restriction names, which would show that bridge to readers it is
    not released to (write-down)."""
    try:
        spec = parse_marking(marking)
    except LabelError as error:
        return None, [FieldError("marking", str(error))]
    if not policy.can_apply_label(user, spec):
        return None, [FieldError("marking", f"you cannot release a restriction as {spec.marking}")]
    wider = [
        site.name
        for site in bridges.select_related("label").order_by("name")
        if not policy.no_wider_than(spec, spec_of(site.label))
    ]
    if wider:
        return None, [
            FieldError(
                "marking",
                f"{spec.marking} is released wider than the bridge it names ({', '.join(wider)}); "
                "mark the restriction no wider than the bridge",
            )
        ]
    return spec, []


def record_restriction(
    *,
    user: User,
    status: str,
    cause: str,
    segment_ids: list[int] = (),
    crossing_ids: list[int] = (),
    bridge_ids: list[int] = (),
    started_at: datetime | None = None,
    expires_at: datetime | None = None,
    marking: str = "",
    restricted_party: str = "",
    restricted_by: str = "",
    location_name: str = "",
    note: str = "",
) -> Restriction:
    if not may_record(user):
        raise NotAllowed("only watchkeepers, analysts and administrators record restrictions")
    errors = naive_errors(started_at=started_at, expires_at=expires_at)
    # An instant without a time zone is unknown: it is reported and compared with nothing.
    naive = {error.field for error in errors}
    started_at = None if "started_at" in naive else started_at
    expires_at = None if "expires_at" in naive else expires_at
    if status not in (Movement.RESTRICTED, Movement.CLOSED):
        errors.append(FieldError("status", "must be restricted or closed"))
    if not cause.strip():
        errors.append(FieldError("cause", "say what restricts movement"))
    for name, moment in (("started_at", started_at), ("expires_at", expires_at)):
        if moment is not None and (problem := record_moment_problem(moment)):
            errors.append(FieldError(name, problem))
    started_at = started_at or timezone.now()
    if started_at > timezone.now() + timedelta(minutes=5):
        errors.append(FieldError("started_at", "cannot be in the future"))
    if expires_at is not None and expires_at <= started_at:
        errors.append(FieldError("expires_at", "must be after started_at"))
    segments, problems = _existing(RoadSegment, list(segment_ids), "segments")
    errors += problems
    crossings, problems = _existing(CrossingPoint, list(crossing_ids), "crossings")
    errors += problems
    bridges_visible = policy.visible(Site.objects.filter(kind=Site.Kind.BRIDGE), user)
    bridges, problems = _existing(Site, list(bridge_ids), "bridges", bridges_visible)
    errors += problems
    if not (segments or crossings or bridges):
        errors.append(FieldError("segments", "choose at least one road segment, crossing point or bridge"))
    named = bridges_visible.filter(pk__in=bridges)
    spec, problems = _label(user, marking or default_marking(user), named)
    errors += problems
    if errors:
        raise InputError(errors)
    with transaction.atomic():
        restriction = Restriction(
            label=store_label(spec),
            status=status,
            origin=Restriction.Origin.HAND,
            cause=cause.strip()[:300],
            restricted_party=restricted_party.strip()[:200],
            restricted_by=restricted_by.strip()[:200],
            location_name=location_name.strip()[:200],
            started_at=started_at,
            expires_at=expires_at,
            recorded_by=user,
            note=note.strip(),
        )
        restriction.set_end()
        restriction.save()
        restriction.segments.set(segments)
        restriction.crossings.set(crossings)
        restriction.bridges.set(bridges)
        record_access(user=user, action=AuditEntry.Action.CREATED, record=restriction)
    return restriction


def lift_restriction(
    *, user: User, restriction: Restriction, at: datetime | None = None, note: str = ""
) -> Restriction:
    """End a restriction at `at` (default now): the road is open again as far as this record goes."""
    if not may_record(user) or not policy.can_edit(user, restriction):
        raise NotAllowed("only watchkeepers, analysts and administrators lift restrictions")
    errors = naive_errors(at=at)
    if not errors and at is not None and (problem := record_moment_problem(at)):
        errors.append(FieldError("at", problem))
    if errors:
        raise InputError(errors)
    at = at or timezone.now()
    if restriction.lifted_at is not None:
        raise InputError([FieldError("lifted_at", "this restriction was already lifted")])
    if restriction.ends_at is not None and restriction.ends_at <= at:
        raise InputError([FieldError("lifted_at", "this restriction has already ended")])
    if at < restriction.started_at:
        raise InputError([FieldError("lifted_at", "cannot be before the restriction started")])
    with transaction.atomic():
        restriction.lifted_at, restriction.lifted_by, restriction.lift_note = at, user, note.strip()[:300]
        restriction.set_end()
        restriction.save(update_fields=["lifted_at", "lifted_by", "lift_note", "ends_at"])
        record_access(user=user, action=AuditEntry.Action.CHANGED, record=restriction, detail="lifted")
    return restriction
