"""Alerts as one reader may see them, their acknowledgement and their escalation.

Visibility: an alert is shown only to a reader who may see its label (its report's, see `matching`), its
report's current label and its CCIR's label: `visible_alerts`. A hidden alert and a missing one answer
alike (404), acknowledging too; one flagged only (never announced) is refused (409). Who works the watch
floor (and so gets the banner and may acknowledge): `WATCH_FLOOR_ROLES`.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import AnonymousUser, User
from django.db import transaction
from django.db.models import F, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import Shown, record_shown
from peacekeeper.access.classification import Role
from peacekeeper.core.errors import Conflict, NotAllowed
from peacekeeper.events.taxonomy import get_category
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.names import at_place
from peacekeeper.watch.models import Alert, Ccir
from peacekeeper.watch.signals import announce_alerts_changed

# Who works the watch floor: they get the alert banner on every page and may acknowledge.
WATCH_FLOOR_ROLES = frozenset({Role.WATCHKEEPER, Role.ANALYST, Role.ADMIN})

_RELATED = ("report", "report__area", "ccir", "label", "acknowledged_by")


def on_watch_floor(user: User | AnonymousUser | None) -> bool:
    return policy.subject_for(user).active and policy.holds_role(user, WATCH_FLOOR_ROLES)


def visible_alerts(user: User | AnonymousUser | None) -> QuerySet[Alert]:
    """The alerts this reader may see: their label, their report's current label and their CCIR's label
    all visible. The report's own label is asked too, not only the copy the alert carries: that copy is
    brought up to date by the matcher after the relabel's commit (`matching`), and until then it may
    still be the report's old, wider label."""
    labels = policy.visible_label_ids(user)
    return policy.visible(Alert.objects.all(), user).filter(
        report__label_id__in=labels, ccir__label_id__in=labels
    )


def alerts_visible_with(labels: frozenset[int] | list[int]) -> QuerySet[Alert]:
    """The same filter for a reader known by their visible label ids (the live stream's)."""
    labels = list(labels)
    return Alert.objects.filter(label_id__in=labels, report__label_id__in=labels, ccir__label_id__in=labels)


def newest_first(alerts: QuerySet[Alert]) -> QuerySet[Alert]:
    """The order the floor reads open alerts in: escalated first, then newest (nulls last on every
    engine: PostgreSQL would put the never-escalated first on a plain descending order)."""
    return alerts.order_by(F("escalated_at").desc(nulls_last=True), "-raised_at", "-id")


def open_alerts(user: User | AnonymousUser | None) -> list[Alert]:
    """Alerts the floor has not acknowledged, as this reader may see them, newest first (escalated first)."""
    rows = visible_alerts(user).filter(announced=True, acknowledged_at__isnull=True).select_related(*_RELATED)
    return list(newest_first(rows)[:200])


def recent_alerts(user: User | AnonymousUser | None, *, hours: int = 24) -> list[Alert]:
    since = timezone.now() - timedelta(hours=hours)
    rows = visible_alerts(user).filter(announced=True, raised_at__gte=since).select_related(*_RELATED)
    return list(rows[:200])


def sigevent_ccirs(user: User | AnonymousUser | None, report_ids: list[int]) -> dict[int, list[Ccir]]:
    """Of these reports, those that are SIGEVENTs for this reader: report id → the CCIRs matched that the
    reader may see (with their labels)."""
    if not report_ids:
        return {}
    found: dict[int, list[Ccir]] = {}
    rows = visible_alerts(user).filter(report_id__in=report_ids).select_related("ccir", "ccir__label")
    for alert in rows.order_by("ccir__title"):
        found.setdefault(alert.report_id, []).append(alert.ccir)
    return found


def shown_alerts(alerts: list[Alert]) -> list[Shown]:
    """What the audit records of alerts shown: each shows its report (category, place, time)."""
    return [
        Shown("events.eventreport", str(a.report_id), a.label_id, a.label.marking, a.label.classification)
        for a in alerts
    ]


def audit_shown(user: User, alerts: list[Alert], *, detail: str) -> None:
    record_shown(user=user, shown=shown_alerts(alerts), detail=detail)


def acknowledge(*, user: User, alert_id: int) -> Alert:
    """The named user acknowledges an alert they may see (hidden and missing answer alike: Http404). An
    alert flagged only (`announced` False: never on the banner) is refused with a Conflict, as is one
    already acknowledged."""
    if not on_watch_floor(user) or not policy.can_edit(user):
        raise NotAllowed("only the watch floor (watchkeepers, analysts, administrators) acknowledges alerts")
    with transaction.atomic():
        alert = visible_alerts(user).select_for_update().filter(pk=alert_id).first()
        if alert is None:
            raise Http404("No alert matches the given query.")
        if not alert.announced:
            # Flagged only (the report occurred long before it was matched): the report page and the
            # handover show it as a SIGEVENT, so it is no secret, but there is nothing to acknowledge.
            raise Conflict("this alert was never raised on the floor")
        if alert.acknowledged_at is not None:
            who = alert.acknowledged_by
            name = display_name(who) if who is not None else "someone"
            raise Conflict(f"this alert was acknowledged by {name} at {format_dtg(alert.acknowledged_at)}")
        alert.acknowledged_by = user
        alert.acknowledged_at = timezone.now()
        alert.save(update_fields=["acknowledged_by", "acknowledged_at"])
        announce_alerts_changed()
    return Alert.objects.select_related(*_RELATED).get(pk=alert.pk)


def escalate_due(*, now=None) -> int:
    """Escalate every open alert older than `ALERT_ESCALATE_MINUTES`: marked once, seen by all its readers.
    One indexed UPDATE; returns how many were escalated (the caller announces them)."""
    now = now or timezone.now()
    cutoff = now - timedelta(minutes=settings.ALERT_ESCALATE_MINUTES)
    due = Alert.objects.filter(
        announced=True, acknowledged_at__isnull=True, escalated_at__isnull=True, raised_at__lte=cutoff
    )
    # Read first: the live stream asks every few seconds, and on SQLite an UPDATE takes the write lock even
    # when it changes nothing.
    if not due.exists():
        return 0
    count = due.update(escalated_at=now)
    if count:
        announce_alerts_changed()
    return count


def display_name(user: User) -> str:
    return user.get_full_name() or user.get_username()


def alert_dict(alert: Alert) -> dict:
    """An alert as its readers see it (the banner, the API, the stream); the same for all of them."""
    report = alert.report
    category = get_category(report.category)
    place = report.location_name or (report.area.name_en if report.area_id else "")
    state = "acknowledged" if alert.acknowledged_at else ("escalated" if alert.escalated_at else "open")
    return {
        "id": alert.pk,
        "state": state,
        "ccir_id": alert.ccir_id,
        "ccir_title": alert.ccir.title,
        "report_id": alert.report_id,
        "report_url": reverse("events:detail", args=[alert.report_id]),
        "category_label": category.label,
        "location": place,
        "where": at_place(place),
        "occurred_dtg": format_dtg(report.occurred_at),
        "raised_at": alert.raised_at,
        "raised_dtg": format_dtg(alert.raised_at),
        "escalated_at": alert.escalated_at,
        "acknowledged_by": display_name(alert.acknowledged_by) if alert.acknowledged_by_id else None,
        "acknowledged_at": alert.acknowledged_at,
        "acknowledged_dtg": format_dtg(alert.acknowledged_at) if alert.acknowledged_at else None,
        "marking": alert.label.marking,
        "exercise": report.exercise,
    }
