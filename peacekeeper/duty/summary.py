"""A shift's handover summary, for one reader: computed from the data until handover, kept from then on.

Sections: the SIGEVENTs of the shift (reports whose alerts were raised in it), the open actions, the
freedom-of-movement restrictions in force, the alerts not acknowledged, and the threat-level changes
between the shift's start and its end (or now).

Releasability. Each line is labelled as the record it shows, and a line that also names another labelled
record carries that label too (`also_labels`): an alert's CCIR, a restriction's bridges (Sites, releasable on
their own), and, for a kept action line, its subject as it stands at handover (the report; the alert and its
CCIR; every report of the incident). A reader sees a line only when they may see all its labels. Before
handover every section is read through the policy for the reader
(`summary_for`). At handover the lines are computed for every record, each kept as a `HandoverItem` under
its record's label (`keep_summary`): so what was handed over does not change when the records do, and each
later reader sees of it exactly the lines released to them (`kept_summary_for`, through the policy).

Threat levels are figures derived from the reports a reader may see, so they are never kept for everyone:
the level section is computed for each reader from the assessment at the shift's start and end, its labels
(those of the cells and overrides behind it) raising the page's banner.
"""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from peacekeeper.access import policy
from peacekeeper.access.audit import Shown
from peacekeeper.access.models import ReleaseLabel
from peacekeeper.assessment.assessing import assess
from peacekeeper.duty.actions import overdue, visible_actions, visible_alerts, with_people
from peacekeeper.duty.models import Action, HandoverItem, Shift
from peacekeeper.events.models import EventReport
from peacekeeper.events.taxonomy import get_category
from peacekeeper.movement.models import Restriction
from peacekeeper.movement.presenting import summary as restriction_summary
from peacekeeper.movement.states import in_force, visible_bridges, visible_restrictions
from peacekeeper.theatre.dtg import format_dtg
from peacekeeper.theatre.models import RoadSegment, Site
from peacekeeper.watch.models import Alert

Kind = HandoverItem.Kind
SECTIONS = (Kind.SIGEVENT, Kind.ACTION, Kind.RESTRICTION, Kind.ALERT, Kind.LEVEL)
EMPTY = {
    Kind.SIGEVENT: "No SIGEVENT in this shift that you may see.",
    Kind.ACTION: "No open action that you may see.",
    Kind.RESTRICTION: "No restriction in force that you may see.",
    Kind.ALERT: "Every alert you may see is acknowledged.",
    Kind.LEVEL: "No municipality's threat level changed in this shift (as the assessment shows it to you).",
}


@dataclass(frozen=True)
class Line:
    kind: str
    record_type: str
    record_id: str
    content: dict
    label: ReleaseLabel | None  # None for derived figures (threat levels), which carry `labels` instead
    also_labels: tuple[ReleaseLabel, ...] = ()

    @property
    def labels(self) -> list[ReleaseLabel]:
        return [*([self.label] if self.label else []), *self.also_labels]

    def shown(self) -> list[Shown]:
        if self.label is None:
            return []
        return [
            Shown(
                self.record_type, self.record_id, self.label.pk, self.label.marking, self.label.classification
            )
        ]


@dataclass
class Summary:
    shift: Shift
    until: datetime
    kept: bool
    sections: dict[str, list[Line]] = field(default_factory=dict)
    extra_labels: list[ReleaseLabel] = field(default_factory=list)  # behind derived figures

    @property
    def labels(self) -> list[ReleaseLabel]:
        return [label for lines in self.sections.values() for line in lines for label in line.labels] + list(
            self.extra_labels
        )

    def shown(self) -> list[Shown]:
        return [item for lines in self.sections.values() for line in lines for item in line.shown()]


def _dtg(moment: datetime | None) -> str:
    return format_dtg(moment) if moment is not None else ""


def _name(user: User | None) -> str:
    return (user.get_full_name() or user.username) if user is not None else "the system"


def _sigevents(alerts: QuerySet[Alert], start: datetime, end: datetime) -> list[Line]:
    # Alerts raised on the floor: a match only flagged (an old report matched by a rebuild, the demo's
    # derive at start) was never a SIGEVENT of this shift.
    rows = alerts.filter(raised_at__gte=start, raised_at__lt=end, announced=True).select_related(
        "label", "ccir__label", "report__area", "acknowledged_by"
    )
    lines = []
    for alert in rows.order_by("raised_at", "id"):
        report = alert.report
        lines.append(
            Line(
                kind=Kind.SIGEVENT,
                record_type="watch.alert",
                record_id=str(alert.pk),
                content={
                    "report_id": report.pk,
                    "dtg": _dtg(report.occurred_at),
                    "what": get_category(report.category).label,
                    "where": report.location_name or (report.area.name_en if report.area else ""),
                    "fatalities": report.fatalities,
                    "ccir": alert.ccir.title,
                    "raised": _dtg(alert.raised_at),
                    "acknowledged": (
                        f"{_name(alert.acknowledged_by)} {_dtg(alert.acknowledged_at)}"
                        if alert.acknowledged_at
                        else ""
                    ),
                },
                label=alert.label,
                also_labels=(alert.ccir.label,),
            )
        )
    return lines


def _unique(labels) -> tuple[ReleaseLabel, ...]:
    """The labels once each, in order."""
    by_pk: dict[int, ReleaseLabel] = {}
    for label in labels:
        by_pk.setdefault(label.pk, label)
    return tuple(by_pk.values())


def _subject_labels(action: Action) -> tuple[ReleaseLabel, ...]:
    """The labels of what an action's line names (its subject), as they stand now: the report's; the
    alert's and its CCIR's (the line gives the CCIR's title and the alert's report); every report of the
    incident (the line names the incident, which a reader knows through its reports: all of them, the
    safe side)."""
    if action.report_id:
        return (action.report.label,)
    if action.incident_id:
        return _unique(report.label for report in action.incident.report_list)
    return (action.alert.label, action.alert.ccir.label)


def _subject_text(action: Action) -> dict:
    if action.report_id:
        return {"subject": f"report {action.report_id}", "report_id": action.report_id}
    if action.incident_id:
        return {"subject": f"incident {action.incident_id}", "report_id": None}
    return {
        "subject": f"alert {action.alert_id} ({action.alert.ccir.title})",
        "report_id": action.alert.report_id,
    }


def _open_actions(actions: QuerySet[Action], at: datetime, *, keeping: bool = False) -> list[Line]:
    """The open actions' lines. Read for a reader (`visible_actions`), a line is labelled as its action, whose
    subject the reader sees. Kept for every reader (`keeping`), it also carries its subject's labels as they
    stand at handover (`_subject_labels`): the subject may have been narrowed since the action was opened."""
    rows = with_people(actions.filter(state=Action.State.OPEN)).order_by("due_at", "id")
    if keeping:
        rows = rows.select_related("report__label", "alert__label", "alert__ccir__label").prefetch_related(
            Prefetch(
                "incident__reports",
                queryset=EventReport.objects.select_related("label").order_by("pk"),
                to_attr="report_list",
            )
        )
        # An incident exists for a reader who sees two of its reports: one left with fewer is seen by
        # nobody, and so is an action on it (`visible_actions`); such a line is not kept.
        rows = [row for row in rows if not row.incident_id or len(row.incident.report_list) >= 2]
    return [
        Line(
            kind=Kind.ACTION,
            record_type="duty.action",
            record_id=str(action.pk),
            content={
                "action_id": action.pk,
                "text": action.text,
                "owner": _name(action.owner),
                "due": _dtg(action.due_at),
                "overdue": overdue(action, at),
                "opened_by": _name(action.created_by),
                **_subject_text(action),
            },
            label=action.label,
            also_labels=_unique(_subject_labels(action)) if keeping else (),
        )
        for action in rows
    ]


def _restrictions(restrictions: QuerySet[Restriction], bridges: QuerySet, at: datetime) -> list[Line]:
    """The lines of the restrictions in force, each naming the `bridges` among its elements and carrying
    their labels (`also_labels`). Read for a reader, `bridges` are those they see (`visible_bridges`) and
    `visible_restrictions` has left out a restriction whose only elements are hidden bridges. Kept for every
    reader, `bridges` are all of them, so a line is seen only by a reader who may see every bridge it names.
    A restriction on a hidden bridge and on a road segment or crossing the reader sees is then hidden whole
    from them, where the page computed for them would show it without the bridge: the safe side, since a kept
    line is one text and cannot leave out the bridge for one reader."""
    rows = (
        in_force(restrictions, at)
        .select_related("label")
        .prefetch_related(
            Prefetch(
                "segments",
                queryset=RoadSegment.objects.select_related("start", "end"),
                to_attr="segment_list",
            ),
            Prefetch("crossings", to_attr="crossing_list"),
            Prefetch("bridges", queryset=bridges.select_related("label"), to_attr="bridge_list"),
        )
        .order_by("started_at", "id")
    )
    return [
        Line(
            kind=Kind.RESTRICTION,
            record_type="movement.restriction",
            record_id=str(row.pk),
            content={
                "status": row.status,
                "summary": restriction_summary(row, at),
                "cause": row.cause,
                "since": _dtg(row.started_at),
                "report_id": row.report_id,
            },
            label=row.label,
            also_labels=_unique(bridge.label for bridge in row.bridge_list),
        )
        for row in rows
    ]


def _unacknowledged(alerts: QuerySet[Alert], at: datetime) -> list[Line]:
    rows = alerts.filter(announced=True, acknowledged_at__isnull=True, raised_at__lte=at).select_related(
        "label", "ccir__label", "report"
    )
    return [
        Line(
            kind=Kind.ALERT,
            record_type="watch.alert",
            record_id=str(alert.pk),
            content={
                "report_id": alert.report_id,
                "ccir": alert.ccir.title,
                "raised": _dtg(alert.raised_at),
                "escalated": _dtg(alert.escalated_at),
                "what": get_category(alert.report.category).label,
            },
            label=alert.label,
            also_labels=(alert.ccir.label,),
        )
        for alert in rows.order_by("raised_at", "id")
    ]


def _level_changes(user: User | AnonymousUser, start: datetime, until: datetime) -> tuple[list[Line], list]:
    """The municipalities whose level (computed, or an analyst's override) differs at `until` from `start`,
    as the assessment shows them to this reader; and the labels behind both assessments."""
    if not policy.visible_label_ids(user):
        return [], []  # nothing they may see: no figure (the assessment cannot read an empty span)
    before, _ = assess(user=user, at=start)
    after, _ = assess(user=user, at=until)
    levels = {area.area_id: area for area in before.areas}
    lines = []
    for area in after.areas:
        was = levels.get(area.area_id)
        if was is None or was.level == area.level:
            continue
        why = "analyst's override" if area.override is not None else "computed"
        lines.append(
            Line(
                kind=Kind.LEVEL,
                record_type="theatre.area",
                record_id=str(area.area_id),
                content={"area": area.name, "from": was.level, "to": area.level, "why": why},
                label=None,
            )
        )
    label_ids = before.label_ids | after.label_ids
    return lines, list(ReleaseLabel.objects.filter(pk__in=label_ids)) if label_ids else []


def _until(shift: Shift, at: datetime) -> datetime:
    return min(shift.ends_at, at)


def summary_for(*, shift: Shift, user: User | AnonymousUser, at: datetime | None = None) -> Summary:
    """The summary of a shift as one reader may see it: kept lines once handed over, else computed now."""
    at = at or timezone.now()
    if shift.handed_over:
        return kept_summary_for(shift=shift, user=user)
    until = _until(shift, at)
    alerts = visible_alerts(user)
    summary = Summary(shift=shift, until=until, kept=False)
    summary.sections = {
        Kind.SIGEVENT: _sigevents(alerts, shift.starts_at, until),
        Kind.ACTION: _open_actions(visible_actions(user), at),
        Kind.RESTRICTION: _restrictions(visible_restrictions(user), visible_bridges(user), at),
        Kind.ALERT: _unacknowledged(alerts, at),
    }
    summary.sections[Kind.LEVEL], summary.extra_labels = _level_changes(user, shift.starts_at, until)
    return summary


def _every_line(shift: Shift, at: datetime) -> list[Line]:
    """Every line of every record, whoever may see it (each keeps its labels): for keeping only."""
    until = _until(shift, at)
    alerts = Alert.objects.all()
    bridges = Site.objects.filter(kind=Site.Kind.BRIDGE)
    return [
        *_sigevents(alerts, shift.starts_at, until),
        *_open_actions(Action.objects.all(), at, keeping=True),
        *_restrictions(Restriction.objects.all(), bridges, at),
        *_unacknowledged(alerts, at),
    ]


def keep_summary(*, shift: Shift, at: datetime) -> int:
    """Keep the shift's summary as it stands at `at` (inside the handover's transaction)."""
    items = [
        HandoverItem(
            shift=shift,
            kind=line.kind,
            record_type=line.record_type,
            record_id=line.record_id,
            content={**line.content, "also_labels": [label.pk for label in line.also_labels]},
            label=line.label,
            position=position,
        )
        for position, line in enumerate(_every_line(shift, at))
    ]
    HandoverItem.objects.bulk_create(items)
    return len(items)


def kept_summary_for(*, shift: Shift, user: User | AnonymousUser) -> Summary:
    """The kept lines this reader may see: their label, and every other label they name."""
    seen = set(policy.visible_label_ids(user))
    items = policy.visible(shift.items.all(), user).select_related("label")
    also = {pk for item in items for pk in item.content.get("also_labels", ())}
    also_labels = {label.pk: label for label in ReleaseLabel.objects.filter(pk__in=also)}
    summary = Summary(shift=shift, until=shift.handed_over_at, kept=True)
    summary.sections = {kind: [] for kind in SECTIONS}
    for item in items:
        named = item.content.get("also_labels", ())
        if not all(pk in seen for pk in named):
            continue
        content = {key: value for key, value in item.content.items() if key != "also_labels"}
        summary.sections[item.kind].append(
            Line(
                kind=item.kind,
                record_type="duty.handoveritem",
                record_id=str(item.pk),
                content=content,
                label=item.label,
                also_labels=tuple(also_labels[pk] for pk in named),
            )
        )
    start, until = shift.starts_at, _until(shift, shift.handed_over_at)
    summary.sections[Kind.LEVEL], summary.extra_labels = _level_changes(user, start, until)
    return summary
