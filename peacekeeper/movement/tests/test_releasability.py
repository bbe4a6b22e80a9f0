"""A closure from a DEU-only report exists for German readers only: not in the network, the history,
the log, the index or the routes of an Italian analyst or a EULEX partner."""

import pytest
from django.utils import timezone

from peacekeeper.events.tests.factories import ZVECAN
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.schemas import IndexRead, NetworkRead, RestrictionRead, RouteAnswer
from peacekeeper.movement.tests.conftest import DEU_ONLY, segment

pytestmark = pytest.mark.django_db


@pytest.fixture
def german_closure(theatre, validate):
    event = validate(lat=ZVECAN[0], lon=ZVECAN[1], marking=DEU_ONLY)
    return Restriction.objects.get(report=event)


def get(client, user, url, schema=None, **params):
    client.force_login(user)
    response = client.get(url, params)
    assert response.status_code == 200, response.content
    body = response.json()
    if schema is not None:
        for item in body if isinstance(body, list) else [body]:
            schema.model_validate(item)
    return body


def statuses(body: dict) -> set[str]:
    return {item["state"]["status"] for item in body["segments"]}


def test_the_network_state(client, german_closure, german_watchkeeper, italian_analyst, eulex_partner):
    german = get(client, german_watchkeeper, "/api/movement/network", NetworkRead)
    assert "closed" in statuses(german)
    assert german["marking"] == DEU_ONLY
    for reader in (italian_analyst, eulex_partner):
        body = get(client, reader, "/api/movement/network", NetworkRead)
        assert statuses(body) == {"open"}
        assert body["closed_km"] == 0
        assert body["marking"] is None


def test_the_history_and_the_record_itself(client, german_closure, german_watchkeeper, italian_analyst):
    road = segment("N22.3", ZVECAN).pk
    url = f"/api/movement/history/segment/{road}"
    assert [r["id"] for r in get(client, german_watchkeeper, url, RestrictionRead)] == [german_closure.pk]
    assert get(client, italian_analyst, url, RestrictionRead) == []
    client.force_login(italian_analyst)
    assert client.get(f"/api/movement/restrictions/{german_closure.pk}").status_code == 404


def test_the_log(client, german_closure, german_watchkeeper, italian_analyst, eulex_partner):
    german = get(client, german_watchkeeper, "/api/movement/restrictions", RestrictionRead)
    assert [r["id"] for r in german] == [german_closure.pk]
    assert german[0]["marking"] == DEU_ONLY
    for reader in (italian_analyst, eulex_partner):
        assert get(client, reader, "/api/movement/restrictions", RestrictionRead) == []


def test_the_index(client, german_closure, german_watchkeeper, italian_analyst):
    today = timezone.now().date().isoformat()
    german = get(client, german_watchkeeper, "/api/movement/index", IndexRead, first=today, last=today)
    italian = get(client, italian_analyst, "/api/movement/index", IndexRead, first=today, last=today)
    assert german["days"][0]["open_percent"] < 100
    assert italian["days"][0]["open_percent"] == 100


def test_the_routes(client, german_closure, german_watchkeeper, italian_analyst, eulex_partner):
    trip = {"origin": "Pristina", "destination": "Leposavić"}
    german = get(client, german_watchkeeper, "/api/movement/route", RouteAnswer, **trip)
    assert german["routes"] == []
    assert german["unroutable"]["cut"]
    for reader in (italian_analyst, eulex_partner):
        body = get(client, reader, "/api/movement/route", RouteAnswer, **trip)
        assert body["unroutable"] is None
        assert body["routes"][0]["via"][-1] == "Leposavić"
        assert "Roadblock" not in str(body)


def test_the_cop_layer(client, german_closure, german_watchkeeper, italian_analyst):
    from django.core.cache import caches

    caches["default"].clear()
    german = get(client, german_watchkeeper, "/api/cop/fom")
    italian = get(client, italian_analyst, "/api/cop/fom")
    assert german["segments"][str(segment("N22.3", ZVECAN).pk)]["status"] == "closed"
    assert {state["status"] for state in italian["segments"].values()} == {"open"}
