"""Interim situation layers: municipality levels from event density, and freedom-of-movement status."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone
from shapely.geometry import shape

from peacekeeper.access.labels import label_from_marking
from peacekeeper.assessment.ledger import update_reports
from peacekeeper.assessment.models import LevelOverride
from peacekeeper.cop.schemas import AreaLevels, FomStatus
from peacekeeper.cop.tests.test_events_layer import DEU_ONLY, logged
from peacekeeper.events.models import Status
from peacekeeper.events.tests.factories import ZVECAN
from peacekeeper.movement.derive import sync_reports
from peacekeeper.theatre.models import Area, CrossingPoint, RoadSegment

LEVELS_URL = "/api/cop/area-levels"
FOM_URL = "/api/cop/fom"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def get_json(client, user, url, schema, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    schema.model_validate(body)
    return body


def counted_in_assessment(*events) -> None:
    # `logged` sets the status directly, without the workflow's reports_changed: count them by hand.
    update_reports([event.pk for event in events])


def zvecan_code() -> str:
    return Area.objects.get(name_en="Zvečan").code


@pytest.mark.django_db
def test_every_municipality_has_its_assessed_level_and_a_density(client, theatre, german_watchkeeper):
    counted_in_assessment(logged(german_watchkeeper), logged(german_watchkeeper, killed_civilians=1))
    body = get_json(client, german_watchkeeper, LEVELS_URL, AreaLevels)
    assert body["source"].startswith("assessed")
    assert len(body["areas"]) == 38
    zvecan = body["areas"][zvecan_code()]
    area = Area.objects.get(name_en="Zvečan")
    km2 = shape(area.boundary).area * 111.32 * 0.7333 * 110.574  # cos(42.9 deg) = 0.7333
    assert zvecan["count"] == 2
    assert zvecan["per_1000_km2"] == pytest.approx(2000 / km2, rel=0.02)
    assert zvecan["level"] == 3  # rule fatal-7d: someone was killed in the last week
    assert zvecan["rules"] == ["fatal-7d"]
    assert zvecan["assessment_url"] == f"/assessment/areas/{area.pk}/"
    others = [value for code, value in body["areas"].items() if code != zvecan_code()]
    assert {(value["count"], value["level"], value["override"]) for value in others} == {(0, 1, False)}


@pytest.mark.django_db
def test_the_map_shows_an_analysts_override_in_force(client, theatre, german_watchkeeper, italian_analyst):
    area = Area.objects.get(name_en="Zvečan")
    LevelOverride.objects.create(
        area=area,
        level=4,
        rationale="Barricades expected after the arrests.",
        author=italian_analyst,
        created_at=timezone.now() - timedelta(hours=1),
        valid_until=timezone.now() + timedelta(days=2),
        computed_level=1,
        label=label_from_marking("NATO UNCLASSIFIED // REL TO KFOR"),
    )
    zvecan = get_json(client, german_watchkeeper, LEVELS_URL, AreaLevels)["areas"][zvecan_code()]
    assert (zvecan["level"], zvecan["computed_level"], zvecan["override"]) == (4, 1, True)


@pytest.mark.django_db
def test_area_levels_count_only_what_the_reader_may_see_and_only_validated(
    client, theatre, german_watchkeeper, italian_analyst
):
    counted_in_assessment(
        logged(german_watchkeeper),
        *[logged(german_watchkeeper, marking=DEU_ONLY, severity=5) for _ in range(4)],
        logged(german_watchkeeper, status=Status.SUBMITTED),
    )
    code = zvecan_code()
    german = get_json(client, german_watchkeeper, LEVELS_URL, AreaLevels)["areas"][code]
    italian = get_json(client, italian_analyst, LEVELS_URL, AreaLevels)["areas"][code]
    assert (german["count"], german["level"]) == (5, 4)  # rule severe-rise-7d: four of severity 4-5
    assert (italian["count"], italian["level"]) == (1, 1)


def crossing_at(name_fragment: str) -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").filter(name_en__icontains=name_fragment).first()


def a_crossing() -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").filter(place__lat__isnull=False).first()


def segment_midpoint(segment: RoadSegment) -> tuple[float, float]:
    point = shape(segment.geometry).interpolate(0.5, normalized=True)
    return point.y, point.x


def fom_report(author, **overrides):
    """A validated report, with the movement network derived from it as its receiver would."""
    event = logged(author, **overrides)
    sync_reports([event.pk])
    return event


@pytest.mark.django_db
def test_every_crossing_and_segment_is_present_and_open_without_reports(client, theatre, german_watchkeeper):
    body = get_json(client, german_watchkeeper, FOM_URL, FomStatus)
    assert body["source"].startswith("FoM network")
    assert len(body["crossings"]) == CrossingPoint.objects.filter(place__lat__isnull=False).count()
    assert len(body["segments"]) == RoadSegment.objects.count()
    assert {state["status"] for state in body["crossings"].values()} == {"open"}
    assert {state["status"] for state in body["segments"].values()} == {"open"}
    assert body["crossings"][str(a_crossing().pk)] == {
        "status": "open",
        "cause": "",
        "since": None,
        "event_ids": [],
    }


@pytest.mark.django_db
def test_a_roadblock_at_a_crossing_closes_it(client, theatre, german_watchkeeper):
    crossing = a_crossing()
    # About 700 m north of the crossing: within its 1.5 km.
    event = fom_report(
        german_watchkeeper, lat=crossing.place.lat + 0.0063, lon=crossing.place.lon, severity=2
    )
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["crossings"][str(crossing.pk)]
    assert state["status"] == "closed"
    assert state["cause"] == "Roadblock or barricade — Zvečan, main road"
    assert state["event_ids"] == [event.pk]
    assert state["since"] == event.occurred_at.isoformat()


@pytest.mark.django_db
def test_other_fom_reports_restrict_a_road_and_a_roadblock_closes_it(client, theatre, german_watchkeeper):
    segment = RoadSegment.objects.first()
    lat, lon = segment_midpoint(segment)
    first = fom_report(german_watchkeeper, lat=lat, lon=lon, category="fom.restriction", severity=2)
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["segments"][str(segment.pk)]
    assert state["status"] == "restricted"
    assert state["cause"].startswith("Freedom-of-movement restriction")
    severe = fom_report(german_watchkeeper, lat=lat, lon=lon, category="fom.crossing_incident", severity=5)
    caches["default"].clear()
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["segments"][str(segment.pk)]
    assert state["status"] == "restricted"
    assert set(state["event_ids"]) == {first.pk, severe.pk}
    barricade = fom_report(german_watchkeeper, lat=lat, lon=lon, category="fom.roadblock")
    caches["default"].clear()
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["segments"][str(segment.pk)]
    assert state["status"] == "closed"
    assert set(state["event_ids"]) == {first.pk, severe.pk, barricade.pk}


@pytest.mark.django_db
def test_reports_far_away_or_of_other_categories_leave_the_network_open(client, theatre, german_watchkeeper):
    crossing = a_crossing()
    fom_report(german_watchkeeper, lat=crossing.place.lat + 0.03, lon=crossing.place.lon)  # about 3.3 km away
    fom_report(
        german_watchkeeper, lat=crossing.place.lat, lon=crossing.place.lon, category="strategic.arrests"
    )
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["crossings"][str(crossing.pk)]
    assert state["status"] == "open"


@pytest.mark.django_db
def test_a_national_report_does_not_change_another_nations_network(
    client, theatre, german_watchkeeper, italian_analyst
):
    fom_report(german_watchkeeper, lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY)
    german = get_json(client, german_watchkeeper, FOM_URL, FomStatus)
    italian = get_json(client, italian_analyst, FOM_URL, FomStatus)
    closed = {key for key, state in german["segments"].items() if state["status"] == "closed"}
    assert closed, "the report lies on a road through Zvečan"
    assert {state["status"] for state in italian["segments"].values()} == {"open"}
    assert {state["status"] for state in italian["crossings"].values()} == {"open"}
