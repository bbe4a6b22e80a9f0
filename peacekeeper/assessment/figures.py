"""A reader's figures: the day cells they may see, summed into arrays by area, category, day and metric.

Days are UTC calendar days; a window of N days ends with the day of the chosen moment (inclusive).
Each window's baseline is the area's own rate over the BASELINE_DAYS before the window, or over the part
of them the log covers: a log that starts 120 days ago must not count the 245 days before it as quiet ones,
which would make every area look three times as busy as usual.
"""

import math
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

import numpy as np
from django.contrib.auth.models import AnonymousUser, User
from django.db.models import Min

from peacekeeper.access import policy
from peacekeeper.assessment.cell_store import METRICS, SpanCells, current_span, span_cells
from peacekeeper.assessment.models import DayCell
from peacekeeper.assessment.statistics import RateComparison, compare_rates

WINDOWS = (7, 30, 90)
BASELINE_DAYS = 365
METRIC_LABELS = {
    "count": "reports",
    "severity_sum": "severity-weighted index (sum of severities 1-5)",
    "severe": "reports of severity 4-5",
    "fatalities": "fatalities",
    "near_protected_site": "reports near a protected site",
    "near_crossing": "reports near a crossing point",
}
# Days of data one assessment needs before its last day: the longest window and that window's baseline.
SPAN_DAYS = max(WINDOWS) + BASELINE_DAYS


@dataclass
class Series:
    """Sums of the cells a reader may see: values[area, category, day, metric]."""

    area_ids: list[int]
    categories: list[str]
    first_day: date
    values: np.ndarray
    label_ids: set[int] = field(default_factory=set)
    # The first day with a report the reader may see in ANY area, whichever areas were loaded (None: take
    # it from the values): one area's page and the table then compare against the same baseline days.
    log_start: date | None = None

    def __post_init__(self) -> None:
        zeros = np.zeros((*self.values.shape[:2], 1, self.values.shape[3]), dtype=np.int64)
        self._cumulative = np.concatenate((zeros, np.cumsum(self.values, axis=2)), axis=2)
        self._daily: np.ndarray | None = None

    @property
    def days(self) -> int:
        return self.values.shape[2]

    def day_index(self, day: date) -> int:
        return (day - self.first_day).days

    def category_mask(self, prefixes: Sequence[str] | None) -> np.ndarray:
        if not prefixes:
            return np.ones(len(self.categories), dtype=bool)
        return np.array([c.startswith(tuple(prefixes)) for c in self.categories], dtype=bool)

    def window(self, *, area: int, last: int, days: int, mask: np.ndarray | None = None) -> np.ndarray:
        """One area's sums over the `days` days ending at day index `last`: ([categories,] metrics)."""
        end, start = last + 1, max(0, last + 1 - days)
        cumulative = self._cumulative[area]
        sums = cumulative[:, end, :] - cumulative[:, start, :]
        return sums if mask is None else sums[mask, :].sum(axis=0)

    @property
    def first_data_index(self) -> int:
        """The first day with a report the reader may see, in any area: the log's start as they see it."""
        if not hasattr(self, "_first_data_index"):
            if self.log_start is not None:
                self._first_data_index = min(self.days, max(0, self.day_index(self.log_start)))
            else:
                any_report = np.flatnonzero(self.daily().sum(axis=0))
                self._first_data_index = int(any_report[0]) if any_report.size else self.days
        return self._first_data_index

    def daily(self) -> np.ndarray:
        """Reports per area and day, all categories: shape (areas, days)."""
        if self._daily is None:
            self._daily = self.values[:, :, :, 0].sum(axis=1)
        return self._daily


# The last few series built, by (labels, span, areas, version of the cells): readers who see the same
# labels (the map's visibility classes, a floor of analysts) share one, which is read-only once built.
_SERIES_KEPT = 16
_series: OrderedDict[tuple, "Series"] = OrderedDict()
_series_lock = threading.Lock()


def load_series(
    *, user: User | AnonymousUser, first_day: date, last_day: date, area_ids: Sequence[int]
) -> Series:
    label_ids = policy.visible_label_ids(user)
    span = {"first_day": first_day, "last_day": last_day}
    kept = current_span(**span)
    if kept is None:
        cells = span_cells(label_ids=label_ids, area_ids=area_ids, **span)
        return _series_of(cells, label_ids=label_ids, area_ids=area_ids, **span)
    key = (frozenset(label_ids), first_day, last_day, tuple(area_ids), kept.version)
    with _series_lock:
        series = _series.get(key)
        if series is not None:
            _series.move_to_end(key)
            return series
    cells = kept.cells.of(label_ids=label_ids, area_ids=area_ids)
    series = _series_of(cells, label_ids=label_ids, area_ids=area_ids, **span)
    with _series_lock:
        _series[key] = series
        while len(_series) > _SERIES_KEPT:
            _series.popitem(last=False)
    return series


def _series_of(
    cells: SpanCells, *, label_ids: Sequence[int], first_day: date, last_day: date, area_ids: Sequence[int]
) -> Series:
    span = (last_day - first_day).days + 1
    # The categories the reader has reports of, in order: the codes of the shared rows renumbered.
    present = np.unique(cells.category_codes)
    categories = [cells.categories[code] for code in present]
    renumbered = np.searchsorted(present, cells.category_codes)
    area_order = np.argsort(np.asarray(area_ids, np.int64))
    positions = area_order[np.searchsorted(np.asarray(area_ids, np.int64), cells.area_ids, sorter=area_order)]
    shape = (len(area_ids), len(categories), span)
    values = np.zeros((math.prod(shape), len(METRICS)), np.int64)
    if len(cells.days):
        # Several labels' cells share an (area, category, day): sum runs of equal flat index (np.add.at
        # would do it ten times slower).
        flat = np.ravel_multi_index((positions, renumbered, cells.days), shape)
        order = np.argsort(flat, kind="stable")
        flat = flat[order]
        starts = np.flatnonzero(np.r_[True, flat[1:] != flat[:-1]])
        values[flat[starts]] = np.add.reduceat(cells.metrics[order], starts, axis=0)
    values = values.reshape(*shape, len(METRICS))
    visible = DayCell.objects.filter(label_id__in=label_ids)
    found_labels = set(np.unique(cells.label_ids).tolist())
    log_start = visible.filter(day__lte=last_day).aggregate(first=Min("day"))["first"]
    if log_start is not None and log_start > first_day:
        # The baseline's length rests on that day's reports, in whichever area: their labels are behind it.
        found_labels |= set(visible.filter(day=log_start).values_list("label_id", flat=True).distinct())
    return Series(
        area_ids=list(area_ids),
        categories=categories,
        first_day=first_day,
        values=values,
        label_ids=found_labels,
        log_start=log_start,
    )


@dataclass(frozen=True)
class WindowFigures:
    days: int
    totals: dict[str, int]
    by_category: dict[str, int]
    change: RateComparison

    @property
    def count(self) -> int:
        return self.totals["count"]

    @property
    def index(self) -> int:
        return self.totals["severity_sum"]


def window_figures(series: Series, *, area: int, last: int, days: int) -> WindowFigures:
    sums = series.window(area=area, last=last, days=days)  # (categories, metrics)
    totals = sums.sum(axis=0)
    counted = METRICS.index("count")
    return WindowFigures(
        days=days,
        totals={metric: int(totals[i]) for i, metric in enumerate(METRICS)},
        by_category={
            category: int(sums[c, counted])
            for c, category in enumerate(series.categories)
            if sums[c, counted]
        },
        change=change_against_baseline(series, area=area, last=last, days=days),
    )


def change_against_baseline(
    series: Series,
    *,
    area: int,
    last: int,
    days: int,
    metric: str = "count",
    mask: np.ndarray | None = None,
) -> RateComparison:
    """The one "change against baseline" every page and rule shows: the window of `days` ending at day index
    `last`, its sum of `metric` (over the categories `mask` keeps; all by default), against the area's own
    rate over the BASELINE_DAYS before the window, or over the part of them the log covers (see the module's
    docstring)."""
    mask = series.category_mask(None) if mask is None else mask
    index = METRICS.index(metric)
    count = int(series.window(area=area, last=last, days=days, mask=mask)[index])
    reference = int(series.window(area=area, last=last - days, days=BASELINE_DAYS, mask=mask)[index])
    covered = min(BASELINE_DAYS, last - days - series.first_data_index + 1)
    return compare_rates(
        count=count,
        exposure=days,
        reference_count=reference,
        # With no covered day there is no baseline; the count of 0 then says so whatever the exposure.
        reference_exposure=covered if covered > 0 else BASELINE_DAYS,
    )


def first_day_for(last_day: date, *, history_days: int = 0) -> date:
    return last_day - timedelta(days=SPAN_DAYS - 1 + history_days)
