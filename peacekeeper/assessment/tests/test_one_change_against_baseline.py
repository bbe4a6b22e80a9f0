"""Every "change against baseline" comes from one computation (figures.change_against_baseline): a rise
rule over a window and the page's figures for that window agree, both against the part of the 365 days
before the window that the log covers, and the page states the window and the baseline."""

from datetime import date, timedelta

import numpy as np

from peacekeeper.assessment.figures import METRICS, SPAN_DAYS, Series, window_figures
from peacekeeper.assessment.presenting import change_text
from peacekeeper.assessment.rules import active_rules, evaluate

LAST_DAY = date(2026, 12, 1)
LOG_DAYS = 120  # the log started 120 days ago: shorter than the 365-day baseline


def series_with_a_burst() -> Series:
    first_day = LAST_DAY - timedelta(days=SPAN_DAYS - 1)
    values = np.zeros((1, 1, SPAN_DAYS, len(METRICS)), np.int64)
    count = METRICS.index("count")
    values[0, 0, SPAN_DAYS - LOG_DAYS :: 9, count] = 1  # a quiet background since the log began
    values[0, 0, SPAN_DAYS - 30 :: 2, count] += 3  # and a month of trouble
    return Series(area_ids=[1], categories=["riots.violent"], first_day=first_day, values=values)


def test_a_rise_rule_and_the_windows_change_are_the_same_comparison():
    series = series_with_a_burst()
    last = series.day_index(LAST_DAY)
    rule = next(rule for rule in active_rules() if rule.rise and rule.window == 30 and not rule.categories)
    (result,) = list(evaluate((rule,), series, area=0, last=last))
    window = window_figures(series, area=0, last=last, days=30).change
    assert result.change == window
    assert window.reference_exposure == LOG_DAYS - 30  # the covered part of the baseline, not 365 days
    assert result.fired


def test_the_comparison_in_words_states_its_window_and_baseline():
    series = series_with_a_burst()
    change = window_figures(series, area=0, last=series.day_index(LAST_DAY), days=30).change
    text = change_text(change)
    assert text.startswith(f"30 days: {change.count} reports against {change.expected:.1f} expected from")
    assert "the 90 days before (the log's length)" in text
    assert f"×{change.ratio:.2f}" in text
    assert "p<0.001" in text
