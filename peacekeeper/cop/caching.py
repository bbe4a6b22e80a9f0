"""Caching of computed layer bodies, per window and per visibility class, with ETags.

A body is cached under a key made of the endpoint, its normalised parameters (the window has minute
resolution, the bbox is rounded), the reader's visibility class and the data version:

- the visibility class is the sorted tuple of the release labels the reader may see (the access policy's
  `visible_labels`): two readers share a cached body only when the policy lets them see exactly the same
  labels, so a German user's body is never served to an Italian one;
- the data version (`layer_version`) is the newest `updated_at` and the highest id of the event log, and
  the newest history entry of each action that may take a report away from a reader (index lookups). A
  correction, rejection, import update or incident link is seen on the next refresh after its commit; a
  report added (logged, validated, published) reaches the layers within COP_SETTLE_SECONDS (15 s by
  default; 0: at once), and each open map at once through the live stream. Recomputing every layer of
  every visibility class after each validation is what made a busy watch floor's map slow. The TTL (15 s)
  bounds how long a body is served at all; deleting a report (the log is append-only, so only an
  administrator's clean-up does) or relabelling a site is seen when it runs out.

The body's hash is its ETag; a refresh that changed nothing gets 304 Not Modified and no body.

A process computes each key's body once: the requests that miss while it is being computed are given the
last body of the same family (the same window, class and taken-away version: it lacks only reports added
since) or, when there is none, wait for it (after a validation, a watch floor's refreshes of one visibility
class arrive together). A window that follows the clock (the map's preset windows, which end at the next
whole minute and so move on every minute) is named in the family by its length alone (`window_family`):
when the minute turns, every open map asks for the new window at once, and while its body is computed
they are given the last minute's, whose window the body states. A family's last body is kept in the
process's memory, apart from the cache (whose TTL has often run out by then), for five minutes. When it is
younger than the settling time, it lacks nothing the settling time does not already let lag: it is given
at once, and the key's body is computed in the background, by one thread per process, so that the
recomputations a change calls for (a class each) neither hold up their requests nor run all at once.

The area levels' assessment reads its cells from the process's shared copy (assessment/cell_store.py), so
each further class costs the sums and the rules, not another read of a year of cells. And the keeper
(keeping.py) computes ahead, in the same background thread, the bodies of the windows the maps follow, so
that after a change settles or a restart their next requests find them.
"""

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import caches
from django.db import close_old_connections, connection

from peacekeeper.access import policy
from peacekeeper.core.conditional import conditional_response, etag_of
from peacekeeper.events.models import EventChange, EventReport

TTL_SECONDS = 15
logger = logging.getLogger(__name__)
T = TypeVar("T")
_PREFIX = "cop:v2:"  # v2: entries carry a third item (cached_entry)


# A window ending this close to now follows the clock (see `window_family`).
FOLLOWING_THE_CLOCK = timedelta(minutes=2)
FOLLOWING = "following the clock"


def window_family(since: datetime, until: datetime) -> tuple[Hashable, ...]:
    """How a window is named in a body's family: a window that follows the clock (ending within
    FOLLOWING_THE_CLOCK of now) by its length alone, so that the last minute's body stands in while the
    next minute's is computed; any other window (a replay, a chosen range) by its bounds, so that a body is
    only ever stood in for by one of the very same window."""
    if abs(until - datetime.now(UTC)) <= FOLLOWING_THE_CLOCK:
        return (FOLLOWING, until - since)
    return (since, until)


def visibility_class(user: User | AnonymousUser) -> tuple[int, ...]:
    """The release labels this reader may see: readers in one class see exactly the same records."""
    return tuple(sorted(policy.visible_label_ids(user)))


# History actions that only add to what a reader sees: a report logged, submitted, validated, published.
# Every other action may take a report away from a reader (a correction may relabel it or move it, a
# rejection ends it, an import may update it, a link changes its incident).
_ADDING = frozenset(
    {
        EventChange.Action.CREATED,
        EventChange.Action.SUBMITTED,
        EventChange.Action.VALIDATED,
        EventChange.Action.PUBLISHED,
    }
)
_TAKING = tuple(action for action in EventChange.Action.values if action not in _ADDING)
_settled: tuple[float, tuple] | None = None  # when this process last took the log's version, and which


def layer_version() -> tuple:
    """The version of the log the layers' bodies are keyed on: ((newest change, highest id), the newest
    history entry of each action that may take a report away from a reader).

    The second part is exact: a correction, rejection, import update or incident link changes it, and every
    body is computed again. The first is taken again only when the second changed, or after
    COP_SETTLE_SECONDS: reports added meanwhile (logged, validated, published) reach the layers within that
    time, and each open map at once through the live stream. So a watch floor validating every few seconds
    does not recompute every layer of every visibility class after each validation; and no reader is shown,
    even for a moment, what was taken away from them.
    """
    global _settled
    reports, history = EventReport._meta.db_table, EventChange._meta.db_table
    # Scalar subqueries: SQLite answers a lone MAX() from an index but scans for MAX(a), MAX(b); the
    # (action, id) index answers each history one in one step. The names are our own tables'.
    newest_of_each = ", ".join(f"(SELECT MAX(id) FROM {history} WHERE action = %s)" for _ in _TAKING)  # noqa: S608
    log = f"(SELECT MAX(updated_at) FROM {reports}), (SELECT MAX(id) FROM {reports})"  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {log}, {newest_of_each}", _TAKING)
        updated, last_id, *taken = cursor.fetchone()
    current = ((str(updated), last_id or 0), tuple(taken))
    now = time.monotonic()
    settled = _settled
    if settled is None or settled[1][1] != current[1] or now - settled[0] >= settings.COP_SETTLE_SECONDS:
        _settled = settled = (now, current)
    return settled[1]


def floor_minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def ceil_minute(moment: datetime) -> datetime:
    floored = floor_minute(moment)
    return floored if floored == moment.astimezone(UTC) else floored + timedelta(minutes=1)


def cache_key(endpoint: str, parts: tuple[Hashable, ...]) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{_PREFIX}{endpoint}:{digest}"


def cached_body(
    *,
    endpoint: str,
    parts: tuple[Hashable, ...],
    compute: Callable[[], bytes],
    family: tuple[Hashable, ...] | None = None,
) -> tuple[bytes, str]:
    """The body for these key parts (computed at most once per TTL) and its ETag."""
    body, etag, _ = cached_entry(
        endpoint=endpoint, parts=parts, compute=lambda: (compute(), None), family=family
    )
    return body, etag


def cached_entry(
    *,
    endpoint: str,
    parts: tuple[Hashable, ...],
    compute: Callable[[], tuple[bytes, T]],
    family: tuple[Hashable, ...] | None = None,
) -> tuple[bytes, str, T]:
    """cached_body, with what each serving needs to know about the body besides it (the restricted records
    it shows, audited on every serving), computed and cached with it.

    `family`: the parts without the settled part of the data version (layer_version's first part). While
    another request computes this key's body, the last body of the same family is served instead of
    waiting: it differs only by reports added since, which the settling time already allows to lag."""
    cache = caches["default"]
    key = cache_key(endpoint, parts)
    hit = cache.get(key)
    if hit is not None:
        return hit
    family_key = cache_key(endpoint + ":family", family) if family is not None else None
    stale, age = _last_of(family_key)
    if stale is not None and age < settings.COP_SETTLE_SECONDS and not connection.in_atomic_block:
        # Younger than the settling time: it lacks nothing the settling time does not already let lag.
        # Given at once; this key's body is computed in the background for the requests after it.
        _refresh_in_background(key, family_key, compute)
        return stale
    # One computation per key at a time in this process: after a change, the requests of one visibility
    # class that arrive while its body is computed wait for that body (or take the family's last one)
    # instead of each computing it again (which, on two cores, made every one as slow as all together).
    with _computing(key, wait=stale is None) as computing:
        if not computing:
            return stale
        return _computed(key, family_key, compute)


def _computed(
    key: str, family_key: str | None, compute: Callable[[], tuple[bytes, T]]
) -> tuple[bytes, str, T]:
    """The key's entry, computed unless another computation has just put it in the cache; the caller holds
    the key's computing lock."""
    hit = caches["default"].get(key)
    if hit is not None:
        return hit
    body, extra = compute()
    entry = (body, etag_of(body), extra)
    caches["default"].set(key, entry, TTL_SECONDS)
    if family_key is not None:
        with _keys_guard:
            _latest[family_key] = (time.monotonic(), entry)
            _latest.move_to_end(family_key)
            while len(_latest) > _LATEST_KEPT:
                _latest.popitem(last=False)
    return entry


# One thread per process computes the bodies whose requests were given the family's last one: the
# recomputations after a change (a class each) run one after another there instead of each in its
# request's thread at the same moment, which on two cores made those requests the slowest of all.
_refresher = ThreadPoolExecutor(max_workers=1, thread_name_prefix="cop-layer-refresh")
_refreshing: set[str] = set()


def _refresh_in_background(key: str, family_key: str | None, compute: Callable[[], tuple]) -> None:
    with _keys_guard:
        if key in _refreshing:
            return
        _refreshing.add(key)

    def refresh() -> None:
        try:
            with _computing(key) as computing:
                if computing:
                    _computed(key, family_key, compute)
        except Exception:
            logger.exception("a layer body could not be computed in the background")
        finally:
            with _keys_guard:
                _refreshing.discard(key)
            close_old_connections()

    _refresher.submit(refresh)


def in_background(work: Callable[[], T]) -> "Future[T]":
    """Run `work` in the process's one background thread for layer bodies (cop/keeping.py's cycles)."""
    return _refresher.submit(work)


# A family's key -> when its last body was computed, and that entry. Kept apart from the cache: a body's
# TTL is about the settling time, so by the time a family's next body is wanted its last one has often
# expired there, and every request would wait for the computation again.
_latest: OrderedDict[str, tuple[float, tuple]] = OrderedDict()
_LATEST_KEPT = 256
_STALE_SECONDS = 300  # an older body is not stood in; its requests wait for the computation


def forget_last_bodies() -> None:
    """Drop every family's last body (a test's database is gone; see the root conftest)."""
    with _keys_guard:
        _latest.clear()


def _last_of(family_key: str | None) -> tuple[tuple | None, float]:
    """The last body computed for the family and its age in seconds; None unless younger than
    _STALE_SECONDS."""
    if family_key is None:
        return None, 0.0
    with _keys_guard:
        kept = _latest.get(family_key)
    age = time.monotonic() - kept[0] if kept is not None else 0.0
    if kept is None or age > _STALE_SECONDS:
        return None, 0.0
    return kept[1], age


_keys_computing: dict[str, tuple[threading.Lock, int]] = {}
_keys_guard = threading.Lock()


@contextmanager
def _computing(key: str, *, wait: bool = True) -> Iterator[bool]:
    """Whether this request computes the body of `key` (True), holding the key's lock meanwhile; False
    only when `wait` is False and another request is computing it. The entry is dropped when nobody holds
    or waits."""
    with _keys_guard:
        lock, users = _keys_computing.get(key, (None, 0))
        lock = lock or threading.Lock()
        _keys_computing[key] = (lock, users + 1)
    acquired = lock.acquire(blocking=wait)
    try:
        yield acquired
    finally:
        if acquired:
            lock.release()
        with _keys_guard:
            lock, users = _keys_computing[key]
            if users == 1:
                del _keys_computing[key]
            else:
                _keys_computing[key] = (lock, users - 1)


__all__ = ["cached_body", "cached_entry", "conditional_response", "visibility_class"]
