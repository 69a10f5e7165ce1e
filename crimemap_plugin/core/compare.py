"""Comparisons: every area's crimes for a period against a baseline, rates and significance.

Pure and fast: it reads the aggregate tables the import maintains (never the points) and returns
one row per area. A period touching a force-month with no data gives NULL (None/NaN) for that
side, never a fall to zero: the `complete` flag says so.
"""

from dataclasses import dataclass
from typing import Dict, Iterable, List, Optional

import numpy as np
import pandas as pd

from . import categories, forces
from .errors import CrimeMapError
from .periods import SAME_PERIOD_LAST_YEAR, Period
from .population import force_population, lsoa_table
from .stats import ALPHA, poisson_change_p

FORCE = "force"
NEIGHBOURHOOD = "neighbourhood"
LSOA = "lsoa"
LEVELS = (FORCE, NEIGHBOURHOOD, LSOA)

FIELDS = ("area_code", "area_name", "force", "current", "baseline", "change", "change_pct", "rate_per_1000",
          "annual_rate_per_1000", "p_value", "significant", "complete", "population")


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

    def records(self) -> List[dict]:
        """The rows as plain Python values: None where a value is missing (NA or NaN)."""
        columns = {}
        for name in self.rows.columns:
            column = self.rows[name]
            values = column.astype(object).where(column.notna(), None).tolist()
            columns[name] = [v.item() if hasattr(v, "item") else v for v in values]
        names = list(columns)
        return [dict(zip(names, row)) for row in zip(*columns.values())]

    def title(self) -> str:
        return (f"{categories.label(self.category)}: {self.period.label()} compared with "
                f"{self.baseline.label()}")


def _months_needed(period: Period, baseline: Period) -> List[str]:
    return sorted(set(period.months) | set(baseline.months) | set(period.annual().months))


def _complete(available: Dict[str, set], force: str, months: Iterable[str]) -> bool:
    have = available.get(force, set())
    return all(m in have for m in months)


def _finish(frame: pd.DataFrame, by_month: pd.DataFrame, period: Period, baseline: Period,
            available: Dict[str, set]) -> pd.DataFrame:
    """Add current/baseline/annual counts, change, rates and significance to `frame` (area_code,
    area_name, force, population), given counts per area and month in `by_month` (area_code x month)."""
    def total(months):
        cols = [m for m in months if m in by_month.columns]
        s = by_month[cols].sum(axis=1) if cols else pd.Series(0, index=by_month.index)
        return frame["area_code"].map(s).fillna(0).astype(np.int64)

    def complete(months):  # per force once, then for every area of it
        ok = {f: _complete(available, f, months) for f in set(frame["force"])}
        return frame["force"].map(ok).fillna(False).to_numpy(dtype=bool)

    cur_ok, base_ok, year_ok = complete(period.months), complete(baseline.months), complete(period.annual().months)
    current = total(period.months).to_numpy()
    base = total(baseline.months).to_numpy()
    annual = total(period.annual().months).to_numpy()
    both = cur_ok & base_ok
    out = frame.copy()
    def nullable(values, ok, dtype="Int64"):
        return pd.Series(values, index=out.index, dtype=dtype).where(pd.Series(ok, index=out.index))

    out["current"] = nullable(current, cur_ok)
    out["baseline"] = nullable(base, base_ok)
    out["change"] = nullable(current - base, both)
    with np.errstate(divide="ignore", invalid="ignore"):
        pct = np.where(base > 0, (current - base) / np.where(base > 0, base, 1) * 100.0, np.nan)
        pop = out["population"].to_numpy(dtype=float)
        rate = np.where(pop > 0, current / pop * 1000.0, np.nan)
        annual_rate = np.where(pop > 0, annual / pop * 1000.0, np.nan)
    out["change_pct"] = np.where(both & (base > 0), pct, np.nan)
    out["rate_per_1000"] = np.where(cur_ok, rate, np.nan)
    out["annual_rate_per_1000"] = np.where(year_ok, annual_rate, np.nan)
    p = np.array([poisson_change_p(c, b) if ok else np.nan for c, b, ok in zip(current, base, both)])
    out["p_value"] = p
    out["significant"] = nullable(np.where(both, p < ALPHA, False), both, "boolean")
    out["complete"] = both
    return out[list(FIELDS)]


def compare(store, level: str, category: str, period: Period,
            baseline_kind: str = SAME_PERIOD_LAST_YEAR, areas: Optional[pd.DataFrame] = None) -> Comparison:
    """Compare `period` with its baseline for every area of `level`.

    For LSOA level, `areas` may restrict the LSOAs (a frame with area_code); by default every LSOA
    with crimes in the months needed is returned. Neighbourhood level covers the neighbourhoods in
    the store (area_code "force/id"), or those of `areas`.
    """
    if level not in LEVELS:
        raise ValueError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    if category != categories.ALL_CRIME and category not in categories.CATEGORIES \
            and category not in categories.LEGACY:
        raise ValueError(f"unknown category {category!r}")
    baseline = period.baseline(baseline_kind)
    months = _months_needed(period, baseline)
    available = store.available_force_months()
    cat = None if category == categories.ALL_CRIME else category
    if level == FORCE:
        counts = store.counts(FORCE, months, cat)
        by_month = counts.pivot_table(index="area", columns="month", values="n", aggfunc="sum", fill_value=0)
        pops = force_population()
        frame = pd.DataFrame([{"area_code": f.ons_code, "area_name": f.name, "force": f.slug,
                               "population": pops.get(f.slug, 0)} for f in forces.territorial()])
        by_month.index = [forces.BY_SLUG[s].ons_code if s in forces.BY_SLUG else s for s in by_month.index]
    else:
        counts = store.counts(level, months, cat)
        by_month = counts.pivot_table(index="area", columns="month", values="n", aggfunc="sum", fill_value=0)
        if level == LSOA:
            table = lsoa_table()
            codes = list(areas["area_code"]) if areas is not None else sorted(set(by_month.index) & set(table))
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
    rows = _finish(frame, by_month, period, baseline, available)
    return Comparison(level, category, period, baseline_kind, rows)


def latest_month(store) -> str:
    """The store's latest month of street-level crime (the default end of a period)."""
    stored = store.months()
    if not stored:
        raise CrimeMapError(f"{store.path}: the store holds no street-level crime yet")
    return stored[-1]


def monthly_trend(store, level: str, area_force_or_code: str, category: str, months: List[str]) -> pd.Series:
    """Counts per month for one area (NaN where the area's force has no data that month)."""
    cat = None if category == categories.ALL_CRIME else category
    counts = store.counts(level, months, cat, area=area_force_or_code)
    series = counts.groupby("month")["n"].sum().reindex(months).fillna(0).astype(float)
    if level == FORCE:
        force = area_force_or_code
    elif level == NEIGHBOURHOOD:
        force = area_force_or_code.split("/", 1)[0]
    else:
        force = lsoa_table().get(area_force_or_code, ("", "", 0))[1]
    have = store.available_force_months().get(force, set())
    return series.where([m in have for m in months])
