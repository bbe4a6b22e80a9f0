"""The Actions section of a report's page and the actions' entries in its history (`events.extensions`).

Registered in `DutyConfig.ready()`: the log shows what this answers without importing duty. It reads through
the policy for the reader: the actions they may see on the report, on its alerts and on its incident (if
they see the incident), each step of each labelled as its action; and, for a reader who may take actions,
the form to open one on the report, its incident or one of its alerts.
"""

from django.http import HttpRequest
from django.utils import timezone

from peacekeeper.access.audit import record_bulk_view
from peacekeeper.duty.actions import Subject, actions_on_report, default_marking_for, may_take_actions
from peacekeeper.duty.forms import ActionForm
from peacekeeper.duty.models import Action, ActionChange
from peacekeeper.duty.presenting import CHANGE_WORDS, action_dict, dtg, person
from peacekeeper.events import incidents
from peacekeeper.events.extensions import ReportSection, TimelineEntry
from peacekeeper.events.models import EventReport
from peacekeeper.watch.alerts import visible_alerts


def subject_choices(request: HttpRequest, event: EventReport) -> list[tuple[str, str]]:
    """What an action on this report's page may hang from, as this reader sees it."""
    choices = [(f"report:{event.pk}", f"this report ({event.pk})")]
    incident_id = incidents.visible_incident_id(event, user=request.user)
    if incident_id:
        choices.append((f"incident:{incident_id}", f"its incident ({incident_id})"))
    for alert in visible_alerts(request.user).filter(report=event).select_related("ccir"):
        choices.append((f"alert:{alert.pk}", f"alert {alert.pk}: {alert.ccir.title}"))
    return choices


def report_section(request: HttpRequest, event: EventReport) -> ReportSection:
    user = request.user
    actions = list(actions_on_report(user=user, report=event))
    record_bulk_view(user=user, records=actions, detail="report page actions")
    by_id = {action.pk: action for action in actions}
    changes = ActionChange.objects.filter(action_id__in=list(by_id)).select_related("user") if actions else ()
    timeline = tuple(
        TimelineEntry(
            at=change.at,
            who=person(change.user),
            what=f"{CHANGE_WORDS[change.kind]}: {by_id[change.action_id].text}",
            detail=_detail(change, by_id[change.action_id]),
            label=by_id[change.action_id].label,
        )
        for change in changes
    )
    form = None
    if may_take_actions(user):
        # The page read the report through the policy for this reader already: what find_subject would answer.
        subject = Subject(kind="report", report=event, labels=(event.label,))
        form = ActionForm(
            subjects=subject_choices(request, event),
            initial={"owner": user.username, "marking": default_marking_for(subject)},
        )
    now = timezone.now()
    return ReportSection(
        template="duty/partials/report_actions.html",
        context={"actions": [action_dict(action, now) for action in actions], "form": form, "report": event},
        labels=tuple(action.label for action in actions),
        timeline=timeline,
    )


def _detail(change: ActionChange, action: Action) -> str:
    if change.kind == ActionChange.Kind.CREATED:
        return f"owner {person(action.owner)}, due {dtg(action.due_at)}"
    return change.note
