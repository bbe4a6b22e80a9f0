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
from operator import itemgetter

from django.db import transaction
from django.utils import timezone

from peacekeeper.core.bulk import OneOf, insert_rows
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
# What is read of a report (as named rows, not model instances: a rebuild reads thousands).
_REPORT_COLUMNS = (
    "id", "category", "location_name", "actor1", "inter1", "actor2", "inter2", "lat", "lon", "occurred_at",
    "label_id", "validated_by_id", "author_id", "exercise",
)  # fmt: skip
_NEW_COLUMNS = (
    *_FIELDS,
    "origin",
    "report_id",
    "lifted_at",
    "lifted_by_id",
    "lift_note",
    "recorded_at",
    "note",
)

_new_values = itemgetter(*_NEW_COLUMNS)


def _counted(queryset):
    return queryset.filter(category__in=FOM_CATEGORIES, status__in=COUNTED_STATUSES)


def _actor(name: str, kind: int) -> str:
    if name:
        return name
    return ActorType(kind).label if kind else ""


def _values(report) -> dict:
    """The restriction's fields from a row of _REPORT_COLUMNS."""
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


def _link(rows: list[tuple[int, set[int], set[tuple[str, int]]]], *, had_links: list[int]) -> None:
    """Replace the elements of each restriction (by id): one delete (of those of had_links, the restrictions
    that existed before this derivation) and one insert per relation."""
    relations = {
        "segments": (Restriction.segments.through, "roadsegment_id"),
        "crossing": (Restriction.crossings.through, "crossingpoint_id"),
        "bridge": (Restriction.bridges.through, "site_id"),
    }
    links: dict[str, list[tuple[int, int]]] = {name: [] for name in relations}
    for restriction_id, segments, points in rows:
        links["segments"] += [(restriction_id, pk) for pk in segments]
        for kind, pk in points:
            links["crossing" if kind == "crossing" else "bridge"].append((restriction_id, pk))
    for name, (through, column) in relations.items():
        if had_links:
            through.objects.filter(OneOf("restriction_id", had_links)).delete()
        insert_rows(through, ("restriction_id", column), links[name])


def _derive(network: Network, reports: list) -> None:
    """Create or update the restrictions of these reports (rows of _REPORT_COLUMNS) and their elements."""
    ids = [report.id for report in reports]
    of_reports = Restriction.objects.filter(OneOf("report_id", ids)).order_by()
    existing = {restriction.report_id: restriction for restriction in of_reports}
    near = network.near([r.lat for r in reports], [r.lon for r in reports])
    now = timezone.now()
    created, updated = [], []
    for report in reports:
        values = _values(report)
        restriction = existing.get(report.id)
        if restriction is None:
            # Not lifted: it ends when it expires (Restriction.set_end).
            values["ends_at"] = values["expires_at"]
            extra = {"origin": Restriction.Origin.REPORT, "report_id": report.id, "lifted_at": None}
            extra |= {"lifted_by_id": None, "lift_note": "", "recorded_at": now, "note": ""}
            created.append(_new_values(values | extra))
        else:
            changed = any(getattr(restriction, name) != value for name, value in values.items())
            ends_at = restriction.ends_at
            for name, value in values.items():
                setattr(restriction, name, value)
            restriction.set_end()
            # Only those that change are written: re-deriving thousands that did not writes nothing.
            if changed or restriction.ends_at != ends_at:
                updated.append(restriction)
    insert_rows(Restriction, _NEW_COLUMNS, created)
    if updated:
        Restriction.objects.bulk_update(
            updated, [name for name in _FIELDS if name != "ends_at"] + ["ends_at"]
        )
    if created:
        restriction_of = dict(of_reports.values_list("report_id", "pk"))
    else:
        restriction_of = {report_id: restriction.pk for report_id, restriction in existing.items()}
    _link(
        [
            (restriction_of[r.id], segments, points)
            for r, (segments, points) in zip(reports, near, strict=True)
        ],
        had_links=[restriction.pk for restriction in existing.values()],
    )


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
        batch: list = []
        rows = reports.order_by("pk").values_list(*_REPORT_COLUMNS, named=True)
        for report in rows.iterator(chunk_size=CHUNK):
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
