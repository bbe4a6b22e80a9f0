"""The restrictions log: every restriction a reader may see, newest first, filtered."""

from dataclasses import dataclass
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Q, QuerySet
from django.utils import timezone

from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.movement.states import overlapping, visible_restrictions, with_elements

MAX_ROWS = 500


@dataclass(frozen=True)
class LogFilter:
    since: datetime | None = None
    until: datetime | None = None
    status: str = ""  # restricted / closed
    origin: str = ""  # report / hand
    text: str = ""  # who, by whom, where, cause
    in_force: bool = False
    segment: int | None = None
    crossing: int | None = None


def restrictions_log(*, user: User | AnonymousUser, filters: LogFilter, limit: int = MAX_ROWS) -> QuerySet:
    queryset = visible_restrictions(user)
    now = timezone.now()
    if filters.since or filters.until:
        queryset = overlapping(
            queryset, filters.since or datetime.min.replace(tzinfo=now.tzinfo), filters.until or now
        )
    if filters.status in (Movement.RESTRICTED, Movement.CLOSED):
        queryset = queryset.filter(status=filters.status)
    if filters.origin in Restriction.Origin.values:
        queryset = queryset.filter(origin=filters.origin)
    if filters.in_force:
        queryset = queryset.filter(started_at__lte=now).filter(Q(ends_at__isnull=True) | Q(ends_at__gt=now))
    if filters.segment:
        queryset = queryset.filter(segments=filters.segment)
    if filters.crossing:
        queryset = queryset.filter(crossings=filters.crossing)
    for word in filters.text.split()[:8]:
        queryset = queryset.filter(
            Q(cause__icontains=word)
            | Q(restricted_party__icontains=word)
            | Q(restricted_by__icontains=word)
            | Q(location_name__icontains=word)
        )
    queryset = queryset.select_related("label", "recorded_by", "lifted_by").order_by("-started_at", "-id")
    return with_elements(queryset.distinct(), user)[:limit]
