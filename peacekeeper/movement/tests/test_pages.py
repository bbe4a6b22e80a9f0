"""The movement screens: the network page with its index chart, the log with its forms, the planner."""

import pytest
from django.urls import reverse

from peacekeeper.events.tests.factories import ZVECAN
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.tests.conftest import DEU_ONLY, crossing

pytestmark = pytest.mark.django_db


def test_the_network_page_shows_the_index_chart_and_a_banner_covering_the_period(
    client, theatre, validate, german_watchkeeper, italian_analyst
):
    validate(lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY)
    client.force_login(german_watchkeeper)
    page = client.get(reverse("movement:network")).content.decode()
    assert 'data-testid="index-chart"' in page
    assert DEU_ONLY in page
    client.force_login(italian_analyst)
    page = client.get(reverse("movement:network")).content.decode()
    assert DEU_ONLY not in page
    assert "Today so far: <strong>100.0 %</strong>" in page


def test_the_log_lists_only_what_the_reader_may_see_and_filters(
    client, theatre, validate, german_watchkeeper, italian_analyst
):
    validate(lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY, actor1="Protesters", location_name="Zvečan")
    validate(category="fom.restriction", actor1="Protesters", actor2="EULEX patrol", location_name="Jarinje")
    client.force_login(german_watchkeeper)
    page = client.get(reverse("movement:restrictions")).content.decode()
    assert "All traffic stopped at Zvečan by protesters" in page
    assert "EULEX patrol restricted at Jarinje by protesters" in page
    page = client.get(reverse("movement:restrictions"), {"q": "eulex"}).content.decode()
    assert "EULEX patrol" in page
    assert "All traffic stopped" not in page
    client.force_login(italian_analyst)
    page = client.get(reverse("movement:restrictions")).content.decode()
    assert "All traffic stopped" not in page
    assert "EULEX patrol restricted" in page


def test_a_watchkeeper_records_and_lifts_through_the_forms(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    jarinje = crossing("Jarinje")
    response = client.post(
        reverse("movement:restrictions"),
        {"status": "closed", "cause": "Gate closed by Kosovo Police", "crossings": [jarinje.pk],
         "restricted_party": "all traffic", "marking": "NATO UNCLASSIFIED // REL TO KFOR"},
    )  # fmt: skip
    assert response.status_code == 302
    restriction = Restriction.objects.get()
    assert list(restriction.crossings.all()) == [jarinje]
    response = client.post(reverse("movement:lift", args=[restriction.pk]), {"note": "reopened"})
    assert response.status_code == 302
    restriction.refresh_from_db()
    assert restriction.lift_note == "reopened"
    assert "lifted by hans: reopened" in client.get(reverse("movement:restrictions")).content.decode()


def test_the_record_form_names_what_is_missing(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    response = client.post(reverse("movement:restrictions"), {"status": "closed", "cause": "x"})
    assert response.status_code == 422
    assert "choose at least one road segment, crossing point or bridge" in response.content.decode()
    assert not Restriction.objects.exists()


def test_readers_without_the_role_get_no_record_form(client, theatre, eulex_partner):
    client.force_login(eulex_partner)
    page = client.get(reverse("movement:restrictions")).content.decode()
    assert "Record a restriction by hand" not in page


def test_the_route_planner_page_offers_the_network_places(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    page = client.get(reverse("movement:routes")).content.decode()
    assert '<option value="Leposavić">' in page
    assert "The road network is approximate" in page


def test_the_api_records_and_lifts_with_field_errors(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    bad = client.post(
        "/api/movement/restrictions", {"status": "closed", "cause": ""}, content_type="application/json"
    )
    assert bad.status_code == 422
    assert {e["field"] for e in bad.json()["errors"]} == {"cause", "segments"}
    jarinje = crossing("Jarinje")
    made = client.post(
        "/api/movement/restrictions",
        {"status": "restricted", "cause": "Checks", "crossing_ids": [jarinje.pk]},
        content_type="application/json",
    )
    assert made.status_code == 201
    lifted = client.post(
        f"/api/movement/restrictions/{made.json()['id']}/lift", {}, content_type="application/json"
    )
    assert lifted.status_code == 200
    assert lifted.json()["ended"].startswith("lifted by hans")


def test_the_api_rejects_unknown_elements_and_bad_ranges(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert client.get("/api/movement/history/segment/999999").status_code == 404
    assert client.get("/api/movement/history/town/1").status_code == 404
    bad = client.get("/api/movement/index", {"first": "2026-11-20", "last": "2026-11-10"})
    assert bad.status_code == 422
    assert "last must not be before first" in bad.json()["detail"]
    route = client.get("/api/movement/route", {"origin": "Atlantis", "destination": "Pristina"})
    assert route.status_code == 422
    assert route.json()["errors"] == [
        {"field": "origin", "reason": "no place with a known position matches 'Atlantis'"}
    ]


def test_the_log_filters_by_status_and_what_is_in_force(client, theatre, german_watchkeeper):
    from peacekeeper.movement.recording import lift_restriction, record_restriction

    jarinje = crossing("Jarinje")
    record_restriction(
        user=german_watchkeeper, status="restricted", cause="Checks", crossing_ids=[jarinje.pk]
    )
    lifted = record_restriction(
        user=german_watchkeeper, status="closed", cause="Shut", crossing_ids=[jarinje.pk]
    )
    lift_restriction(user=german_watchkeeper, restriction=lifted)
    client.force_login(german_watchkeeper)
    causes = [r["cause"] for r in client.get("/api/movement/restrictions", {"status": "closed"}).json()]
    assert causes == ["Shut"]
    causes = [r["cause"] for r in client.get("/api/movement/restrictions", {"in_force": True}).json()]
    assert causes == ["Checks"]
