"""The scoring of bench assessment-skill (bench/bench_assessment_skill.py, whose docstring defines the
figures): the level of every municipality at the end of every day, each burst's level as the watch floor saw
it at its start and 24 h and 48 h after, and from those the recall, the true and false raises and the
shares of municipality-days at each level."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

import numpy as np


@dataclass(frozen=True)
class Skill:
    recall: float
    recall_48h: float
    bursts: int
    bursts_at_5: int  # began with their municipality already at 5: no raise possible
    true_raises: int
    false_raises: int
    false_per_year: float
    shares: tuple[float, ...]  # % of municipality-days at levels 1-5
    north_mean: float
    south_mean: float
    mostly_low: int
    level5_episodes: int
    level5_days_mean: float
    level5_days_max: int

    def figures(self, prefix: str = "") -> dict[str, object]:
        figures: dict[str, object] = {
            "recall": self.recall,
            "recall_48h": self.recall_48h,
            "bursts": self.bursts,
            "bursts_at_5": self.bursts_at_5,
            "true_raises": self.true_raises,
            "false_raises": self.false_raises,
            "false_raises_per_muni_year": self.false_per_year,
        }
        figures |= {f"level{level}_pct": share for level, share in enumerate(self.shares, start=1)}
        figures |= {
            "north_mean": self.north_mean,
            "south_mean": self.south_mean,
            "mostly_low": self.mostly_low,
            "level5_episodes": self.level5_episodes,
            "level5_days_mean": self.level5_days_mean,
            "level5_days_max": self.level5_days_max,
        }
        return {prefix + key: value for key, value in figures.items()}


def levels_by_day(series, rules, *, first: date, last: date) -> np.ndarray:
    """levels[area, day] from the day before `first` to `last`, by `rules`."""
    from peacekeeper.assessment.assessing import level_history

    days = (last - first).days + 2
    return np.asarray(
        [
            [level for _, level in level_history(series, index=i, last_day=last, days=days, rules=rules)]
            for i in range(len(series.area_ids))
        ]
    )


@dataclass(frozen=True)
class Burst:
    """A planned burst as the measurement needs it: its municipality's index in the series, its first and
    last day counted from the first measured day, and what the floor had not yet read at each moment it is
    judged at (the start, the end of its first day, 24 h and 48 h after the start)."""

    area: int
    first: int
    last: int
    moments: tuple[tuple[datetime, list], ...]


def unseen_at(moment: datetime, *, area_id: int, label_ids) -> list[tuple[str, np.ndarray]]:
    """The reports in the area's cells of `moment`'s UTC day that happened or were reported after it: each
    report's category and its metrics as the ledger sums them into the cells (ledger._CELL_SUMS)."""
    from django.db.models import Q

    from peacekeeper.assessment.cell_store import METRICS
    from peacekeeper.assessment.models import CountedReport

    later = Q(report__occurred_at__gt=moment) | Q(report__reported_at__gt=moment)
    rows = CountedReport.objects.filter(later, area_id=area_id, day=moment.date(), label_id__in=label_ids)
    unseen = []
    for category, severity, fatalities, site, crossing in rows.values_list(
        "category", "severity", "fatalities", "near_protected_site", "near_crossing"
    ):
        metrics = {
            "count": 1,
            "severity_sum": severity,
            "severe": int(severity >= 4),
            "fatalities": fatalities,
            "near_protected_site": int(site),
            "near_crossing": int(crossing),
        }
        unseen.append((category, np.asarray([metrics[name] for name in METRICS], np.int64)))
    return unseen


def level_at(series, rules, *, index: int, moment: datetime, unseen: list) -> int:
    """The computed level of area `index` at `moment`: the series without what the floor had not yet read."""
    from peacekeeper.assessment.figures import Series
    from peacekeeper.assessment.rules import evaluate, level_of

    day = series.day_index(moment.date())
    values = series.values[index : index + 1].copy()
    for category, metrics in unseen:
        values[0, series.categories.index(category), day] -= metrics
    seen = Series(
        area_ids=series.area_ids[index : index + 1],
        categories=series.categories,
        first_day=series.first_day,
        values=values,
        label_ids=series.label_ids,
        log_start=series.log_start,
    )
    return level_of(evaluate(rules, seen, area=0, last=day))


def bursts_to_judge(planned, *, areas, first: date, label_ids) -> list[Burst]:
    index = {area.pk: i for i, area in enumerate(areas)}
    bursts = []
    for burst in planned:
        start_day = datetime(burst.start.year, burst.start.month, burst.start.day, tzinfo=UTC)
        moments = (
            burst.start,
            start_day + timedelta(days=1, microseconds=-1),
            burst.start + timedelta(hours=24),
            burst.start + timedelta(hours=48),
        )
        bursts.append(
            Burst(
                area=index[burst.municipality_id],
                first=(burst.start.date() - first).days,
                last=(burst.end.date() - first).days,
                moments=tuple(
                    (moment, unseen_at(moment, area_id=burst.municipality_id, label_ids=label_ids))
                    for moment in moments
                ),
            )
        )
    return bursts


def score(levels: np.ndarray, bursts: list[Burst], north: np.ndarray, *, series=None, rules=()) -> Skill:
    """Figures of levels[area, day] (column 0: the day before the first measured day) against the bursts,
    whose moments are judged on `series` by `rules`."""
    measured = levels[:, 1:]
    areas, days = measured.shape
    raises = measured > levels[:, :-1]
    in_burst = np.zeros_like(raises)
    detected = detected_48h = counted = at_5 = 0
    for burst in bursts:
        in_burst[burst.area, max(burst.first, 0) : max(burst.last + 1, 0)] = True
        if 0 <= burst.first < days:
            counted += 1
            before, *after = (
                level_at(series, rules, index=burst.area, moment=moment, unseen=unseen)
                for moment, unseen in burst.moments
            )
            detected += max(after[:2]) > before
            detected_48h += max(after) > before
            at_5 += before == 5
    false = int((raises & ~in_burst).sum())
    episodes = [
        len(run) for row in measured for run in np.split(row, np.flatnonzero(np.diff(row)) + 1) if run[0] == 5
    ]
    return Skill(
        recall=detected / counted if counted else float("nan"),
        recall_48h=detected_48h / counted if counted else float("nan"),
        bursts=counted,
        bursts_at_5=at_5,
        true_raises=int((raises & in_burst).sum()),
        false_raises=false,
        false_per_year=false / (areas * days / 365),
        shares=tuple(100 * float((measured == level).mean()) for level in range(1, 6)),
        north_mean=float(measured[north].mean()) if north.any() else float("nan"),
        south_mean=float(measured[~north].mean()),
        mostly_low=int(((measured <= 2).mean(axis=1) >= 0.5).sum()),
        level5_episodes=len(episodes),
        level5_days_mean=float(np.mean(episodes)) if episodes else 0.0,
        level5_days_max=max(episodes, default=0),
    )
