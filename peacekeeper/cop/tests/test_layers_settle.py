"""The layers' bodies are keyed on `caching.layer_version`: reports added reach them within
COP_SETTLE_SECONDS, anything that may take a report away from a reader at once.

(The rest of the suite runs with COP_SETTLE_SECONDS = 0, every change seen at once.)"""

import threading
from datetime import UTC, datetime, timedelta

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


def test_while_one_request_computes_a_body_the_others_get_the_last_one_of_its_family(clock):
    family = ("window", (1, 2), ("taken", 7))
    first = caching.cached_entry(
        endpoint="test", parts=(*family, "v1"), family=family, compute=lambda: (b"v1", 1)
    )
    assert first[0] == b"v1"
    clock.now += SETTLE  # older than the settling time: the request that misses computes
    started, release = threading.Event(), threading.Event()

    def slow() -> tuple[bytes, int]:
        started.set()
        release.wait(10)
        return b"v2", 2

    computing = threading.Thread(
        target=caching.cached_entry,
        kwargs={"endpoint": "test", "parts": (*family, "v2"), "family": family, "compute": slow},
    )
    computing.start()
    try:
        assert started.wait(10)
        # Same family (nothing taken away since): the last body, at once, not a second computation.
        served = caching.cached_entry(
            endpoint="test",
            parts=(*family, "v2"),
            family=family,
            compute=lambda: pytest.fail("computed twice"),
        )
        assert served[0] == b"v1"
    finally:
        release.set()
        computing.join(10)
    assert (
        caching.cached_entry(
            endpoint="test", parts=(*family, "v2"), family=family, compute=lambda: (b"x", 0)
        )[0]
        == b"v2"
    )


def test_after_something_was_taken_away_no_earlier_body_is_served(clock):
    before = ("window", (1, 2), ("taken", 7))
    caching.cached_entry(endpoint="test", parts=(*before, "v1"), family=before, compute=lambda: (b"old", 1))
    after = ("window", (1, 2), ("taken", 8))  # a rejection or relabelling since
    started, release = threading.Event(), threading.Event()

    def slow() -> tuple[bytes, int]:
        started.set()
        release.wait(10)
        return b"new", 2

    computing = threading.Thread(
        target=caching.cached_entry,
        kwargs={"endpoint": "test", "parts": (*after, "v1"), "family": after, "compute": slow},
    )
    computing.start()
    answers = []
    waiting = threading.Thread(
        target=lambda: answers.append(
            caching.cached_entry(
                endpoint="test", parts=(*after, "v1"), family=after, compute=lambda: (b"again", 3)
            )
        )
    )
    try:
        assert started.wait(10)
        waiting.start()
        waiting.join(0.5)
        assert waiting.is_alive()  # it waits for the body being computed: there is no body it may be given
    finally:
        release.set()
        computing.join(10)
        waiting.join(10)
    assert answers[0][0] == b"new"


def _served_while_computing(
    earlier: tuple,
    later: tuple,
    *,
    parts: tuple[str, str] = ("earlier", "later"),
    meanwhile=lambda: None,
) -> bytes | None:
    """The body a request for the window of family `later` gets while another request computes it, a
    window of family `earlier` having been computed before (None: it waited for the computation)."""
    caching.cached_entry(
        endpoint="test", parts=(parts[0], earlier), family=earlier, compute=lambda: (b"earlier", 1)
    )
    meanwhile()
    caching.time.now += SETTLE  # older than the settling time: the request that misses computes
    started, release = threading.Event(), threading.Event()

    def slow() -> tuple[bytes, int]:
        started.set()
        release.wait(10)
        return b"later", 2

    computing = threading.Thread(
        target=caching.cached_entry,
        kwargs={"endpoint": "test", "parts": (parts[1], later), "family": later, "compute": slow},
    )
    computing.start()
    answers = []
    asking = threading.Thread(
        target=lambda: answers.append(
            caching.cached_entry(
                endpoint="test", parts=(parts[1], later), family=later, compute=lambda: (b"x", 3)
            )
        )
    )
    try:
        assert started.wait(10)
        asking.start()
        asking.join(0.5)
        waited = asking.is_alive()
    finally:
        release.set()
        computing.join(10)
        asking.join(10)
    return None if waited else answers[0][0]


def test_when_the_minute_turns_the_last_minutes_body_stands_in_while_the_next_is_computed(clock):
    now = datetime.now(UTC).replace(second=0, microsecond=0)
    day = timedelta(hours=24)
    last_minute = caching.window_family(now - day, now)
    this_minute = caching.window_family(now + timedelta(minutes=1) - day, now + timedelta(minutes=1))
    assert last_minute == this_minute  # a window following the clock is named by its length
    assert _served_while_computing(last_minute, this_minute) == b"earlier"


def test_a_chosen_window_is_never_stood_in_for_by_another(clock):
    week_ago = datetime.now(UTC).replace(second=0, microsecond=0) - timedelta(days=7)
    hour = timedelta(hours=1)
    one = caching.window_family(week_ago, week_ago + hour)
    next_one = caching.window_family(week_ago + timedelta(minutes=1), week_ago + hour + timedelta(minutes=1))
    assert one != next_one
    assert _served_while_computing(one, next_one) is None  # it waited for its own body


def test_the_last_body_stands_in_after_it_left_the_cache_but_not_once_it_is_old(clock):
    family = ("window", (1, 2), ("taken", 7))
    # Its TTL ran out (a settling time passes between two versions): it still stands in.
    expired = caches["default"].clear
    assert _served_while_computing(family, family, parts=("v1", "v2"), meanwhile=expired) == b"earlier"

    def aged() -> None:
        clock.now += caching._STALE_SECONDS + 1 - SETTLE

    assert _served_while_computing(family, family, parts=("v3", "v4"), meanwhile=aged) is None


def test_a_last_body_younger_than_the_settling_time_is_given_at_once_and_the_next_computed_behind(clock):
    family = ("window", (1, 2), ("taken", 7))
    answers: list[bytes] = []

    def ask(version: str, body: bytes) -> None:
        # In a thread of its own, as a served request is: the test's own connection is inside a transaction.
        def run() -> None:
            entry = caching.cached_entry(
                endpoint="test", parts=(version, family), family=family, compute=lambda: (body, 0)
            )
            answers.append(entry[0])

        thread = threading.Thread(target=run)
        thread.start()
        thread.join(10)

    ask("v1", b"first")
    clock.now += SETTLE - 1  # a new version (a report added), the last body still younger than SETTLE
    ask("v2", b"second")
    caching._refresher.submit(lambda: None).result(10)  # the background computation has run
    ask("v2", b"not computed again")
    assert answers == [b"first", b"first", b"second"]
