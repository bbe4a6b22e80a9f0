"""The events layer: the contract, clustering by zoom, filters, the access policy, caching and ETags."""

from datetime import timedelta

import pytest
from django.core.cache import caches
from django.utils import timezone

from peacekeeper.cop import events_layer
from peacekeeper.cop.schemas import EventLayer
from peacekeeper.events.models import EventReport, Status
from peacekeeper.events.recording import create_report
from peacekeeper.events.tests.factories import IBAR_BRIDGE, ZVECAN, an_event

URL = "/api/cop/events.geojson"
KFOR = "NATO UNCLASSIFIED // REL TO KFOR"
DEU_ONLY = "NATO RESTRICTED // DEU ONLY"


@pytest.fixture(autouse=True)
def _empty_cache():
    caches["default"].clear()
    yield
    caches["default"].clear()


def logged(author, *, status: str = Status.VALIDATED, **overrides) -> EventReport:
    """A report as the log holds it after the workflow (the workflow itself is tested in events)."""
    event = create_report(user=author, data=an_event(**overrides), submit=True)
    now = timezone.now()
    EventReport.objects.filter(pk=event.pk).update(
        status=status, validated_at=now if status in (Status.VALIDATED, Status.PUBLISHED) else None
    )
    return event


def get_layer(client, user, **params):
    client.force_login(user)
    response = client.get(URL, params)
    assert response.status_code == 200, response.content
    body = response.json()
    EventLayer.model_validate(body)
    return body


def points(body: dict) -> list[dict]:
    return [item for item in body["features"] if item["properties"]["kind"] == "event"]


def clusters(body: dict) -> list[dict]:
    return [item for item in body["features"] if item["properties"]["kind"] == "cluster"]


@pytest.mark.django_db
def test_an_individual_report_carries_every_field_of_the_contract(client, theatre, german_watchkeeper):
    event = logged(german_watchkeeper, category="riots.violent_demonstration", severity=4)
    body = get_layer(client, german_watchkeeper, zoom=13)
    assert body["type"] == "FeatureCollection"
    assert (body["clustered"], body["total"], body["marking"]) == (False, 1, KFOR)
    until = body["window"]["until"]
    assert timezone.datetime.fromisoformat(until) - timezone.datetime.fromisoformat(
        body["window"]["since"]
    ) == timedelta(hours=24)
    [item] = body["features"]
    assert item["id"] == event.pk
    assert item["geometry"] == {"type": "Point", "coordinates": [ZVECAN[1], ZVECAN[0]]}
    props = item["properties"]
    assert props["kind"] == "event"
    assert props["category"] == "riots.violent_demonstration"
    assert props["category_label"] == "Violent demonstration"
    assert (props["severity"], props["status"], props["exercise"]) == (4, "validated", False)
    assert props["url"] == f"/log/{event.pk}/"
    assert props["marking"] == KFOR
    assert props["area"] == "Zvečan"
    assert props["location_name"] == "Zvečan, main road"
    assert props["dtg"].endswith("Z" + event.occurred_at.strftime("%b%y").upper())
    assert props["sidc"] == "10044000001101100000"


def test_activity_symbols_follow_the_standard_where_it_defines_one():
    assert events_layer.activity_sidc("riots.mob_violence") == "10044000001101100000"
    assert events_layer.activity_sidc("civil.demonstration") == "10044000001201000000"
    assert events_layer.activity_sidc("explosions.remote_explosive") == "10064000001103000000"
    assert events_layer.activity_sidc("security.explosive_infrastructure") == "10064000001103000000"
    assert events_layer.activity_sidc("strategic.arrests") == ""


@pytest.mark.django_db
def test_low_zoom_sends_clusters_computed_by_the_database(client, theatre, german_watchkeeper):
    for severity, category in ((2, "fom.roadblock"), (5, "fom.roadblock"), (3, "civil.demonstration")):
        logged(german_watchkeeper, severity=severity, category=category)
    logged(german_watchkeeper, lat=IBAR_BRIDGE[0], lon=IBAR_BRIDGE[1])
    body = get_layer(client, german_watchkeeper, zoom=8)
    assert (body["clustered"], body["total"]) == (True, 4)
    [cluster] = clusters(body)
    props = cluster["properties"]
    assert (props["count"], props["max_severity"]) == (4, 5)
    assert props["categories"] == {"civil.demonstration": 1, "fom.roadblock": 3}
    assert (props["top_category"], props["top_category_label"]) == ("fom.roadblock", "Roadblock or barricade")
    lon, lat = cluster["geometry"]["coordinates"]
    assert lat == pytest.approx((3 * ZVECAN[0] + IBAR_BRIDGE[0]) / 4, abs=1e-6)
    assert lon == pytest.approx((3 * ZVECAN[1] + IBAR_BRIDGE[1]) / 4, abs=1e-6)


@pytest.mark.django_db
def test_a_cell_with_one_report_is_sent_as_that_report(client, theatre, german_watchkeeper):
    event = logged(german_watchkeeper)
    body = get_layer(client, german_watchkeeper, zoom=7)
    assert body["clustered"] is True
    assert [item["id"] for item in points(body)] == [event.pk]


@pytest.mark.django_db
def test_high_zoom_clusters_only_when_the_view_is_dense(client, theatre, german_watchkeeper, monkeypatch):
    for _ in range(3):
        logged(german_watchkeeper)
    assert len(points(get_layer(client, german_watchkeeper, zoom=12))) == 3
    caches["default"].clear()
    monkeypatch.setattr(events_layer, "CLUSTER_THRESHOLD", 2)
    body = get_layer(client, german_watchkeeper, zoom=12)
    assert (body["clustered"], body["total"]) == (True, 3)
    assert [cluster["properties"]["count"] for cluster in clusters(body)] == [3]


@pytest.mark.django_db
def test_the_window_and_the_view_filter_reports(client, theatre, german_watchkeeper):
    now = timezone.now().replace(microsecond=0)
    recent = logged(german_watchkeeper, occurred_at=now - timedelta(hours=2))
    old = logged(german_watchkeeper, occurred_at=now - timedelta(days=3))
    ids = {item["id"] for item in points(get_layer(client, german_watchkeeper, zoom=14))}
    assert ids == {recent.pk}
    since = (now - timedelta(days=4)).isoformat()
    body = get_layer(client, german_watchkeeper, zoom=14, since=since)
    assert {item["id"] for item in points(body)} == {recent.pk, old.pk}
    elsewhere = get_layer(client, german_watchkeeper, zoom=14, since=since, bbox="21.0,42.3,21.5,42.6")
    assert (elsewhere["total"], elsewhere["features"]) == (0, [])
    around = get_layer(client, german_watchkeeper, zoom=14, since=since, bbox="20.8,42.85,20.9,42.95")
    assert around["total"] == 2


@pytest.mark.django_db
def test_statuses_default_to_validated_and_published(client, theatre, german_watchkeeper):
    logged(german_watchkeeper)
    logged(german_watchkeeper, status=Status.PUBLISHED)
    submitted = logged(german_watchkeeper, status=Status.SUBMITTED)
    assert get_layer(client, german_watchkeeper, zoom=14)["total"] == 2
    body = get_layer(client, german_watchkeeper, zoom=14, status="submitted")
    assert [item["id"] for item in body["features"]] == [submitted.pk]
    assert get_layer(client, german_watchkeeper, zoom=14, status=["submitted", "published"])["total"] == 2


@pytest.mark.django_db
def test_bad_parameters_are_refused(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    assert client.get(URL, {"bbox": "21,42"}).status_code == 422
    assert client.get(URL, {"bbox": "21,43,20,42"}).status_code == 422
    assert client.get(URL, {"status": "secret"}).status_code == 422
    assert client.get(URL, {"zoom": 40}).status_code == 422
    assert client.get(URL, {"since": "2026-11-02T00:00Z", "until": "2026-11-01T00:00Z"}).status_code == 422
    empty = client.get(URL, {"since": "2026-11-02T00:00Z", "until": "2026-11-02T00:00Z"})  # the replay at 0
    assert empty.status_code == 200
    assert empty.json()["features"] == []


@pytest.mark.django_db
def test_anonymous_readers_get_401(client, theatre):
    assert client.get(URL).status_code == 401


@pytest.mark.django_db
def test_a_national_report_is_neither_counted_nor_shown_for_another_nation(
    client, theatre, german_watchkeeper, italian_analyst
):
    shared = logged(german_watchkeeper)
    national = logged(german_watchkeeper, marking=DEU_ONLY)
    german = get_layer(client, german_watchkeeper, zoom=14)
    assert {item["id"] for item in german["features"]} == {shared.pk, national.pk}
    # Only a German in KFOR may see both.
    assert german["marking"] == "NATO RESTRICTED // DEU ONLY // REL TO KFOR"
    assert german["markings"] == [DEU_ONLY, KFOR]
    for zoom in (7, 14):
        italian = get_layer(client, italian_analyst, zoom=zoom)
        assert italian["total"] == 1
        assert national.pk not in {item.get("id") for item in italian["features"]}
        assert (italian["marking"], italian["markings"]) == (KFOR, [KFOR])
        assert "DEU" not in str(italian)


@pytest.mark.django_db
def test_the_marking_is_the_combination_of_the_counted_reports(
    client, theatre, german_watchkeeper, italian_analyst
):
    logged(german_watchkeeper)
    logged(italian_analyst, marking="NATO SECRET // REL TO KFOR")
    assert get_layer(client, italian_analyst, zoom=8)["marking"] == "NATO SECRET // REL TO KFOR"
    assert get_layer(client, german_watchkeeper, zoom=8)["marking"] == KFOR  # not cleared for SECRET
    assert (
        get_layer(client, italian_analyst, zoom=8, since="2020-01-01T00:00Z", until="2020-01-02T00:00Z")[
            "marking"
        ]
        is None
    )


@pytest.mark.django_db
def test_a_cached_body_is_never_served_to_another_visibility_class(
    client, theatre, german_watchkeeper, italian_analyst
):
    logged(german_watchkeeper)
    logged(german_watchkeeper, marking=DEU_ONLY)
    assert get_layer(client, german_watchkeeper)["total"] == 2  # now cached for the German class
    cache = caches["default"]
    german_keys = set(cache._cache)
    assert get_layer(client, italian_analyst)["total"] == 1
    assert len(set(cache._cache) - german_keys) == 1  # the Italian body is a separate entry
    assert get_layer(client, german_watchkeeper)["total"] == 2


@pytest.mark.django_db
def test_a_refresh_that_changed_nothing_gets_304_and_a_change_a_new_body(client, theatre, german_watchkeeper):
    logged(german_watchkeeper)
    client.force_login(german_watchkeeper)
    first = client.get(URL, {"zoom": 14})
    etag = first["ETag"]
    assert first["Cache-Control"] == "private, no-cache"
    again = client.get(URL, {"zoom": 14}, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(URL, {"zoom": 14}, headers={"if-none-match": "W/" + etag}).status_code == 304
    logged(german_watchkeeper)
    changed = client.get(URL, {"zoom": 14}, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.json()["total"] == 2
    assert changed["ETag"] != etag


@pytest.mark.django_db
def test_a_large_layer_is_compressed(client, theatre, german_watchkeeper):
    for _ in range(5):
        logged(german_watchkeeper)
    client.force_login(german_watchkeeper)
    response = client.get(URL, {"zoom": 14}, headers={"accept-encoding": "gzip"})
    assert response["Content-Encoding"] == "gzip"


@pytest.mark.django_db
def test_camps_carry_an_installation_symbol(client, theatre, german_watchkeeper):
    client.force_login(german_watchkeeper)
    sites = client.get("/api/theatre/sites.geojson").json()["features"]
    by_kind = {item["properties"]["kind"]: item["properties"]["sidc"] for item in sites}
    assert by_kind["camp"] == "10032000001208020000"
    assert all(sidc == "" for kind, sidc in by_kind.items() if kind != "camp")
