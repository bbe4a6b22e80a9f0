"""The live stream: server-sent events carrying each newly validated or published report to open maps.

Each open stream is a member of its process's hub (`live_hub`), which makes one look per tick for all of
them (`Lookout.look`): one query re-reads every connected reader's access attributes
(`live_access.fresh_subjects`), one reads the reports of all labels validated or published since the last
look, and each member is handed the rows whose label the policy lets its reader see
(`policy.visible_labels`, asked once per distinct reader). So a report this reader may not see is never
sent, a lowered clearance applies from the next look, and a deactivated account (or one without its
access profile) ends the stream. Each restricted report sent is a view of it, audited per delivery like a
page that shows it: one entry per recipient, all of a look's entries in one INSERT.

The reports are read only when something may have changed: on SQLite when the file has had a commit since
the hub's last look (`PRAGMA data_version`, which counts every other connection's and process's commits),
on PostgreSQL when a process announced a change (NOTIFY, see `notify`) or, while the hub is not
listening, at every tick. A report committed slightly after the moment it was stamped (validated_at is
set inside the transaction) is still found: each look reads OVERLAP back past a stream's last look and
skips what it already sent.

Under ASGI (uvicorn) the stream is an async generator waiting on the loop's `AsyncHub`; under WSGI (the
test server) a plain generator waiting on the `ThreadHub`: Django would otherwise buffer the whole
stream. It ends after MAX_LIFETIME_SECONDS (the browser's EventSource reconnects after `retry`), so no
worker is held forever by a tab left open.
"""

import time
from collections.abc import AsyncIterator, Iterator, Sequence
from datetime import datetime, timedelta

import orjson
from django.contrib.auth.models import User
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections, connection
from django.db.models import Q
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from peacekeeper.access.audit import Shown, audited
from peacekeeper.access.models import AuditEntry
from peacekeeper.access.policy import Subject
from peacekeeper.cop import live_hub, notify
from peacekeeper.cop.events_layer import FEATURE_FIELDS, event_feature, shown_report
from peacekeeper.cop.live_access import VisibleLabels, fresh_subjects
from peacekeeper.events.models import EventReport, Status

POLL_SECONDS = 1.0
PING_SECONDS = 15.0
MAX_LIFETIME_SECONDS = 300.0
RETRY_MS = 2000
OVERLAP = timedelta(seconds=5)
# What a stream remembers having sent, and the most reports one look hands out (a bulk load that
# validates more at once reaches the maps through their layers' next refresh).
_SENT_MEMORY = 1000
_ROW_FIELDS = (*FEATURE_FIELDS, "validated_at", "published_at")
_AUDIT_DETAIL = "map live stream"


class _Cursor:
    """What one connection has already seen: the moment of its last look and the (id, status) it sent;
    and what the last look left it to send."""

    def __init__(self, *, after_id: int | None) -> None:
        self.connected_at = timezone.now()
        self.last_look = self.connected_at
        self.after_id = after_id
        self.user_id: int | None = None
        self.looked = False
        self.sent: dict[tuple[int, str], None] = {}
        self.outbox: list[bytes] = []
        self.ended = False

    def poll(self, user: User) -> list[bytes]:
        """A look for this connection alone: what the hub's look sends it, by itself."""
        self.user_id = user.pk
        Lookout(version_check=False).look([self], announced=True)
        return self.take()

    def take(self) -> list[bytes]:
        messages, self.outbox = self.outbox, []
        return messages

    def wants(self, row: dict) -> bool:
        """Whether the row is new to this connection (validated or published since its last look, less
        the overlap, or logged after the id it asked to catch up from), whoever may see it."""
        since = self.last_look - OVERLAP
        stamps = (row["validated_at"], row["published_at"])
        if any(stamp is not None and stamp > since for stamp in stamps):
            return True
        return self.after_id is not None and row["id"] > self.after_id


class _DataVersion:
    """Whether the SQLite file had a commit since the last check on this same connection: its
    `PRAGMA data_version` counts the commits of every other connection, in any process, at no cost."""

    def __init__(self) -> None:
        self._connection: object | None = None
        self._version: int | None = None

    def changed(self) -> bool:
        if connection.vendor != "sqlite":
            return True
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA data_version")
            (version,) = cursor.fetchone()
        same = connection.connection is self._connection and version == self._version
        self._connection, self._version = connection.connection, version
        return not same


class Lookout:
    """A hub's looks: what it has learnt of the label table, and of the database's version."""

    def __init__(self, *, version_check: bool = True) -> None:
        self._labels = VisibleLabels()
        # A connection's own commits do not change its data version: a look made on a connection that
        # also writes reports (a test's) reads at every look.
        self._data_version = _DataVersion() if version_check else None

    def look(self, cursors: Sequence[_Cursor], *, announced: bool) -> None:
        """One look for all these connections (see the module docstring); `announced` False: no process
        has announced a change since the last look, so only the readers are read again."""
        now = timezone.now()
        subjects = fresh_subjects({cursor.user_id for cursor in cursors})
        readers = []
        for cursor in cursors:
            subject = subjects[cursor.user_id]
            if subject.active:
                readers.append((cursor, subject))
            else:
                cursor.ended = True
        if not readers:
            return
        changed = announced and (self._data_version is None or self._data_version.changed())
        rows = []
        if changed or not all(cursor.looked for cursor, _ in readers):
            rows = self._changed_since(min(cursor.last_look for cursor, _ in readers) - OVERLAP)
            self._labels.admit(row["label_id"] for row in rows)
        prefix = reverse("events:list")
        messages: dict[tuple[int, str], bytes] = {}
        entries = []
        for cursor, subject in readers:
            candidates = rows
            if cursor.after_id is not None:
                candidates = sorted([*rows, *self._caught_up(cursor.after_id, subject)], key=_by_id)
            # Asked after the catch-up, which may have found a new label.
            visible = self._labels.of(subject) if candidates else frozenset()
            for row in candidates:
                key = (row["id"], row["status"])
                if row["label_id"] not in visible or key in cursor.sent or not cursor.wants(row):
                    continue
                cursor.sent[key] = None
                if key not in messages:
                    messages[key] = _message(row, prefix)
                cursor.outbox.append(messages[key])
                entries += [_audit_entry(cursor.user_id, shown) for shown in audited([shown_report(row)])]
            while len(cursor.sent) > _SENT_MEMORY:
                cursor.sent.pop(next(iter(cursor.sent)))
            cursor.after_id = None
            cursor.looked = True
            cursor.last_look = now
        AuditEntry.objects.bulk_create(entries)
        self._labels.keep_only(subject for _, subject in readers)

    @staticmethod
    def _changed_since(since: datetime) -> list[dict]:
        """The reports of every label validated or published after `since`."""
        return list(
            EventReport.objects.filter(
                Q(validated_at__gt=since) | Q(published_at__gt=since),
                status__in=(Status.VALIDATED, Status.PUBLISHED),
            )
            .order_by("id")
            .values(*_ROW_FIELDS)[:_SENT_MEMORY]
        )

    def _caught_up(self, after_id: int, subject: Subject) -> list[dict]:
        """A reconnecting map's catch-up: the reports it may see validated or published and logged after
        the last one it received (a query of its own, once per connection)."""
        self._labels.refresh()
        return list(
            EventReport.objects.filter(
                id__gt=after_id,
                status__in=(Status.VALIDATED, Status.PUBLISHED),
                label_id__in=self._labels.of(subject),
            )
            .order_by("id")
            .values(*_ROW_FIELDS)[:_SENT_MEMORY]
        )


def _by_id(row: dict) -> int:
    return row["id"]


def _message(row: dict, prefix: str) -> bytes:
    data = orjson.dumps(event_feature(row, log_prefix=prefix))
    return b"event: event\ndata: " + data + b"\nid: " + str(row["id"]).encode() + b"\n\n"


def _audit_entry(user_id: int, shown: Shown) -> AuditEntry:
    # As access.audit.record_shown writes it, gathered over every recipient into one INSERT.
    return AuditEntry(
        user_id=user_id,
        action=AuditEntry.Action.VIEWED,
        record_type=shown.record_type,
        record_id=shown.record_id,
        marking=shown.marking,
        label_id=shown.label_id,
        detail=_AUDIT_DETAIL,
    )


def _interval() -> float:
    return POLL_SECONDS


_thread_hub = live_hub.ThreadHub(lookout=Lookout, interval=_interval)


def _sync_stream(user: User, cursor: _Cursor) -> Iterator[bytes]:
    cursor.user_id = user.pk
    started = last_write = time.monotonic()
    yield f"retry: {RETRY_MS}\n\n".encode()
    try:
        looks = _thread_hub.join(cursor)
        while time.monotonic() - started < MAX_LIFETIME_SECONDS:
            looks = _thread_hub.wait(looks, timeout=PING_SECONDS)
            messages = cursor.take()
            if cursor.ended:
                return
            if messages:
                yield b"".join(messages)
                last_write = time.monotonic()
            elif time.monotonic() - last_write >= PING_SECONDS:
                yield b": ping\n\n"
                last_write = time.monotonic()
    finally:
        _thread_hub.leave(cursor)
        close_old_connections()


async def _async_stream(user: User, cursor: _Cursor, *, listens: bool) -> AsyncIterator[bytes]:
    cursor.user_id = user.pk
    hub = live_hub.async_hub(lookout=Lookout, interval=_interval, listen=notify.listen if listens else None)
    started = last_write = time.monotonic()
    yield f"retry: {RETRY_MS}\n\n".encode()
    try:
        hub.join(cursor)
        while time.monotonic() - started < MAX_LIFETIME_SECONDS:
            await hub.wait(cursor, timeout=PING_SECONDS)
            messages = cursor.take()
            if cursor.ended:
                return
            if messages:
                yield b"".join(messages)
                last_write = time.monotonic()
            elif time.monotonic() - last_write >= PING_SECONDS:
                yield b": ping\n\n"
                last_write = time.monotonic()
    finally:
        hub.leave(cursor)


def stream_response(request: HttpRequest, *, after_id: int | None) -> StreamingHttpResponse:
    user = request.user
    cursor = _Cursor(after_id=after_id)
    if isinstance(request, ASGIRequest):
        content = _async_stream(user, cursor, listens=notify.listens())
        # The stream never uses this request's database connection (its hub has its own): give it back
        # now rather than hold it idle for the stream's five minutes.
        if not connection.in_atomic_block:
            connection.close()
    else:
        content = _sync_stream(user, cursor)
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    # GZipMiddleware would hold events back in its compression buffer; an encoding set here bypasses it.
    response["Content-Encoding"] = "identity"
    return response
