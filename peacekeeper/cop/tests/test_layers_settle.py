"""The layers' bodies are keyed on `caching.layer_version`: reports added reach them within
COP_SETTLE_SECONDS, anything that may take a report away from a reader at once.

(The rest of the suite runs with COP_SETTLE_SECONDS = 0, every change seen at once.)"""

import orjson
import pytest
from django.core.cache import caches
from django.test import override_settings

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.cop import caching
from peacekeeper.events.recording import create_report, update_report
from peacekeeper.events.tests.factories import an_event
from peacekeeper.events.workflow import transition

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("theatre")]

LAYERS = ("/api/cop/events.geojson?zoom=14", "/api/cop/area-levels", "/api/cop/fom")
SETTLE = 15


class Clock:
    """time.monotonic as caching.py reads it, moved by hand."""

    def __init__(self) -> None:
        self.now = 1000.0

    def monotonic(self) -> float:
        return self.now


@pytest.fixture
def clock(monkeypatch):
    caches["default"].clear()
    clock = Clock()
    monkeypatch.setattr(caching, "time", clock)
    monkeypatch.setattr(caching, "_settled", None)
    with override_settings(COP_SETTLE_SECONDS=SETTLE):
        yield clock
    caches["default"].clear()


def shown_ids(client, user) -> set[int]:
    client.force_login(user)
    body = client.get(LAYERS[0]).json()
    return {feature["id"] for feature in body["features"] if feature["properties"]["kind"] == "event"}


def bodies(client, user) -> list[bytes]:
    client.force_login(user)
    return [client.get(url).content for url in LAYERS]


def validated(author, analyst, **overrides):
    report = create_report(user=author, data=an_event(**overrides), submit=True)
    return transition(user=analyst, event=report, name="validate")


def test_a_validated_report_reaches_the_layers_within_the_settling_time(
    client, clock, german_watchkeeper, italian_analyst
):
    first = validated(german_watchkeeper, italian_analyst)
    assert shown_ids(client, italian_analyst) == {first.pk}
    before = bodies(client, italian_analyst)
    second = validated(german_watchkeeper, italian_analyst)
    clock.now += SETTLE - 1
    assert bodies(client, italian_analyst) == before  # the same bodies (and ETags) until it settles
    clock.now += 1
    assert shown_ids(client, italian_analyst) == {first.pk, second.pk}


def test_a_rejection_is_seen_at_once(client, clock, german_watchkeeper, italian_analyst):
    kept = validated(german_watchkeeper, italian_analyst)
    rejected = validated(german_watchkeeper, italian_analyst)
    clock.now += SETTLE
    assert shown_ids(client, italian_analyst) == {kept.pk, rejected.pk}
    transition(user=italian_analyst, event=rejected, name="reject", reason="duplicate of another report")
    assert shown_ids(client, italian_analyst) == {kept.pk}


def test_a_relabelled_report_leaves_the_readers_it_no_longer_reaches_at_once(
    client, clock, german_watchkeeper, italian_analyst
):
    report = validated(german_watchkeeper, italian_analyst)
    clock.now += SETTLE
    assert shown_ids(client, italian_analyst) == {report.pk}
    _, levels, _ = (orjson.loads(body) for body in bodies(client, italian_analyst))
    assert sum(area["count"] for area in levels["areas"].values()) == 1
    releaser = make_user(
        "greta", "DEU", "DEU", ("KFOR",), "NATO RESTRICTED", (Role.WATCHKEEPER, Role.RELEASE_AUTHORITY)
    )
    update_report(
        user=releaser,
        event=report,
        changes={"marking": "NATO UNCLASSIFIED // DEU ONLY"},
        reason="the source is national",
        release_reason="national source",
    )
    assert shown_ids(client, italian_analyst) == set()
    _, levels, fom = (orjson.loads(body) for body in bodies(client, italian_analyst))
    assert sum(area["count"] for area in levels["areas"].values()) == 0
    elements = [*fom["crossings"].values(), *fom["segments"].values()]
    assert all(report.pk not in element["event_ids"] for element in elements)


def test_with_no_settling_time_every_change_is_seen_at_once(
    client, clock, german_watchkeeper, italian_analyst
):
    first = validated(german_watchkeeper, italian_analyst)
    with override_settings(COP_SETTLE_SECONDS=0):
        assert shown_ids(client, italian_analyst) == {first.pk}
        second = validated(german_watchkeeper, italian_analyst)
        assert shown_ids(client, italian_analyst) == {first.pk, second.pk}
