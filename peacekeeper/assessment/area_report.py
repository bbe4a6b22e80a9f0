"""Everything the area page and its API show: figures, the rules' explanation, level history, overrides."""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.assessment import presenting, snapshots
from peacekeeper.assessment.assessing import (
    SPARKLINE_DAYS,
    assess,
    daily_by_category,
    level_history,
    rule_events,
    utc_day,
)
from peacekeeper.assessment.overrides import visible_overrides
from peacekeeper.theatre.models import Area

HISTORY_DAYS = 90
EVENTS_PER_RULE = 10


def area_report(*, user: User | AnonymousUser, area: Area, at: datetime | None = None) -> dict:
    assessment, series = assess(user=user, at=at, areas=[area], history_days=HISTORY_DAYS)
    assessed = assessment.areas[0]
    explanation = []
    event_labels: set[int] = set()
    for result in assessed.results:
        total, events = (0, [])
        if result.fired:
            total, events = rule_events(
                user=user,
                area_id=area.pk,
                rule=result.rule,
                last_day=assessment.last_day,
                limit=EVENTS_PER_RULE,
            )
            event_labels |= {event.label_id for event in events}
        explanation.append(presenting.rule_data(result, events_total=total, events=events))
    overrides = list(visible_overrides(user).filter(area=area, created_at__lte=assessment.at))
    history = level_history(series, index=0, last_day=assessment.last_day, days=HISTORY_DAYS)
    # Beside each override, the level this reader's figures give for the day it was made.
    level_on = dict(history)
    return {
        "at": assessment.at.isoformat(),
        "day": assessment.last_day.isoformat(),
        "area": presenting.area_data(assessed),
        "explanation": explanation,
        "history": presenting.history_data(history),
        "overrides": [
            presenting.override_data(override, computed_level=level_on.get(utc_day(override.created_at)))
            for override in overrides
        ],
        "snapshots": [
            presenting.snapshot_data(snapshot)
            for snapshot in snapshots.snapshots_for(user=user, area=area)
            if snapshot.day <= assessment.last_day
        ],
        "daily_by_category": daily_by_category(
            series, index=0, last_day=assessment.last_day, days=SPARKLINE_DAYS
        ),
        "label_ids": sorted(assessment.label_ids | event_labels | {o.label_id for o in overrides}),
    }
