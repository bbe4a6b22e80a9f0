"""Analyst overrides of an area's threat level: with a rationale and an end, read through the policy."""

from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Count, Max, QuerySet
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.releasing import resolve_label
from peacekeeper.assessment.models import LevelOverride
from peacekeeper.core.errors import FieldError, InputError, NotAllowed
from peacekeeper.events.workflow import REVIEW_ROLES
from peacekeeper.theatre.models import Area

MAX_VALIDITY = timedelta(days=90)


def overrides_version() -> tuple:
    """Changes whenever an override is added or removed: part of the COP's cache key for area levels."""
    return tuple(LevelOverride.objects.aggregate(n=Count("id"), last=Max("id")).values())


def may_override(user: User | AnonymousUser) -> bool:
    return policy.may_act(user, REVIEW_ROLES)


def visible_overrides(user: User | AnonymousUser) -> QuerySet[LevelOverride]:
    return policy.visible(LevelOverride.objects.select_related("author", "label"), user)


def active_overrides(user: User | AnonymousUser, *, at: datetime) -> dict[int, LevelOverride]:
    """Per area id, the newest override in force at `at` that the reader may see."""
    active: dict[int, LevelOverride] = {}
    for override in (
        visible_overrides(user).filter(created_at__lte=at, valid_until__gt=at).order_by("created_at", "id")
    ):
        active[override.area_id] = override
    return active


def record_override(
    *,
    user: User,
    area: Area,
    level: object,
    rationale: str,
    valid_until: datetime | None,
    marking: str,
    computed_level: int,
) -> LevelOverride:
    if not may_override(user):
        raise NotAllowed("only an analyst may override an assessed level")
    now = timezone.now()
    errors = []
    if not isinstance(level, int) or isinstance(level, bool) or not 1 <= level <= 5:
        errors.append(FieldError("level", "must be a whole number from 1 to 5"))
    if len(rationale.strip()) < 10:
        errors.append(FieldError("rationale", "say why, in at least 10 characters"))
    if valid_until is None:
        errors.append(FieldError("valid_until", "an override needs an end (at most 90 days ahead)"))
    elif timezone.is_naive(valid_until):
        errors.append(FieldError("valid_until", "give a time zone (e.g. 2026-12-05T10:00:00Z)"))
    elif valid_until <= now:
        errors.append(FieldError("valid_until", "must lie in the future"))
    elif valid_until > now + MAX_VALIDITY:
        errors.append(FieldError("valid_until", "must lie at most 90 days ahead: judgements are reviewed"))
    # No write-down test of the marking against the reports behind `computed_level`: the stored computed
    # level is shown to nobody but its author (the POST's answer) and the author's own audience (the
    # override's LevelSnapshot); every other reader sees, beside the override, the level computed from the
    # reports they may see (presenting.override_data). What remains is the level and the rationale, the
    # analyst's own judgement, released under the marking the analyst chooses, as for a report they write.
    label = None
    try:
        label = resolve_label(marking=marking, user=user)
    except InputError as error:
        errors.extend(error.errors)
    if errors:
        raise InputError(errors)
    with transaction.atomic():
        override = LevelOverride.objects.create(
            area=area,
            level=level,
            rationale=rationale.strip(),
            author=user,
            created_at=now,
            valid_until=valid_until,
            computed_level=computed_level,
            label=label,
        )
        record_access(user=user, action=AuditEntry.Action.CREATED, record=override)
    return override
