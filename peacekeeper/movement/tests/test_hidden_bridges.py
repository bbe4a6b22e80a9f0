"""A bridge is a releasable site: for a reader who may not see it, it does not exist on their network.

Its history answers 404 exactly like a bridge that does not exist; the segments it lies on neither list
nor take restrictions that reached them only through it; a restriction about it alone is absent from
their log, the network's figures, the index and the routes. Recording refuses to name a bridge in a
restriction released wider than the bridge.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from peacekeeper.access.classification import Role
from peacekeeper.access.labels import label_from_marking
from peacekeeper.conftest import make_user
from peacekeeper.core.errors import InputError
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.network import current_network, invalidate
from peacekeeper.movement.planner import Endpoint, plan_route
from peacekeeper.movement.recording import record_restriction
from peacekeeper.movement.schemas import NetworkRead, RestrictionRead
from peacekeeper.movement.tests.conftest import PEJA_KLINA, segment
from peacekeeper.theatre.models import Site

pytestmark = pytest.mark.django_db

KFOR_RESTRICTED = "NATO RESTRICTED // REL TO KFOR"
DEU_SECRET = "NATO SECRET // DEU ONLY"


@pytest.fixture
def dieter(organisations):
    return make_user("dieter", "DEU", "DEU", ("KFOR",), "NATO SECRET", (Role.WATCHKEEPER,))


@pytest.fixture
def bridge(theatre):
    invalidate()
    return Site.objects.get(kind=Site.Kind.BRIDGE, name__startswith="Mitrovica main bridge")


def hide(bridge: Site) -> None:
    """Label the bridge DEU ONLY (after restrictions on it were recorded)."""
    bridge.label = label_from_marking(DEU_SECRET)
    bridge.save()
    invalidate()


@pytest.fixture
def bridge_closure(bridge, dieter):
    """Recorded while the bridge was released to KFOR; the bridge is then labelled German-only."""
    restriction = record_restriction(
        user=dieter, status="closed", cause="Barricade on the bridge", bridge_ids=[bridge.pk],
        marking=KFOR_RESTRICTED, started_at=timezone.now() - timedelta(hours=6),
    )  # fmt: skip
    hide(bridge)
    return restriction


def get_json(client, user, url, **params):
    client.force_login(user)
    return client.get(url, params)


def on_bridge(bridge: Site) -> tuple[int, ...]:
    point = next(p for p in current_network().points if p.kind == "bridge" and p.id == bridge.pk)
    assert point.segments
    return point.segments


def test_a_hidden_bridge_answers_like_a_missing_one(client, bridge_closure, bridge, italian_analyst, dieter):
    client.force_login(italian_analyst)
    missing = client.get("/api/movement/history/bridge/999999")
    hidden = client.get(f"/api/movement/history/bridge/{bridge.pk}")
    assert missing.status_code == hidden.status_code == 404
    assert hidden.json()["detail"] == missing.json()["detail"].replace("999999", str(bridge.pk))
    client.force_login(dieter)
    seen = client.get(f"/api/movement/history/bridge/{bridge.pk}")
    assert [row["id"] for row in seen.json()] == [bridge_closure.pk]


def test_the_segment_history_does_not_place_the_hidden_bridge(
    client, bridge_closure, bridge, italian_analyst, dieter
):
    for segment_id in on_bridge(bridge):
        url = f"/api/movement/history/segment/{segment_id}"
        assert get_json(client, italian_analyst, url).json() == []
        assert [r["id"] for r in get_json(client, dieter, url).json()] == [bridge_closure.pk]


def test_a_restriction_about_a_hidden_bridge_only_is_absent(client, bridge_closure, italian_analyst, dieter):
    assert get_json(client, italian_analyst, "/api/movement/restrictions").json() == []
    url = f"/api/movement/restrictions/{bridge_closure.pk}"
    assert get_json(client, italian_analyst, url).status_code == 404
    client.force_login(italian_analyst)
    lifted = client.post(f"{url}/lift", "{}", content_type="application/json")
    assert lifted.status_code == 404
    german = get_json(client, dieter, "/api/movement/restrictions").json()
    assert [row["id"] for row in german] == [bridge_closure.pk]
    assert german[0]["bridge_ids"] == [bridge_closure.bridges.get().pk]


def test_network_index_and_routes_do_not_reflect_the_hidden_bridge(
    client, bridge_closure, bridge, italian_analyst, dieter
):
    crossing_it = set(on_bridge(bridge))
    italian = get_json(client, italian_analyst, "/api/movement/network").json()
    NetworkRead.model_validate(italian)
    assert bridge.pk not in [p["id"] for p in italian["points"] if p["kind"] == "bridge"]
    assert {s["state"]["status"] for s in italian["segments"]} == {"open"}
    assert italian["closed_km"] == 0
    assert italian["marking"] is None

    german = get_json(client, dieter, "/api/movement/network").json()
    closed = {s["id"] for s in german["segments"] if s["state"]["status"] == "closed"}
    assert closed == crossing_it
    assert german["marking"] == KFOR_RESTRICTED

    days = {"first": (timezone.now() - timedelta(days=1)).date().isoformat()}
    index = get_json(client, italian_analyst, "/api/movement/index", **days).json()
    assert {day["open_percent"] for day in index["days"]} == {100}
    german_index = get_json(client, dieter, "/api/movement/index", **days).json()
    assert min(day["open_percent"] for day in german_index["days"]) < 100

    trip = {
        "origin": Endpoint(text="Mitrovica"),
        "destination": Endpoint(text="Zvečan"),
        "at": timezone.now(),
    }
    answer = plan_route(user=italian_analyst, **trip)
    assert answer["marking"] is None
    assert "Barricade" not in str(answer)


def test_a_restriction_also_on_a_visible_segment_shows_that_segment_only(
    client, bridge, dieter, italian_analyst
):
    road = segment("M-9", PEJA_KLINA)
    restriction = record_restriction(
        user=dieter, status="closed", cause="Convoy stopped", segment_ids=[road.pk], bridge_ids=[bridge.pk],
        marking=KFOR_RESTRICTED,
    )  # fmt: skip
    hide(bridge)
    rows = get_json(client, italian_analyst, "/api/movement/restrictions").json()
    assert [row["id"] for row in rows] == [restriction.pk]
    RestrictionRead.model_validate(rows[0])
    assert rows[0]["bridge_ids"] == []
    assert rows[0]["segment_ids"] == [road.pk]
    assert bridge.name not in str(rows[0])
    network = get_json(client, italian_analyst, "/api/movement/network").json()
    closed = {s["id"] for s in network["segments"] if s["state"]["status"] == "closed"}
    assert closed == {road.pk}  # the segments across the hidden bridge stay open for this reader
    assert not closed & set(on_bridge(bridge))
    assert all(not s["state"]["via"] for s in network["segments"])


def test_recording_refuses_a_marking_wider_than_a_named_bridge(bridge, dieter):
    hide(bridge)
    with pytest.raises(InputError) as raised:
        record_restriction(
            user=dieter, status="closed", cause="Barricade on the bridge", bridge_ids=[bridge.pk],
            marking=KFOR_RESTRICTED,
        )  # fmt: skip
    assert [error.field for error in raised.value.errors] == ["marking"]
    assert not Restriction.objects.exists()
    kept = record_restriction(
        user=dieter,
        status="closed",
        cause="Barricade on the bridge",
        bridge_ids=[bridge.pk],
        marking=DEU_SECRET,
    )
    assert kept.label.marking == DEU_SECRET


def test_a_hidden_bridge_cannot_be_named_by_a_writer_who_may_not_see_it(bridge, german_watchkeeper):
    hide(bridge)  # NATO SECRET: above the watchkeeper's clearance
    with pytest.raises(InputError) as raised:
        record_restriction(user=german_watchkeeper, status="closed", cause="x", bridge_ids=[bridge.pk])
    fields = {error.field for error in raised.value.errors}
    assert "bridges" in fields
    assert f"no such bridge: {bridge.pk}" in str(raised.value)


def test_the_cop_layer_is_computed_anew_when_a_bridge_is_hidden(client, bridge, dieter, italian_analyst):
    from django.core.cache import caches

    from peacekeeper.movement.layers import restrictions_version

    caches["default"].clear()
    record_restriction(
        user=dieter, status="closed", cause="Barricade on the bridge", bridge_ids=[bridge.pk],
        marking=KFOR_RESTRICTED, started_at=timezone.now() - timedelta(hours=1),
    )  # fmt: skip
    before = get_json(client, italian_analyst, "/api/cop/fom").json()
    assert "closed" in {state["status"] for state in before["segments"].values()}
    version = restrictions_version()
    hide(bridge)
    assert restrictions_version() != version
    after = get_json(client, italian_analyst, "/api/cop/fom").json()
    assert {state["status"] for state in after["segments"].values()} == {"open"}
