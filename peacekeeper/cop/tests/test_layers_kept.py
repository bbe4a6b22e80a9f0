"""The keeper (cop/keeping.py) computes ahead the bodies the floor's maps follow: after a change settles, a
map's next request finds its body computed instead of computing it, and the keeper never computes for an
account that is gone or under a visibility class the reader no longer has."""

import orjson
import pytest
from django.core.cache import caches
from django.test import override_settings

from peacekeeper.access.classification import Role
from peacekeeper.conftest import make_user
from peacekeeper.cop import caching, keeping, situation
from peacekeeper.cop.tests.test_layers_settle import SETTLE, Clock, validated

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("theatre")]

AREA_LEVELS = "/api/cop/area-levels"


@pytest.fixture
def clock(monkeypatch):
    caches["default"].clear()
    clock = Clock()
    monkeypatch.setattr(caching, "time", clock)
    monkeypatch.setattr(keeping, "time", clock)
    monkeypatch.setattr(caching, "_settled", None)
    with override_settings(COP_SETTLE_SECONDS=SETTLE):
        yield clock
    caches["default"].clear()


@pytest.fixture
def computations(monkeypatch):
    """How many times the area levels were computed."""
    counted = []
    compute = situation.area_levels

    def counting(**arguments):
        counted.append(arguments["user"].username)
        return compute(**arguments)

    monkeypatch.setattr("peacekeeper.cop.bodies.area_levels", counting)
    return counted


def reported(body: bytes) -> int:
    return sum(area["count"] for area in orjson.loads(body)["areas"].values())


def test_after_a_change_settles_the_next_request_finds_its_body_computed_ahead(
    client, clock, computations, german_watchkeeper, italian_analyst
):
    validated(german_watchkeeper, italian_analyst)
    client.force_login(italian_analyst)
    assert reported(client.get(AREA_LEVELS).content) == 1
    assert computations == ["giulia"]
    validated(german_watchkeeper, italian_analyst)
    clock.now += SETTLE
    assert keeping.bring_up_to_date() == 1
    assert computations == ["giulia"] * 2  # by the keeper
    assert reported(client.get(AREA_LEVELS).content) == 2
    assert len(computations) == 2  # the request found it


def test_readers_of_one_class_are_computed_once(
    client, clock, computations, german_watchkeeper, italian_analyst
):
    second = make_user("marco", "ITA", "ITA", ("KFOR",), "NATO SECRET", (Role.ANALYST,))
    for reader in (italian_analyst, second):
        client.force_login(reader)
        client.get(AREA_LEVELS)
    validated(german_watchkeeper, italian_analyst)
    clock.now += SETTLE
    computations.clear()
    assert keeping.bring_up_to_date() == 1
    assert len(computations) == 1


def test_a_window_that_does_not_follow_the_clock_is_not_kept(client, clock, italian_analyst):
    client.force_login(italian_analyst)
    client.get(AREA_LEVELS, {"since": "2026-01-01T00:00:00Z", "until": "2026-01-02T00:00:00Z"})
    assert keeping.bring_up_to_date() == 0


def test_a_request_is_kept_for_ten_minutes_after_it_was_last_asked(client, clock, italian_analyst):
    client.force_login(italian_analyst)
    client.get(AREA_LEVELS)
    clock.now += keeping.KEPT_FOR_SECONDS - 1
    assert keeping.bring_up_to_date() == 1
    clock.now += 2
    assert keeping.bring_up_to_date() == 0


def test_a_deactivated_account_is_dropped(client, clock, computations, italian_analyst):
    client.force_login(italian_analyst)
    client.get(AREA_LEVELS)
    italian_analyst.is_active = False
    italian_analyst.save()
    assert keeping.bring_up_to_date() == 0
    assert computations == ["giulia"]


def test_a_withdrawn_clearance_computes_under_the_class_the_reader_now_has(
    client, clock, computations, german_watchkeeper, italian_analyst
):
    validated(german_watchkeeper, italian_analyst, marking="NATO RESTRICTED // REL TO KFOR")
    client.force_login(italian_analyst)
    assert reported(client.get(AREA_LEVELS).content) == 1
    # The analyst's clearance is lowered below the report's after the map asked.
    lowered = make_user("giulia", "ITA", "ITA", ("KFOR",), "NATO UNCLASSIFIED", (Role.ANALYST,))
    clock.now += SETTLE
    assert keeping.bring_up_to_date() == 1
    assert len(computations) == 2
    # The keeper's body is the one the reader's new class asks for: nothing they may no longer see.
    client.force_login(lowered)
    assert reported(client.get(AREA_LEVELS).content) == 0
    assert len(computations) == 2


def test_a_body_is_computed_from_the_labels_of_the_class_it_is_kept_under(italian_analyst):
    from peacekeeper.access import policy
    from peacekeeper.access.labels import intern_label, parse_marking
    from peacekeeper.cop.bodies import _reading

    labels = caching.visibility_class(italian_analyst)
    # A label this reader may see is stored after the key was taken, before the body is computed.
    later = intern_label(parse_marking("NATO UNCLASSIFIED // ITA ONLY"))
    assert later.pk in policy.visible_label_ids(italian_analyst)
    read = _reading(italian_analyst, labels, lambda: policy.visible_label_ids(italian_analyst))()
    assert tuple(sorted(read)) == labels
