"""The watch floor's alerts on the live stream: part of the hub's one look per tick (`live.Lookout`).

A stream opened with `alerts=true` (the banner on every watch-floor page, `watch/static/watch/alerts.js`)
is sent `event: alert` messages: at its first look every open alert its reader may see, then each alert
whose state changed (raised, escalated, acknowledged) since. An alert goes only to a reader who may see
its label (its report's), its report's current label and its CCIR's (`watch.alerts.alerts_visible_with`:
the alert's copy of the label may lag a relabel until the matcher has run); each delivery shows
its report and is audited with the look's other deliveries.

The look also escalates (`watch.alerts.escalate_due`, one indexed UPDATE at most every
ESCALATE_CHECK_SECONDS per process): escalation needs no one to write, only time to pass. Alerts are
read only when something may have changed (the look's own test, as for reports), when this look
escalated some, or when a stream has not had its first alerts yet: two small queries, the open alerts
and those acknowledged since the oldest stream's last look (less the overlap).
"""

import time
from datetime import datetime

import orjson

from peacekeeper.access.audit import Shown
from peacekeeper.watch.alerts import alert_dict, escalate_due, newest_first, shown_alerts
from peacekeeper.watch.models import Alert

ESCALATE_CHECK_SECONDS = 10.0
# The most open alerts (and the most acknowledged since the last look) one look reads.
READ_LIMIT = 500
_RELATED = ("report", "report__area", "ccir", "label", "acknowledged_by")


class AlertLook:
    def __init__(self) -> None:
        self._escalation_checked = 0.0

    def escalate(self) -> bool:
        """Escalate what is due, at most every ESCALATE_CHECK_SECONDS; whether any was."""
        if time.monotonic() - self._escalation_checked < ESCALATE_CHECK_SECONDS:
            return False
        self._escalation_checked = time.monotonic()
        return escalate_due() > 0

    @staticmethod
    def read(since: datetime) -> list[Alert]:
        """The open alerts (announced, not acknowledged) and those acknowledged after `since`, at most
        READ_LIMIT of each: the open ones in the order `watch.alerts.open_alerts` gives them (escalated
        first, then newest), those acknowledged newest first, so that the limit drops the oldest."""
        open_alerts = newest_first(Alert.objects.filter(announced=True, acknowledged_at__isnull=True))
        acknowledged = Alert.objects.filter(announced=True, acknowledged_at__gt=since).order_by(
            "-acknowledged_at", "-id"
        )
        found = {}
        for queryset in (open_alerts, acknowledged):
            for alert in queryset.select_related(*_RELATED)[:READ_LIMIT]:
                found[alert.pk] = alert
        return list(found.values())


def label_ids(alerts: list[Alert]) -> set[int]:
    return {
        label_id
        for alert in alerts
        for label_id in (alert.label_id, alert.report.label_id, alert.ccir.label_id)
    }


def for_reader(alerts: list[Alert], visible: frozenset[int], sent: dict[int, str]) -> list[Alert]:
    """The alerts to send one stream: visible to its reader (the alert's label, its report's current
    label and its CCIR's, as `watch.alerts.alerts_visible_with`), in a state not sent to it yet. An
    acknowledged alert is sent only to a stream that was sent it open (a newly opened page needs no
    news of what was acknowledged before it opened)."""
    new = []
    for alert in alerts:
        if not {alert.label_id, alert.report.label_id, alert.ccir.label_id} <= visible:
            continue
        state = _state(alert)
        if sent.get(alert.pk) == state or (state == "acknowledged" and alert.pk not in sent):
            continue
        new.append(alert)
    return new


def _state(alert: Alert) -> str:
    return "acknowledged" if alert.acknowledged_at else ("escalated" if alert.escalated_at else "open")


def shown(alerts: list[Alert]) -> list[Shown]:
    return shown_alerts(alerts)


def message(alert: Alert) -> tuple[int, str, bytes]:
    data = orjson.dumps(alert_dict(alert))
    return alert.pk, _state(alert), b"event: alert\ndata: " + data + b"\n\n"
