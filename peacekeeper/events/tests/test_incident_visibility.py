"""A reader sees an incident only when they see at least two of its reports, and then only those."""

import json
import re

import pytest
from django.urls import reverse

from peacekeeper.conftest import make_user
from peacekeeper.events.incidents import merge
from peacekeeper.events.models import EventReport
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import an_event

pytestmark = pytest.mark.django_db


@pytest.fixture
def us_analyst(organisations):
    return make_user("sam", "USA", "USA", ("KFOR",), "NATO SECRET", ("analyst",))


@pytest.fixture
def incident(theatre, us_analyst):
    """An incident of a KFOR report and a report released to the USA only."""
    shared = create_report(user=us_analyst, data=an_event(narrative="Barricade, seen by KFOR"))
    national = create_report(
        user=us_analyst, data=an_event(marking="NATO UNCLASSIFIED // USA ONLY", narrative="US eyes only")
    )
    return merge(user=us_analyst, events=[shared, national]), shared, national


def _export_incident_ids(client) -> dict[str, int | None]:
    body = b"".join(client.get("/api/events/export/geojson").streaming_content)
    return {feature["id"]: feature["properties"]["incident_id"] for feature in json.loads(body)["features"]}


def _incident_rows(page: str) -> list[str]:
    table = re.search(r'data-testid="incident">(.*?)</table>', page, re.S)
    return re.findall(r"<tr[ >]", table.group(1))[1:] if table else []


def test_a_reader_who_sees_one_report_of_an_incident_sees_no_incident_anywhere(
    client, incident, italian_analyst
):
    incident, shared, _national = incident
    client.force_login(italian_analyst)
    assert client.get(f"/api/events/{shared.pk}").json()["incident_id"] is None
    listed = {item["id"]: item["incident_id"] for item in client.get("/api/events/").json()["items"]}
    assert listed == {shared.pk: None}
    assert client.get("/api/events/", {"incident": incident.pk}).json()["items"] == []
    assert _export_incident_ids(client) == {str(shared.uid): None}

    history = client.get(f"/api/events/{shared.pk}/history").json()
    assert [entry["action"] for entry in history] == ["created"]

    page = client.get(reverse("events:detail", args=[shared.pk])).content.decode()
    assert incident.title not in page
    assert "Not linked to an incident." in page
    assert "Linked into an incident" not in page


def test_with_a_second_report_they_see_the_incident_with_only_the_reports_they_may_see(
    client, incident, italian_analyst, us_analyst
):
    incident, shared, national = incident
    third = create_report(user=us_analyst, data=an_event(narrative="Barricade, second KFOR report"))
    assert merge(user=us_analyst, events=[shared, third]) == incident
    client.force_login(italian_analyst)

    assert client.get(f"/api/events/{shared.pk}").json()["incident_id"] == incident.pk
    in_incident = {
        item["id"] for item in client.get("/api/events/", {"incident": incident.pk}).json()["items"]
    }
    assert in_incident == {shared.pk, third.pk}
    assert _export_incident_ids(client) == {str(shared.uid): incident.pk, str(third.uid): incident.pk}

    page = client.get(reverse("events:detail", args=[shared.pk])).content.decode()
    assert f"Incident: {incident.title}" in page
    assert len(_incident_rows(page)) == 2
    assert reverse("events:detail", args=[national.pk]) not in page
    assert "US eyes only" not in page

    history = client.get(f"/api/events/{shared.pk}/history").json()
    assert history[-1]["fields"] == {"incident": [None, incident.pk]}


def test_an_analyst_who_does_not_see_an_incident_links_reports_into_a_new_one(
    client, incident, italian_analyst
):
    hidden_incident, shared, national = incident
    other = create_report(user=italian_analyst, data=an_event(narrative="Barricade, Italian patrol"))
    client.force_login(italian_analyst)
    response = client.post(
        "/api/events/incidents", {"event_ids": [shared.pk, other.pk]}, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    created = response.json()
    assert created["id"] != hidden_incident.pk
    assert created["title"] == f"Incident {created['id']}"
    assert sorted(created["report_ids"]) == sorted([shared.pk, other.pk])
    national.refresh_from_db()
    assert national.incident_id == hidden_incident.pk, "the hidden report stays where it was"

    link = EventReport.objects.get(pk=shared.pk).incident_links.get(incident_id=created["id"])
    assert client.post(f"/api/events/incidents/links/{link.pk}/undo").json()["incident_id"] is None
    assert EventReport.objects.get(pk=shared.pk).incident_id == hidden_incident.pk
