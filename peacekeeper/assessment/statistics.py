"""Comparing two Poisson rates: the exact conditional (binomial) test.

Given k1 events over exposure e1 and k2 over e2 (days, or km2 x days), under equal rates k1 is
Binomial(k1 + k2, e1 / (e1 + e2)) once the total is known. The two-sided p-value sums the probabilities of
every outcome no more likely than the one observed (the same rule and tolerance as scipy.stats.binomtest,
which the tests compare against; scipy is not a run-time dependency).
"""

import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

# scipy's relative tolerance for "no more likely than the observed outcome".
_RELATIVE_TOLERANCE = 1 + 1e-7


# Kept: the map asks the same comparisons once per visibility class, and again after each change of the
# log, where most areas' counts did not move (a country-wide test sums over ~n outcomes: 1 ms at 200k).
@lru_cache(maxsize=8192)
def binomial_two_sided_p(k: int, n: int, p: float) -> float:
    if not 0 <= k <= n:
        raise ValueError(f"k must lie in 0..n, got k={k}, n={n}")
    if not 0 < p < 1:
        raise ValueError(f"p must lie strictly between 0 and 1, got {p}")
    if n == 0 or k == p * n:
        return 1.0
    outcomes = np.arange(n + 1, dtype=float)
    # log C(n, i) by a running sum: exact enough (1e-12 relative) and vectorised, without scipy.special.
    steps = np.log(n - outcomes[1:] + 1) - np.log(outcomes[1:])
    log_choose = np.concatenate(([0.0], np.cumsum(steps)))
    log_pmf = log_choose + outcomes * math.log(p) + (n - outcomes) * math.log1p(-p)
    pmf = np.exp(log_pmf - log_pmf.max())  # scaled: only ratios matter until the final division
    observed = pmf[k] * _RELATIVE_TOLERANCE
    return float(min(1.0, pmf[pmf <= observed].sum() / pmf.sum()))


@dataclass(frozen=True)
class RateComparison:
    count: int
    exposure: float
    reference_count: int
    reference_exposure: float
    p_value: float

    @property
    def expected(self) -> float:
        """Events expected over this exposure at the reference rate."""
        return self.reference_count * self.exposure / self.reference_exposure

    @property
    def ratio(self) -> float | None:
        """This rate over the reference rate; None when the reference saw nothing (no rate to compare)."""
        if self.reference_count == 0:
            return None
        return (self.count / self.exposure) / (self.reference_count / self.reference_exposure)


def compare_rates(
    *, count: int, exposure: float, reference_count: int, reference_exposure: float
) -> RateComparison:
    if exposure <= 0 or reference_exposure <= 0:
        raise ValueError("exposures must be positive")
    p_value = binomial_two_sided_p(count, count + reference_count, exposure / (exposure + reference_exposure))
    return RateComparison(
        count=count,
        exposure=exposure,
        reference_count=reference_count,
        reference_exposure=reference_exposure,
        p_value=p_value,
    )
