"""Interim situation layers: municipality levels from event density, and freedom-of-movement status."""

import pytest
from django.core.cache import caches
from shapely.geometry import shape

from peacekeeper.cop.schemas import AreaLevels, FomStatus
from peacekeeper.cop.situation import _levels
from peacekeeper.cop.tests.test_events_layer import DEU_ONLY, logged
from peacekeeper.events.models import Status
from peacekeeper.events.tests.factories import ZVECAN
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


def zvecan_code() -> str:
    return Area.objects.get(name_en="Zvečan").code


def test_levels_split_municipalities_with_reports_into_quarters_by_density():
    densities = {
        "quiet": 0.0,
        "a": 1.0,
        "b": 2.0,
        "c": 3.0,
        "d": 4.0,
        "e": 4.0,
        "f": 9.0,
        "g": 10.0,
        "h": 11.0,
    }
    assert _levels(densities) == {
        "quiet": 1,
        "a": 2,
        "b": 2,
        "c": 3,
        "d": 3,  # ties share the lower level
        "e": 3,
        "f": 4,
        "g": 5,
        "h": 5,
    }


@pytest.mark.django_db
def test_every_municipality_has_a_level_and_a_density(client, theatre, german_watchkeeper):
    logged(german_watchkeeper)
    logged(german_watchkeeper)
    body = get_json(client, german_watchkeeper, LEVELS_URL, AreaLevels)
    assert body["source"] == "event density (until the assessment issue lands)"
    assert len(body["areas"]) == 38
    zvecan = body["areas"][zvecan_code()]
    area = Area.objects.get(name_en="Zvečan")
    km2 = shape(area.boundary).area * 111.32 * 0.7333 * 110.574  # cos(42.9 deg) = 0.7333
    assert zvecan["count"] == 2
    assert zvecan["per_1000_km2"] == pytest.approx(2000 / km2, rel=0.02)
    assert zvecan["level"] == 2  # the only municipality with reports ranks in the lowest quarter of one
    others = [value for code, value in body["areas"].items() if code != zvecan_code()]
    assert all(value == {"count": 0, "per_1000_km2": 0.0, "level": 1} for value in others)


@pytest.mark.django_db
def test_area_levels_count_only_what_the_reader_may_see_and_only_validated(
    client, theatre, german_watchkeeper, italian_analyst
):
    logged(german_watchkeeper)
    logged(german_watchkeeper, marking=DEU_ONLY)
    logged(german_watchkeeper, status=Status.SUBMITTED)
    code = zvecan_code()
    assert get_json(client, german_watchkeeper, LEVELS_URL, AreaLevels)["areas"][code]["count"] == 2
    assert get_json(client, italian_analyst, LEVELS_URL, AreaLevels)["areas"][code]["count"] == 1


def crossing_at(name_fragment: str) -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").filter(name_en__icontains=name_fragment).first()


def a_crossing() -> CrossingPoint:
    return CrossingPoint.objects.select_related("place").filter(place__lat__isnull=False).first()


def segment_midpoint(segment: RoadSegment) -> tuple[float, float]:
    point = shape(segment.geometry).interpolate(0.5, normalized=True)
    return point.y, point.x


@pytest.mark.django_db
def test_every_crossing_and_segment_is_present_and_open_without_reports(client, theatre, german_watchkeeper):
    body = get_json(client, german_watchkeeper, FOM_URL, FomStatus)
    assert body["source"].startswith("interim")
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
    event = logged(german_watchkeeper, lat=crossing.place.lat + 0.0063, lon=crossing.place.lon, severity=2)
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["crossings"][str(crossing.pk)]
    assert state["status"] == "closed"
    assert state["cause"] == "Roadblock or barricade — Zvečan, main road"
    assert state["event_ids"] == [event.pk]
    assert state["since"] == event.occurred_at.isoformat()


@pytest.mark.django_db
def test_a_restriction_near_a_road_restricts_it_and_a_severe_one_closes_it(
    client, theatre, german_watchkeeper
):
    segment = RoadSegment.objects.first()
    lat, lon = segment_midpoint(segment)
    first = logged(german_watchkeeper, lat=lat, lon=lon, category="fom.restriction", severity=2)
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["segments"][str(segment.pk)]
    assert state["status"] == "restricted"
    assert state["cause"].startswith("Freedom-of-movement restriction")
    severe = logged(german_watchkeeper, lat=lat, lon=lon, category="fom.crossing_incident", severity=4)
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["segments"][str(segment.pk)]
    assert state["status"] == "closed"
    assert set(state["event_ids"]) == {first.pk, severe.pk}


@pytest.mark.django_db
def test_reports_far_away_or_of_other_categories_leave_the_network_open(client, theatre, german_watchkeeper):
    crossing = a_crossing()
    logged(german_watchkeeper, lat=crossing.place.lat + 0.03, lon=crossing.place.lon)  # about 3.3 km away
    logged(german_watchkeeper, lat=crossing.place.lat, lon=crossing.place.lon, category="strategic.arrests")
    state = get_json(client, german_watchkeeper, FOM_URL, FomStatus)["crossings"][str(crossing.pk)]
    assert state["status"] == "open"


@pytest.mark.django_db
def test_a_national_report_does_not_change_another_nations_network(
    client, theatre, german_watchkeeper, italian_analyst
):
    logged(german_watchkeeper, lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY)
    german = get_json(client, german_watchkeeper, FOM_URL, FomStatus)
    italian = get_json(client, italian_analyst, FOM_URL, FomStatus)
    closed = {key for key, state in german["segments"].items() if state["status"] == "closed"}
    assert closed, "the report lies on a road through Zvečan"
    assert {state["status"] for state in italian["segments"].values()} == {"open"}
    assert {state["status"] for state in italian["crossings"].values()} == {"open"}
