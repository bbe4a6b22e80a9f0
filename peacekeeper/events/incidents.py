"""Incidents: linking several reports of one happening, undoing a merge (`duplicates` suggests them).

A reader sees an incident only when they see at least two of its reports: an incident of one report they
see would tell them that a report hidden from them exists. For them, that report is in no incident. Every
place that shows an incident, its id or a link into it asks the functions below.
"""

from collections.abc import Iterable

from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import Count, QuerySet
from django.http import Http404
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.core.errors import NotAllowed
from peacekeeper.events.models import EventChange, EventReport, Incident, IncidentLink
from peacekeeper.events.recording import record_change
from peacekeeper.events.workflow import REVIEW_ROLES


def incidents_seen_by(user: User) -> QuerySet:
    """The ids of the incidents this user sees (at least two of their reports), as a subquery."""
    return (
        policy.visible(EventReport.objects.filter(incident__isnull=False), user)
        .order_by()
        .values("incident_id")
        .annotate(reports_seen=Count("pk"))
        .filter(reports_seen__gte=2)
        .values("incident_id")
    )


def visible_incident_ids(*, user: User, incident_ids: Iterable[int | None]) -> set[int]:
    """Those of these incidents that this user sees."""
    wanted = {incident_id for incident_id in incident_ids if incident_id is not None}
    if not wanted:
        return set()
    return set(incidents_seen_by(user).filter(incident_id__in=wanted).values_list("incident_id", flat=True))


def note_visible_incidents(events: list[EventReport], *, user: User) -> list[EventReport]:
    """Set `visible_incident_id` on each report of a page or chunk (its incident if this user sees it, else
    None), with one query for all of them: a list never pays for incidents per row, nor in its own query."""
    seen = visible_incident_ids(user=user, incident_ids=[event.incident_id for event in events])
    for event in events:
        event.visible_incident_id = event.incident_id if event.incident_id in seen else None
    return events


def visible_incident_id(event: EventReport, *, user: User) -> int | None:
    """The report's incident as this user may know it (None when they do not see the incident)."""
    if hasattr(event, "visible_incident_id"):  # noted for a whole page by note_visible_incidents
        return event.visible_incident_id
    if event.incident_id is None:
        return None
    return event.incident_id if visible_incident_ids(user=user, incident_ids=[event.incident_id]) else None


def get_visible_link(*, user: User, link_id: int) -> IncidentLink:
    """A link exists for a user who sees its report and its incident; otherwise it is missing (404).

    The same exception as `policy.get_visible_or_404` for a missing report, so that no response tells a
    hidden link from a missing one.
    """
    visible_reports = policy.visible(EventReport.objects.all(), user)
    link = (
        IncidentLink.objects.filter(pk=link_id, event__in=visible_reports)
        .select_related("event", "event__label")
        .first()
    )
    if link is None or not visible_incident_ids(user=user, incident_ids=[link.incident_id]):
        raise Http404("No event report matches the given query.")
    return link


def _require_analyst(user: User, events: list[EventReport]) -> None:
    if not policy.holds_role(user, REVIEW_ROLES):
        raise NotAllowed("only an analyst may link reports into incidents")
    for event in events:
        if not policy.can_edit(user, event):
            raise NotAllowed(f"you may not change report {event.pk}")


def generated_title(incident: Incident) -> str:
    return f"Incident {incident.pk}"


def title_for(incident: Incident, *, user: User) -> str:
    """The incident's title as this reader may read it: a written title only if they may see every report it
    was written over, else the generated one. Titles written before that was kept are shown only to a reader
    who sees every report of the incident."""
    if incident.title == generated_title(incident):
        return incident.title
    over = incident.title_reports or None
    reports = EventReport.objects.filter(pk__in=over) if over else incident.reports.all()
    seen = policy.visible(reports, user).values("pk")
    return generated_title(incident) if reports.exclude(pk__in=seen).exists() else incident.title


def merge(*, user: User, events: list[EventReport], title: str = "") -> Incident:
    """Link reports into one incident (the first report's incident this user sees, if any)."""
    events = list({event.pk: event for event in events}.values())
    if len(events) < 2:
        raise NotAllowed("an incident links at least two reports")
    _require_analyst(user, events)
    with transaction.atomic():
        # For this user a report in an incident they do not see is in no incident: joining that incident
        # would show them its title and its past, so the report moves into this one instead (its link keeps
        # where it was, so the move can be undone).
        seen = visible_incident_ids(user=user, incident_ids=[event.incident_id for event in events])
        incident = next((event.incident for event in events if event.incident_id in seen), None)
        if incident is None:
            # The default title names no report: a reader who sees one report of the incident must not
            # learn the place or kind of another report that is not released to them.
            over = [event.pk for event in events] if title.strip() else []
            incident = Incident.objects.create(title=title.strip(), title_reports=over, created_by=user)
            if not title.strip():
                incident.title = generated_title(incident)
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
        # Not where it went: the incident it is in now may be one this user does not see.
        raise NotAllowed("the report has left this incident since")
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


def visible_reports_of(*, incident: Incident, user: User) -> QuerySet[EventReport]:
    """An incident's reports this user may see; none when they do not see the incident."""
    reports = incident.reports.filter(incident_id__in=incidents_seen_by(user))
    return policy.visible(reports, user).select_related("label", "area")
