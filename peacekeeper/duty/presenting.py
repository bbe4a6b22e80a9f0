"""Actions and shifts as pages, the API and the PDF show them to one reader (dicts, names, DTGs)."""

from datetime import datetime

from django.contrib.auth.models import User
from django.utils import timezone

from peacekeeper.duty.actions import overdue
from peacekeeper.duty.models import Action, ActionChange, Shift
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.names import at_place


def person(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user is not None else ""


def dtg(moment: datetime | None) -> str:
    return format_dtg(moment) if moment is not None else ""


def subject_of(action: Action) -> dict:
    """What the action hangs from, and the report page that shows it (an alert's report)."""
    if action.report_id:
        return {"kind": "report", "id": action.report_id, "text": f"report {action.report_id}",
                "report_id": action.report_id}  # fmt: skip
    if action.incident_id:
        return {"kind": "incident", "id": action.incident_id, "text": f"incident {action.incident_id}",
                "report_id": None}  # fmt: skip
    alert = action.alert
    return {"kind": "alert", "id": alert.pk, "text": f"alert {alert.pk}: {alert.ccir.title}",
            "report_id": alert.report_id}  # fmt: skip


def action_dict(action: Action, now: datetime | None = None) -> dict:
    now = now or timezone.now()
    return {
        "id": action.pk,
        "text": action.text,
        "owner": action.owner.username,
        "owner_name": person(action.owner),
        "due_at": action.due_at,
        "due": dtg(action.due_at),
        "state": action.state,
        "state_label": action.get_state_display(),
        "overdue": overdue(action, now),
        "subject": subject_of(action),
        "created_by": person(action.created_by),
        "created_at": action.created_at,
        "closed_by": person(action.closed_by),
        "closed_at": action.closed_at,
        "closed": dtg(action.closed_at),
        "note": action.note,
        "marking": action.label.marking,
    }


CHANGE_WORDS = {
    ActionChange.Kind.CREATED: "Action opened",
    ActionChange.Kind.DONE: "Action done",
    ActionChange.Kind.CANCELLED: "Action cancelled",
}


def change_dict(change: ActionChange) -> dict:
    return {
        "kind": change.kind,
        "what": CHANGE_WORDS[change.kind],
        "at": change.at,
        "dtg": dtg(change.at),
        "by": person(change.user),
        "note": change.note,
    }


def shift_dict(shift: Shift) -> dict:
    return {
        "id": shift.pk,
        "starts": dtg(shift.starts_at),
        "ends": dtg(shift.ends_at),
        "starts_local": format_dtg(shift.starts_at, zone="J"),
        "ends_local": format_dtg(shift.ends_at, zone="J"),
        "duty_officer": person(shift.duty_officer),
        "watchkeepers": [person(user) for user in shift.watchkeepers.all()],
        "handed_over_by": person(shift.handed_over_by),
        "handed_over": dtg(shift.handed_over_at),
        "incoming_officer": person(shift.incoming_officer),
        "acknowledged_by": person(shift.acknowledged_by),
        "acknowledged": dtg(shift.acknowledged_at),
    }


def line_text(kind: str, content: dict) -> str:
    """One line of the summary as text (the page's template says the same)."""
    if kind == "sigevent":
        dead = f", {content['fatalities']} killed" if content.get("fatalities") else ""
        ack = (
            f"; acknowledged by {content['acknowledged']}"
            if content.get("acknowledged")
            else "; not acknowledged"
        )
        where = at_place(content.get("where") or "")
        return (
            f"{content['dtg']} report {content['report_id']}: {content['what']}"
            f"{' ' + where if where else ''}{dead} - CCIR {content['ccir']}{ack}"
        )
    if kind == "action":
        late = "OVERDUE " if content.get("overdue") else ""
        on = f"owner {content['owner']}, on {content['subject']}"
        return f"{late}due {content['due']}: {content['text']} - {on}"
    if kind == "restriction":
        return (
            f"{content['status'].upper()} since {content['since']}: {content['summary']} ({content['cause']})"
        )
    if kind == "alert":
        escalated = f", escalated {content['escalated']}" if content.get("escalated") else ""
        report = f"report {content['report_id']}, {content['what']}"
        return f"raised {content['raised']}{escalated}: CCIR {content['ccir']} - {report}"
    return f"{content['area']}: level {content['from']} -> {content['to']} ({content['why']})"
