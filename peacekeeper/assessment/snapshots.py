"""Level snapshots: what the assessment said, kept per area and day and at each override, per audience.

The recomputed history (assessing.level_history) answers "what do today's data say about that day";
snapshots answer "what did we show that day". A snapshot is only shown to its own audience (see
LevelSnapshot), so it never carries figures from reports a reader may not see.
"""

import hashlib
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.models import UserProfile
from peacekeeper.assessment import overrides
from peacekeeper.assessment.assessing import Assessment, assess
from peacekeeper.assessment.models import LevelOverride, LevelSnapshot
from peacekeeper.theatre.models import Area


def audience_of(user: User | AnonymousUser) -> str:
    """A digest of everything the access policy looks at: equal digests see exactly the same records."""
    subject = policy.subject_for(user)
    key = repr(
        (
            subject.active,
            subject.clearance,
            subject.organisation,
            subject.nation,
            sorted(subject.missions),
            sorted(subject.grants),
            subject.external,
        )
    )
    return hashlib.blake2b(key.encode(), digest_size=16).hexdigest()


SNAPSHOT_FIELDS = ("computed_level", "level", "override_id", "rules")


def record_daily(*, user: User | AnonymousUser, assessment: Assessment) -> None:
    """Keep today's levels for this reader's audience (the latest of the day wins).

    Called whenever the table is opened: one read of the day's snapshots, and writes only for the areas
    that have none yet or whose level, rules or override changed since.
    """
    if not policy.subject_for(user).active:
        return
    audience = audience_of(user)
    now = timezone.now()
    daily = LevelSnapshot.Reason.DAILY
    with transaction.atomic():
        stored = {
            snapshot.area_id: snapshot
            for snapshot in LevelSnapshot.objects.select_for_update().filter(
                day=assessment.last_day, audience=audience, reason=daily
            )
        }
        new, changed = [], []
        for area in assessment.areas:
            override_id = area.override.pk if area.override else None
            rules = [result.rule.id for result in area.fired]
            figures = (area.computed_level, area.level, override_id, rules)
            values = dict(zip(SNAPSHOT_FIELDS, figures, strict=True))
            snapshot = stored.get(area.area_id)
            if snapshot is None:
                new.append(
                    LevelSnapshot(
                        area_id=area.area_id,
                        day=assessment.last_day,
                        audience=audience,
                        reason=daily,
                        recorded_at=now,
                        **values,
                    )
                )
            elif any(getattr(snapshot, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(snapshot, name, value)
                snapshot.recorded_at = now
                changed.append(snapshot)
        LevelSnapshot.objects.bulk_create(new)
        LevelSnapshot.objects.bulk_update(changed, [*SNAPSHOT_FIELDS, "recorded_at"])


def record_override(*, user: User, override: LevelOverride, computed_level: int, rules: list[str]) -> None:
    LevelSnapshot.objects.create(
        area=override.area,
        day=override.created_at.date(),
        audience=audience_of(user),
        reason=LevelSnapshot.Reason.OVERRIDE,
        computed_level=computed_level,
        level=override.level,
        override=override,
        rules=rules,
        recorded_at=override.created_at,
    )


def snapshot_all_audiences(*, at: datetime | None = None) -> int:
    """Today's snapshot for the audience of every active user with an access profile (one per audience).

    For a daily job (the CLI or the demo): it keeps the history even on days nobody opens the table.
    """
    done: set[str] = set()
    for profile in UserProfile.objects.select_related("user").filter(user__is_active=True):
        audience = audience_of(profile.user)
        if audience in done:
            continue
        done.add(audience)
        record_daily(user=profile.user, assessment=assess(user=profile.user, at=at)[0])
    return len(done)


def snapshots_for(*, user: User | AnonymousUser, area: Area) -> list[LevelSnapshot]:
    return list(
        LevelSnapshot.objects.filter(area=area, audience=audience_of(user)).order_by("day", "recorded_at")
    )


def override_level(
    *, user: User, area: Area, level: object, rationale: str, valid_until: datetime | None, marking: str
) -> LevelOverride:
    """Record an analyst's override beside the level they saw computed, and snapshot both."""
    assessed = assess(user=user, areas=[area])[0].areas[0]
    with transaction.atomic():
        override = overrides.record_override(
            user=user,
            area=area,
            level=level,
            rationale=rationale,
            valid_until=valid_until,
            marking=marking,
            computed_level=assessed.computed_level,
        )
        record_override(
            user=user,
            override=override,
            computed_level=assessed.computed_level,
            rules=[result.rule.id for result in assessed.fired],
        )
    return override
