"""Whether a change between two counts is larger than chance would explain.

Two Poisson counts over equal exposure (the same area, periods of equal length): conditional on
their total n = current + baseline, current is Binomial(n, 1/2) when the underlying rate has not
changed. The two-sided exact p-value doubles the smaller tail (the distribution is symmetric), capped
at 1.
"""

import math

import numpy as np

ALPHA = 0.05


def _lower_tail_half(k: int, n: int) -> float:
    """P(X <= k) for X ~ Binomial(n, 1/2), k <= n / 2, accurate to ~1e-12 relative."""
    if k < 0:
        return 0.0
    log_pmf = math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1) - n * math.log(2.0)
    # Walk down from k: pmf(i - 1) / pmf(i) = i / (n - i + 1). The terms fall off like a Gaussian
    # tail, so a window of a dozen standard deviations below k holds everything that matters.
    window = min(k, int(12 * math.sqrt(n)) + 200)
    if window == 0:
        return math.exp(log_pmf)
    i = np.arange(k, k - window, -1, dtype=np.float64)
    ratios = i / (n - i + 1)
    total = 1.0 + float(np.sum(np.cumprod(ratios)))
    return math.exp(log_pmf + math.log(total))


def poisson_change_p(current: int, baseline: int) -> float:
    """Two-sided exact conditional p-value for a change from `baseline` to `current`."""
    current, baseline = int(current), int(baseline)
    if current < 0 or baseline < 0:
        raise ValueError("counts cannot be negative")
    n = current + baseline
    if n == 0 or current == baseline:
        return 1.0
    return min(1.0, 2.0 * _lower_tail_half(min(current, baseline), n))


def benjamini_hochberg(p_values) -> np.ndarray:
    """Benjamini–Hochberg adjusted p-values (q-values) for a family of tests: NaN entries are not
    tests (they stay NaN and do not count in the family's size)."""
    p = np.asarray(p_values, dtype=float)
    q = np.full(p.shape, np.nan)
    tested = np.flatnonzero(~np.isnan(p))
    m = len(tested)
    if not m:
        return q
    order = tested[np.argsort(p[tested], kind="stable")]
    ranked = p[order] * m / np.arange(1, m + 1)
    # q_(i) = min over j >= i of p_(j) m / j, capped at 1
    q[order] = np.minimum(np.minimum.accumulate(ranked[::-1])[::-1], 1.0)
    return q
