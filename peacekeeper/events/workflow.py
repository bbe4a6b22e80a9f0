"""The report workflow: draft -> submitted -> validated -> published, or rejected with a reason.

Validation needs a second pair of eyes: an analyst who is not the author.
"""

from datetime import datetime

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.classification import Role
from peacekeeper.core.errors import NotAllowed
from peacekeeper.events.models import EventChange, EventReport, Status
from peacekeeper.events.recording import lock_unchanged, record_change
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
# How a refusal names a transition: "a draft report cannot be validated".
_DONE = {
    "submit": "submitted",
    "validate": "validated",
    "publish": "published",
    "reject": "rejected",
    "reopen": "reopened",
}


def refusal(*, user: User, event: EventReport, transition: str) -> str | None:
    """Why the user may not take this transition now, or None if they may."""
    if transition not in TRANSITIONS:
        return f"unknown transition {transition!r} (one of {', '.join(TRANSITIONS)})"
    sources, _, _ = TRANSITIONS[transition]
    if event.status not in sources:
        allowed = " or ".join(sorted(status.label.lower() for status in sources))
        status = event.get_status_display().lower()
        return f"a {status} report cannot be {_DONE[transition]}; it must be {allowed}"
    if not policy.can_edit(user, event):
        return "you may not change this report"
    if transition in {"validate", "publish", "reject"} and not policy.holds_role(user, REVIEW_ROLES):
        return "only an analyst may " + transition + " reports"
    if transition == "validate" and event.author_id == user.pk:
        return "a report is validated by an analyst who is not its author"
    return None


def allowed_transitions(*, user: User, event: EventReport) -> list[str]:
    return [name for name in TRANSITIONS if refusal(user=user, event=event, transition=name) is None]


def counted_fields(*, status: str, user: User | None, now: datetime) -> dict[str, object]:
    """What a report becoming `status` records, on every path (workflow, import, generator).

    Validated: who validated it (None: the system) and when; published: when too, and a report stored
    as published at once was validated then as well. The live stream finds new reports by these times.
    """
    if status == Status.VALIDATED:
        return {"validated_by": user, "validated_at": now}
    if status == Status.PUBLISHED:
        return {"validated_by": user, "validated_at": now, "published_at": now}
    return {}


def transition(*, user: User, event: EventReport, name: str, reason: str = "") -> EventReport:
    """Take the transition, or raise NotAllowed (Conflict when someone changed the report meanwhile)."""
    problem = refusal(user=user, event=event, transition=name)
    if problem:
        raise NotAllowed(problem)
    if name == "reject" and not reason.strip():
        raise NotAllowed("a rejection needs a reason")
    _, target, action = TRANSITIONS[name]
    now = timezone.now()
    with transaction.atomic():
        # Checked again on the locked row: of two analysts validating at once, the second is told.
        current = lock_unchanged(event, user=user, fields=("status", "version"))
        problem = refusal(user=user, event=current, transition=name)
        if problem:
            raise NotAllowed(problem)
        previous = current.status
        changes: dict[str, object] = {"status": target}
        if name == "validate":
            changes.update(counted_fields(status=target, user=user, now=now))
        elif name == "publish":
            changes["published_at"] = now
        elif name in {"reject", "reopen"}:
            changes["rejection_reason"] = reason if name == "reject" else ""
        for field, value in changes.items():
            setattr(current, field, value)
        current.save(update_fields=[*changes, "updated_at"])
        for field in (*changes, "updated_at"):
            setattr(event, field, getattr(current, field))
        record_change(
            event=current, user=user, action=action, fields={"status": (previous, target)}, reason=reason
        )
        announce_reports_changed([current.pk])
    return event
