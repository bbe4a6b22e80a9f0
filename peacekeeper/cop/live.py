"""The live stream: server-sent events carrying each newly validated or published report to open maps.

Every POLL_SECONDS the stream asks the database, through the access policy with the connected user, for
reports validated or published since its last look, and sends each as `event: event` with the same
feature the events layer serves. The reader's access attributes are read afresh from the database on every
poll (`policy.fresh_subject_for`), so a report this reader may not see is never sent, a lowered clearance
applies from the next poll, and a deactivated account (or one without its access profile) ends the stream.
Each restricted report sent is a view of it, audited per delivery like a page that shows it.

A report committed slightly after the moment it was stamped (validated_at is set inside the transaction)
is still found: each poll looks OVERLAP back past its last look and skips what it already sent.

Under ASGI (uvicorn) the stream is an async generator whose database reads run through sync_to_async;
under WSGI (the test server, gunicorn) a plain generator: Django would otherwise buffer the whole stream.
It ends after MAX_LIFETIME_SECONDS (the browser's EventSource reconnects after `retry`), so no worker is
held forever by a tab left open.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterator
from datetime import timedelta

import orjson
from asgiref.sync import sync_to_async
from django.contrib.auth.models import User
from django.core.handlers.asgi import ASGIRequest
from django.db import close_old_connections
from django.db.models import Q
from django.http import HttpRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_shown
from peacekeeper.cop.events_layer import FEATURE_FIELDS, event_feature, shown_report
from peacekeeper.events.models import EventReport, Status

POLL_SECONDS = 1.0
PING_SECONDS = 15.0
MAX_LIFETIME_SECONDS = 300.0
RETRY_MS = 2000
OVERLAP = timedelta(seconds=5)
_SENT_MEMORY = 1000


class _Cursor:
    """What one connection has already seen: the moment of its last look and the (id, status) it sent."""

    def __init__(self, *, after_id: int | None) -> None:
        self.connected_at = timezone.now()
        self.last_look = self.connected_at
        self.after_id = after_id
        self.sent: dict[tuple[int, str], None] = {}
        self.ended = False

    def poll(self, user: User) -> list[bytes]:
        now = timezone.now()
        # Read afresh each time: the connection outlives the request that resolved the reader.
        if not policy.fresh_subject_for(user).active:
            self.ended = True
            return []
        since = max(self.last_look - OVERLAP, self.connected_at - OVERLAP)
        changed = Q(validated_at__gt=since) | Q(published_at__gt=since)
        if self.after_id is not None:
            changed |= Q(id__gt=self.after_id)
        rows = (
            policy.visible(EventReport.objects.all(), user)
            .filter(changed, status__in=(Status.VALIDATED, Status.PUBLISHED))
            .order_by("id")
            .values(*FEATURE_FIELDS)[:_SENT_MEMORY]
        )
        prefix = reverse("events:list")
        messages, delivered = [], []
        for row in rows:
            key = (row["id"], row["status"])
            if key in self.sent:
                continue
            self.sent[key] = None
            delivered.append(row)
            data = orjson.dumps(event_feature(row, log_prefix=prefix))
            messages.append(b"event: event\ndata: " + data + b"\nid: " + str(row["id"]).encode() + b"\n\n")
        record_shown(user=user, shown=map(shown_report, delivered), detail="map live stream")
        while len(self.sent) > _SENT_MEMORY:
            self.sent.pop(next(iter(self.sent)))
        self.after_id = None
        self.last_look = now
        return messages


def _sync_stream(user: User, cursor: _Cursor) -> Iterator[bytes]:
    started = last_write = time.monotonic()
    yield f"retry: {RETRY_MS}\n\n".encode()
    try:
        while time.monotonic() - started < MAX_LIFETIME_SECONDS:
            messages = cursor.poll(user)
            if cursor.ended:
                return
            if messages:
                yield b"".join(messages)
                last_write = time.monotonic()
            elif time.monotonic() - last_write >= PING_SECONDS:
                yield b": ping\n\n"
                last_write = time.monotonic()
            time.sleep(POLL_SECONDS)
    finally:
        close_old_connections()


async def _async_stream(user: User, cursor: _Cursor) -> AsyncIterator[bytes]:
    started = last_write = time.monotonic()
    yield f"retry: {RETRY_MS}\n\n".encode()
    poll = sync_to_async(cursor.poll)
    while time.monotonic() - started < MAX_LIFETIME_SECONDS:
        messages = await poll(user)
        if cursor.ended:
            return
        if messages:
            yield b"".join(messages)
            last_write = time.monotonic()
        elif time.monotonic() - last_write >= PING_SECONDS:
            yield b": ping\n\n"
            last_write = time.monotonic()
        await asyncio.sleep(POLL_SECONDS)


def stream_response(request: HttpRequest, *, after_id: int | None) -> StreamingHttpResponse:
    user = request.user
    policy.subject_for(user)  # resolve the reader now, in the request's thread
    cursor = _Cursor(after_id=after_id)
    content = _async_stream(user, cursor) if isinstance(request, ASGIRequest) else _sync_stream(user, cursor)
    response = StreamingHttpResponse(content, content_type="text/event-stream")
    response["Cache-Control"] = "no-cache"
    response["X-Accel-Buffering"] = "no"
    # GZipMiddleware would hold events back in its compression buffer; an encoding set here bypasses it.
    response["Content-Encoding"] = "identity"
    return response
