"""Keeping the day cells equal to the counted reports: a full rebuild, and the update after reports change.

The update recomputes whole (area, day) cells from the ledger rather than adding and subtracting deltas:
a report that is corrected, moved to another area or day, relabelled or rejected leaves its old cell and
enters its new one, and recomputing both from the ledger cannot drift. Tests hold incremental == rebuild.
"""

from collections.abc import Iterable, Sequence
from datetime import date

from django.db import connection, transaction

from peacekeeper.assessment import proximity
from peacekeeper.assessment.models import CountedReport, DayCell
from peacekeeper.core.bulk import batched
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
# Cells recomputed per statement: keeps the OR of (area, day) pairs well inside SQLite's parameter limit.
_PAIRS_PER_STATEMENT = 200


def _utc_day(column: str) -> str:
    if connection.vendor == "postgresql":
        return f"({column} AT TIME ZONE 'UTC')::date"
    return f"substr({column}, 1, 10)"  # SQLite holds a naive UTC 'YYYY-MM-DD HH:MM:SS[.ffffff]'


def _write_ledger(targets: proximity.Targets, report_ids: Sequence[int] | None = None) -> None:
    """Insert the ledger rows of the counted reports (of these ids, or all) in one statement.

    The assessment counts validated or published reports inside an area."""
    if report_ids is not None and not report_ids:
        return
    near_site, near_crossing = proximity.flags_sql(targets, lat="e.lat", lon="e.lon")
    where = f"e.status IN ({', '.join(['%s'] * len(COUNTED_STATUSES))}) AND e.area_id IS NOT NULL"
    params: list[object] = list(COUNTED_STATUSES)
    if report_ids is not None:
        where += f" AND e.id IN ({', '.join(['%s'] * len(report_ids))})"
        params += list(report_ids)
    select = (
        f"SELECT e.id, e.area_id, {_utc_day('e.occurred_at')}, e.category, e.label_id, e.severity, "  # noqa: S608
        "e.killed_civilians + e.killed_police + e.killed_force + e.killed_other, "
        f"{near_site}, {near_crossing} FROM {EventReport._meta.db_table} e WHERE {where}"
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {CountedReport._meta.db_table} ({', '.join(LEDGER_COLUMNS)}) {select}", params
        )


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
    with transaction.atomic():
        lock_derived_state()
        DayCell.objects.all().delete()
        CountedReport.objects.all().delete()
        _write_ledger(targets)
        _fill_cells()
        return CountedReport.objects.count()


def update_reports(report_ids: Sequence[int]) -> None:
    """Bring the ledger and the cells up to date for these reports, whatever happened to them."""
    targets = proximity.load_targets()
    with transaction.atomic():
        lock_derived_state()
        ledger = CountedReport.objects.filter(report_id__in=report_ids)
        touched = set(ledger.values_list("area_id", "day"))
        ledger.delete()
        _write_ledger(targets, report_ids)
        touched |= set(ledger.values_list("area_id", "day"))
        _recompute_cells(touched)


def keep_cells_current(sender: object, report_ids: list[int] | None, **kwargs: object) -> None:
    # A failure is raised: after a report change the outbox (events.signals) logs it and delivers the change
    # again later, and an explicit recompute (the command line) must not report success.
    if report_ids is None:
        rebuild()
    else:
        update_reports(report_ids)
