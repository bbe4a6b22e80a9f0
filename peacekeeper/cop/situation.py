"""Situation layers of the COP: municipality threat levels and freedom-of-movement status.

Both read through the access policy. Area levels are the security assessment's (assessment app: rules over
7, 30 and 90 days, or an analyst's override in force), with the window's report count and density beside
them. FoM status is the movement app's restrictions in force at the window's end, from validated reports or
recorded by hand. The COP caches both per visibility class (cop/api.py).
"""

from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Count

from peacekeeper.access import policy
from peacekeeper.access.marking import marking_fields
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.events.models import COUNTED_STATUSES, EventReport
from peacekeeper.theatre.distances import area_km2
from peacekeeper.theatre.models import Area, CrossingPoint, RoadSegment

AREA_LEVEL_SOURCE = "assessed: the security assessment's threat level at the end of the window"
AREA_LEVEL_RULE = (
    "assessed level 1-5 from the assessment rules over the 7, 30 and 90 days ending with the window, "
    "or an analyst's override in force; count and density are of the window"
)


def _window_events(user: User | AnonymousUser, since: datetime, until: datetime):
    return policy.visible(EventReport.objects.all(), user).filter(
        occurred_at__gte=since, occurred_at__lt=until, status__in=COUNTED_STATUSES
    )


# Municipality sizes, keyed by the municipalities' ids, codes and boundary sources: decoding every boundary
# on each request would cost more than the rest of the layer; replacing boundaries changes their source.
_sizes: dict[tuple, dict[int, float]] = {}


def _municipality_km2() -> dict[int, tuple[str, float]]:
    municipalities = Area.objects.filter(level=Area.Level.MUNICIPALITY)
    key = tuple(municipalities.values_list("id", "code", "boundary_source").order_by("id"))
    if key not in _sizes:
        rows = municipalities.values_list("id", "boundary")
        _sizes.clear()
        _sizes[key] = {area_id: area_km2(boundary) if boundary else 0.0 for area_id, boundary in rows}
    return {area_id: (code, _sizes[key][area_id]) for area_id, code, _ in key}


def area_levels(*, user: User | AnonymousUser, since: datetime, until: datetime) -> dict:
    """Levels, counts and densities per municipality; `marking` is the combined marking of the labels of
    what they were computed from for this reader: the assessment's cells and overrides, and the window's
    reports."""
    counted = _window_events(user, since, until).filter(area__level=Area.Level.MUNICIPALITY).order_by()
    counts = dict(counted.values_list("area_id").annotate(n=Count("id")))
    figures = {}
    for area_id, (code, km2) in _municipality_km2().items():
        count = counts.get(area_id, 0)
        figures[code] = (count, round(1000 * count / km2, 2) if km2 else 0.0)
    # Imported here: the assessment app reads the event log, never the COP, so no import cycle can form.
    from django.urls import reverse

    from peacekeeper.assessment.assessing import assess

    assessment = assess(user=user, at=until)[0]
    assessed = {area.code: area for area in assessment.areas}
    label_ids = assessment.label_ids | set(counted.values_list("label_id", flat=True).distinct())
    return {
        "window": {"since": since.isoformat(), "until": until.isoformat()},
        "source": AREA_LEVEL_SOURCE,
        "rule": AREA_LEVEL_RULE,
        **marking_fields(ReleaseLabel.objects.filter(pk__in=label_ids)),
        "areas": {
            code: {
                "count": count,
                "per_1000_km2": density,
                "level": assessed[code].level,
                "computed_level": assessed[code].computed_level,
                "override": assessed[code].override is not None,
                "rules": [result.rule.id for result in assessed[code].fired],
                "assessment_url": reverse("assessment:area", args=[assessed[code].area_id]),
            }
            for code, (count, density) in sorted(figures.items())
        },
    }


def _status_of(state: dict) -> dict:
    """One network element's state (movement.states) in the shape the COP's map reads."""
    return {
        "status": state["status"],
        "cause": state["cause"],
        "since": state["since"],
        "event_ids": state["report_ids"],
    }


def fom_status(*, user: User | AnonymousUser, since: datetime, until: datetime) -> dict:
    """Crossings and road segments as the FoM network stands for this reader at the end of the window.

    The statuses are the movement app's restrictions the reader may see that are in force at `until`
    (from validated reports, or recorded by hand); `since` only shapes the window echoed back. `marking`
    is the combined marking of those restrictions' labels, `markings` each of theirs.
    """
    # Imported here so that this module does not load the movement app's network code at import time.
    from peacekeeper.movement.states import ElementState, network_state

    state = network_state(user=user, at=until)
    crossings = CrossingPoint.objects.filter(place__lat__isnull=False).values_list("id", flat=True)
    segments = RoadSegment.objects.values_list("id", flat=True)
    return {
        "source": "FoM network: restrictions in force at the window's end (from reports or by hand)",
        "window": {"since": since.isoformat(), "until": until.isoformat()},
        **marking_fields(restriction.label for restriction in state.restrictions),
        "crossings": {
            str(pk): _status_of(state.crossings.get(pk, ElementState()).as_dict()) for pk in crossings
        },
        "segments": {
            str(pk): _status_of(state.segments.get(pk, ElementState()).as_dict()) for pk in segments
        },
    }
