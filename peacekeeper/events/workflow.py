"""The report workflow: draft -> submitted -> validated -> published, or rejected with a reason.

Validation needs a second pair of eyes: an analyst who is not the author.
"""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.classification import Role
from peacekeeper.events.models import EventChange, EventReport, Status
from peacekeeper.events.recording import NotAllowed, record_change
from peacekeeper.events.signals import announce_reports_changed

REVIEW_ROLES = frozenset({Role.ANALYST, Role.ADMIN})

# transition name -> (statuses it starts from, status it leads to, history action)
TRANSITIONS = {
    "submit": ({Status.DRAFT}, Status.SUBMITTED, EventChange.Action.SUBMITTED),
    "validate": ({Status.SUBMITTED}, Status.VALIDATED, EventChange.Action.VALIDATED),
    "publish": ({Status.VALIDATED}, Status.PUBLISHED, EventChange.Action.PUBLISHED),
    "reject": ({Status.SUBMITTED, Status.VALIDATED}, Status.REJECTED, EventChange.Action.REJECTED),
    "reopen": ({Status.REJECTED}, Status.DRAFT, EventChange.Action.UPDATED),
}


def refusal(*, user: User, event: EventReport, transition: str) -> str | None:
    """Why the user may not take this transition now, or None if they may."""
    if transition not in TRANSITIONS:
        return f"unknown transition {transition!r} (one of {', '.join(TRANSITIONS)})"
    sources, _, _ = TRANSITIONS[transition]
    if event.status not in sources:
        allowed = " or ".join(sorted(status.label.lower() for status in sources))
        return f"a {event.get_status_display().lower()} report cannot be {transition}ed; it must be {allowed}"
    if not policy.can_edit(user, event):
        return "you may not change this report"
    subject = policy.subject_for(user)
    if transition in {"validate", "publish", "reject"} and not subject.roles & REVIEW_ROLES:
        return "only an analyst may " + transition + " reports"
    if transition == "validate" and event.author_id == user.pk:
        return "a report is validated by an analyst who is not its author"
    return None


def allowed_transitions(*, user: User, event: EventReport) -> list[str]:
    return [name for name in TRANSITIONS if refusal(user=user, event=event, transition=name) is None]


def transition(*, user: User, event: EventReport, name: str, reason: str = "") -> EventReport:
    problem = refusal(user=user, event=event, transition=name)
    if problem:
        raise NotAllowed(problem)
    if name == "reject" and not reason.strip():
        raise NotAllowed("a rejection needs a reason")
    _, target, action = TRANSITIONS[name]
    now = timezone.now()
    with transaction.atomic():
        previous = event.status
        event.status = target
        if name == "validate":
            event.validated_by, event.validated_at = user, now
        elif name == "publish":
            event.published_at = now
        elif name == "reject":
            event.rejection_reason = reason
        elif name == "reopen":
            event.rejection_reason = ""
        event.save()
        record_change(
            event=event, user=user, action=action, fields={"status": (previous, target)}, reason=reason
        )
        announce_reports_changed([event.pk])
    return event
