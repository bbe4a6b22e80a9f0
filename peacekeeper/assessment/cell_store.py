"""The day cells of a span of days, every label's, read once per change of the cells and shared by every
reader in this process; each reader's series keeps the rows of the labels the policy lets them see.

Why: the map's area levels are computed per visibility class, and again after every validation. Reading a
year of cells costs most of a second at 200k reports; reading it once per change instead of once per class
and change is what keeps a watch floor's map fast (bench watch-floor-load).

The version is exact for two cheap queries: every change of the cells deletes and inserts whole rows
(ledger.py), and ids are never reused (AUTOINCREMENT on SQLite, a sequence on PostgreSQL), so the pair
(row count, highest id) of the committed table differs after any change. A changed table is not read
again whole: the rows written since replace the cells they rewrote (`_brought_up_to_date`), checked
against the span's row count. Inside a transaction the pair may
belong to writes that are then rolled back (and SQLite would hand out the same ids again), so a reader
inside an atomic block reads the database directly and caches nothing.
"""

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np
from django.db import connection
from django.db.models import CharField, Count, Max, QuerySet
from django.db.models.functions import Cast

from peacekeeper.assessment.models import DayCell

METRICS = ("count", "severity_sum", "severe", "fatalities", "near_protected_site", "near_crossing")
_SPANS_KEPT = 4  # the table's year, an area page's longer history, a comparison: a few spans at most


@dataclass(frozen=True)
class SpanCells:
    """Cells as columns, one entry per row: day as an offset from first_day, category as an index into
    `categories`, and the six METRICS."""

    first_day: date
    area_ids: np.ndarray
    days: np.ndarray
    category_codes: np.ndarray
    categories: list[str]
    label_ids: np.ndarray
    metrics: np.ndarray

    def of(self, *, label_ids: Sequence[int], area_ids: Sequence[int]) -> "SpanCells":
        """The rows of these labels and areas only."""
        keep = np.isin(self.label_ids, list(label_ids)) & np.isin(self.area_ids, list(area_ids))
        return SpanCells(
            first_day=self.first_day,
            area_ids=self.area_ids[keep],
            days=self.days[keep],
            category_codes=self.category_codes[keep],
            categories=self.categories,
            label_ids=self.label_ids[keep],
            metrics=self.metrics[keep],
        )


@dataclass(frozen=True)
class KeptSpan:
    """Every label's cells of one span of days, as this process keeps them."""

    version: tuple[int, int]  # the table's (row count, highest id) when these cells were read
    cells: SpanCells


_spans: OrderedDict[tuple[date, date], KeptSpan] = OrderedDict()
_reading = threading.Lock()


def span_cells(
    *, label_ids: Sequence[int], area_ids: Sequence[int], first_day: date, last_day: date
) -> SpanCells:
    """The cells of these labels (those the policy lets a reader see: `policy.visible_label_ids`) and areas
    from first_day to last_day, taken from this process's copy of every label's cells when it is current."""
    kept = current_span(first_day=first_day, last_day=last_day)
    if kept is None:
        cells = DayCell.objects.filter(label_id__in=list(label_ids), area_id__in=list(area_ids))
        return _read(cells, first_day=first_day, last_day=last_day)
    return kept.cells.of(label_ids=label_ids, area_ids=area_ids)


def current_span(*, first_day: date, last_day: date) -> KeptSpan | None:
    """This process's copy of every label's cells of the span, brought up to date; None inside a
    transaction (see the module's docstring): nothing derived from its reads may be kept."""
    if connection.in_atomic_block:
        return None
    return _shared(first_day=first_day, last_day=last_day)


def _shared(*, first_day: date, last_day: date) -> KeptSpan:
    version = tuple(DayCell.objects.aggregate(n=Count("id"), last=Max("id")).values())
    version = (version[0], version[1] or 0)
    key = (first_day, last_day)
    # One reading at a time: the readers that arrive during it wait for it rather than read it again.
    with _reading:
        kept = _spans.get(key)
        if kept is not None and kept.version == version:
            _spans.move_to_end(key)
            return kept
        cells = _brought_up_to_date(kept, first_day=first_day, last_day=last_day) if kept else None
        if cells is None:
            cells = _read(DayCell.objects.all(), first_day=first_day, last_day=last_day)
        _spans[key] = KeptSpan(version=version, cells=cells)
        _spans.move_to_end(key)
        while len(_spans) > _SPANS_KEPT:
            _spans.popitem(last=False)
        return _spans[key]


def _brought_up_to_date(kept: KeptSpan, *, first_day: date, last_day: date) -> SpanCells | None:
    """The kept cells with the rows written since they were read, or None when that cannot be told from
    those rows alone (read everything again).

    The ledger rewrites whole (area, day) cells, every one of their rows deleted and inserted again, one
    writer at a time (events.signals.lock_derived_state), so rows written since have higher ids than any
    kept, and an (area, day) among them replaces all its kept rows. An (area, day) emptied without a new
    row is not among them: the count of the span's rows then differs from the kept and new ones', and
    everything is read again."""
    new = _read(DayCell.objects.filter(id__gt=kept.version[1]), first_day=first_day, last_day=last_day)
    old = kept.cells
    span_days = (last_day - first_day).days + 1
    replaced = np.isin(old.area_ids * span_days + old.days, new.area_ids * span_days + new.days)
    stored = DayCell.objects.filter(day__gte=first_day, day__lte=last_day).count()
    if stored != len(old.days) - int(replaced.sum()) + len(new.days):
        return None
    categories = sorted(set(old.categories) | set(new.categories))
    index = {category: i for i, category in enumerate(categories)}

    def recoded(cells: SpanCells, keep: np.ndarray) -> np.ndarray:
        codes = np.array([index[category] for category in cells.categories], np.int64)
        return codes[cells.category_codes[keep]] if len(codes) else cells.category_codes[keep]

    kept_rows = ~replaced
    every_new = np.ones(len(new.days), bool)
    return SpanCells(
        first_day=first_day,
        area_ids=np.concatenate((old.area_ids[kept_rows], new.area_ids)),
        days=np.concatenate((old.days[kept_rows], new.days)),
        category_codes=np.concatenate((recoded(old, kept_rows), recoded(new, every_new))),
        categories=categories,
        label_ids=np.concatenate((old.label_ids[kept_rows], new.label_ids)),
        metrics=np.concatenate((old.metrics[kept_rows], new.metrics)),
    )


def _read(cells: QuerySet[DayCell], *, first_day: date, last_day: date) -> SpanCells:
    rows = _cell_rows(cells.filter(day__gte=first_day, day__lte=last_day).order_by())
    if not rows:
        return SpanCells(
            first_day=first_day,
            area_ids=np.zeros(0, np.int64),
            days=np.zeros(0, np.int64),
            category_codes=np.zeros(0, np.int64),
            categories=[],
            label_ids=np.zeros(0, np.int64),
            metrics=np.zeros((0, len(METRICS)), np.int64),
        )
    area_col, day_col, category_col, label_col, *metric_cols = zip(*rows, strict=True)
    categories = sorted(set(category_col))
    category_index = {category: i for i, category in enumerate(categories)}
    span = (last_day - first_day).days + 1
    day_index = {(first_day + timedelta(days=offset)).isoformat(): offset for offset in range(span)}
    return SpanCells(
        first_day=first_day,
        area_ids=np.fromiter(area_col, np.int64, len(rows)),
        days=np.fromiter(map(day_index.__getitem__, day_col), np.int64, len(rows)),
        category_codes=np.fromiter(map(category_index.__getitem__, category_col), np.int64, len(rows)),
        categories=categories,
        label_ids=np.fromiter(label_col, np.int64, len(rows)),
        metrics=np.array(metric_cols, dtype=np.int64).T.reshape(len(rows), len(METRICS)),
    )


def _cell_rows(cells: QuerySet[DayCell]) -> list[tuple]:
    """The cells' rows straight from the cursor: at a million reports, Django's per-value converters
    would cost more than the query. The SQL is the queryset's own, policy filter included. The day comes
    as ISO text on every database (a date column would be parsed once per row)."""
    as_text = cells.annotate(day_text=Cast("day", CharField()))
    columns = ("area_id", "day_text", "category", "label_id", *METRICS)
    sql, params = as_text.values_list(*columns).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()
