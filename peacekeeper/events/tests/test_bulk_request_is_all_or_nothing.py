"""POST /api/events/bulk: a request refused or failing as a whole stores nothing; items are numbered from 0;
a source_id given twice anywhere in one request is refused on the later item (issue 11)."""

import json

import pytest
from django.db import OperationalError

from peacekeeper.events import ingest as ingest_module
from peacekeeper.events.models import EventReport
from peacekeeper.events.tests.factories import TWO_HOURS_AGO, ZVECAN

MARKING = "NATO UNCLASSIFIED // REL TO KFOR"


@pytest.fixture
def as_watchkeeper(client, theatre, german_watchkeeper):
    client.raise_request_exception = False
    client.force_login(german_watchkeeper)
    return client


def item(source_id: str, **overrides) -> dict:
    return {
        "occurred_at": TWO_HOURS_AGO.isoformat(),
        "lat": ZVECAN[0],
        "lon": ZVECAN[1],
        "category": "fom.roadblock",
        "narrative": "Approx 40 persons erected a barricade of trucks on the main road.",
        "marking": MARKING,
        "source_id": source_id,
        **overrides,
    }


def bulk(client, items: list[dict]):
    body = json.dumps({"source_system": "feed", "items": items})
    return client.post("/api/events/bulk", body, content_type="application/json")


@pytest.mark.django_db
def test_a_timestamp_the_database_cannot_hold_refuses_the_whole_request_before_storing_any(as_watchkeeper):
    items = [item(f"r{n}", source_timestamp=1_700_000_000) for n in range(2500)]
    items[2400]["source_timestamp"] = 2**63
    response = bulk(as_watchkeeper, items)
    assert response.status_code == 422, response.content[:300]
    assert response.json()["errors"] == [
        {
            "field": "items.2400.source_timestamp",
            "reason": "9223372036854775808 is outside -9223372036854775808 .. 9223372036854775807, "
            "the integers the database holds",
        }
    ]
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_unstorable_text_in_one_item_refuses_the_request_naming_the_item(as_watchkeeper):
    items = [item(f"r{n}") for n in range(5)]
    items[3]["narrative"] = "barricade\ud800"
    items[4]["actor1"] = "\x00"
    response = bulk(as_watchkeeper, items)
    assert response.status_code == 422
    assert [error["field"] for error in response.json()["errors"]] == ["items.3.narrative"]
    assert EventReport.objects.count() == 0


def failing_in_the_second_batch(monkeypatch, error: Exception) -> list[int]:
    """Make ingest's second batch fail as it writes; the sizes of the batches written before, returned."""
    inserted = []
    real_insert = ingest_module._insert_new

    def insert(rows):
        if inserted:
            raise error
        inserted.append(len(rows))
        real_insert(rows)

    monkeypatch.setattr(ingest_module, "_insert_new", insert)
    return inserted


@pytest.mark.django_db
def test_a_failure_part_way_stores_nothing_not_even_earlier_batches(as_watchkeeper, monkeypatch):
    inserted = failing_in_the_second_batch(monkeypatch, RuntimeError("a bug"))
    response = bulk(as_watchkeeper, [item(f"r{n}") for n in range(ingest_module.BATCH_SIZE + 10)])
    assert response.status_code == 500
    assert inserted == [ingest_module.BATCH_SIZE]  # the first batch had been written ...
    assert EventReport.objects.count() == 0  # ... and was rolled back with the request


@pytest.mark.django_db
def test_a_database_failure_part_way_says_nothing_was_stored(as_watchkeeper, monkeypatch):
    failing_in_the_second_batch(monkeypatch, OperationalError("database is locked"))
    response = bulk(as_watchkeeper, [item(f"r{n}") for n in range(ingest_module.BATCH_SIZE + 10)])
    assert response.status_code == 503
    assert response.json() == {
        "detail": "the database failed part-way (OperationalError); nothing was stored: send it again",
        "errors": [],
    }
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_a_repeated_source_id_is_refused_on_the_later_item_within_a_batch(as_watchkeeper):
    response = bulk(as_watchkeeper, [item("a"), item("b"), item("a", severity=5)])
    assert response.status_code == 200
    body = response.json()
    assert (body["created"], body["rejected"]) == (2, 1)
    assert [(r["index"], r["outcome"]) for r in body["results"]] == [
        (0, "created"),
        (1, "created"),
        (2, "rejected"),
    ]
    assert body["results"][2]["errors"] == [
        {"field": "source_id", "reason": "repeats item 0; each source_id is stored once"}
    ]


@pytest.mark.django_db
def test_a_repeated_source_id_in_a_later_batch_is_refused_not_silently_stored_over_the_first(as_watchkeeper):
    size = ingest_module.BATCH_SIZE
    items = [item(f"r{n}", source_timestamp=100) for n in range(size)]
    items.append(item("r7", source_timestamp=200, severity=5))  # would update r7 as a newer version
    body = bulk(as_watchkeeper, items).json()
    assert (body["created"], body["updated"], body["rejected"]) == (size, 0, 1)
    assert body["results"][size]["index"] == size
    assert body["results"][size]["errors"] == [
        {"field": "source_id", "reason": "repeats item 7; each source_id is stored once"}
    ]
    assert EventReport.objects.get(source_id="r7").severity == 2


@pytest.mark.django_db
def test_item_rejections_keep_their_0_based_index_and_the_others_are_stored(as_watchkeeper):
    items = [item("ok"), item("nope", category="no.such"), item("old", occurred_at="1900-01-01T00:00:00Z")]
    body = bulk(as_watchkeeper, items).json()
    rejected = {r["index"]: r["errors"] for r in body["results"] if r["outcome"] == "rejected"}
    assert rejected[1] == [{"field": "category", "reason": "unknown category 'no.such'"}]
    assert [error["field"] for error in rejected[2]] == ["occurred_at"]
    assert EventReport.objects.filter(source_id="ok").exists()
    assert EventReport.objects.count() == 1


@pytest.mark.django_db
def test_the_api_documents_the_limits_and_the_numbering(client):
    operation = client.get("/api/openapi.json").json()["paths"]["/api/events/bulk"]["post"]
    assert "5,000 items" in operation["description"]
    assert "numbered from 0" in operation["description"]
    assert {"200", "413", "422"} <= set(operation["responses"])
