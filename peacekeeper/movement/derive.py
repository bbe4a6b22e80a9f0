"""Restrictions derived from validated freedom-of-movement reports (a receiver of `reports_changed`).

A counted (validated or published) report of category fom.roadblock closes the segments, crossings and
bridges near it (see network.py for "near"); a counted fom.restriction or fom.crossing_incident restricts
them. The restriction starts when the report says the event occurred and carries the report's release
label. It ends when a watchkeeper lifts it by hand, or expires: a closure REPORT_LIFETIME[closed] after its
report, a restriction REPORT_LIFETIME[restricted] after it, unless a newer report renews it (each new
report is a restriction of its own, so the element stays closed while reports keep coming).

A report that stops counting (rejected, or corrected and back in review) takes its restriction with it;
re-validated, it is derived again where it now lies. A hand lift survives re-derivation of the same report.
Every counted FoM report is in the restrictions log, also when it lies near no road.
"""

from collections.abc import Iterable
from datetime import timedelta

from django.db import transaction

from peacekeeper.events.models import COUNTED_STATUSES, ActorType, EventReport
from peacekeeper.events.signals import lock_derived_state
from peacekeeper.events.taxonomy import get_category
from peacekeeper.movement.models import Movement, Restriction
from peacekeeper.movement.network import Network, current_network

FOM_CATEGORIES = ("fom.roadblock", "fom.restriction", "fom.crossing_incident")
CLOSING_CATEGORIES = ("fom.roadblock",)
REPORT_LIFETIME = {Movement.CLOSED: timedelta(hours=24), Movement.RESTRICTED: timedelta(hours=12)}
CHUNK = 2000

_FIELDS = (
    "status", "cause", "restricted_party", "restricted_by", "location_name", "lat", "lon", "started_at",
    "expires_at", "ends_at", "label_id", "recorded_by_id", "exercise",
)  # fmt: skip


def _counted(queryset):
    return queryset.filter(category__in=FOM_CATEGORIES, status__in=COUNTED_STATUSES)


def _actor(name: str, kind: int) -> str:
    if name:
        return name
    return ActorType(kind).label if kind else ""


def _values(report: EventReport) -> dict:
    status = Movement.CLOSED if report.category in CLOSING_CATEGORIES else Movement.RESTRICTED
    cause = get_category(report.category).label
    if report.location_name:
        cause += f" — {report.location_name}"
    party = _actor(report.actor2, report.inter2) or ("all traffic" if status == Movement.CLOSED else "")
    return {
        "status": status,
        "cause": cause[:300],
        "restricted_party": party[:200],
        "restricted_by": _actor(report.actor1, report.inter1)[:200],
        "location_name": report.location_name,
        "lat": report.lat,
        "lon": report.lon,
        "started_at": report.occurred_at,
        "expires_at": report.occurred_at + REPORT_LIFETIME[status],
        "label_id": report.label_id,
        "recorded_by_id": report.validated_by_id or report.author_id,
        "exercise": report.exercise,
    }


def _link(network: Network, rows: list[tuple[Restriction, set[int], set[tuple[str, int]]]]) -> None:
    """Replace the elements of each restriction (one bulk insert per relation)."""
    ids = [restriction.pk for restriction, _, _ in rows]
    relations = {
        "segments": Restriction.segments.through,
        "crossings": Restriction.crossings.through,
        "bridges": Restriction.bridges.through,
    }
    for through in relations.values():
        through.objects.filter(restriction_id__in=ids).delete()
    links = {name: [] for name in relations}
    for restriction, segments, points in rows:
        links["segments"] += [
            Restriction.segments.through(restriction_id=restriction.pk, roadsegment_id=pk) for pk in segments
        ]
        for kind, pk in points:
            if kind == "crossing":
                links["crossings"].append(
                    Restriction.crossings.through(restriction_id=restriction.pk, crossingpoint_id=pk)
                )
            else:
                links["bridges"].append(
                    Restriction.bridges.through(restriction_id=restriction.pk, site_id=pk)
                )
    for name, through in relations.items():
        through.objects.bulk_create(links[name])


def _derive(network: Network, reports: list[EventReport]) -> None:
    existing = {r.report_id: r for r in Restriction.objects.filter(report__in=[r.pk for r in reports])}
    near = network.near([r.lat for r in reports], [r.lon for r in reports])
    created, updated, rows = [], [], []
    for report, (segments, points) in zip(reports, near, strict=True):
        values = _values(report)
        restriction = existing.get(report.pk)
        if restriction is None:
            restriction = Restriction(report=report, origin=Restriction.Origin.REPORT, **values)
            restriction.set_end()
            created.append(restriction)
        else:
            for name, value in values.items():
                setattr(restriction, name, value)
            restriction.set_end()
            updated.append(restriction)
        rows.append((restriction, segments, points))
    Restriction.objects.bulk_create(created)
    if updated:
        Restriction.objects.bulk_update(
            updated, [name for name in _FIELDS if name != "ends_at"] + ["ends_at"]
        )
    if not all(restriction.pk for restriction, _, _ in rows):
        # Backends that do not return ids from a bulk insert: read them back by report.
        ids = dict(Restriction.objects.filter(report__in=reports).values_list("report_id", "pk"))
        for restriction, _, _ in rows:
            restriction.pk = ids[restriction.report_id]
    _link(network, rows)


def sync_reports(report_ids: Iterable[int] | None) -> None:
    """Bring the derived restrictions in line with these reports (None: with every report)."""
    network = current_network()
    with transaction.atomic():
        lock_derived_state()
        if report_ids is None:
            reports = _counted(EventReport.objects.all())
            Restriction.objects.filter(origin=Restriction.Origin.REPORT).exclude(
                report__in=reports.values("pk")
            ).delete()
        else:
            ids = list(report_ids)
            Restriction.objects.filter(report__in=ids).exclude(
                report__in=_counted(EventReport.objects.filter(pk__in=ids)).values("pk")
            ).delete()
            reports = _counted(EventReport.objects.filter(pk__in=ids))
        batch: list[EventReport] = []
        for report in reports.order_by("pk").iterator(chunk_size=CHUNK):
            batch.append(report)
            if len(batch) == CHUNK:
                _derive(network, batch)
                batch = []
        if batch:
            _derive(network, batch)


def on_reports_changed(sender, report_ids: list[int] | None = None, **kwargs) -> None:
    # Sent after the report's own transaction committed, so a failure cannot undo the validation; it is
    # raised to the outbox (events.signals), which logs it and delivers the change again later.
    sync_reports(report_ids)
