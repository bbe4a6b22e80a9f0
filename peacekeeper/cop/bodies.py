"""The map's layer bodies as the endpoints serve them: computed, or taken from the cache, for one reader and
one window, keyed as caching.py explains.

The endpoints (api.py) call these for the request's reader; the keeper (keeping.py) calls the very same for
the windows the floor's maps follow, so that what it computes ahead is exactly what they will ask for.
Neither serving nor auditing happens here: the endpoints audit what they serve.
"""

from collections.abc import Callable
from datetime import datetime, timedelta
from typing import TypeVar

import orjson
from django.contrib.auth.models import AnonymousUser, User

from peacekeeper.access import policy
from peacekeeper.access.audit import Shown
from peacekeeper.access.request_labels import answering_with
from peacekeeper.assessment.overrides import overrides_version
from peacekeeper.cop import caching
from peacekeeper.cop.events_layer import Window, events_layer
from peacekeeper.cop.situation import area_levels, fom_status
from peacekeeper.movement.layers import restrictions_version

Reader = User | AnonymousUser
T = TypeVar("T")
# The window of a request that names none, and the map's default preset (static/cop/timebar.js).
DEFAULT_WINDOW = timedelta(hours=24)


def events_entry(user: Reader, window: Window) -> tuple[bytes, str, tuple[Shown, ...]]:
    """The events layer's body for this reader and window, its ETag and the restricted reports it shows."""
    settled, taken = caching.layer_version()
    placed = (window.zoom, window.bbox, window.statuses)
    named = caching.window_family(window.since, window.until)
    labels = caching.visibility_class(user)
    family = (named, placed, labels, taken)
    return caching.cached_entry(
        endpoint="events",
        parts=(window, *family, settled),
        family=family,
        compute=_reading(user, labels, lambda: _events_body(user, window)),
    )


def _reading(user: Reader, labels: tuple[int, ...], compute: Callable[[], T]) -> Callable[[], T]:
    """compute, reading exactly the labels its body is keyed under: it may run later, in the background
    thread, after a label was stored that this reader's class would now take in; the body must still hold
    only what every reader of the key's class may see."""

    def run() -> T:
        with answering_with(policy.subject_for(user), labels):
            return compute()

    return run


def _events_body(user: Reader, window: Window) -> tuple[bytes, tuple[Shown, ...]]:
    layer = events_layer(user=user, window=window)
    return orjson.dumps(layer.body), layer.audited


def area_levels_body(user: Reader, since: datetime, until: datetime) -> tuple[bytes, str]:
    """The municipalities' threat levels for this reader at the window's end, and the body's ETag."""
    return _window_json(
        user, since, until, endpoint="area-levels", compute=area_levels, version=overrides_version
    )


def fom_body(user: Reader, since: datetime, until: datetime) -> tuple[bytes, str]:
    """The crossings' and road segments' status for this reader at the window's end, and the body's ETag."""
    return _window_json(user, since, until, endpoint="fom", compute=fom_status, version=restrictions_version)


def _window_json(
    user: Reader,
    since: datetime,
    until: datetime,
    *,
    endpoint: str,
    compute: Callable[..., dict],
    version: Callable[[], tuple],
) -> tuple[bytes, str]:
    """A per-window situation body, cached per visibility class, data version and the version of what the
    body derives besides the log (overrides, restrictions)."""
    settled, taken = caching.layer_version()
    labels = caching.visibility_class(user)
    family = (caching.window_family(since, until), labels, taken, version())
    return caching.cached_body(
        endpoint=endpoint,
        parts=(since, until, *family, settled),
        family=family,
        compute=_reading(user, labels, lambda: orjson.dumps(compute(user=user, since=since, until=until))),
    )
