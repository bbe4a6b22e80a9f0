"""The live stream's hub: one look per process per tick for all of its open streams.

A stream joins its process's hub and waits; once per tick the hub makes one look for every member (a
`Lookout`: the database work, see `live.Lookout`) and wakes them to send what the look left them. `wake`
asks every hub of the process for a look at once (a report changed here, or another process said so
through PostgreSQL NOTIFY). With no member a hub does nothing: no thread, no task, no query.

- `AsyncHub` (ASGI, uvicorn): an asyncio task on the server's event loop, started by the first stream and
  ended after the last; the look runs in a thread of the hub's own, so it keeps one database connection.
  On PostgreSQL it also LISTENs (`notify.listen`): while that connection is up, a tick without a
  notification only re-reads the readers, and a notification brings a look at once; when it drops, every
  tick looks, until it is back.
- `ThreadHub` (WSGI, the test server): the streams' threads wait on a condition, and whichever finds a
  look due and nobody looking makes it for all, in its own thread.
"""

import asyncio
import contextlib
import logging
import threading
import time
import weakref
from collections.abc import Awaitable, Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Protocol

from asgiref.sync import sync_to_async
from django.db import connections

logger = logging.getLogger(__name__)


class Lookout(Protocol):
    def look(self, members: list, *, announced: bool) -> None:
        """One look for all these members; `announced` False: nothing was announced since the last look."""


# A coroutine that listens for other processes' changes: on_notify() at each, on_listening(up) as the
# connection comes and goes; it runs until cancelled.
Listener = Callable[[Callable[[], None], Callable[[bool], None]], Awaitable[None]]

_hubs: "weakref.WeakSet[ThreadHub | AsyncHub]" = weakref.WeakSet()
_hubs_lock = threading.Lock()


def _register(hub: "ThreadHub | AsyncHub") -> None:
    with _hubs_lock:
        _hubs.add(hub)


def wake() -> None:
    """Ask every hub of this process for a look now (callable from any thread)."""
    with _hubs_lock:
        hubs = list(_hubs)
    for hub in hubs:
        hub.wake()


class ThreadHub:
    def __init__(self, *, lookout: Callable[[], Lookout], interval: Callable[[], float]) -> None:
        self._new_lookout, self._interval = lookout, interval
        self._condition = threading.Condition()
        self._members: dict[Hashable, None] = {}
        self._lookout: Lookout | None = None
        self._looks = 0  # looks completed
        self._looking = False
        self._woken = False
        self._due = 0.0
        _register(self)

    def join(self, member: Hashable) -> int:
        """Add a member (its first look comes at once); the count of looks so far, for `wait`."""
        with self._condition:
            if not self._members:
                self._lookout = self._new_lookout()  # nothing cached survives an idle hub
            self._members[member] = None
            self._woken = True
            self._condition.notify_all()
            return self._looks

    def leave(self, member: Hashable) -> None:
        with self._condition:
            self._members.pop(member, None)
            if not self._members:
                self._lookout = None

    def wake(self) -> None:
        with self._condition:
            self._woken = True
            self._condition.notify_all()

    def wait(self, seen: int, *, timeout: float) -> int:
        """Until a look after the `seen`-th completes (making it, if it is due and nobody is looking) or
        `timeout` passes; the count of looks then."""
        deadline = time.monotonic() + timeout
        with self._condition:
            while True:
                if self._looks != seen:
                    return self._looks
                now = time.monotonic()
                if not self._looking and self._lookout is not None and (self._woken or now >= self._due):
                    break
                if now >= deadline:
                    return self._looks
                until = deadline if self._looking else min(deadline, self._due)
                self._condition.wait(max(until - now, 0.001))
            self._looking, self._woken = True, False
            members, lookout = list(self._members), self._lookout
        try:
            lookout.look(members, announced=True)
        except Exception:
            logger.exception("live stream: a look failed")  # its streams wait for the next one
        finally:
            with self._condition:
                self._looking = False
                self._looks += 1
                self._due = time.monotonic() + self._interval()
                self._condition.notify_all()
        return seen + 1


class AsyncHub:
    def __init__(
        self, *, lookout: Callable[[], Lookout], interval: Callable[[], float], listen: Listener | None
    ) -> None:
        self._new_lookout, self._interval, self._listen = lookout, interval, listen
        self._loop = asyncio.get_running_loop()
        self._members: dict[Hashable, asyncio.Event] = {}
        self._task: asyncio.Task | None = None
        self._woken = asyncio.Event()
        self._listening = False
        _register(self)

    def join(self, member: Hashable) -> None:
        """Add a member (its first look comes at once), starting the hub if it was idle."""
        self._members[member] = asyncio.Event()
        self._woken.set()
        if self._task is None or self._task.done():
            self._task = self._loop.create_task(self._run(), name="peacekeeper live hub")

    def leave(self, member: Hashable) -> None:
        self._members.pop(member, None)

    def wake(self) -> None:
        with contextlib.suppress(RuntimeError):  # the loop has closed: nobody to wake
            self._loop.call_soon_threadsafe(self._woken.set)

    async def wait(self, member: Hashable, *, timeout: float) -> None:
        """Until a look has been made for this member since its last wait, or `timeout` passes."""
        looked = self._members[member]
        try:
            await asyncio.wait_for(looked.wait(), timeout)
        except TimeoutError:
            return
        looked.clear()

    def _on_listening(self, up: bool) -> None:
        self._listening = up

    async def _run(self) -> None:
        # Nothing is awaited between the last look at the members and forgetting the task, so a stream
        # that joins meanwhile either keeps this task running or starts the next.
        while self._members:
            await self._serve()
        self._task = None

    async def _serve(self) -> None:
        """Look once per tick (or when woken) while there are members; then close what the hub opened."""
        # One thread for the looks, so the hub keeps one database connection while it runs.
        executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="peacekeeper-live-hub")
        listener = None
        if self._listen is not None:
            listener = self._loop.create_task(self._listen(self._woken.set, self._on_listening))
        look = sync_to_async(_look_for, thread_sensitive=False, executor=executor)
        lookout = self._new_lookout()
        try:
            while self._members:
                announced = self._woken.is_set() or not self._listening
                self._woken.clear()
                members = list(self._members)
                await look(lookout, members, announced=announced)
                for member in members:
                    if member in self._members:
                        self._members[member].set()
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._woken.wait(), self._interval())
        finally:
            if listener is not None:
                listener.cancel()
            self._listening = False
            await sync_to_async(connections.close_all, thread_sensitive=False, executor=executor)()
            executor.shutdown(wait=False)


def _look_for(lookout: Lookout, members: list, *, announced: bool) -> None:
    try:
        lookout.look(members, announced=announced)
    except Exception:
        # A failed look must not end the hub: the streams keep their connections and the next tick
        # looks again (back over the overlap), on a fresh database connection.
        logger.exception("live stream: a look failed")
        connections.close_all()


_async_hubs: "weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, AsyncHub]" = weakref.WeakKeyDictionary()


def async_hub(
    *, lookout: Callable[[], Lookout], interval: Callable[[], float], listen: Listener | None
) -> AsyncHub:
    """The hub of the running event loop (one per server process), made on first use."""
    loop = asyncio.get_running_loop()
    if loop not in _async_hubs:
        _async_hubs[loop] = AsyncHub(lookout=lookout, interval=interval, listen=listen)
    return _async_hubs[loop]
