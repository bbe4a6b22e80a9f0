"""What the shipped rules (rules.json) say of typical areas: a level is a distance from the area's own usual.

The rules were tuned by bench assessment-skill; these are the meanings the tuning must keep.
"""

from datetime import date

import numpy as np

from peacekeeper.assessment.figures import METRICS, Series
from peacekeeper.assessment.rules import active_rules, evaluate, level_of

DAYS = 455
LAST = DAYS - 1


def series_of(
    daily: dict[tuple[str, str], dict[int, int]], *, every_day: dict[tuple[str, str], int]
) -> Series:
    """One area: every_day[(category, metric)] on each day, plus daily[(category, metric)][day index]."""
    keys = set(daily) | set(every_day)
    categories = sorted({category for category, _ in keys})
    values = np.zeros((1, len(categories), DAYS, len(METRICS)), dtype=np.int64)
    for (category, metric), value in every_day.items():
        values[0, categories.index(category), :, METRICS.index(metric)] += value
    for (category, metric), days in daily.items():
        for day, value in days.items():
            values[0, categories.index(category), day, METRICS.index(metric)] += value
    return Series(area_ids=[1], categories=categories, first_day=date(2025, 1, 1), values=values)


def level(series: Series, last: int = LAST) -> tuple[int, list[str]]:
    results = evaluate(active_rules(), series, area=0, last=last)
    return level_of(results), [result.rule.id for result in results if result.fired]


def test_a_busy_town_at_its_usual_rate_reads_level_1():
    # Pristina logs eight a day, a violent one every few days: its size is no threat.
    busy = series_of({}, every_day={("civil.demonstration", "count"): 8, ("riots.mob_violence", "count"): 0})
    busy.values[0, busy.categories.index("riots.mob_violence"), ::4, 0] = 1
    assert level(busy) == (1, [])


def test_freedom_of_movement_contested_for_months_is_a_standing_tension():
    north = series_of({}, every_day={("fom.roadblock", "count"): 1, ("civil.demonstration", "count"): 2})
    assert level(north) == (2, ["fom-90d"])


def test_a_burst_raises_the_level_on_its_first_day_and_a_surge_to_4():
    usual = {("civil.demonstration", "count"): 3}
    # A burst logs about 150 a day at a flashpoint: its first few hours already make the week significant.
    few_hours = series_of({("riots.violent_demonstration", "count"): {LAST: 25}}, every_day=usual)
    assert level(few_hours) == (3, ["rise-7d"])
    full_day = series_of({("riots.violent_demonstration", "count"): {LAST: 100}}, every_day=usual)
    assert level(full_day)[0] == 4


def test_a_killing_reads_3_for_a_week():
    killed = series_of({("violence.attack", "fatalities"): {LAST - 7: 1}}, every_day={("x.y", "count"): 1})
    assert level(killed, LAST - 7) == (3, ["fatal-7d"])
    assert level(killed, LAST) == (1, [])
