"""A report's time lies between 2000-01-01 (the first a DTG can write) and now, on every way in (issue 11).

Dates in year 1 or 1900 were accepted once, and the report's page, edit page, API detail and duplicates
then failed with 500.
"""

import json
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone

from peacekeeper.events.ingest import ingest
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.validation import validate_input

RANGE = "accepted from 2000-01-01T00:00:00Z up to now (15 minutes ahead for clock skew)"


@pytest.fixture
def as_watchkeeper(client, theatre, german_watchkeeper):
    client.raise_request_exception = False
    client.force_login(german_watchkeeper)
    return client


def errors_of(data) -> dict[str, str]:
    return {error.field: error.reason for error in validate_input(data, now=timezone.now())}


@pytest.mark.parametrize(
    ("moment", "shown"),
    [
        (datetime(1900, 1, 1, tzinfo=UTC), "1900-01-01T00:00:00Z is too early"),
        (datetime(1, 1, 1, tzinfo=UTC), "0001-01-01T00:00:00Z is too early"),
        (datetime(1999, 12, 31, 23, 59, tzinfo=UTC), "1999-12-31T23:59:00Z is too early"),
        (datetime(9999, 12, 31, 23, 59, tzinfo=UTC), "9999-12-31T23:59:00Z is in the future"),
    ],
)
def test_every_ingest_path_checks_the_time_through_event_input(moment, shown):
    assert errors_of(an_event(occurred_at=moment)) == {"occurred_at": f"{shown}: {RANGE}"}
    assert errors_of(an_event(reported_at=moment)) == {"reported_at": f"{shown}: {RANGE}"}


def test_a_moment_near_the_ends_of_datetime_in_any_zone_is_refused_not_crashed():
    plus_14 = timezone.get_fixed_timezone(14 * 60)
    assert list(errors_of(an_event(occurred_at=datetime(1, 1, 1, tzinfo=plus_14)))) == ["occurred_at"]


def test_the_first_moment_of_2000_and_now_are_accepted():
    assert errors_of(an_event(occurred_at=datetime(2000, 1, 1, tzinfo=UTC))) == {}
    assert errors_of(an_event(occurred_at=timezone.now())) == {}


@pytest.mark.django_db
def test_a_report_logged_through_the_api_in_1900_is_refused_naming_the_range(as_watchkeeper):
    for moment in ("1900-01-01T00:00:00Z", "0001-01-01T00:00:00+14:00"):
        body = {"occurred_at": moment, "mgrs": "34TDN8696150555", "category": "fom.roadblock"}
        response = as_watchkeeper.post("/api/events/", json.dumps(body), content_type="application/json")
        assert response.status_code == 422, response.content[:300]
        [error] = response.json()["errors"]
        assert error["field"] == "occurred_at"
        assert RANGE in error["reason"]
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_an_import_or_generator_item_from_1900_is_rejected_and_the_others_stored(theatre):
    summary = ingest(
        items=[
            an_event(source_id="a"),
            an_event(source_id="b", occurred_at=datetime(1900, 1, 1, tzinfo=UTC)),
        ],
        source_system="feed",
        default_marking="NATO UNCLASSIFIED // REL TO KFOR",
        keep_results=True,
    )
    assert (summary.created, summary.rejected) == (1, 1)
    assert summary.results[1].errors[0].field == "occurred_at"


@pytest.mark.django_db
def test_a_report_at_the_earliest_accepted_moment_can_be_read_everywhere(as_watchkeeper, german_watchkeeper):
    earliest = create_report(
        user=german_watchkeeper, data=an_event(occurred_at=datetime(2000, 1, 1, tzinfo=UTC)), submit=True
    )
    create_report(user=german_watchkeeper, data=an_event(occurred_at=datetime(2000, 1, 1, 1, tzinfo=UTC)))
    for path in (
        f"/log/{earliest.pk}/",
        f"/log/{earliest.pk}/edit/",
        f"/api/events/{earliest.pk}",
        f"/api/events/{earliest.pk}/duplicates",
        f"/api/events/{earliest.pk}/history",
        "/log/?since=2000-01-01",
    ):
        assert as_watchkeeper.get(path).status_code == 200, path


@pytest.mark.django_db
def test_a_correction_into_the_future_is_refused_naming_the_range(as_watchkeeper, german_watchkeeper):
    event = create_report(user=german_watchkeeper, data=an_event())
    tomorrow = timezone.now() + timedelta(days=1)
    dtg = f"{tomorrow:%d%H%M}Z{tomorrow:%b%y}".upper()
    response = as_watchkeeper.patch(
        f"/api/events/{event.pk}", json.dumps({"occurred_dtg": dtg}), content_type="application/json"
    )
    assert response.status_code == 422
    assert RANGE in response.json()["errors"][0]["reason"]
