"""Incidents: linking several reports of one happening, suggesting likely duplicates, undoing a merge."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.events.models import EventChange, EventReport, Incident, IncidentLink
from peacekeeper.events.recording import NotAllowed, record_change
from peacekeeper.events.taxonomy import get_category
from peacekeeper.events.workflow import REVIEW_ROLES

# What "close" means for two reports of the same happening.
TIME_WINDOW = timedelta(hours=6)
DISTANCE_KM = 3.0
_KM_PER_DEG_LAT = 111.32


@dataclass(frozen=True)
class DuplicateSuggestion:
    event: EventReport
    score: float
    hours_apart: float
    km_apart: float
    same_category: bool


def _km_between(a: EventReport, b: EventReport) -> float:
    # Equirectangular distance: exact enough at a few kilometres, and cheap.
    x = (b.lon - a.lon) * math.cos(math.radians((a.lat + b.lat) / 2)) * _KM_PER_DEG_LAT
    y = (b.lat - a.lat) * _KM_PER_DEG_LAT
    return math.hypot(x, y)


def suggest_duplicates(*, event: EventReport, user: User, limit: int = 5) -> list[DuplicateSuggestion]:
    """Reports the user may see that are close in time and place and of a related category."""
    degrees = DISTANCE_KM / _KM_PER_DEG_LAT * 1.5
    candidates = (
        policy.visible(EventReport.objects.all(), user)
        .filter(
            occurred_at__range=(event.occurred_at - TIME_WINDOW, event.occurred_at + TIME_WINDOW),
            lat__range=(event.lat - degrees, event.lat + degrees),
            lon__range=(event.lon - degrees * 1.5, event.lon + degrees * 1.5),
        )
        .exclude(pk=event.pk)
        .select_related("label")[:200]
    )
    event_type = get_category(event.category).acled_event_type
    suggestions = []
    for other in candidates:
        if event.incident_id and other.incident_id == event.incident_id:
            continue
        km = _km_between(event, other)
        same_category = other.category == event.category
        related = same_category or get_category(other.category).acled_event_type == event_type
        if km > DISTANCE_KM or not related:
            continue
        hours = abs((other.occurred_at - event.occurred_at).total_seconds()) / 3600
        score = (1 - km / DISTANCE_KM) * 0.4 + (1 - hours / (TIME_WINDOW.total_seconds() / 3600)) * 0.4
        score += 0.2 if same_category else 0.0
        suggestions.append(
            DuplicateSuggestion(other, round(score, 3), round(hours, 2), round(km, 2), same_category)
        )
    suggestions.sort(key=lambda suggestion: suggestion.score, reverse=True)
    return suggestions[:limit]


def _require_analyst(user: User, events: list[EventReport]) -> None:
    if not policy.subject_for(user).roles & REVIEW_ROLES:
        raise NotAllowed("only an analyst may link reports into incidents")
    for event in events:
        if not policy.can_edit(user, event):
            raise NotAllowed(f"you may not change report {event.pk}")


def merge(*, user: User, events: list[EventReport], title: str = "") -> Incident:
    """Link reports into one incident (the first report's incident if it has one)."""
    if len(events) < 2:
        raise NotAllowed("an incident links at least two reports")
    _require_analyst(user, events)
    with transaction.atomic():
        incident = next((event.incident for event in events if event.incident_id), None)
        if incident is None:
            # The default title names no report: a reader who sees one report of the incident must not
            # learn the place or kind of another report that is not released to them.
            incident = Incident.objects.create(title=title or "", created_by=user)
            if not title:
                incident.title = f"Incident {incident.pk}"
                incident.save(update_fields=["title"])
        for event in events:
            if event.incident_id == incident.pk:
                continue
            IncidentLink.objects.create(
                incident=incident, event=event, previous_incident_id=event.incident_id, linked_by=user
            )
            previous = event.incident_id
            event.incident = incident
            event.save(update_fields=["incident", "updated_at"])
            record_change(
                event=event,
                user=user,
                action=EventChange.Action.MERGED,
                fields={"incident": (previous, incident.pk)},
            )
    return incident


def undo_link(*, user: User, link: IncidentLink) -> EventReport:
    """Undo one merge: the report goes back to the incident it was in before (or none)."""
    event = link.event
    _require_analyst(user, [event])
    if link.undone_at is not None:
        raise NotAllowed("this link was already undone")
    if event.incident_id != link.incident_id:
        raise NotAllowed("the report has moved to another incident since; undo that link first")
    with transaction.atomic():
        event.incident_id = link.previous_incident_id
        event.save(update_fields=["incident", "updated_at"])
        link.undone_by, link.undone_at = user, timezone.now()
        link.save(update_fields=["undone_by", "undone_at"])
        record_change(
            event=event,
            user=user,
            action=EventChange.Action.UNMERGED,
            fields={"incident": (link.incident_id, link.previous_incident_id)},
        )
    return event


def visible_reports_of(*, incident: Incident, user: User):
    """An incident's reports, as far as this user may see them."""
    return policy.visible(incident.reports.all(), user).select_related("label", "area")
