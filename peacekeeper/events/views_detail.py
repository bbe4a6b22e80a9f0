"""One report: every field, its map, history, incident and duplicates, and what this user may do to it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access, record_bulk_view
from peacekeeper.access.marking import banner
from peacekeeper.access.models import AuditEntry
from peacekeeper.core.errors import NotAllowed
from peacekeeper.events import incidents, workflow
from peacekeeper.events.duplicates import suggest_duplicates
from peacekeeper.events.extensions import report_marks, report_sections
from peacekeeper.events.forms import CASUALTY_GROUPS, CASUALTY_KINDS, SALUTE_FIELDS
from peacekeeper.events.history import WITHHELD, audit_earlier_versions, visible_history
from peacekeeper.events.models import EventReport, IncidentLink
from peacekeeper.events.presenting import grid_of, place_of
from peacekeeper.events.taxonomy import get_category
from peacekeeper.events.views import is_analyst
from peacekeeper.theatre.dtg import format_dtg

# How each transition is offered as a button, and said once done.
TRANSITION_BUTTONS = {
    "submit": ("Submit for validation", "submitted for validation"),
    "validate": ("Validate", "validated"),
    "publish": ("Publish", "published"),
    "reject": ("Reject…", "rejected"),
    "reopen": ("Reopen as a draft", "reopened as a draft"),
}


def _visible(request: HttpRequest, event_id: int) -> EventReport:
    queryset = EventReport.objects.select_related(
        "label", "area", "place", "author", "validated_by", "incident"
    )
    return policy.get_visible_or_404(queryset, request.user, pk=event_id)


def _casualties(event: EventReport) -> list[tuple[str, list[int], int]]:
    rows = []
    for kind in CASUALTY_KINDS:
        counts = [getattr(event, f"{kind}_{group}") for group in CASUALTY_GROUPS]
        rows.append((kind.capitalize(), counts, sum(counts)))
    return rows


def _incident_rows(event: EventReport, request: HttpRequest) -> list[dict]:
    if not incidents.visible_incident_id(event, user=request.user):
        return []
    reports = list(
        incidents.visible_reports_of(incident=event.incident, user=request.user).order_by("occurred_at", "id")
    )
    links = IncidentLink.objects.filter(
        incident_id=event.incident_id, event__in=reports, undone_at__isnull=True
    )
    active = {link.event_id: link for link in links}
    return [
        {"event": report, "dtg": format_dtg(report.occurred_at), "link": active.get(report.pk)}
        for report in reports
    ]


@login_required
def report_detail(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _visible(request, event_id)
    record_access(user=request.user, action=AuditEntry.Action.VIEWED, record=event, detail="page")
    category = get_category(event.category)
    incident_rows = _incident_rows(event, request)
    duplicates = suggest_duplicates(event=event, user=request.user)
    others = [row["event"] for row in incident_rows if row["event"].pk != event.pk]
    record_bulk_view(
        user=request.user, records=[*others, *(s.event for s in duplicates)], detail="report page"
    )
    transitions = workflow.allowed_transitions(user=request.user, event=event)
    entries = visible_history(event=event, user=request.user)
    audit_earlier_versions(user=request.user, event=event, entries=entries, detail="history page")
    history = [
        {
            "at": entry.change.at,
            "change": entry.change,
            "old_withheld": entry.old_withheld,
            "reason": entry.reason,
            "fields": [(name.replace("_", " "), values) for name, values in entry.fields.items()],
        }
        for entry in entries
    ]
    # Sections other apps add (duty: the report's actions), and their entries in the timeline.
    sections = report_sections(request, event)
    marks = report_marks(request.user, [event.pk]).get(event.pk, ())
    history += [{"at": entry.at, "extra": entry} for section in sections for entry in section.timeline]
    history.sort(key=lambda item: item["at"])
    context = {
        "event": event,
        "place": place_of(event, user=request.user),
        "dtg": format_dtg(event.occurred_at),
        "grid": grid_of(event),
        "category": category,
        "casualties": _casualties(event),
        "casualty_groups": CASUALTY_GROUPS,
        "salute": [(label, getattr(event, name)) for name, label in SALUTE_FIELDS],
        "history": history,
        "sections": sections,
        "marks": marks,
        "withheld": WITHHELD,
        "incident": event.incident if incident_rows else None,
        "incident_title": incidents.title_for(event.incident, user=request.user) if incident_rows else "",
        "incident_rows": incident_rows,
        "duplicates": [{"suggestion": s, "dtg": format_dtg(s.event.occurred_at)} for s in duplicates],
        "buttons": [(name, TRANSITION_BUTTONS[name][0]) for name in transitions if name != "reject"],
        "can_reject": "reject" in transitions,
        "can_edit": policy.can_edit(request.user, event),
        "analyst": is_analyst(request.user),
        **banner(
            [
                event.label,
                *(other.label for other in others),
                *(s.event.label for s in duplicates),
                *(label for entry in entries for label in entry.labels),
                *(label for section in sections for label in section.labels),
                *(label for mark in marks for label in mark.labels),
            ]
        ),
    }
    return render(request, "events/report_detail.html", context)


@login_required
@require_POST
def take_transition(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _visible(request, event_id)
    name = request.POST.get("transition", "")
    try:
        workflow.transition(user=request.user, event=event, name=name, reason=request.POST.get("reason", ""))
    except NotAllowed as error:
        messages.error(request, f"Not done: {error}.")
    else:
        messages.success(request, f"Report {event.pk} {TRANSITION_BUTTONS[name][1]}.")
    return redirect("events:detail", event_id=event.pk)


def _int(text: str | None) -> int:
    try:
        return int(text or 0)
    except ValueError:
        return 0


@login_required
@require_POST
def link_reports(request: HttpRequest, event_id: int) -> HttpResponse:
    event = _visible(request, event_id)
    other = _visible(request, _int(request.POST.get("other")))
    try:
        incident = incidents.merge(user=request.user, events=[event, other])
    except NotAllowed as error:
        messages.error(request, f"Not linked: {error}.")
    else:
        messages.success(
            request,
            f"Reports {event.pk} and {other.pk} are now one incident: "
            f"{incidents.title_for(incident, user=request.user)}.",
        )
    return redirect("events:detail", event_id=event.pk)


@login_required
@require_POST
def undo_incident_link(request: HttpRequest, link_id: int) -> HttpResponse:
    link = incidents.get_visible_link(user=request.user, link_id=link_id)
    back = _int(request.POST.get("back")) or link.event_id
    try:
        incidents.undo_link(user=request.user, link=link)
    except NotAllowed as error:
        messages.error(request, f"Not undone: {error}.")
    else:
        messages.success(request, f"Report {link.event_id} was taken out of the incident.")
    return redirect("events:detail", event_id=back)
