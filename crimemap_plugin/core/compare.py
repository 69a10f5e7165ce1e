"""Comparisons: every area's crimes for a period against a baseline, rates and significance.

Pure and fast: it reads the aggregate tables the import maintains (never the points) and returns
one row per area. A period touching a force-month with no data, or with a partial submission (the
coverage audit), gives NULL (None/NaN) for that side, never a fall to zero: the `complete` flag
says so, and `missing_months`/`partial_months` say which. Significance allows for the number of
areas compared (Benjamini–Hochberg q-values over the complete areas).
"""

from dataclasses import dataclass
from typing import List, Optional

import numpy as np
import pandas as pd

from . import categories, forces
from .coverage import MISSING, PARTIAL, WHOLE, MonthStatus
from .errors import CrimeMapError
from .periods import SAME_PERIOD_LAST_YEAR, Period
from .population import force_population, lsoa_table
from .stats import ALPHA, benjamini_hochberg, poisson_change_p
from .words import tr_noop

FORCE = "force"
NEIGHBOURHOOD = "neighbourhood"
LSOA = "lsoa"
LEVELS = (FORCE, NEIGHBOURHOOD, LSOA)

FIELDS = ("area_code", "area_name", "force", "current", "baseline", "change", "change_pct", "rate_per_1000",
          "annual_rate_per_1000", "p_value", "q_value", "significant", "complete", "population",
          "missing_months", "partial_months")

# What "beyond chance" means, said wherever the result is shown.
TEST_NOTE = tr_noop("exact test for two Poisson counts; Benjamini–Hochberg q < 0.05 over the areas compared, "
                    "so the number of areas tested at once is allowed for")


@dataclass(frozen=True)
class Comparison:
    level: str
    category: str
    period: Period
    baseline_kind: str
    rows: pd.DataFrame          # one row per area, columns FIELDS

    @property
    def baseline(self) -> Period:
        return self.period.baseline(self.baseline_kind)

    @property
    def tested(self) -> int:
        """How many areas the significance test allowed for (the complete ones)."""
        return int(self.rows["complete"].sum())

    def records(self) -> List[dict]:
        """The rows as plain Python values: None where a value is missing (NA or NaN)."""
        names = list(self.rows.columns)
        columns = [self.rows[name].to_numpy(dtype=object, na_value=None).tolist() for name in names]
        return [dict(zip(names, row)) for row in zip(*columns)]

    def title(self, tr=lambda text: text) -> str:
        """'All crime: March–May 2021 compared with March–May 2020' (`tr` translates, as i18n.tr)."""
        return tr("{category}: {period} compared with {baseline}").format(
            category=tr(categories.label(self.category)), period=self.period.label(),
            baseline=self.baseline.label())


def _spans(period: Period, baseline: Period) -> dict:
    """The months each total of a comparison sums."""
    return {"current": period.months, "baseline": baseline.months, "annual": period.annual().months}


def _finish(frame: pd.DataFrame, sums: pd.DataFrame, period: Period, baseline: Period,
            status: MonthStatus) -> pd.DataFrame:
    """Add current/baseline/annual counts, change, rates and significance to `frame` (area_code,
    area_name, force, population), given each area's totals in `sums` (indexed by area_code, the
    columns of _spans()).

    A side of the comparison counts only when every month of it is whole for the area's force: a
    month with no data or a partial submission makes that side NULL and the row incomplete, never a
    fall. Significance is tested over the complete rows together (Benjamini–Hochberg)."""
    aligned = sums.reindex(frame["area_code"].to_numpy()).fillna(0).astype(np.int64)
    # Completeness is the force's: worked out once per force, then spread over its areas.
    codes, force_names = pd.factorize(frame["force"].fillna(""))   # (no force: "", every month missing)

    def per_area(values, dtype):
        return np.asarray(values, dtype=dtype)[codes] if len(codes) else np.zeros(0, dtype=dtype)

    compared = sorted(set(period.months) | set(baseline.months))
    gaps = [status.gaps(force, compared) for force in force_names]   # (missing, partial) over both periods

    def whole(months):
        return per_area([all(status.state(f, m) == WHOLE for m in months) for f in force_names], bool)

    cur_ok, base_ok, year_ok = whole(period.months), whole(baseline.months), whole(period.annual().months)
    current = aligned["current"].to_numpy()
    base = aligned["baseline"].to_numpy()
    annual = aligned["annual"].to_numpy()
    both = cur_ok & base_ok

    def nullable(values, ok):   # whole numbers, NULL where not ok
        return pd.arrays.IntegerArray(np.asarray(values, dtype=np.int64), ~ok)

    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(base > 0, (current - base) / np.where(base > 0, base, 1) * 100.0, np.nan)
        pop = frame["population"].to_numpy(dtype=float)
        rate = np.where(pop > 0, current / pop * 1000.0, np.nan)
        annual_rate = np.where(pop > 0, annual / pop * 1000.0, np.nan)
    tests = {}   # the same pair of counts is tested once (small areas share them)
    p = np.array([(tests[(c, b)] if (c, b) in tests else tests.setdefault((c, b), poisson_change_p(c, b)))
                  if ok else np.nan for c, b, ok in zip(current.tolist(), base.tolist(), both.tolist())], dtype=float)
    q = benjamini_hochberg(p)
    # The frame made at once from its columns (one column at a time costs a copy of the frame each).
    columns = {name: frame[name] for name in frame.columns}
    columns.update({
        "current": nullable(current, cur_ok), "baseline": nullable(base, base_ok),
        "change": nullable(current - base, both),
        "change_pct": np.where(both & (base > 0), pct, np.nan),
        "rate_per_1000": np.where(cur_ok, rate, np.nan),
        "annual_rate_per_1000": np.where(year_ok, annual_rate, np.nan),
        "p_value": p, "q_value": q,
        "significant": pd.arrays.BooleanArray(both & (q < ALPHA), ~both),
        "complete": both,
        "missing_months": per_area([",".join(g[0]) for g in gaps], object),
        "partial_months": per_area([",".join(g[1]) for g in gaps], object),
    })
    return pd.DataFrame({name: columns[name] for name in FIELDS}, index=frame.index)


def force_areas() -> pd.DataFrame:
    """Every force police.uk publishes, as comparison areas: area_code (ONS code, or the police.uk id
    for btp and northern-ireland), area_name, force, population (Census 2021 usual residents; 0 for
    British Transport Police, which has none)."""
    pops = force_population()
    return pd.DataFrame([{"area_code": forces.area_code(f.slug), "area_name": f.name, "force": f.slug,
                          "population": pops.get(f.slug, 0)} for f in forces.published()])


def compare(store, level: str, category: str, period: Period,
            baseline_kind: str = SAME_PERIOD_LAST_YEAR, areas: Optional[pd.DataFrame] = None) -> Comparison:
    """Compare `period` with its baseline for every area of `level`.

    For LSOA level, `areas` may restrict the LSOAs (a frame with area_code); by default every LSOA
    with crimes in the months needed is returned. Neighbourhood level covers the neighbourhoods in
    the store (area_code "force/id"), or those of `areas`. Force level lists every force police.uk
    publishes (the 43 of England and Wales, British Transport Police and Northern Ireland).
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    if category != categories.ALL_CRIME and category not in categories.CATEGORIES \
            and category not in categories.LEGACY:
        raise ValueError(f"unknown category {category!r}")
    baseline = period.baseline(baseline_kind)
    status = store.month_status()
    cat = None if category == categories.ALL_CRIME else category
    sums = store.sums(level, _spans(period, baseline), cat)
    if level == FORCE:
        frame = force_areas()
        sums.index = [forces.area_code(s) if s in forces.BY_SLUG else s for s in sums.index]
        sums = sums.groupby(level=0).sum()   # a force stored under two slugs is one area
    elif level == LSOA:
        table = lsoa_table()
        codes = list(areas["area_code"]) if areas is not None else sorted(set(sums.index) & set(table))
        frame = pd.DataFrame([{"area_code": c, "area_name": table.get(c, ("", "", 0))[0],
                               "force": table.get(c, ("", "", 0))[1],
                               "population": table.get(c, ("", "", 0))[2]} for c in codes])
    else:
        frame = store.neighbourhood_areas()
        if frame.empty:
            raise ValueError("the store holds no neighbourhoods yet: import a force's neighbourhoods "
                             "first (crimemap:importneighbourhoods)")
        if areas is not None:
            frame = frame[frame["area_code"].isin(set(areas["area_code"]))].reset_index(drop=True)
    if frame.empty:
        frame = pd.DataFrame(columns=["area_code", "area_name", "force", "population"])
    rows = _finish(frame, sums, period, baseline, status)
    return Comparison(level, category, period, baseline_kind, rows)


def latest_month(store) -> str:
    """The store's latest month of street-level crime (the default end of a period)."""
    stored = store.months()
    if not stored:
        raise CrimeMapError(f"{store.path}: the store holds no street-level crime yet")
    return stored[-1]


@dataclass(frozen=True)
class Trend:
    """Crimes a month for one area: a value per month (None where the force has no data that month)
    and the month's state (whole, partial or missing)."""
    months: List[str]
    values: List[Optional[float]]
    states: List[str]

    @property
    def partial(self) -> List[str]:
        return [m for m, s in zip(self.months, self.states) if s == PARTIAL]


def area_force(level: str, area: str) -> str:
    """The force whose data an area's counts come from (completeness follows it)."""
    if level == FORCE:
        return area
    if level == NEIGHBOURHOOD:
        return area.split("/", 1)[0]
    return lsoa_table().get(area, ("", "", 0))[1]


def monthly_trend(store, level: str, area_force_or_code: str, category: str, months: List[str]) -> Trend:
    """Counts per month for one area (a force by its police.uk id, a neighbourhood "force/id", an
    LSOA code): the count where the month is stored, whole or partial; None where it has no data."""
    cat = None if category == categories.ALL_CRIME else category
    counts = store.counts(level, months, cat, area=area_force_or_code)
    series = counts.groupby("month")["n"].sum().reindex(months).fillna(0).astype(float)
    status = store.month_status()
    force = area_force(level, area_force_or_code)
    states = [status.state(force, m) for m in months]
    values = [None if state == MISSING else float(v) for v, state in zip(series.tolist(), states)]
    return Trend(list(months), values, states)
