"""Keeping the layers a watch floor's maps follow computed ahead, in the background.

A map on a preset window (24 h, 7 d, 30 d) follows the clock and asks again for its layers on every
refresh. Each time the data version settles anew (caching.layer_version, every COP_SETTLE_SECONDS while
reports are added), the first request of each visibility class would compute its new body, and after a
restart every class's first request does, all within seconds when a floor's maps reconnect at once: on two
cores those computations are what made the floor's first seconds its slowest.

So each serving process remembers the layer requests of windows that follow the clock (`keep`: endpoint,
layer parameters, window length, reader), seeded at its start by the warm-up with each visibility class's
default map window, and once per settling time the process's one background thread (caching's) brings
every remembered request asked within KEPT_FOR up to date for the current window: a cache hit when nothing
changed, else the computation the next map would have waited for. The maps' requests then find the body, or
a family's last one young enough to stand in (caching.cached_entry), instead of computing it.

Nothing is served or audited here. Each computation is for a reader read again from the database (an
account deactivated meanwhile is dropped) and keyed by that reader's visibility class at that moment, as a
request's would be, so a withdrawn clearance can never place a body under a class it does not belong to.
With COP_SETTLE_SECONDS = 0 every request computes its own current body and nothing is kept.
"""

import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import close_old_connections

from peacekeeper.cop import caching

logger = logging.getLogger(__name__)

KEPT_FOR_SECONDS = 600  # a map not refreshed for ten minutes is closed or on another window
_KEPT_MAX = 128  # requests remembered per process (classes × layers × views): the oldest are dropped
_MIN_CYCLE_SECONDS = 5.0

Rebuild = Callable[[User, datetime, datetime], object]


@dataclass
class _Kept:
    user_id: int
    length: timedelta
    offset: timedelta  # the window's end against the next whole minute when it was asked (map.js: 0)
    rebuild: Rebuild
    asked: float  # time.monotonic() of the last request


_kept: OrderedDict[Hashable, _Kept] = OrderedDict()
_guard = threading.Lock()
_thread: threading.Thread | None = None


def keep(
    *, name: Hashable, user: User | AnonymousUser, since: datetime, until: datetime, rebuild: Rebuild
) -> None:
    """Remember this request, when its window follows the clock, to be brought up to date ahead of the next.

    `name`: the endpoint and the layer's parameters besides the window (zoom, box, statuses); `rebuild`
    computes or finds the body for a reader and a window exactly as the endpoint does (cop/bodies.py)."""
    if settings.COP_SETTLE_SECONDS <= 0 or not user.is_authenticated:
        return
    now = datetime.now(UTC)
    if caching.window_family(since, until)[0] != caching.FOLLOWING:
        return
    key = (name, until - since, user.pk)
    kept = _Kept(
        user_id=user.pk,
        length=until - since,
        offset=until - caching.ceil_minute(now),
        rebuild=rebuild,
        asked=time.monotonic(),
    )
    with _guard:
        _kept[key] = kept
        _kept.move_to_end(key)
        while len(_kept) > _KEPT_MAX:
            _kept.popitem(last=False)


def forget() -> None:
    """Drop every remembered request (a test's database is gone; see the root conftest)."""
    with _guard:
        _kept.clear()


def bring_up_to_date() -> int:
    """Compute or find, for the current window, the body of every request remembered within KEPT_FOR; the
    number brought up to date. Runs in the background thread (`_cycle`); tests call it directly."""
    horizon = time.monotonic() - KEPT_FOR_SECONDS
    with _guard:
        for key in [key for key, kept in _kept.items() if kept.asked < horizon]:
            del _kept[key]
        due = list(reversed(_kept.items()))  # the most recent askers first
    if not due:
        return 0
    active = User.objects.filter(pk__in={kept.user_id for _, kept in due}, is_active=True)
    readers = {user.pk: user for user in active.select_related("profile")}
    classes = {pk: caching.visibility_class(reader) for pk, reader in readers.items()}
    done: set[Hashable] = set()
    for key, kept in due:
        reader = readers.get(kept.user_id)
        if reader is None:
            with _guard:
                _kept.pop(key, None)
            continue
        # Readers of one class share every body: the class's most recent asker stands for it.
        once = (key[0], kept.length, kept.offset, classes[reader.pk])
        if once in done:
            continue
        until = caching.ceil_minute(datetime.now(UTC)) + kept.offset
        try:
            kept.rebuild(reader, until - kept.length, until)
            done.add(once)
        except Exception:
            logger.exception("a kept layer could not be brought up to date")
    return len(done)


def start() -> None:
    """The keeper's cycles, in a daemon thread of this serving process (started once, by the warm-up)."""
    global _thread
    with _guard:
        if _thread is not None:
            return
        _thread = threading.Thread(target=_run, name="cop-layer-keeper", daemon=True)
    _thread.start()


def _run() -> None:
    """Once per settling time, a cycle in caching's background thread (after the last one has finished)."""
    while settings.COP_SETTLE_SECONDS > 0:
        time.sleep(max(_MIN_CYCLE_SECONDS, settings.COP_SETTLE_SECONDS))
        try:
            caching.in_background(_cycle).result()
        except Exception:
            logger.exception("the layer keeper's cycle failed")


def _cycle() -> None:
    try:
        bring_up_to_date()
    finally:
        close_old_connections()
