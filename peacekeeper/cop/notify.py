"""Telling every server process that reports changed, so their live streams look at once.

`announce` receives `events.signals.reports_changed`, which the process that changed reports sends after
the commit: it wakes this process's hubs and, on PostgreSQL, sends `NOTIFY peacekeeper_reports`, which
every process on every host LISTENs for (`listen`, on a connection of its own beside its pool). On SQLite
there is one host: each hub's tick asks the file whether anything was committed since its last look
(`PRAGMA data_version`, see `live.Lookout`), and that is the mechanism across processes.
"""

import asyncio
import logging
from collections.abc import Callable

import psycopg
from django.db import DatabaseError, connection

from peacekeeper.cop import live_hub

CHANNEL = "peacekeeper_reports"
RECONNECT_SECONDS = 2.0
# A LISTEN connection that has heard nothing for this long checks that the server is still there.
HEALTH_CHECK_SECONDS = 30.0

logger = logging.getLogger(__name__)


def announce(sender: object, report_ids: list[int] | None = None, **kwargs: object) -> None:
    """A `reports_changed` receiver. It never raises: the change has committed, and the hubs' tick reads
    the reports anyway when a notification is lost."""
    live_hub.wake()
    if not listens():
        return
    try:
        with connection.cursor() as cursor:
            cursor.execute(f"NOTIFY {CHANNEL}")
    except DatabaseError:
        logger.warning("live stream: NOTIFY %s failed; other processes see the change at their tick", CHANNEL)


def listens() -> bool:
    """Whether this database can tell other processes of a change (PostgreSQL's LISTEN/NOTIFY)."""
    return connection.vendor == "postgresql"


async def listen(on_notify: Callable[[], None], on_listening: Callable[[bool], None]) -> None:
    """LISTEN on a dedicated connection until cancelled: on_notify() at each notification, and once on
    (re)connecting, for what was announced while nobody listened; on_listening(False) while it is down."""
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(**_connection_params(), autocommit=True) as conn:
                await conn.execute(f"LISTEN {CHANNEL}")
                on_listening(True)
                on_notify()
                while True:
                    async for _ in conn.notifies(timeout=HEALTH_CHECK_SECONDS):
                        on_notify()
                    await conn.execute("SELECT 1")
        except (psycopg.Error, OSError) as error:
            logger.warning("live stream: LISTEN %s lost (%s); every tick looks meanwhile", CHANNEL, error)
        finally:
            on_listening(False)
        await asyncio.sleep(RECONNECT_SECONDS)


def _connection_params() -> dict:
    """The default database's connection parameters, as libpq takes them."""
    params = connection.get_connection_params()
    for django_only in ("cursor_factory", "context", "prepare_threshold"):
        params.pop(django_only, None)
    return params
