"""Actions on reports, incidents and alerts: opened by the watch floor, closed once (done or cancelled).

Releasability. An action says something about its subject, so it is released no wider than the subject:
its label must be `no_wider_than` the report's, the alert's, or every report of the incident the writer
sees (a reader of the action then sees those reports, so the incident too). A reader sees an action only
when they may see its label and its subject (`visible_actions`); a write looks its subject and its action up
through the same policy, so a hidden record and a missing one answer alike (404).

Every step is kept: an `ActionChange` per creation, completion or cancellation (the action's own history,
shown on the Actions page and, as the report's timeline, on the report's page: `duty.report_section`).
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import record_access
from peacekeeper.access.labels import (
    LabelError,
    LabelSpec,
    combine,
    expressible,
    intern_label,
    parse_marking,
    spec_of,
)
from peacekeeper.access.models import AuditEntry, ReleaseLabel
from peacekeeper.core.bounds import record_moment_problem
from peacekeeper.core.errors import Conflict, FieldError, InputError, NotAllowed
from peacekeeper.duty.models import Action, ActionChange
from peacekeeper.events import incidents
from peacekeeper.events.entry import resolve_time
from peacekeeper.events.models import EventReport, Incident
from peacekeeper.watch.alerts import WATCH_FLOOR_ROLES, visible_alerts
from peacekeeper.watch.models import Alert

# The roles that work the watch floor (watch.alerts.WATCH_FLOOR_ROLES) open and close actions. Planners,
# liaison and press officers and partners read the actions released to them but take none.
SUBJECT_KINDS = ("report", "incident", "alert")
MAX_TEXT = 300
LIST_LIMIT = 500


def may_take_actions(user: User | AnonymousUser | None) -> bool:
    return policy.may_act(user, WATCH_FLOOR_ROLES)


def visible_actions(user: User | AnonymousUser | None) -> QuerySet[Action]:
    """The actions this reader may see: their label, and their subject."""
    reports = policy.visible(EventReport.objects.all(), user).values("pk")
    seen = (
        Q(report__in=reports)
        | Q(incident__in=incidents.incidents_seen_by(user))
        | Q(alert__in=visible_alerts(user).values("pk"))
    )
    return policy.visible(Action.objects.all(), user).filter(seen)


def with_people(queryset: QuerySet[Action]) -> QuerySet[Action]:
    return queryset.select_related("label", "owner", "created_by", "closed_by", "report", "alert__ccir")


def listed(user: User | AnonymousUser | None, view: str) -> QuerySet[Action]:
    """The actions of one view of the Actions page and the API: mine (open), open, overdue or closed."""
    rows = with_people(visible_actions(user))
    if view == "mine":
        return rows.filter(owner=user, state=Action.State.OPEN).order_by("due_at", "id")
    if view == "overdue":
        return rows.filter(state=Action.State.OPEN, due_at__lt=timezone.now()).order_by("due_at", "id")
    if view == "closed":
        return rows.exclude(state=Action.State.OPEN).order_by("-closed_at", "-id")
    return rows.filter(state=Action.State.OPEN).order_by("due_at", "id")


def overdue(action: Action, now: datetime | None = None) -> bool:
    return action.state == Action.State.OPEN and action.due_at < (now or timezone.now())


@dataclass(frozen=True)
class Subject:
    """What an action hangs from, as the writer may see it, and the labels it must be no wider than."""

    kind: str
    report: EventReport | None = None
    incident: Incident | None = None
    alert: Alert | None = None
    labels: tuple[ReleaseLabel, ...] = ()

    @property
    def name(self) -> str:
        if self.report is not None:
            return f"report {self.report.pk}"
        if self.incident is not None:
            return f"incident {self.incident.pk}"
        return f"alert {self.alert.pk}"


def find_subject(*, user: User, kind: str, subject_id: int) -> Subject:
    """The subject as this user may see it; Http404 when it is hidden from them or missing."""
    if kind == "report":
        report = policy.get_visible_or_404(EventReport.objects.select_related("label"), user, pk=subject_id)
        return Subject(kind=kind, report=report, labels=(report.label,))
    if kind == "incident":
        if subject_id not in incidents.visible_incident_ids(user=user, incident_ids=[subject_id]):
            raise Http404("No incident matches the given query.")
        incident = Incident.objects.get(pk=subject_id)
        reports = incidents.visible_reports_of(incident=incident, user=user)
        return Subject(kind=kind, incident=incident, labels=tuple(report.label for report in reports))
    if kind == "alert":
        alert = policy.get_visible_or_404(
            visible_alerts(user).select_related("label", "ccir__label", "report"), user, pk=subject_id
        )
        return Subject(kind=kind, alert=alert, labels=(alert.label, alert.ccir.label))
    raise InputError([FieldError("subject", f"must be one of {', '.join(SUBJECT_KINDS)}")])


def default_marking_for(subject: Subject) -> str:
    """The widest release an action on this subject may have: the narrowest of its labels when one is no
    wider than all the others, else their combined marking if a record can carry it, else "" (the writer
    must give one)."""
    specs = [spec_of(label) for label in subject.labels]
    for spec in specs:
        if all(policy.no_wider_than(spec, other) for other in specs):
            return spec.marking
    combined = combine(specs)
    return combined.marking if combined is not None and expressible(combined) else ""


def _label(*, user: User, marking: str, subject: Subject) -> tuple[LabelSpec | None, list[FieldError]]:
    try:
        spec = parse_marking(marking)
    except LabelError as error:
        return None, [FieldError("marking", str(error))]
    if not policy.can_apply_label(user, spec):
        return None, [FieldError("marking", f"you cannot release an action as {spec.marking}")]
    if not all(policy.no_wider_than(spec, spec_of(label)) for label in subject.labels):
        return None, [
            FieldError(
                "marking",
                f"{spec.marking} is released wider than {subject.name} it hangs from "
                f"({default_marking_for(subject)}); mark the action no wider than its subject",
            )
        ]
    return spec, []


def _owner(*, owner: str, spec: LabelSpec | None) -> tuple[User | None, list[FieldError]]:
    name = owner.strip()
    if not name:
        return None, [FieldError("owner", "name the user who owns the action")]
    user = User.objects.filter(username=name, is_active=True).first()
    if user is None or not policy.subject_for(user).active:
        return None, [FieldError("owner", f"no active user {name!r} with an access profile")]
    if spec is not None and not policy.can_see(policy.subject_for(user), spec):
        # Said without their clearance or nation: the writer learns only that this marking leaves them out.
        return None, [
            FieldError(
                "owner", "the owner must be able to read this action; choose someone it is released to"
            )
        ]
    return user, []


def _due(*, due: str, due_at: datetime | None, now: datetime) -> tuple[datetime | None, list[FieldError]]:
    try:
        moment = resolve_time(dtg=due, moment=due_at, field="due")
    except InputError as error:
        return None, error.errors
    if problem := record_moment_problem(moment):
        return None, [FieldError("due", problem)]
    if moment < now - timedelta(minutes=1):
        return None, [FieldError("due", "is in the past: give a DTG from now on")]
    return moment, []


def create_action(
    *,
    user: User,
    subject: Subject,
    text: str,
    owner: str,
    due: str = "",
    due_at: datetime | None = None,
    marking: str = "",
) -> Action:
    """Open an action on a subject the caller found with `find_subject` (so it is visible to them)."""
    if not may_take_actions(user):
        raise NotAllowed("only watchkeepers, analysts and administrators open actions")
    now = timezone.now()
    errors = []
    text = " ".join(text.split())
    if not text:
        errors.append(FieldError("text", "say what is to be done, e.g. 'inform COS'"))
    elif len(text) > MAX_TEXT:
        errors.append(FieldError("text", f"at most {MAX_TEXT} characters ({len(text)} given)"))
    marking = marking.strip() or default_marking_for(subject)
    if marking:
        spec, problems = _label(user=user, marking=marking, subject=subject)
    else:
        spec, problems = None, [FieldError("marking", f"no one marking covers {subject.name}: give one")]
    errors += problems
    owner_user, problems = _owner(owner=owner, spec=spec)
    errors += problems
    moment, problems = _due(due=due, due_at=due_at, now=now)
    errors += problems
    if errors:
        raise InputError(errors)
    with transaction.atomic():
        action = Action.objects.create(
            label=intern_label(spec),
            text=text,
            owner=owner_user,
            due_at=moment,
            report=subject.report,
            incident=subject.incident,
            alert=subject.alert,
            created_by=user,
            created_at=now,
        )
        ActionChange.objects.create(action=action, kind=ActionChange.Kind.CREATED, at=now, user=user)
        record_access(user=user, action=AuditEntry.Action.CREATED, record=action)
    return action


CLOSING = {"done": Action.State.DONE, "cancel": Action.State.CANCELLED}


def close_action(*, user: User, action_id: int, state: str, note: str = "") -> Action:
    """Mark an open action done, or cancel it (with a note saying why). Looked up through the policy and
    re-read locked, so two people closing it at once get one change and one Conflict."""
    if not may_take_actions(user):
        raise NotAllowed("only watchkeepers, analysts and administrators close actions")
    if state not in CLOSING:
        raise InputError([FieldError("state", "must be done or cancel")])
    note = " ".join(note.split())
    if len(note) > MAX_TEXT:
        raise InputError([FieldError("note", f"at most {MAX_TEXT} characters ({len(note)} given)")])
    if state == "cancel" and not note:
        raise InputError([FieldError("note", "say why the action is cancelled")])
    with transaction.atomic():
        action = policy.get_visible_or_404(
            visible_actions(user).select_for_update(of=("self",)).select_related("label"), user, pk=action_id
        )
        if action.state != Action.State.OPEN:
            who = (
                action.closed_by.get_full_name() or action.closed_by.username
                if action.closed_by
                else "someone"
            )
            raise Conflict(f"this action was already {action.get_state_display().lower()} by {who}")
        now = timezone.now()
        action.state, action.closed_by, action.closed_at, action.note = CLOSING[state], user, now, note
        action.save(update_fields=["state", "closed_by", "closed_at", "note"])
        kind = ActionChange.Kind.DONE if state == "done" else ActionChange.Kind.CANCELLED
        ActionChange.objects.create(action=action, kind=kind, at=now, user=user, note=note)
        record_access(user=user, action=AuditEntry.Action.CHANGED, record=action, detail=kind)
    return action


def actions_on_report(*, user: User, report: EventReport) -> QuerySet[Action]:
    """The actions this reader sees on a report: on it, on its alerts, and on its incident if they see it."""
    on = Q(report=report) | Q(alert__report=report)
    if incidents.visible_incident_id(report, user=user):
        on |= Q(incident_id=report.incident_id)
    return with_people(visible_actions(user).filter(on))
