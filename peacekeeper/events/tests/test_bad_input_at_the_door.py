"""Bad input at the API's door: a 4xx naming the field and the reason, never a 500, on both databases.

Integers the database cannot hold, window moments datetime arithmetic cannot survive, text with a NUL or
a lone surrogate, and bodies over the size limit (issue 11).
"""

import base64
import json

import pytest
from django.test import override_settings

from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

HUGE = str(2**68)  # 295147905179352825856
BEYOND_INT64 = str(2**63)
MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def as_watchkeeper(client, theatre, german_watchkeeper):
    client.raise_request_exception = False  # a 500 is an answer here, to be asserted on
    client.force_login(german_watchkeeper)
    return client


def refused(response, status: int = 422) -> dict[str, str]:
    """The refusal's {field: reason}, after checking it is the API's one error shape."""
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"].startswith("application/json"), response.content[:200]
    body = response.json()
    assert set(body) == {"detail", "errors"}
    return {error["field"]: error["reason"] for error in body["errors"]}


def post_json(client, path: str, body: object):
    return client.post(path, json.dumps(body), content_type="application/json")


@pytest.mark.django_db
def test_an_incident_filter_the_database_cannot_hold_is_refused_by_name(as_watchkeeper):
    for value in (HUGE, BEYOND_INT64, "-" + HUGE, "0"):
        errors = refused(as_watchkeeper.get("/api/events/", {"incident": value}))
        assert list(errors) == ["incident"], value


@pytest.mark.django_db
def test_a_movement_filter_the_database_cannot_hold_is_refused_by_name(as_watchkeeper):
    for name in ("segment", "crossing"):
        for value in (HUGE, "-" + HUGE):
            errors = refused(as_watchkeeper.get("/api/movement/restrictions", {name: value}))
            assert list(errors) == [name], value


ID_PATHS = [
    "/api/events/{id}",
    "/api/events/{id}/history",
    "/api/events/{id}/duplicates",
    "/api/forces/units/{id}",
    "/api/theatre/sites/{id}",
    "/api/assessment/areas/{id}",
    "/api/movement/restrictions/{id}",
]


@pytest.mark.django_db
def test_an_id_out_of_range_in_a_path_is_not_found_like_a_missing_one(as_watchkeeper):
    for path in ID_PATHS:
        missing = as_watchkeeper.get(path.format(id=987654321))
        assert refused(missing, 404) == {}
        for value in (BEYOND_INT64, HUGE):
            response = as_watchkeeper.get(path.format(id=value))
            assert (response.status_code, response.content) == (404, missing.content), path


WINDOW_ENDS = [
    ("until", "9999-12-31T23:59:59Z"),
    ("until", "0001-01-01T00:00:00Z"),
    ("since", "0001-01-01T00:00:00+14:00"),
    ("since", "9999-12-31T23:59:59-14:00"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/cop/events.geojson", "/api/cop/fom", "/api/cop/area-levels"])
def test_a_map_window_datetime_cannot_handle_is_refused_by_name(as_watchkeeper, path):
    for name, value in WINDOW_ENDS:
        errors = refused(as_watchkeeper.get(path, {name: value}))
        assert list(errors) == [name], value
        assert "1900-01-01T00:00:00Z to 2200-01-01T00:00:00Z" in errors[name]


OTHER_MOMENTS = [
    ("/api/events/", "since", "0001-01-01T00:00:00+14:00"),
    ("/api/events/", "until", "9999-12-31T23:59:59-14:00"),
    ("/api/events/export/csv", "until", "9999-12-31T23:59:59-14:00"),
    ("/api/movement/network", "at", "9999-12-31T23:59:59-14:00"),
    ("/api/movement/restrictions", "since", "0001-01-01T00:00:00+14:00"),
    ("/api/movement/route", "at", "0001-01-01T00:00:00+14:00"),
    ("/api/movement/index", "last", "9999-12-31"),
    ("/api/movement/index", "first", "0001-01-01"),
    ("/api/assessment/areas", "at", "0001-01-01T00:00:00Z"),
    ("/api/assessment/compare", "at", "9999-12-31T23:59:59-14:00"),
]


@pytest.mark.django_db
def test_every_other_window_moment_is_bounded_alike(as_watchkeeper):
    for path, name, value in OTHER_MOMENTS:
        assert list(refused(as_watchkeeper.get(path, {name: value}))) == [name], path


@pytest.mark.django_db
def test_a_hand_made_page_cursor_is_bounded_like_the_window(as_watchkeeper):
    crafted = ["0001-01-01T00:00:00+14:00|1", "9999-12-31T23:59:59-14:00|1", f"2026-01-01T00:00:00Z|{HUGE}"]
    for raw in crafted:
        cursor = base64.urlsafe_b64encode(raw.encode()).decode()
        assert list(refused(as_watchkeeper.get("/api/events/", {"cursor": cursor}))) == ["cursor"], raw


@pytest.mark.django_db
def test_a_window_inside_the_range_still_answers(as_watchkeeper):
    response = as_watchkeeper.get(
        "/api/cop/events.geojson", {"since": "1900-01-01T00:00:00Z", "until": "2199-12-31T00:00:00Z"}
    )
    assert response.status_code == 200


@pytest.mark.django_db
def test_a_report_with_unstorable_text_is_refused_naming_the_field(as_watchkeeper):
    report = {"occurred_dtg": "now", "mgrs": "34TDN8696150555", "category": "fom.roadblock"}
    for text in ("road\x00block", "road\ud800block"):
        body = {**report, "narrative": text}
        errors = refused(post_json(as_watchkeeper, "/api/events/", body))
        assert list(errors) == ["narrative"], ascii(text)
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_a_correction_with_a_nul_is_refused_and_changes_nothing(as_watchkeeper, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event(marking=MARKING))
    response = as_watchkeeper.patch(
        f"/api/events/{event.pk}", json.dumps({"location_name": "x\x00"}), content_type="application/json"
    )
    assert list(refused(response)) == ["location_name"]
    event.refresh_from_db()
    assert event.location_name == "Zvečan, main road"


@pytest.mark.django_db
def test_a_nul_in_a_query_parameter_is_refused_by_name(as_watchkeeper):
    assert list(refused(as_watchkeeper.get("/api/events/", {"q": "barricade\x00"}))) == ["q"]
    assert list(refused(as_watchkeeper.get("/api/movement/restrictions", {"q": "\x00"}))) == ["q"]
    assert list(refused(as_watchkeeper.get("/api/access/banner", {"marking": "\x00"}))) == ["marking"]


@pytest.mark.django_db
def test_a_body_that_is_not_json_is_refused_with_the_reason(as_watchkeeper):
    response = as_watchkeeper.post("/api/events/bulk", b'{"items": [', content_type="application/json")
    assert "(body)" in refused(response, 400)


@pytest.mark.django_db
@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_a_body_over_the_limit_gets_the_api_error_413_saying_the_limit(as_watchkeeper):
    body = {"source_system": "feed", "items": [{"narrative": "x" * 20_000}]}
    errors = refused(post_json(as_watchkeeper, "/api/events/bulk", body), 413)
    assert "10000" in errors["(body)"]


@pytest.mark.django_db
def test_a_restriction_keeps_only_moments_its_pages_can_write(as_watchkeeper):
    from peacekeeper.movement.models import Restriction
    from peacekeeper.movement.network import current_network

    restriction = {"status": "closed", "cause": "Barricade", "marking": MARKING}
    restriction["segment_ids"] = [current_network().segments[0].id]
    for name in ("started_at", "expires_at"):
        for value in ("9999-12-31T23:59:59Z", "0001-01-01T00:00:00+14:00", "1900-01-01T00:00:00Z"):
            response = post_json(as_watchkeeper, "/api/movement/restrictions", {**restriction, name: value})
            refused(response)
            assert {
                "field": name,
                "reason": f"{value.replace('+00:00', 'Z')} is outside the range accepted, "
                "2000-01-01T00:00:00Z to 2099-12-31T00:00:00Z",
            } in response.json()["errors"], (name, value)
    assert not Restriction.objects.exists()
    created = post_json(as_watchkeeper, "/api/movement/restrictions", restriction).json()
    lift = f"/api/movement/restrictions/{created['id']}/lift"
    assert list(refused(post_json(as_watchkeeper, lift, {"at": "9999-12-31T00:00:00Z"}))) == ["at"]


@pytest.mark.django_db
def test_a_restricted_element_the_database_cannot_hold_is_refused_by_name(as_watchkeeper):
    # Sent as text, a number is converted by the schema, after the parser's bound: SQLite overflowed on it.
    from peacekeeper.movement.models import Restriction

    for name in ("segment_ids", "crossing_ids", "bridge_ids"):
        for value in (HUGE, BEYOND_INT64):
            body = {"status": "closed", "cause": "Barricade", "marking": MARKING, name: [value]}
            errors = refused(post_json(as_watchkeeper, "/api/movement/restrictions", body))
            assert list(errors) == [f"{name}.0"], (name, value)
    assert not Restriction.objects.exists()
