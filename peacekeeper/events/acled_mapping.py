"""A checked ACLED row (interop.acled) as the log's EventInput, and its severity from ACLED's own coding."""

from datetime import UTC, datetime, time

from peacekeeper.events.inputs import EventInput
from peacekeeper.events.taxonomy import Category
from peacekeeper.interop.acled import AcledRow

# Base severity by ACLED event type, then sub-event type where the type alone is too coarse.
_SEVERITY_BY_EVENT_TYPE = {
    "Battles": 3,
    "Explosions/Remote violence": 3,
    "Violence against civilians": 3,
    "Riots": 3,
    "Protests": 1,
    "Strategic developments": 1,
}
_SEVERITY_BY_SUB_EVENT_TYPE = {"Protest with intervention": 2, "Excessive force against protesters": 3}


def acled_severity(category: Category, fatalities: int) -> int:
    """Severity 1-5 from ACLED's own coding, so anyone can recompute it.

    5 with five or more deaths; 4 with any death; otherwise 3 for violence (battles, explosions,
    violence against civilians, riots, excessive force against protesters); 2 for a protest with
    intervention; 1 for a peaceful protest or a strategic development.
    """
    if fatalities >= 5:
        return 5
    if fatalities > 0:
        return 4
    by_sub_event_type = _SEVERITY_BY_SUB_EVENT_TYPE.get(category.acled_sub_event_type)
    return by_sub_event_type or _SEVERITY_BY_EVENT_TYPE[category.acled_event_type]


def acled_to_event_input(row: AcledRow[Category]) -> EventInput:
    """The EventInput of a checked ACLED row; marking is left to the import (None)."""
    return EventInput(
        # ACLED gives a date only: the event is placed at 00:00 UTC that day, with ACLED's time precision.
        occurred_at=datetime.combine(row.event_date, time(0), tzinfo=UTC),
        time_precision=row.time_precision,
        lat=row.latitude,
        lon=row.longitude,
        geo_precision=row.geo_precision,
        category=row.category.code,
        location_name=row.location,
        severity=acled_severity(row.category, row.fatalities),
        # ACLED does not say who died; the total goes to "other" and extra says it is unsplit.
        killed_other=row.fatalities,
        actor1=row.actor1,
        assoc_actor_1=row.assoc_actor_1,
        inter1=row.inter1,
        actor2=row.actor2,
        assoc_actor_2=row.assoc_actor_2,
        inter2=row.inter2,
        civilian_targeting=row.civilian_targeting,
        narrative=row.notes,
        source_type="acled",
        source_name=row.source,
        source_scale=row.source_scale,
        tags=row.tags,
        source_system="acled",
        source_id=row.event_id_cnty,
        source_timestamp=row.timestamp,
        extra={
            "admin1": row.admin1,
            "admin2": row.admin2,
            "admin3": row.admin3,
            "iso": row.iso,
            "iso3": row.iso3,
            "region": row.region,
            "country": row.country,
            "disorder_type": row.disorder_type,
            "interaction": row.interaction,
            "fatalities_unsplit": True,
        },
    )
