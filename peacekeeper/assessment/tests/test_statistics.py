"""The exact Poisson rate comparison agrees with scipy.stats.binomtest, and its figures mean what they say."""

import random

import pytest
from scipy.stats import binomtest

from peacekeeper.assessment.statistics import binomial_two_sided_p, compare_rates


@pytest.mark.parametrize(
    ("k", "n", "p"),
    [
        (0, 0, 0.5),
        (0, 10, 0.02),
        (7, 7, 0.0188),
        (3, 40, 0.0188),
        (25, 100, 0.0759),
        (1, 2, 0.5),
        (50, 100, 0.5),
    ],
)
def test_p_values_match_scipy_on_chosen_cases(k, n, p):
    expected = binomtest(k, n, p).pvalue if n else 1.0
    assert binomial_two_sided_p(k, n, p) == pytest.approx(expected, rel=1e-9, abs=1e-15)


def test_p_values_match_scipy_on_random_cases_up_to_ten_thousand_events():
    chance = random.Random(1244)
    for _ in range(300):
        n = chance.randint(1, 10_000)
        k, p = chance.randint(0, n), chance.uniform(0.001, 0.999)
        assert binomial_two_sided_p(k, n, p) == pytest.approx(binomtest(k, n, p).pvalue, rel=1e-8, abs=1e-14)


def test_a_week_three_times_busier_than_the_year_is_significant():
    # 21 reports in 7 days against 365 in the previous 365 days: 3 a day against 1 a day.
    result = compare_rates(count=21, exposure=7, reference_count=365, reference_exposure=365)
    assert result.ratio == pytest.approx(3.0)
    assert result.expected == pytest.approx(7.0)
    assert result.p_value == pytest.approx(binomtest(21, 386, 7 / 372).pvalue)
    assert result.p_value < 0.001


def test_a_usual_week_is_not_significant():
    result = compare_rates(count=7, exposure=7, reference_count=365, reference_exposure=365)
    assert result.ratio == pytest.approx(1.0)
    assert result.p_value > 0.5


def test_without_a_baseline_there_is_no_ratio_but_still_a_test():
    result = compare_rates(count=4, exposure=7, reference_count=0, reference_exposure=365)
    assert result.ratio is None
    assert result.p_value == pytest.approx(binomtest(4, 4, 7 / 372).pvalue)


@pytest.mark.parametrize(("k", "n", "p"), [(-1, 3, 0.5), (4, 3, 0.5), (1, 3, 0.0), (1, 3, 1.0)])
def test_impossible_arguments_are_refused(k, n, p):
    with pytest.raises(ValueError, match="must lie"):
        binomial_two_sided_p(k, n, p)
