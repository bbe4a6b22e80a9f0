"""Reading the log: filters, sorting and keyset pagination, always through the access policy."""

import base64
from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import User
from django.db.models import Q, QuerySet

from peacekeeper.access import policy
from peacekeeper.core.bounds import DB_INT_MAX, query_moment_problem
from peacekeeper.events import incidents
from peacekeeper.events.models import EventReport

SORTS = {
    "newest": ("-occurred_at", "-id"),
    "oldest": ("occurred_at", "id"),
    "severity": ("-severity", "-occurred_at", "-id"),
    "updated": ("-updated_at", "-id"),
    # When the report was logged, whatever its DTG: a back-dated 03:00 report is at the top when logged.
    "logged": ("-created_at", "-id"),
}

# The API's orders, each newest first, and the field its keyset pages follow.
ORDERS = {"occurred": "occurred_at", "logged": "created_at"}


class BadCursor(ValueError):
    pass


@dataclass
class EventFilter:
    since: datetime | None = None
    until: datetime | None = None
    areas: list[str] = field(default_factory=list)  # area codes
    categories: list[str] = field(default_factory=list)
    statuses: list[str] = field(default_factory=list)
    text: str = ""
    min_severity: int | None = None
    exercise: bool | None = None
    incident: int | None = None


def visible_events(user: User) -> QuerySet[EventReport]:
    return policy.visible(EventReport.objects.all(), user)


def apply_filter(queryset: QuerySet[EventReport], filters: EventFilter) -> QuerySet[EventReport]:
    """Narrow a queryset of reports down to what the filters ask."""
    if filters.since:
        queryset = queryset.filter(occurred_at__gte=filters.since)
    if filters.until:
        queryset = queryset.filter(occurred_at__lt=filters.until)
    if filters.areas:
        queryset = queryset.filter(area__code__in=filters.areas)
    if filters.categories:
        queryset = queryset.filter(category__in=filters.categories)
    if filters.statuses:
        queryset = queryset.filter(status__in=filters.statuses)
    if filters.min_severity:
        queryset = queryset.filter(severity__gte=filters.min_severity)
    if filters.exercise is not None:
        queryset = queryset.filter(exercise=filters.exercise)
    if filters.incident is not None:
        queryset = queryset.filter(incident_id=filters.incident)
    for word in filters.text.split()[:8]:
        queryset = queryset.filter(
            Q(narrative__icontains=word)
            | Q(location_name__icontains=word)
            | Q(actor1__icontains=word)
            | Q(actor2__icontains=word)
            | Q(reporting_unit__icontains=word)
        )
    return queryset


def filtered_events(*, user: User, filters: EventFilter, sort: str = "newest") -> QuerySet[EventReport]:
    if sort not in SORTS:
        raise ValueError(f"sort must be one of {', '.join(SORTS)}, not {sort!r}")
    queryset = apply_filter(visible_events(user), filters)
    if filters.incident is not None:
        # An incident the reader does not see (fewer than two of its reports) filters to nothing, as a
        # missing one does.
        queryset = queryset.filter(incident_id__in=incidents.incidents_seen_by(user))
    return (
        queryset.select_related("label", "area", "author", "validated_by")
        # An area's boundary is a large GeoJSON document; decoding it for every row would dominate a page.
        .defer(
            "area__boundary",
            "area__attributes",
            "area__external_ids",
            "area__source",
            "area__boundary_source",
        )
        .order_by(*SORTS[sort])
    )


def encode_cursor(event: EventReport, order: str = "occurred") -> str:
    # A cursor of the "logged" order names it, so that it cannot be followed in the other order.
    prefix = "" if order == "occurred" else f"{order}|"
    raw = f"{prefix}{getattr(event, ORDERS[order]).isoformat()}|{event.pk}".encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_cursor(cursor: str, order: str = "occurred") -> tuple[datetime, int]:
    refused = BadCursor(f"cursor {cursor!r} is not one this server issued for order={order}")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        if order != "occurred":
            named, _, raw = raw.partition("|")
            if named != order:
                raise refused
        moment, _, pk = raw.partition("|")
        decoded = datetime.fromisoformat(moment), int(pk)
    except (ValueError, UnicodeDecodeError):
        raise refused from None
    # A hand-made cursor is bounded as a query's moment and an id are (core.bounds).
    if decoded[0].tzinfo is None or query_moment_problem(decoded[0]) or not 0 <= decoded[1] <= DB_INT_MAX:
        raise refused
    return decoded


def page_after(
    queryset: QuerySet[EventReport], *, cursor: str | None, limit: int, order: str = "occurred"
) -> tuple[list[EventReport], str | None]:
    """One page of the queryset, newest first in `order` (ORDERS: by DTG or by time logged, ties by id),
    after the cursor; the next cursor, or None at the end. Both orders are served by an index
    (occurred_at, id) / (created_at, id)."""
    field = ORDERS[order]
    if cursor:
        moment, pk = decode_cursor(cursor, order)
        queryset = queryset.filter(Q(**{f"{field}__lt": moment}) | Q(**{field: moment, "id__lt": pk}))
    rows = list(queryset.order_by(f"-{field}", "-id")[: limit + 1])
    next_cursor = encode_cursor(rows[limit - 1], order) if len(rows) > limit else None
    return rows[:limit], next_cursor
