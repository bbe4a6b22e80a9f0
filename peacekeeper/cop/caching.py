"""Caching of computed layer bodies, per window and per visibility class, with ETags.

A body is cached under a key made of the endpoint, its normalised parameters (the window has minute
resolution, the bbox is rounded), the reader's visibility class and the data version:

- the visibility class is the sorted tuple of the release labels the reader may see (the access policy's
  `visible_labels`): two readers share a cached body only when the policy lets them see exactly the same
  labels, so a German user's body is never served to an Italian one;
- the data version is the newest `updated_at` and the highest id of the event log (two index lookups).
  Every create, correction, validation or publication changes it, so a changed log never serves an old
  body: a newly validated report appears in the layers on the next refresh after its commit, and the live
  stream carries it at once. The TTL only bounds memory; deleting a report (the log is append-only, so only
  an administrator's clean-up does) is seen when the TTL runs out.

The body's hash is its ETag; a refresh that changed nothing gets 304 Not Modified and no body.

A process computes each key's body once: the requests that miss while it is being computed wait for it
(after a validation, a watch floor's refreshes of one visibility class arrive together). The area levels'
assessment reads its cells from the process's shared copy (assessment/cell_store.py), so each further
class costs the sums and the rules, not another read of a year of cells.
"""

import hashlib
import threading
from collections.abc import Callable, Hashable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import TypeVar

from django.contrib.auth.models import AnonymousUser, User
from django.core.cache import caches
from django.db import connection

from peacekeeper.access import policy
from peacekeeper.core.conditional import conditional_response, etag_of
from peacekeeper.events.models import EventReport

TTL_SECONDS = 15
T = TypeVar("T")
_PREFIX = "cop:v2:"  # v2: entries carry a third item (cached_entry)


def visibility_class(user: User | AnonymousUser) -> tuple[int, ...]:
    """The release labels this reader may see: readers in one class see exactly the same records."""
    return tuple(sorted(policy.visible_label_ids(user)))


def data_version() -> tuple[str, int]:
    """The newest change and the highest id of the event log."""
    table = EventReport._meta.db_table
    # Two scalar subqueries: SQLite answers a lone MAX() from an index but scans for MAX(a), MAX(b).
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT (SELECT MAX(updated_at) FROM {table}), (SELECT MAX(id) FROM {table})")  # noqa: S608
        updated, last_id = cursor.fetchone()
    return str(updated), last_id or 0


def floor_minute(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(second=0, microsecond=0)


def ceil_minute(moment: datetime) -> datetime:
    floored = floor_minute(moment)
    return floored if floored == moment.astimezone(UTC) else floored + timedelta(minutes=1)


def cache_key(endpoint: str, parts: tuple[Hashable, ...]) -> str:
    digest = hashlib.blake2b(repr(parts).encode(), digest_size=16).hexdigest()
    return f"{_PREFIX}{endpoint}:{digest}"


def cached_body(
    *, endpoint: str, parts: tuple[Hashable, ...], compute: Callable[[], bytes]
) -> tuple[bytes, str]:
    """The body for these key parts (computed at most once per TTL) and its ETag."""
    body, etag, _ = cached_entry(endpoint=endpoint, parts=parts, compute=lambda: (compute(), None))
    return body, etag


def cached_entry(
    *, endpoint: str, parts: tuple[Hashable, ...], compute: Callable[[], tuple[bytes, T]]
) -> tuple[bytes, str, T]:
    """cached_body, with what each serving needs to know about the body besides it (the restricted records
    it shows, audited on every serving), computed and cached with it."""
    cache = caches["default"]
    key = cache_key(endpoint, parts)
    hit = cache.get(key)
    if hit is not None:
        return hit
    # One computation per key at a time in this process: after a change, the requests of one visibility
    # class that arrive while its body is computed wait for that body instead of each computing it again
    # (which, on two cores, made every one of them as slow as all of them together).
    with _computing(key):
        hit = cache.get(key)
        if hit is not None:
            return hit
        body, extra = compute()
        entry = (body, etag_of(body), extra)
        cache.set(key, entry, TTL_SECONDS)
        return entry


_keys_computing: dict[str, tuple[threading.Lock, int]] = {}
_keys_guard = threading.Lock()


@contextmanager
def _computing(key: str) -> Iterator[None]:
    """Held while this process computes the body of `key`; the entry is dropped when nobody holds or waits."""
    with _keys_guard:
        lock, users = _keys_computing.get(key, (None, 0))
        lock = lock or threading.Lock()
        _keys_computing[key] = (lock, users + 1)
    try:
        with lock:
            yield
    finally:
        with _keys_guard:
            lock, users = _keys_computing[key]
            if users == 1:
                del _keys_computing[key]
            else:
                _keys_computing[key] = (lock, users - 1)


__all__ = ["cached_body", "cached_entry", "conditional_response", "visibility_class"]
