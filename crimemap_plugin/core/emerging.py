"""Emerging hot spots: Gi* for each time step on one grid, the Mann–Kendall trend of each cell's
z-scores, and a pattern per cell in the categories ArcGIS documents for Emerging Hot Spot Analysis.

The grid, neighbourhoods and Gi* are those of `hotspots` (same cells and band for every step; a cell
size or band of 0 is chosen once from all the period's crimes). Time steps are months, or quarters of
three months counted from the start month (the period must be a whole number of them).

Missing is not zero: a step that touches a missing or partial force-month (the caller says which) has
no Gi* (NaN) and is left out of the cell's series, so a hole in the data never reads as a cold spot.
A step where Gi* cannot be computed (no variation between cells) is left out the same way.

Significance, per step: a bin is a significant hot (cold) spot when its Benjamini–Hochberg q-value over
the cells of that step is below 0.10 and its z is positive (negative): the 90 % level of the hot spot
classes, with the same correction for testing every cell. ArcGIS uses each bin's Gi* p-value with its
own FDR option; we always correct.

Trend: the Mann–Kendall test of the cell's z-scores over its steps in time order, missing steps
dropped: S = Σ_{i<j} sign(z_j − z_i); Var(S) = [m(m−1)(2m+5) − Σ_t t(t−1)(2t+5)] / 18 over groups of
t tied values; Z = (S − 1)/√Var for S > 0, (S + 1)/√Var for S < 0, 0 for S = 0; two-sided normal p.
A trend is significant when p < 0.10 (NaN when Var = 0: fewer than two values, or all tied).

Patterns (ArcGIS's definitions; "final" is the cell's last step with a z-score; "90 %" means at least
90 % of the cell's steps with a z-score):
- new hot spot: a significant hot spot in the final step that has never been one before.
- consecutive hot spot: a single uninterrupted run of at least two significant hot spot steps ending
  with the final step, never a significant hot spot before that run, and fewer than 90 % of all steps
  significant hot spots.
- intensifying hot spot: a significant hot spot in 90 % of the steps including the final step, and the
  intensity of clustering (z) increasing over time with a significant trend.
- persistent hot spot: a significant hot spot in 90 % of the steps with no significant trend in z
  (here the final step must be one of them: see below).
- diminishing hot spot: a significant hot spot in 90 % of the steps including the final step, and z
  decreasing over time with a significant trend.
- sporadic hot spot: a significant hot spot in the final step with a history of being an on-again,
  off-again hot spot; fewer than 90 % of the steps significant hot spots and none a significant cold spot.
- oscillating hot spot: a significant hot spot in the final step that has been a significant cold spot
  in an earlier step; fewer than 90 % of the steps significant hot spots.
- historical hot spot: not a significant hot spot in the final step, but a significant hot spot in at
  least 90 % of the steps.
- the same for cold spots ("new cold spot" …), with intensifying meaning z decreasing (colder).
- no pattern detected: none of the above.

Where a cell fits two definitions, the first in ArcGIS's documented order above wins (a first-time hot
spot that had been a cold spot is "new", not "oscillating"); a cell significant in its final step gets a
pattern of that kind (hot or cold); persistent requires the final step, so a cell that was a hot spot in
90 % of the steps but not in the final one is historical, as ArcGIS's definition of historical says.
The definitions are ArcGIS Pro's "How Emerging Hot Spot Analysis works"; the resolution of overlaps
is ours.
"""

from dataclasses import dataclass, field
from typing import Iterable, List, Sequence, Tuple, Union

import numpy as np
import pandas as pd

from . import gi_star as gi
from . import hotspots as hs
from .errors import CrimeMapError
from .periods import fmt, parse

MONTH = "month"
QUARTER = "quarter"
STEP_MONTHS = {MONTH: 1, QUARTER: 3}
ALPHA = 0.10                     # significance of a bin (per-step BH q) and of a trend (MK p)
NO_PATTERN = "no pattern detected"
KINDS = ("new", "consecutive", "intensifying", "persistent", "diminishing", "sporadic", "oscillating",
         "historical")
PATTERNS = tuple(f"{k} hot spot" for k in KINDS) + tuple(f"{k} cold spot" for k in KINDS) + (NO_PATTERN,)
FEW_STEPS = 10                   # below this many steps a trend is hard to detect: said in the warnings


# --------------------------------------------------------------------------- time steps

@dataclass(frozen=True)
class TimeStep:
    label: str                   # '2018-10' for a month, '2018-10..2018-12' for a quarter
    months: Tuple[str, ...]


def time_steps(start_month: str, end_month: str, step: str = MONTH) -> List[TimeStep]:
    """The steps covering start_month..end_month; quarters are counted from the start month."""
    if step not in STEP_MONTHS:
        raise CrimeMapError(f"unknown time step {step!r}: use {MONTH!r} or {QUARTER!r}")
    first, last = parse(start_month), parse(end_month)
    if last < first:
        raise CrimeMapError(f"the period ends ({end_month}) before it starts ({start_month})")
    length, size = last - first + 1, STEP_MONTHS[step]
    if length % size:
        raise CrimeMapError(f"{start_month}..{end_month} is {length} months: not a whole number of "
                            f"{step}s (choose a period of a multiple of {size} months)")
    steps = []
    for k in range(first, last + 1, size):
        months = tuple(fmt(m) for m in range(k, k + size))
        label = months[0] if size == 1 else f"{months[0]}..{months[-1]}"
        steps.append(TimeStep(label, months))
    return steps


def missing_flags(steps: Sequence[TimeStep], missing: Union[Iterable[str], Sequence[bool]]) -> np.ndarray:
    """A flag per step from `missing`: a boolean per step, or step labels and/or months (a step that
    contains a listed month is missing)."""
    items = list(missing)
    if items and all(isinstance(v, (bool, np.bool_)) for v in items):
        if len(items) != len(steps):
            raise CrimeMapError(f"{len(items)} missing flags for {len(steps)} time steps")
        return np.asarray(items, dtype=bool)
    flags = np.zeros(len(steps), dtype=bool)
    for item in items:
        hits = [k for k, s in enumerate(steps) if item == s.label or item in s.months]
        if not hits:
            raise CrimeMapError(f"{item!r} is not a time step or a month of the period")
        flags[hits] = True
    return flags


def step_of_crime(months, steps: Sequence[TimeStep]) -> np.ndarray:
    """The step index of each crime's month ('YYYY-MM'), or -1 when it is outside the period or absent."""
    lookup = {m: k for k, s in enumerate(steps) for m in s.months}
    values = pd.Series(np.asarray(months, dtype=object))
    return values.map(lookup).fillna(-1).to_numpy(dtype=np.int64)


# --------------------------------------------------------------------------- Mann–Kendall

@dataclass(frozen=True)
class MannKendall:
    """The Mann–Kendall test of each row of a (cells × steps) array, NaN = missing."""
    s: np.ndarray
    var: np.ndarray
    z: np.ndarray
    p: np.ndarray
    n: np.ndarray                # values used per row


def _tie_term(t: np.ndarray) -> np.ndarray:
    return t * (t - 1) * (2 * t + 5)


def mann_kendall(series) -> MannKendall:
    """Mann–Kendall S, its variance with the tie correction, the continuity-corrected z and the
    two-sided normal p for each row (a 1-d series is one row). NaN values are left out."""
    x = np.atleast_2d(np.asarray(series, dtype=float))
    rows, steps = x.shape
    s = np.zeros(rows, dtype=np.int64)
    for lag in range(1, steps):
        d = x[:, lag:] - x[:, :-lag]             # later minus earlier; NaN where either is missing
        s += (np.nan_to_num(np.sign(d), nan=0.0)).sum(axis=1).astype(np.int64)
    n = np.isfinite(x).sum(axis=1).astype(np.int64)
    ordered = np.sort(x, axis=1)                 # NaN sort last: they never tie
    ties = np.zeros(rows, dtype=np.int64)
    run = np.ones(rows, dtype=np.int64)
    for c in range(1, steps):
        same = ordered[:, c] == ordered[:, c - 1]
        ties += np.where(same, 0, _tie_term(run))
        run = np.where(same, run + 1, 1)
    ties += _tie_term(run)
    var = (_tie_term(n) - ties) / 18.0
    z = np.full(rows, np.nan)
    ok = var > 0
    root = np.sqrt(np.where(ok, var, 1.0))
    z[ok] = np.where(s > 0, (s - 1) / root, np.where(s < 0, (s + 1) / root, 0.0))[ok]
    return MannKendall(s, var, z, gi.normal_two_sided_p(z), n)


# --------------------------------------------------------------------------- patterns

def _final_runs(observed: np.ndarray, flag: np.ndarray) -> np.ndarray:
    """Length of the run of `flag` steps ending at each row's last observed step (unobserved steps
    are skipped: neither part of a run nor a break in it)."""
    rows, steps = observed.shape
    run = np.zeros(rows, dtype=np.int64)
    alive = np.ones(rows, dtype=bool)
    for t in range(steps - 1, -1, -1):
        o, f = observed[:, t], flag[:, t]
        run += alive & o & f
        alive &= ~(o & ~f)
    return run


def classify(z: np.ndarray, q: np.ndarray, trend_z: np.ndarray, trend_p: np.ndarray,
             alpha: float = ALPHA) -> np.ndarray:
    """The pattern of each cell (row) from its per-step Gi* z and q (NaN = no value for that step) and
    the Mann–Kendall z and p of its z-scores; see the module's definitions."""
    z = np.asarray(z, dtype=float)
    q = np.asarray(q, dtype=float)
    observed = np.isfinite(z)
    significant = observed & (q < alpha)
    m = observed.sum(axis=1)
    last = z.shape[1] - 1 - np.argmax(observed[:, ::-1], axis=1)
    rows = np.arange(len(z))
    up = (trend_p < alpha) & (trend_z > 0)
    down = (trend_p < alpha) & (trend_z < 0)
    out = np.full(len(z), NO_PATTERN, dtype=object)
    decided = m == 0
    for kind, sign, rising, falling in (("hot", 1, up, down), ("cold", -1, down, up)):
        spot = significant & (np.sign(z) == sign)
        other = significant & (np.sign(z) == -sign)
        count = spot.sum(axis=1)
        others = other.sum(axis=1)
        final = spot[rows, last] & (m > 0)
        run = _final_runs(observed, spot)
        ninety = 10 * count >= 9 * m
        rules = (
            ("new", final & (count == 1)),
            ("consecutive", final & (run >= 2) & (count == run) & ~ninety),
            ("intensifying", final & ninety & rising),
            ("persistent", final & ninety & ~rising & ~falling),
            ("diminishing", final & ninety & falling),
            ("sporadic", final & ~ninety & (others == 0)),
            ("oscillating", final & ~ninety & (others > 0)),
        )
        for name, rule in rules:
            take = rule & ~decided
            out[take] = f"{name} {kind} spot"
            decided |= take
    for kind, sign in (("hot", 1), ("cold", -1)):
        spot = significant & (np.sign(z) == sign)
        take = ~decided & (m > 0) & (10 * spot.sum(axis=1) >= 9 * m)
        out[take] = f"historical {kind} spot"
        decided |= take
    return out


# --------------------------------------------------------------------------- the analysis

@dataclass(frozen=True)
class EmergingHotSpots:
    """Per study cell (rows, in the grid's cell order) and per time step (columns)."""
    grid: hs.Grid
    cell_size: float
    cell_size_reason: str
    band: float
    band_reason: str
    steps: Tuple[TimeStep, ...]
    missing: np.ndarray          # bool per step: missing or partial data, no Gi*
    col: np.ndarray
    row: np.ndarray
    neighbours: np.ndarray
    counts: np.ndarray           # (cells, steps) crimes
    z: np.ndarray                # (cells, steps) Gi* z, NaN for a missing step
    p: np.ndarray
    q: np.ndarray                # BH over the cells of each step
    trend: MannKendall
    hot_steps: np.ndarray        # significant hot spot steps per cell
    cold_steps: np.ndarray
    pattern: np.ndarray
    crimes_total: int
    crimes_unlocated: int
    crimes_outside: int          # located, in the period, not in a study cell
    crimes_outside_period: int   # month outside the period (or none)
    warnings: Tuple[str, ...] = field(default=())

    @property
    def n_cells(self) -> int:
        return len(self.col)

    @property
    def cell_id(self) -> np.ndarray:
        return hs.cell_ids(self.col, self.row)

    @property
    def x0(self) -> np.ndarray:
        return self.col * self.cell_size

    @property
    def y0(self) -> np.ndarray:
        return self.row * self.cell_size

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: cell_id, col, row, x0, y0, crimes (whole period), steps (used), hot_steps,
        cold_steps, trend_s, trend_z, trend_p, pattern."""
        return pd.DataFrame({
            "cell_id": self.cell_id, "col": self.col, "row": self.row, "x0": self.x0, "y0": self.y0,
            "crimes": self.counts.sum(axis=1), "steps": self.trend.n, "hot_steps": self.hot_steps,
            "cold_steps": self.cold_steps, "trend_s": self.trend.s, "trend_z": self.trend.z,
            "trend_p": self.trend.p, "pattern": self.pattern})

    def summary(self) -> dict:
        counts = pd.Series(self.pattern).value_counts()
        return {"cell_size": self.cell_size, "cell_size_reason": self.cell_size_reason, "band": self.band,
                "band_reason": self.band_reason, "cells": self.n_cells,
                "steps": [s.label for s in self.steps],
                "missing_steps": [s.label for s, m in zip(self.steps, self.missing) if m],
                "crimes_total": self.crimes_total, "crimes_unlocated": self.crimes_unlocated,
                "crimes_outside": self.crimes_outside, "crimes_outside_period": self.crimes_outside_period,
                "patterns": {p: int(counts.get(p, 0)) for p in PATTERNS}, "warnings": list(self.warnings)}


def emerging_hotspots(lon, lat, months, area: Sequence[hs.Polygon], start_month: str, end_month: str,
                      step: str = MONTH, missing: Union[Iterable[str], Sequence[bool]] = (),
                      cell_size: float = 0, band: float = 0) -> EmergingHotSpots:
    """Emerging hot spots of the crimes at (lon, lat) (WGS84; NaN = no location) with their months
    ('YYYY-MM'), over `area` (polygons in EPSG:27700), for start_month..end_month in steps of a month or
    a quarter. `missing`: the steps with missing or partial data (a flag per step, or step labels or
    months). cell_size and band in metres; 0 = chosen from the data (reported)."""
    x, y = hs.to_bng(lon, lat)
    steps = time_steps(start_month, end_month, step)
    flags = missing_flags(steps, missing)
    code = step_of_crime(months, steps)
    in_period = code >= 0
    cell_size, size_reason, band, band_reason = hs.resolve_settings(
        x[in_period], y[in_period], area, cell_size, band)
    grid = hs.study_grid(area, cell_size)
    where, unlocated, outside = hs.place(grid, x[in_period], y[in_period])
    counts = hs.crimes_per_cell(grid, where, code[in_period], len(steps))
    chords = gi.disk_chords(band, cell_size)
    w = gi.neighbour_counts(grid, chords)
    shape = (grid.n, len(steps))
    z, p, q = np.full(shape, np.nan), np.full(shape, np.nan), np.full(shape, np.nan)
    warnings: List[str] = []
    for t, s in enumerate(steps):
        if flags[t]:
            continue
        step = gi.gi_star(counts[:, t], gi.neighbour_sums(grid, counts[:, t], chords), w)
        z[:, t], p[:, t], q[:, t] = step.z, step.p, step.q
        warnings.extend(f"{s.label}: {text}" for text in step.warnings)
    if flags.any():
        warnings.append("left out (missing or partial data): " + ", ".join(
            s.label for s, f in zip(steps, flags) if f))
    usable = int(np.isfinite(z).any(axis=0).sum())
    if usable < FEW_STEPS:
        warnings.append(f"only {usable} time step(s) with Gi*: a trend needs about {FEW_STEPS} to be detectable")
    trend = mann_kendall(z)
    significant = np.isfinite(z) & (q < ALPHA)
    i, j = grid.cells()
    return EmergingHotSpots(
        grid, cell_size, size_reason, band, band_reason, tuple(steps), flags,
        (j + grid.col0).astype(np.int64), (i + grid.row0).astype(np.int64), w, counts, z, p, q, trend,
        (significant & (z > 0)).sum(axis=1), (significant & (z < 0)).sum(axis=1),
        classify(z, q, trend.z, trend.p), len(x), unlocated, outside, int((~in_period).sum()), tuple(warnings))
