"""The JSON API of the log: create, read, correct, workflow, pages, bulk; all through the policy."""

from datetime import timedelta

import pytest

from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import TWO_HOURS_AGO, an_event


@pytest.fixture
def as_watchkeeper(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    return client


def post(client, path, body):
    return client.post(path, body, content_type="application/json")


@pytest.mark.django_db
def test_a_report_is_logged_with_a_dtg_and_an_mgrs_grid(as_watchkeeper):
    response = post(
        as_watchkeeper,
        "/api/events/",
        {
            "occurred_dtg": "011430ANOV26",
            "mgrs": "34TDN8696150555",
            "category": "fom.roadblock",
            "narrative": "Barricade on the main road",
            "submit": True,
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["occurred_at"].startswith("2026-11-01T13:30")
    assert body["occurred_dtg"] == "011330ZNOV26"
    assert body["area_name"] == "Zvečan"
    assert body["status"] == "submitted"
    assert body["geo_precision"] == 1
    assert body["mgrs"].startswith("34TDN")


@pytest.mark.django_db
def test_bad_input_names_every_field_and_stores_nothing(as_watchkeeper):
    response = post(
        as_watchkeeper,
        "/api/events/",
        {
            "occurred_dtg": "321430ZNOV26",
            "mgrs": "34TDN8905",
            "category": "fom.roadblock",
        },
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "occurred"
    assert "day 32" in response.json()["errors"][0]["reason"]
    response = post(
        as_watchkeeper, "/api/events/", {"occurred_dtg": "now", "mgrs": "34TDN890", "category": "x"}
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "mgrs"
    assert EventReport.objects.count() == 0


@pytest.mark.django_db
def test_schema_violations_come_back_in_the_same_error_format(as_watchkeeper):
    response = post(
        as_watchkeeper,
        "/api/events/",
        {"occurred_dtg": "now", "lat": 42.9, "lon": 20.8, "category": "fom.roadblock", "severity": 9},
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [
        {"field": "severity", "reason": "Input should be less than or equal to 5"}
    ]


@pytest.mark.django_db
def test_pages_follow_the_cursor_without_gaps_or_repeats(as_watchkeeper, german_watchkeeper):
    for hour in range(7):
        create_report(
            user=german_watchkeeper, data=an_event(occurred_at=TWO_HOURS_AGO - timedelta(hours=hour))
        )
    seen, cursor = [], None
    while True:
        params = {"limit": 3} | ({"cursor": cursor} if cursor else {})
        page = as_watchkeeper.get("/api/events/", params).json()
        seen += [item["id"] for item in page["items"]]
        cursor = page["next_cursor"]
        if not cursor:
            break
    assert len(seen) == len(set(seen)) == 7
    assert as_watchkeeper.get("/api/events/", {"cursor": "garbage!"}).status_code == 422


@pytest.mark.django_db
def test_a_national_only_report_is_absent_for_other_nations_everywhere_in_the_api(
    client, theatre, german_watchkeeper, italian_analyst, eulex_partner
):
    german = create_report(user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // DEU ONLY"))
    shared = create_report(
        user=german_watchkeeper, data=an_event(marking="NATO RESTRICTED // REL TO KFOR, EULEX")
    )
    for reader, sees_german in ((german_watchkeeper, True), (italian_analyst, False), (eulex_partner, False)):
        client.force_login(reader)
        listed = {item["id"] for item in client.get("/api/events/").json()["items"]}
        assert (german.pk in listed) is sees_german
        assert shared.pk in listed
        assert client.get(f"/api/events/{german.pk}").status_code == (200 if sees_german else 404)
        assert client.get(f"/api/events/{german.pk}/history").status_code == (200 if sees_german else 404)


@pytest.mark.django_db
def test_validation_through_the_api_respects_the_second_pair_of_eyes(
    client, theatre, german_watchkeeper, italian_analyst
):
    event = create_report(user=german_watchkeeper, data=an_event(), submit=True)
    client.force_login(german_watchkeeper)
    response = post(client, f"/api/events/{event.pk}/transitions", {"transition": "validate"})
    assert response.status_code == 403
    client.force_login(italian_analyst)
    response = post(client, f"/api/events/{event.pk}/transitions", {"transition": "validate"})
    assert response.json()["status"] == "validated"
    response = client.patch(
        f"/api/events/{event.pk}", {"severity": 5, "reason": "two injured"}, content_type="application/json"
    )
    assert (response.json()["version"], response.json()["status"]) == (2, "submitted")
    actions = [change["action"] for change in client.get(f"/api/events/{event.pk}/history").json()]
    assert actions == ["created", "submitted", "validated", "corrected"]


@pytest.mark.django_db
def test_bulk_ingest_is_idempotent_and_reports_each_item(as_watchkeeper):
    item = {
        "occurred_at": "2026-11-01T10:00:00Z",
        "lat": 42.9075,
        "lon": 20.84,
        "category": "civil.demonstration",
        "source_id": "P-1",
    }
    body = {"source_system": "partner-feed", "items": [item, item | {"source_id": "P-2", "lat": 10.0}]}
    first = post(as_watchkeeper, "/api/events/bulk", body).json()
    assert (first["created"], first["rejected"]) == (1, 1)
    assert first["results"][1]["errors"][0]["field"] == "location"
    again = post(as_watchkeeper, "/api/events/bulk", body).json()
    assert (again["created"], again["unchanged"]) == (0, 1)


@pytest.mark.django_db
def test_the_openapi_document_has_no_untyped_schemas(as_watchkeeper):
    document = as_watchkeeper.get("/api/openapi.json").json()
    assert "/api/events/" in document["paths"]
    text = str(document)
    assert "'additionalProperties': True" not in text
    for name, schema in document["components"]["schemas"].items():
        for field, spec in schema.get("properties", {}).items():
            assert spec, f"{name}.{field} has an empty (Any) schema"


@pytest.mark.django_db
def test_list_items_conform_to_the_documented_schema(as_watchkeeper, german_watchkeeper):
    from peacekeeper.events.schemas import EventPage

    create_report(user=german_watchkeeper, data=an_event(killed_police=1))
    page = EventPage.model_validate(as_watchkeeper.get("/api/events/").json())
    assert page.items[0].killed_police == 1
    assert page.items[0].occurred_dtg.endswith("Z" + page.items[0].occurred_dtg[-5:])
