"""The SIGEVENT flag on the log's rows and the report page, and the report page's SIGEVENT section:
registered with `events.extensions` (the log does not import watch). Both read through the policy: a
reader sees the flag only for a CCIR match whose alert they may see (report and CCIR both visible)."""

from django.contrib.auth.models import AnonymousUser, User
from django.http import HttpRequest

from peacekeeper.events.extensions import ReportMark, ReportSection
from peacekeeper.events.models import EventReport
from peacekeeper.watch.alerts import alert_dict, audit_shown, sigevent_ccirs, visible_alerts


def sigevent_marks(user: User | AnonymousUser, report_ids: list[int]) -> dict[int, list[ReportMark]]:
    return {
        report_id: [
            ReportMark(
                "SIGEVENT",
                "Significant event: matches " + "; ".join(ccir.title for ccir in ccirs),
                "sigevent",
                labels=tuple(ccir.label for ccir in ccirs),
            )
        ]
        for report_id, ccirs in sigevent_ccirs(user, report_ids).items()
    }


def sigevent_section(request: HttpRequest, event: EventReport) -> ReportSection | None:
    alerts = list(
        visible_alerts(request.user)
        .filter(report=event)
        .select_related("report", "report__area", "ccir", "ccir__label", "label", "acknowledged_by")
        .order_by("raised_at", "id")
    )
    if not alerts:
        return None
    audit_shown(request.user, alerts, detail="report page: SIGEVENT alerts")
    labels = tuple({label.pk: label for a in alerts for label in (a.label, a.ccir.label)}.values())
    return ReportSection(
        template="watch/partials/report_sigevent.html",
        context={"alerts": [alert_dict(a) | {"announced": a.announced} for a in alerts]},
        labels=labels,
    )
