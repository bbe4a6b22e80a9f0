"""Keeping the day cells equal to the counted reports: a full rebuild, and the update after reports change.

The update recomputes whole (area, day) cells from the ledger rather than adding and subtracting deltas:
a report that is corrected, moved to another area or day, relabelled or rejected leaves its old cell and
enters its new one, and recomputing both from the ledger cannot drift. Tests hold incremental == rebuild.
"""

from collections.abc import Iterable, Sequence
from datetime import UTC, date

from django.db import connection, transaction
from django.db.models import F, QuerySet
from django.db.models.functions import TruncDate

from peacekeeper.assessment import proximity
from peacekeeper.assessment.models import CountedReport, DayCell
from peacekeeper.core.bulk import batched, insert_rows
from peacekeeper.events.models import COUNTED_STATUSES, EventReport
from peacekeeper.events.signals import lock_derived_state

LEDGER_COLUMNS = [
    "report_id",
    "area_id",
    "day",
    "category",
    "label_id",
    "severity",
    "fatalities",
    "near_protected_site",
    "near_crossing",
]
_CHUNK = 50_000
# Cells recomputed per statement: keeps the OR of (area, day) pairs well inside SQLite's parameter limit.
_PAIRS_PER_STATEMENT = 200


def counted_reports() -> QuerySet[EventReport]:
    """Reports the assessment counts: validated or published, inside an area."""
    return EventReport.objects.filter(status__in=COUNTED_STATUSES, area__isnull=False)


def _ledger_values(reports: QuerySet[EventReport]):
    fatalities = F("killed_civilians") + F("killed_police") + F("killed_force") + F("killed_other")
    return (
        reports.order_by()
        .annotate(utc_day=TruncDate("occurred_at", tzinfo=UTC), fatality_count=fatalities)
        .values_list(
            "id", "area_id", "utc_day", "category", "label_id", "severity", "fatality_count", "lat", "lon"
        )
    )


def _write_ledger(rows: Sequence[tuple], targets: proximity.Targets) -> set[tuple[int, date]]:
    """Insert ledger rows for report value tuples; returns the (area, day) cells they fall in."""
    if not rows:
        return set()
    near_site, near_crossing = proximity.flags([r[7] for r in rows], [r[8] for r in rows], targets)
    insert_rows(
        CountedReport,
        LEDGER_COLUMNS,
        [
            (rid, area, day.isoformat(), category, label, severity, fatal, bool(site), bool(crossing))
            for (rid, area, day, category, label, severity, fatal, _, _), site, crossing in zip(
                rows, near_site.tolist(), near_crossing.tolist(), strict=True
            )
        ],
    )
    return {(row[1], row[2]) for row in rows}


_CELL_SUMS = (
    "SELECT area_id, day, category, label_id, COUNT(*), SUM(severity), "
    "SUM(CASE WHEN severity >= 4 THEN 1 ELSE 0 END), SUM(fatalities), "
    "SUM(CASE WHEN near_protected_site THEN 1 ELSE 0 END), SUM(CASE WHEN near_crossing THEN 1 ELSE 0 END) "
    "FROM {ledger} {where} GROUP BY area_id, day, category, label_id"
)


def _fill_cells(where: str = "", params: Sequence[object] = ()) -> None:
    cells, ledger = DayCell._meta.db_table, CountedReport._meta.db_table
    columns = "area_id, day, category, label_id, count, severity_sum, severe, fatalities, "
    columns += "near_protected_site, near_crossing"
    select = _CELL_SUMS.format(ledger=ledger, where=where)
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {cells} ({columns}) {select}", params)


def _recompute_cells(pairs: Iterable[tuple[int, date]]) -> None:
    for chunk in batched(sorted(pairs), _PAIRS_PER_STATEMENT):
        where = "WHERE " + " OR ".join(["(area_id = %s AND day = %s)"] * len(chunk))
        params = [value for area, day in chunk for value in (area, day.isoformat())]
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {DayCell._meta.db_table} {where}", params)  # noqa: S608
        _fill_cells(where, params)


def rebuild() -> int:
    """Recompute the ledger and every cell from the event log; returns the number of counted reports."""
    targets = proximity.load_targets()
    counted = 0
    with transaction.atomic():
        lock_derived_state()
        DayCell.objects.all().delete()
        CountedReport.objects.all().delete()
        for chunk in batched(_ledger_values(counted_reports()).iterator(chunk_size=_CHUNK), _CHUNK):
            _write_ledger(chunk, targets)
            counted += len(chunk)
        _fill_cells()
    return counted


def update_reports(report_ids: Sequence[int]) -> None:
    """Bring the ledger and the cells up to date for these reports, whatever happened to them."""
    targets = proximity.load_targets()
    with transaction.atomic():
        lock_derived_state()
        before = CountedReport.objects.filter(report_id__in=report_ids)
        touched = set(before.values_list("area_id", "day"))
        before.delete()
        touched |= _write_ledger(list(_ledger_values(counted_reports().filter(pk__in=report_ids))), targets)
        _recompute_cells(touched)


def keep_cells_current(sender: object, report_ids: list[int] | None, **kwargs: object) -> None:
    # A failure is raised: after a report change the outbox (events.signals) logs it and delivers the change
    # again later, and an explicit recompute (the command line) must not report success.
    if report_ids is None:
        rebuild()
    else:
        update_reports(report_ids)
