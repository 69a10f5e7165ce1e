"""Per-area outcomes for crimemap:outcomes: what has happened so far to a period's street crimes, how
complete that is, and the like-for-like charge rate, read from a store.

Rows come from the store's crimes and outcomes layers (core.outcomes does the joining, grouping
and summarising). Outcomes files are read month by month from the start of the year-earlier period
and only entries for the crimes of the two periods are kept, so memory follows the crimes asked
about, not the store's size.

An area's figures need whole street months for the period and whole outcomes months from the
period's start to the month outcomes are known to (`observed_to`, the latest outcomes month in the
store), for every force whose crimes it holds. A street gap leaves every figure of the area empty;
an outcomes gap leaves the outcome figures empty (the crimes still count); `complete` is false in
both cases. The year-earlier side of the like-for-like comparison is left empty, with
`baseline_complete` false, when its own months are not whole.
"""

from dataclasses import dataclass
from typing import Callable, Dict, Optional, Set

import numpy as np
import pandas as pd

from ..core import categories
from ..core import outcome_wordings as ow
from ..core import outcomes as oc
from ..core.periods import SAME_PERIOD_LAST_YEAR, Period, shift
from .month_gaps import Gaps, Need, area_gaps, forces_by_area, month_range

CRIME_COLUMNS = ["crime_id", "month", "force", "category", "lsoa_code", "lsoa_name", "outcome"]
OUTCOME_COLUMNS = ["crime_id", "month", "outcome_type"]
MAX_MONTHS = 12   # a longer period would overlap its own year-earlier baseline

SHARES = tuple(f"share_{g}" for g in ow.GROUPS)
OUTCOME_FIGURES = ("with_outcome", "completeness", "charged_or_summonsed", "charge_rate", *SHARES,
                   "median_lag_months", "unknown_wording")
SAME_LAG = ("same_lag_charge_rate", "same_lag_completeness")
BASELINE_FIGURES = ("baseline_crimes", "baseline_charged_or_summonsed", "baseline_charge_rate",
                    "baseline_completeness")
FIELDS = ("area_code", "area_name", "force", "crimes", *OUTCOME_FIGURES, "observed_to", "complete",
          "missing_months", "partial_months", "lag_months", *SAME_LAG, *BASELINE_FIGURES, "charge_rate_change",
          "baseline_observed_to", "baseline_complete", "baseline_missing_months")
COUNTS = ("crimes", "with_outcome", "charged_or_summonsed", "unknown_wording", "baseline_crimes",
          "baseline_charged_or_summonsed", "lag_months")

# Assigns areas to crimes: a frame of crimes (with lon, lat) -> the same rows with area_code, a row
# repeated for each area containing it and left out when in none (neighbourhoods: point in polygon).
Assign = Callable[[pd.DataFrame], pd.DataFrame]


@dataclass(frozen=True)
class OutcomeTable:
    level: str
    category: str
    period: Period
    baseline: Period
    observed_to: Optional[str]            # outcomes are known up to this month (None: no outcomes files)
    baseline_observed_to: Optional[str]
    rows: pd.DataFrame                    # one row per area, columns FIELDS
    gaps: Dict[str, Gaps]

    @property
    def lag(self) -> Optional[int]:
        """Months from the period's end to the month outcomes are known to."""
        return None if self.observed_to is None else oc.lag_months(self.period.end, self.observed_to)

    def title(self) -> str:
        return f"{categories.label(self.category)}: {self.period.label()}"


def check_category(category: str) -> None:
    """ValueError unless `category` is all-crime or a crime category that can have outcomes."""
    if category == oc.ASB:
        raise ValueError("anti-social behaviour has no Crime ID and no outcomes: choose a crime category "
                         "or all-crime")
    if category != categories.ALL_CRIME and category not in categories.CATEGORIES \
            and category not in categories.LEGACY:
        raise ValueError(f"unknown category {category!r}")


def _crimes(store, period: Period, category: Optional[str]) -> pd.DataFrame:
    frame = store.table_frame("street", CRIME_COLUMNS, period.start, period.end, category=category)
    return frame[frame["category"].astype(object) != oc.ASB].reset_index(drop=True)


def _entries(store, ids: Set[str], since: str) -> pd.DataFrame:
    """Outcomes-file entries for the given Crime IDs, recorded in `since` or later, a month at a time."""
    parts = [pd.DataFrame(columns=OUTCOME_COLUMNS)]
    for month in store.months("outcomes"):
        if month < since:
            continue
        frame = store.table_frame("outcomes", OUTCOME_COLUMNS, month, month)
        parts.append(frame.loc[frame["crime_id"].isin(ids), OUTCOME_COLUMNS])
    return pd.concat(parts, ignore_index=True)


def _lsoa_forces(store, period: Period) -> pd.DataFrame:
    """area_code (LSOA) and force of every street row of the period, any category: whose data an LSOA
    unknown to the bundled Census table (a 2011 code) comes from, even without crimes of the
    category asked for."""
    frame = store.table_frame("street", ["lsoa_code", "force"], period.start, period.end)
    return frame.rename(columns={"lsoa_code": "area_code"})[["area_code", "force"]].drop_duplicates()


def _assign(frame: pd.DataFrame, level: str, assign: Optional[Assign]) -> pd.DataFrame:
    if level == oc.FORCE:
        return oc.add_area(frame, oc.FORCE)
    if level == oc.LSOA:
        return oc.add_area(frame, oc.LSOA)
    if assign is None:
        raise ValueError(f"level {level!r} needs an area assignment")
    return assign(frame)


def outcome_table(store, level: str, category: str, period: Period, areas: pd.DataFrame,
                  assign: Optional[Assign] = None) -> OutcomeTable:
    """Every area of `areas` (area_code, area_name, force) with FIELDS for `period`."""
    check_category(category)
    if period.length > MAX_MONTHS:
        raise ValueError(f"a period of outcomes is at most {MAX_MONTHS} months (the like-for-like comparison "
                         "is with the same period a year earlier)")
    cat = None if category == categories.ALL_CRIME else category
    baseline = period.baseline(SAME_PERIOD_LAST_YEAR)
    current = _assign(_crimes(store, period, cat), level, assign)
    before = _assign(_crimes(store, baseline, cat), level, assign)
    held = store.months("outcomes")
    observed_to = held[-1] if held else None
    baseline_observed = shift(observed_to, -12) if observed_to else None
    ids = set(current["crime_id"].dropna()) | set(before["crime_id"].dropna())
    ids.discard("")
    entries = _entries(store, ids, baseline.start) if observed_to else pd.DataFrame(columns=OUTCOME_COLUMNS)

    summary = oc.summarise(oc.latest_outcomes(current, entries), "area_code").set_index("area_code")
    rows = areas[["area_code", "area_name", "force"]].copy().reset_index(drop=True)
    own = {a: {f} for a, f in zip(rows["area_code"], rows["force"].fillna(""))}
    crimes_forces = pd.concat([current[["area_code", "force"]], before[["area_code", "force"]]])
    if level == oc.LSOA and not all(own.values()):
        crimes_forces = pd.concat([crimes_forces, _lsoa_forces(store, period), _lsoa_forces(store, baseline)])
    area_forces = forces_by_area(own, crimes_forces["area_code"], crimes_forces["force"])
    outcome_months = tuple(month_range(period.start, observed_to)) if observed_to else ()
    base_outcome_months = tuple(month_range(baseline.start, baseline_observed)) if observed_to else ()
    street, outcomes_status = store.month_status("street"), store.month_status("outcomes")
    gaps = area_gaps(area_forces, [Need("street", street, tuple(period.months)),
                                   Need("outcomes", outcomes_status, outcome_months)])
    base_gaps = area_gaps(area_forces, [Need("street", street, tuple(baseline.months)),
                                        Need("outcomes", outcomes_status, base_outcome_months)])

    codes = rows["area_code"]
    for column in ("crimes", *OUTCOME_FIGURES):
        rows[column] = codes.map(summary[column]) if len(summary) else np.nan
    street_ok = codes.map(lambda a: gaps[a].whole("street")).astype(bool)
    outcomes_ok = codes.map(lambda a: gaps[a].whole("outcomes")).astype(bool) & street_ok
    # A whole area with no crimes of the kind asked for: zero crimes, rates undefined.
    for column in ("crimes", "with_outcome", "charged_or_summonsed", "unknown_wording"):
        rows[column] = rows[column].where(rows[column].notna() | ~street_ok, 0)
    rows.loc[~street_ok, "crimes"] = np.nan
    rows.loc[~outcomes_ok, list(OUTCOME_FIGURES)] = np.nan
    rows["observed_to"] = observed_to
    rows["complete"] = (street_ok & outcomes_ok).to_numpy()
    rows["missing_months"] = codes.map(lambda a: gaps[a].missing_text())
    rows["partial_months"] = codes.map(lambda a: gaps[a].partial_text())

    _like_for_like(rows, current, before, entries, period, observed_to, outcomes_ok, base_gaps)
    for column in COUNTS:
        rows[column] = pd.array(rows[column].astype(float).round().tolist(), dtype="Int64") \
            if column in rows else pd.NA
    return OutcomeTable(level, category, period, baseline, observed_to, baseline_observed,
                        rows[list(FIELDS)], gaps)


def _like_for_like(rows: pd.DataFrame, current: pd.DataFrame, before: pd.DataFrame, entries: pd.DataFrame,
                   period: Period, observed_to: Optional[str], current_ok: pd.Series,
                   base_gaps: Dict[str, Gaps]) -> None:
    """Add the like-for-like fields to `rows` in place (empty without outcomes files)."""
    codes = rows["area_code"]
    base_ok = codes.map(lambda a: base_gaps[a].whole()).astype(bool)
    rows["baseline_complete"] = base_ok.to_numpy()
    rows["baseline_missing_months"] = codes.map(
        lambda a: "; ".join(t for t in (base_gaps[a].missing_text(), base_gaps[a].partial_text()) if t))
    for column in ("lag_months", *SAME_LAG, *BASELINE_FIGURES, "charge_rate_change", "baseline_observed_to"):
        rows[column] = np.nan
    if observed_to is None:
        rows["baseline_observed_to"] = None
        return
    table = oc.like_for_like(pd.concat([current, before], ignore_index=True), entries, period, "area_code",
                             observed_to=observed_to).set_index("area_code")
    rows["lag_months"] = float(table["lag_months"].iloc[0]) if len(table) else float(
        oc.lag_months(period.end, observed_to))
    rows["baseline_observed_to"] = shift(observed_to, -12)
    pairs = {"same_lag_charge_rate": "charge_rate", "same_lag_completeness": "completeness",
             "baseline_crimes": "baseline_crimes", "baseline_charged_or_summonsed": "baseline_charged_or_summonsed",
             "baseline_charge_rate": "baseline_charge_rate", "baseline_completeness": "baseline_completeness"}
    for ours, theirs in pairs.items():
        rows[ours] = codes.map(table[theirs]).astype(float) if len(table) else np.nan
    # Whole months with no crimes: zero crimes, rates undefined.
    for column in ("baseline_crimes", "baseline_charged_or_summonsed"):
        rows[column] = rows[column].where(rows[column].notna() | ~base_ok, 0.0)
    rows.loc[~current_ok, list(SAME_LAG)] = np.nan
    rows.loc[~base_ok, list(BASELINE_FIGURES)] = np.nan
    rows["charge_rate_change"] = rows["same_lag_charge_rate"] - rows["baseline_charge_rate"]
