"""The live stream: server-sent events carrying each newly validated or published report to open maps.

Each open stream is a member of its process's hub (`live_hub`), which makes one look per tick for all of
them (`Lookout.look`): one query re-reads every connected reader's access attributes
(`policy.fresh_subjects`), one reads the reports of all labels validated or published since the last
look, and each member is handed the rows whose label the policy lets its reader see
(`policy.visible_labels`, asked once per distinct reader). So a report this reader may not see is never
sent, a lowered clearance applies from the next look, and a deactivated account (or one without its
access profile) ends the stream. Each restricted report sent is a view of it, audited per delivery like a
page that shows it: one entry per recipient, all of a look's entries in one INSERT, written before any
stream is handed what the look found (a look that fails sends nothing, and the next one reads again).

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
from django.http import HttpRequest, StreamingHttpResponse
from django.utils import timezone

from peacekeeper.access.audit import record_shown_to_many
from peacekeeper.access.policy import Subject, fresh_subjects
from peacekeeper.cop import live_alerts, live_hub, notify
from peacekeeper.cop.events_layer import FEATURE_FIELDS, event_feature, shown_report
from peacekeeper.cop.live_access import VisibleLabels
from peacekeeper.cop.live_alerts import AlertLook
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
_SENT_STATUSES = frozenset((Status.VALIDATED, Status.PUBLISHED))
_AUDIT_DETAIL = "map live stream"
_PING = b": ping\n\n"

_Key = tuple[int, str]  # a report's (id, status): sent once each


def _key(row: dict) -> _Key:
    return row["id"], row["status"]


class _Cursor:
    """What one connection has already seen: the moment of its last look and the (id, status) it sent;
    what the last look left it to send; and when its stream opened and last wrote."""

    def __init__(self, *, after_id: int | None, reports: bool = True, alerts: bool = False) -> None:
        self.last_look = timezone.now()
        self.after_id = after_id
        # What the stream carries: reports (the map), the watch floor's alerts (the banner), or both.
        self.reports = reports
        self.alerts = alerts
        self.alerts_looked = False
        self.alert_sent: dict[int, str] = {}  # alert id → the state last sent
        self.user_id: int | None = None
        self.looked = False
        self.sent: dict[_Key, None] = {}
        self.outbox: list[bytes] = []
        self.ended = False
        self.opened = self.last_write = time.monotonic()

    def poll(self, user: User) -> list[bytes]:
        """A look for this connection alone (how tests drive one stream): the hub's look, for it only."""
        self.user_id = user.pk
        Lookout(version_check=False).look([self], announced=True)
        return self.take()

    def take(self) -> list[bytes]:
        messages, self.outbox = self.outbox, []
        return messages

    def to_send(self, rows: list[dict], visible: frozenset[int]) -> list[dict]:
        """The rows to send this connection: of a label its reader may see (`visible`), not sent already,
        and validated or published since its last look (less the overlap) or logged after the id it asked
        to catch up from."""
        since = self.last_look - OVERLAP
        new: dict[_Key, dict] = {}
        for row in rows:
            if row["label_id"] not in visible or _key(row) in self.sent:
                continue
            stamps = (row["validated_at"], row["published_at"])
            if any(stamp is not None and stamp > since for stamp in stamps) or (
                self.after_id is not None and row["id"] > self.after_id
            ):
                new[_key(row)] = row
        return list(new.values())

    def looked_at(self, moment: datetime, messages: dict[_Key, bytes]) -> None:
        """A look at `moment` left it these messages to send."""
        self.sent.update(dict.fromkeys(messages))
        self.outbox += messages.values()
        while len(self.sent) > _SENT_MEMORY:
            self.sent.pop(next(iter(self.sent)))
        self.after_id = None
        self.looked = True
        self.last_look = moment

    def lasts(self) -> bool:
        """Whether its stream goes on: its reader may still read and its lifetime has not run out."""
        return not self.ended and time.monotonic() - self.opened < MAX_LIFETIME_SECONDS

    def next_write(self) -> bytes | None:
        """What its stream writes after a wait: the messages the look left it, else a ping when it has
        been quiet for PING_SECONDS; None: nothing (or its reader may no longer read)."""
        messages = self.take()
        if self.ended:
            return None
        if messages:
            self.last_write = time.monotonic()
            return b"".join(messages)
        if time.monotonic() - self.last_write >= PING_SECONDS:
            self.last_write = time.monotonic()
            return _PING
        return None


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
        # A change seen (announced, or a new data version) that no look has handed out yet: a look that
        # fails leaves it for the next.
        self._unread = False
        self._alert_look = AlertLook()
        self._alerts_unread = False

    def look(self, cursors: Sequence[_Cursor], *, announced: bool) -> None:
        """One look for all these connections (see the module docstring); `announced` False: no process
        has announced a change since the last look, so only the readers are read again."""
        now = timezone.now()
        changed = announced and (self._data_version is None or self._data_version.changed())
        self._unread |= changed
        subjects = fresh_subjects({cursor.user_id for cursor in cursors})
        readers = []
        for cursor in cursors:
            if not subjects[cursor.user_id].active:
                cursor.ended = True
            if not cursor.ended:
                readers.append((cursor, subjects[cursor.user_id]))
        if not readers:
            return
        rows = []
        if self._unread or not all(cursor.looked for cursor, _ in readers):
            rows = self._changed_since(min(cursor.last_look for cursor, _ in readers) - OVERLAP)
            self._labels.admit(row["label_id"] for row in rows)
        found = []
        for cursor, subject in readers:
            if not cursor.reports:
                found.append((cursor, []))
                continue
            candidates = rows
            if cursor.after_id is not None:
                candidates = sorted([*rows, *self._caught_up(cursor.after_id, subject)], key=_by_id)
            # Asked after the catch-up, which may have found a new label.
            visible = self._labels.of(subject) if candidates else frozenset()
            found.append((cursor, cursor.to_send(candidates, visible)))
        alerts_found = self._look_at_alerts([(c, s) for c, s in readers if c.alerts], changed=changed)
        record_shown_to_many(
            deliveries=[(cursor.user_id, map(shown_report, new)) for cursor, new in found]
            + [(cursor.user_id, live_alerts.shown(new)) for cursor, new in alerts_found],
            detail=_AUDIT_DETAIL,
        )
        alert_messages = {}
        for cursor, new in alerts_found:
            for alert in new:
                if alert.pk not in alert_messages:
                    alert_messages[alert.pk] = live_alerts.message(alert)
                alert_id, state, data = alert_messages[alert.pk]
                cursor.alert_sent[alert_id] = state
                cursor.outbox.append(data)
            cursor.alerts_looked = True
        self._alerts_unread = False
        shown = {_key(row): row for _, new in found for row in new}
        messages = {key: _message(row) for key, row in shown.items()}  # each built once, whoever it goes to
        for cursor, new in found:
            cursor.looked_at(now, {_key(row): messages[_key(row)] for row in new})
        self._unread = False
        self._labels.keep_only(subject for _, subject in readers)

    def _look_at_alerts(self, readers: list[tuple[_Cursor, Subject]], *, changed: bool) -> list:
        """The alerts to send each of these streams (those that asked for alerts), see `live_alerts`."""
        if not readers:
            return []
        escalated = self._alert_look.escalate()
        self._alerts_unread |= changed or escalated
        if not self._alerts_unread and all(cursor.alerts_looked for cursor, _ in readers):
            return []
        alerts = self._alert_look.read(min(cursor.last_look for cursor, _ in readers) - OVERLAP)
        self._labels.admit(live_alerts.label_ids(alerts))
        return [
            (cursor, live_alerts.for_reader(alerts, self._labels.of(subject), cursor.alert_sent))
            for cursor, subject in readers
        ]

    @staticmethod
    def _changed_since(since: datetime) -> list[dict]:
        """The reports of every label validated or published after `since`.

        One query per stamp, each ordered by its own stamp so that it walks that stamp's index to the few
        recent rows: asked with the status and `ORDER BY id`, or with both stamps OR-ed, SQLite scans the
        whole log instead (about 0.1 s at 200k reports, at every look that follows a commit, which under
        load is every tick). The status is checked here: the rows are few."""
        rows: dict[int, dict] = {}
        for stamp in ("validated_at", "published_at"):
            recent = (
                EventReport.objects.filter(**{f"{stamp}__gt": since})
                .order_by(stamp)
                .values(*_ROW_FIELDS)[:_SENT_MEMORY]
            )
            rows.update((row["id"], row) for row in recent if row["status"] in _SENT_STATUSES)
        return sorted(rows.values(), key=_by_id)[:_SENT_MEMORY]

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


def _message(row: dict) -> bytes:
    data = orjson.dumps(event_feature(row))
    return b"event: event\ndata: " + data + b"\nid: " + str(row["id"]).encode() + b"\n\n"


def _interval() -> float:
    return POLL_SECONDS


_thread_hub = live_hub.ThreadHub(lookout=Lookout, interval=_interval)


def _sync_stream(user: User, cursor: _Cursor) -> Iterator[bytes]:
    cursor.user_id = user.pk
    yield f"retry: {RETRY_MS}\n\n".encode()
    try:
        looks = _thread_hub.join(cursor)
        while cursor.lasts():
            looks = _thread_hub.wait(looks, timeout=PING_SECONDS)
            if write := cursor.next_write():
                yield write
    finally:
        _thread_hub.leave(cursor)
        close_old_connections()


async def _async_stream(user: User, cursor: _Cursor, *, listens: bool) -> AsyncIterator[bytes]:
    cursor.user_id = user.pk
    hub = live_hub.async_hub(lookout=Lookout, interval=_interval, listen=notify.listen if listens else None)
    yield f"retry: {RETRY_MS}\n\n".encode()
    try:
        hub.join(cursor)
        while cursor.lasts():
            await hub.wait(cursor, timeout=PING_SECONDS)
            if write := cursor.next_write():
                yield write
    finally:
        hub.leave(cursor)


def stream_response(
    request: HttpRequest, *, after_id: int | None, reports: bool = True, alerts: bool = False
) -> StreamingHttpResponse:
    user = request.user
    cursor = _Cursor(after_id=after_id, reports=reports, alerts=alerts)
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
