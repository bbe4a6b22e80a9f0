"""Derived layers carry the combined marking of what their figures for this reader came from, and each
label's marking (which the map's banner has the server combine with other layers')."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from peacekeeper.cop.schemas import AreaLevels, EventLayer, FomStatus
from peacekeeper.cop.tests.test_events_layer import DEU_ONLY, logged
from peacekeeper.cop.tests.test_situation import counted_in_assessment, fom_report
from peacekeeper.events.tests.factories import ZVECAN

SHARED = "NATO UNCLASSIFIED // REL TO KFOR"
# A German outside KFOR may not see the SHARED reports, nor a KFOR reader who is not German the others.
BOTH = "NATO RESTRICTED // DEU ONLY // REL TO KFOR"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def get_body(client, user, url, schema, **params) -> dict:
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    schema.model_validate(body)
    return body


def last_hour() -> dict[str, str]:
    """A window with no report in it: the reports below are two hours old."""
    now = timezone.now()
    return {"since": (now - timedelta(hours=1)).isoformat(), "until": now.isoformat()}


@pytest.mark.django_db
def test_area_levels_carry_the_marking_of_the_reports_behind_them_for_each_reader(
    client, theatre, german_watchkeeper, italian_analyst
):
    counted_in_assessment(
        logged(german_watchkeeper, marking=SHARED, killed_civilians=1),  # rule fatal-7d: level 3
        *[logged(german_watchkeeper, marking=DEU_ONLY, severity=5) for _ in range(4)],  # severe-rise-7d: 4
    )

    german = get_body(client, german_watchkeeper, "/api/cop/area-levels", AreaLevels, **last_hour())
    italian = get_body(client, italian_analyst, "/api/cop/area-levels", AreaLevels, **last_hour())

    # No report lies in the window, yet the levels derive from them: the shading is marked as they are.
    assert {area["count"] for area in german["areas"].values()} == {0}
    assert max(area["level"] for area in german["areas"].values()) == 4
    assert (german["marking"], german["markings"]) == (BOTH, [DEU_ONLY, SHARED])
    assert max(area["level"] for area in italian["areas"].values()) == 3
    assert (italian["marking"], italian["markings"]) == (SHARED, [SHARED])


@pytest.mark.django_db
def test_area_levels_of_an_empty_log_are_not_marked(client, theatre, german_watchkeeper):
    body = get_body(client, german_watchkeeper, "/api/cop/area-levels", AreaLevels)

    assert (body["marking"], body["markings"]) == (None, [])


@pytest.mark.django_db
def test_the_fom_status_carries_the_marking_of_the_restrictions_shown(
    client, theatre, german_watchkeeper, italian_analyst
):
    fom_report(german_watchkeeper, lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY)

    german = get_body(client, german_watchkeeper, "/api/cop/fom", FomStatus)
    italian = get_body(client, italian_analyst, "/api/cop/fom", FomStatus)

    assert (german["marking"], german["markings"]) == (DEU_ONLY, [DEU_ONLY])
    assert (italian["marking"], italian["markings"]) == (None, [])


@pytest.mark.django_db
def test_the_events_layer_and_each_event_carry_their_markings(client, theatre, german_watchkeeper):
    logged(german_watchkeeper, marking=SHARED)
    logged(german_watchkeeper, marking=DEU_ONLY)

    body = get_body(client, german_watchkeeper, "/api/cop/events.geojson", EventLayer, zoom=14)

    assert (body["marking"], body["markings"]) == (BOTH, [DEU_ONLY, SHARED])
    assert sorted(f["properties"]["marking"] for f in body["features"]) == [DEU_ONLY, SHARED]
