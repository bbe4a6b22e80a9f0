"""Running test code in threads that really contend for the database (tests marked transaction=True)."""

import threading
from collections.abc import Callable

from django.db import connections

# Long enough for any honest wait on a lock (SQLite's busy timeout is 20 s); a thread still running after
# this is a hang, and the test says so instead of waiting forever.
JOIN_SECONDS = 120


def in_threads(*targets: Callable[[], object]) -> list[BaseException]:
    """Run each target in its own thread with its own connection; the exceptions they raised."""
    errors: list[BaseException] = []

    def run(target: Callable[[], object]) -> None:
        try:
            target()
        except BaseException as error:  # reported to the test, which asserts on them
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(target,)) for target in targets]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=JOIN_SECONDS)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return errors


def at_once(calls: list[Callable[[Callable[[], None]], object]]) -> list[object]:
    """Run the calls in threads, each released at the same moment; each call's result or exception.

    A call prepares (reads what it will change), then calls the `ready` it is given, and acts once every
    call is ready: so every one acts on what it read before any of them changed it.
    """
    barrier = threading.Barrier(len(calls))
    outcomes: list[object] = [None] * len(calls)

    def ready() -> None:
        barrier.wait(timeout=JOIN_SECONDS)

    def make(index: int, call: Callable[[Callable[[], None]], object]) -> Callable[[], None]:
        def target() -> None:
            try:
                outcomes[index] = call(ready)
            except Exception as error:
                outcomes[index] = error

        return target

    assert in_threads(*(make(index, call) for index, call in enumerate(calls))) == []
    return outcomes
