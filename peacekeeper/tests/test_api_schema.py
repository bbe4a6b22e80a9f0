"""Schemathesis over the whole API: no operation answers 5xx, and every answer is one its OpenAPI document
states — status, media type and body (issue 11, finding 7).

The document is the live one, read from /api/openapi.json through the application (apischema/document.py).
Every operation is fuzzed — schemathesis' coverage phase (boundary and schema-violating values of each
parameter, other methods) then its fuzzing phase — by a logged-in analyst of broad rights, through the
session and the CSRF token as a browser sends them, against a small theatre with released reports of
several labels (apischema/world.py). A stateful run then follows the links schemathesis infers between
operations (lists to records, a record to its changes, history and workflow). Explicit requests prove what
fuzzing seldom reaches: a valid request to every write and the reads of what it wrote, the refusal of a
caller not logged in, each export format, the 304 of every ETag layer. Each fuzzed case, stateful scenario
and test starts from the world as built (its writes are rolled back after it), so that a failure replays.

Checks: not_a_server_error, status_code_conformance, content_type_conformance,
response_schema_conformance, response_headers_conformance; ignored_auth (a success is asked again without
the session and must be refused); unsupported_method and allow_header_conformance (another method answers
405 naming the allowed ones); use_after_free and ensure_resource_availability (stateful). Not enabled:
- positive_data_acceptance: the API refuses with 422 what its document cannot state (a window whose start
  is after its end, a marking the caller may not apply, a place outside the theatre, a category outside the
  taxonomy), so a schema-valid request may rightly be refused;
- negative_data_rejection: pydantic's lax mode takes a number for a date-time (`?since=0.5` is 1970) and
  `false` for an integer: true findings, for the input schemas to make strict, not for this test;
- missing_required_header: no operation requires a header.

The stream (GET /api/cop/stream) is not fuzzed: its answer does not end, and its generator closes the
database connection when it does (right for a server, the end of a test's transaction). Its refusals,
which come before any streaming, are checked here; cop/tests/test_live*.py test the stream itself.

Budget: a fixed seed, derandomized, EXAMPLES_PER_OPERATION fuzzed cases per operation (document.py).
    .venv/bin/python -m pytest -q -p no:cacheprovider peacekeeper/tests/test_api_schema.py
and the same with PEACEKEEPER_TEST_DATABASE=postgresql.
"""

import pytest
from django.core.cache import caches
from django.db import transaction
from hypothesis import settings

from peacekeeper.events.exporting import FORMATS
from peacekeeper.events.models import EventReport, IncidentLink
from peacekeeper.forces.models import Caveat
from peacekeeper.tests.apischema import world
from peacekeeper.tests.apischema.document import (
    STATEFUL_SCENARIOS,
    STATEFUL_STEPS,
    operations,
    schema,
    send,
)
from peacekeeper.theatre.tests.test_tile_archive_basemap import NORTH, build_mbtiles

STREAM = "/api/cop/stream"
PATHS = schema.raw_schema["paths"]
# The layers served with an ETag: their GET documents 304. A tile (a path with parameters) is asked of an
# archive built for it, below.
ETAG_LAYERS = [
    path
    for path, item in PATHS.items()
    if "304" in item.get("get", {}).get("responses", {}) and "{" not in path
]
TILE = "/api/theatre/basemap/tiles/{z}/{x}/{y}"

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def api_world(django_db_setup, django_db_blocker):
    """Built once for the module, in a transaction each test nests in and which is rolled back at the end."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield world.build()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True)
def _requests_in_the_test_transaction(api_world):
    with world.connection_kept():
        yield


@schema.exclude(path=STREAM).parametrize()
def test_every_operation_answers_as_documented(case):
    # Each case from the world as built, so that a failing case replays alike when Hypothesis shrinks it.
    caches["default"].clear()
    with transaction.atomic():
        case.call_and_validate()
        transaction.set_rollback(True)


def test_linked_operations_answer_as_documented():
    class Scenario(schema.exclude(path=STREAM).as_state_machine()):
        """Each scenario in a savepoint rolled back after it: a scenario's writes would change what the
        next may draw, and Hypothesis replays a scenario to shrink it (flaky generation otherwise)."""

        def setup(self) -> None:
            self.savepoint = transaction.savepoint()
            caches["default"].clear()

        def teardown(self) -> None:
            transaction.savepoint_rollback(self.savepoint)

    Scenario.run(
        settings=settings(
            max_examples=STATEFUL_SCENARIOS,
            stateful_step_count=STATEFUL_STEPS,
            deadline=None,
            derandomize=True,
            database=None,
        )
    )


@pytest.mark.parametrize(("method", "path"), operations())
def test_a_caller_not_logged_in_is_refused_as_documented(method, path):
    ids = {parameter.name: 1 for parameter in schema[path][method].path_parameters}
    send(method, path, status=401, signed_in=False, path_parameters=ids)


def test_a_write_without_the_csrf_token_is_refused_as_documented():
    body = {
        "category": "fom.roadblock",
        "occurred_dtg": "now",
        "lat": world.ZVECAN[0],
        "lon": world.ZVECAN[1],
    }
    reports = EventReport.objects.count()
    send("POST", "/api/events/", status=403, csrf=False, body=body)
    assert EventReport.objects.count() == reports


def test_an_api_address_that_names_no_record_answers_the_api_error():
    # No route matches a path whose id is no number: Django's 404, which under /api/ is the API's error.
    send("GET", "/api/events/{event_id}", status=404, path_parameters={"event_id": "abc"})


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_export_format_answers_its_documented_media_type(fmt):
    send("GET", "/api/events/export/{fmt}", status=200, path_parameters={"fmt": fmt})


@pytest.mark.parametrize("path", ETAG_LAYERS)
def test_a_layer_refreshed_unchanged_answers_304_as_documented(path):
    # A layer that takes a window gets a fixed one: its default ends at the next whole minute, and a minute
    # turning between the two requests would rightly answer the new window's body.
    parameters = {parameter["name"] for parameter in PATHS[path]["get"].get("parameters", [])}
    fixed = {"since": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z"}
    window = fixed if "until" in parameters else {}
    etag = send("GET", path, status=200, query=window).headers["etag"][0]
    send("GET", path, status=304, query=window, headers={"If-None-Match": etag})


def test_a_tile_of_the_deployments_archive_answers_as_documented(tmp_path, settings):
    settings.BASEMAP = str(build_mbtiles(tmp_path / "map.mbtiles"))
    z, x, y = NORTH
    tile = {"z": z, "x": x, "y": y}
    etag = send("GET", TILE, status=200, path_parameters=tile).headers["etag"][0]
    send("GET", TILE, status=304, path_parameters=tile, headers={"If-None-Match": etag})
    send("GET", TILE, status=404, path_parameters={"z": z, "x": 0, "y": 0})


def test_the_stream_refuses_bad_input_as_documented():
    send("GET", STREAM, status=422, query={"after_id": "not a number"})


def test_a_route_whose_ends_meet_on_the_network_is_refused_as_documented():
    # Both ends snap to one node: the planner asked igraph for a cut between a vertex and itself (500).
    ends = {"origin_lat": 0, "origin_lon": 0, "destination_lat": 0, "destination_lon": 0}
    send("GET", "/api/movement/route", status=422, query=ends)


# One valid request to every write, and reads of what it wrote, each checked against the document: the
# fuzzer seldom composes a body that passes the API's semantic checks, so the success bodies of writes
# are proven here.


def _sent(method: str, path: str, status: int, **parts) -> dict | list | None:
    response = send(method, path, status=status, **parts)
    return response.json() if response.content else None


def test_a_report_logged_changed_and_moved_through_its_workflow_answers_as_documented(api_world):
    report = _sent(
        "POST",
        "/api/events/",
        201,
        body={
            "category": "fom.roadblock",
            "occurred_dtg": "now",
            "lat": world.ZVECAN[0],
            "lon": world.ZVECAN[1],
            "narrative": "A barricade of trucks on the main road.",
            "marking": world.SHARED,
        },
    )
    one = {"path_parameters": {"event_id": report["id"]}}
    _sent("GET", "/api/events/{event_id}", 200, **one)
    _sent("PATCH", "/api/events/{event_id}", 200, body={"narrative": "Trucks and a bus."}, **one)
    _sent("POST", "/api/events/{event_id}/transitions", 200, body={"transition": "submit"}, **one)
    # A second pair of eyes validates: the author may not.
    _sent("POST", "/api/events/{event_id}/transitions", 403, body={"transition": "validate"}, **one)
    _sent("GET", "/api/events/{event_id}/history", 200, **one)
    _sent("GET", "/api/events/{event_id}/duplicates", 200, **one)
    validated = {"path_parameters": {"event_id": api_world["lone"].pk}}
    _sent("POST", "/api/events/{event_id}/transitions", 200, body={"transition": "publish"}, **validated)


def test_reports_merged_into_an_incident_and_a_merge_undone_answer_as_documented(api_world):
    alone = list(EventReport.objects.filter(incident=None).values_list("pk", flat=True)[:2])
    incident = _sent("POST", "/api/events/incidents", 201, body={"event_ids": alone})
    # No API read gives a link's id (the log's pages do): taken from the database.
    link = IncidentLink.objects.filter(incident_id=incident["id"]).first()
    _sent("POST", "/api/events/incidents/links/{link_id}/undo", 200, path_parameters={"link_id": link.pk})


def test_a_restriction_recorded_read_and_lifted_answers_as_documented(api_world):
    segments = _sent("GET", "/api/movement/network", 200)["segments"]
    restriction = _sent(
        "POST",
        "/api/movement/restrictions",
        201,
        body={"status": "closed", "cause": "A barricade", "segment_ids": [segments[0]["id"]]},
    )
    one = {"path_parameters": {"restriction_id": restriction["id"]}}
    _sent("GET", "/api/movement/restrictions/{restriction_id}", 200, **one)
    _sent("POST", "/api/movement/restrictions/{restriction_id}/lift", 200, body={"note": "cleared"}, **one)
    segment = {"kind": "segment", "element_id": segments[0]["id"]}
    _sent("GET", "/api/movement/history/{kind}/{element_id}", 200, path_parameters=segment)


def test_a_posture_planned_answers_as_documented(api_world):
    unit, task = api_world["unit"].pk, api_world["task"].pk
    # The world's unit has a caveat against night operations, which a guard's task needs.
    Caveat.objects.filter(unit=unit).delete()
    option = _sent(
        "POST",
        "/api/posture/options",
        201,
        body={"name": "Surge", "changes": [{"kind": "set_task_strength", "task": task, "strength": 60}]},
    )
    _sent("POST", "/api/posture/decisions", 201, body={"option": option["id"], "rationale": "Surge"})
    _sent("POST", "/api/posture/pins", 201, body={"unit": unit, "task": task, "option": option["id"]})
    _sent("DELETE", "/api/posture/pins", 204, body={"unit": unit, "task": task, "option": option["id"]})
    _sent("POST", "/api/posture/allocations", 201, body={"option": option["id"], "time_limit": 5})
    _sent("GET", "/api/posture/allocations/latest", 200, query={"option": option["id"]})


def test_a_caveat_recorded_and_changed_answers_as_documented(api_world):
    caveat = _sent(
        "POST", "/api/forces/caveats", 201, body={"kind": "no_night_operations", "unit": api_world["unit"].pk}
    )
    _sent(
        "PUT",
        "/api/forces/caveats/{caveat_id}",
        200,
        path_parameters={"caveat_id": caveat["id"]},
        body={"kind": "no_night_operations", "unit": api_world["unit"].pk, "note": "until further notice"},
    )


def test_an_assessed_level_overridden_answers_as_documented(api_world):
    areas = _sent("GET", "/api/assessment/areas", 200)["areas"]
    _sent(
        "POST",
        "/api/assessment/areas/{area_id}/overrides",
        201,
        path_parameters={"area_id": areas[0]["id"]},
        body={
            "level": 4,
            "rationale": "Crowds expected",
            "valid_until": world.IN_TWO_DAYS,
            "marking": world.SHARED,
        },
    )


def test_reports_ingested_in_bulk_and_from_an_acled_file_answer_as_documented(api_world):
    item = {
        "category": "fom.roadblock",
        "occurred_at": world.VOCABULARY["moments"][0],
        "lat": world.ZVECAN[0],
        "lon": world.ZVECAN[1],
        "source_id": "schema-1",
    }
    summary = _sent("POST", "/api/events/bulk", 200, body={"source_system": "schema", "items": [item]})
    assert summary["created"] == 1
    imported = _sent(
        "POST",
        "/api/events/import/acled",
        200,
        body={"file": world.VOCABULARY["acled"][0]},
        media_type="multipart/form-data",
    )
    assert imported["imported"] == 1
