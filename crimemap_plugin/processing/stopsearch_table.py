"""Per-area stop and search for crimemap:stopsearch, read from a store: searches, find rate, share
without a location, rate per 1,000 residents, breakdowns, and at force level the rates and
disproportionality ratios by ethnic group (core.stopsearch does the counting).

Force level counts every search of the force's files ("no location" is the share of them police.uk
could not place). Neighbourhood and LSOA levels count the located searches inside each boundary
(searches carry coordinates, no LSOA), so `no_location` is left empty there.

An area whose force lacks a stop-and-search file for a month of the period, or published only part
of one (the coverage audit), has its figures left empty and `complete` false: a hole is never read
as no searches.
"""

from dataclasses import dataclass
from typing import Callable, Dict, Optional

import numpy as np
import pandas as pd

from ..core import forces
from ..core import stopsearch as ss
from ..core.ethnicity import GROUPS, REFERENCE, TOTAL, force_ethnicity
from ..core.periods import parse
from .month_gaps import Gaps, Need, area_gaps, forces_by_area, month_range

KIND = "stop-and-search"
FORCE = "force"
SEARCH_COLUMNS = ["month", "force", "type", "date", "gender", "age_range", "self_defined_ethnicity",
                  "officer_defined_ethnicity", "legislation", "object_of_search", "outcome", "outcome_linked"]

ETHNIC_FIELDS = tuple(f for f in ss.ethnicity_fields() if f not in ("area_code", "area_name", "force", "searches",
                                                                    "find_rate", "no_location"))
BASE_FIELDS = ("area_code", "area_name", "force", "searches", "found", "find_rate", "no_location_count",
               "no_location", "population", "rate_per_1000", "complete", "missing_months", "partial_months")
BREAKDOWN_FIELDS = ("area_code", "area_name", "dimension", "value", "searches", "share", "found", "find_rate")

Assign = Callable[[pd.DataFrame], pd.DataFrame]


def fields(level: str):
    """The output fields of a level: the ethnic-group fields at force level only (populations by
    ethnic group exist per force area)."""
    return BASE_FIELDS + (ETHNIC_FIELDS if level == FORCE else ())


@dataclass(frozen=True)
class StopSearchTable:
    level: str
    start: str
    end: str
    ethnicity: str
    rows: pd.DataFrame           # one row per area, fields(level)
    breakdowns: pd.DataFrame     # complete areas only, BREAKDOWN_FIELDS
    gaps: Dict[str, Gaps]

    @property
    def months(self) -> int:
        return parse(self.end) - parse(self.start) + 1


def searches(store, start: str, end: str) -> pd.DataFrame:
    """The stored searches of the months, with lon and lat (NaN without a location)."""
    return store.table_frame(KIND, SEARCH_COLUMNS, start, end)


def stopsearch_table(store, level: str, start: str, end: str, areas: pd.DataFrame, ethnicity: str = ss.OFFICER,
                     assign: Optional[Assign] = None, frame: Optional[pd.DataFrame] = None) -> StopSearchTable:
    """Every area of `areas` (area_code, area_name, force, population) for the months start..end.
    `assign` places searches in areas below force level (see outcome_table.Assign); `frame` is the
    searches when already read (searches())."""
    if ethnicity not in ss.ETHNICITIES:
        raise ValueError(f"unknown ethnicity {ethnicity!r}: use one of {', '.join(ss.ETHNICITIES)}")
    months = month_range(start, end)
    if not months:
        raise ValueError(f"the first month {start} is after the last month {end}")
    rows_all = searches(store, start, end) if frame is None else frame
    if level == FORCE:
        placed = rows_all.assign(area_code=rows_all["force"].map(
            lambda s: forces.area_code(s) if s in forces.BY_SLUG else s))
    else:
        if assign is None:
            raise ValueError(f"level {level!r} needs an area assignment")
        placed = assign(rows_all[rows_all["lon"].notna() & rows_all["lat"].notna()])
    rows = areas[["area_code", "area_name", "force", "population"]].copy().reset_index(drop=True)
    own = {a: {f} for a, f in zip(rows["area_code"], rows["force"].fillna(""))}
    gaps = area_gaps(forces_by_area(own, placed["area_code"], placed["force"]),
                     [Need(KIND, store.month_status(KIND), tuple(months))])
    codes = rows["area_code"]
    ok = codes.map(lambda a: gaps[a].whole()).astype(bool)
    complete_codes = set(codes[ok])
    kept = placed[placed["area_code"].isin(complete_codes)]

    summary = ss.summarise(kept, "area_code").set_index("area_code")
    for column in ("searches", "found", "find_rate", "no_location_count", "no_location"):
        rows[column] = codes.map(summary[column]).astype(float) if len(summary) else np.nan
    for column in ("searches", "found", "no_location_count"):
        rows[column] = rows[column].where(rows[column].notna() | ~ok, 0.0)
    if level == FORCE:
        rows["population"] = rows["force"].map(lambda f: force_ethnicity().get(f, {}).get(TOTAL))
        _ethnic_groups(rows, kept, ethnicity, ok)
    else:
        rows["no_location_count"] = np.nan
        rows["no_location"] = np.nan
    population = pd.to_numeric(rows["population"], errors="coerce")
    rows["rate_per_1000"] = (rows["searches"] / population * 1000.0).where(population > 0)
    rows.loc[~ok, [c for c in fields(level) if c not in ("area_code", "area_name", "force", "population",
                                                          "complete", "missing_months", "partial_months")
                   and not c.startswith("population_")]] = np.nan
    rows["complete"] = ok.to_numpy()
    rows["missing_months"] = codes.map(lambda a: gaps[a].missing_text())
    rows["partial_months"] = codes.map(lambda a: gaps[a].partial_text())
    for column in ("searches", "found", "no_location_count", "population", "searches_unknown_ethnicity",
                   *(f"searches_{g}" for g in GROUPS), *(f"population_{g}" for g in GROUPS)):
        if column in rows:
            rows[column] = pd.array(pd.to_numeric(rows[column], errors="coerce").round().tolist(), dtype="Int64")
    table = ss.breakdowns(kept, "area_code")
    names = dict(zip(rows["area_code"], rows["area_name"]))
    table.insert(1, "area_name", table["area_code"].map(names))
    return StopSearchTable(level, start, end, ethnicity, rows[list(fields(level))],
                           table[list(BREAKDOWN_FIELDS)].reset_index(drop=True), gaps)


def _ethnic_groups(rows: pd.DataFrame, kept: pd.DataFrame, ethnicity: str, ok: pd.Series) -> None:
    """Add the force-level ethnic-group fields to `rows` in place (core.stopsearch.force_rates for the
    forces with searches; zero searches, with populations, for whole forces without any)."""
    rates = ss.force_rates(kept, ethnicity).set_index("area_code") if len(kept) else None
    pops = force_ethnicity()
    for column in ETHNIC_FIELDS:
        if rates is not None and column in rates:
            rows[column] = rows["area_code"].map(rates[column])
        else:
            rows[column] = None
        rows[column] = rows[column].astype(object)
    searched = set(rates.index) if rates is not None else set()
    for i in rows.index[ok & ~rows["area_code"].isin(searched)]:
        pop = pops.get(rows.at[i, "force"])
        rows.at[i, "searches_unknown_ethnicity"] = 0
        for g in GROUPS:
            rows.at[i, f"searches_{g}"] = 0
            rows.at[i, f"population_{g}"] = None if pop is None else pop[g]
            rows.at[i, f"rate_{g}"] = None if not pop else 0.0
            if g != REFERENCE:
                rows.at[i, f"ratio_{g}_reason"] = ss.rate_ratio(0, pop[g], 0, pop[REFERENCE])["reason"] if pop \
                    else "no Census 2021 population for this force"
    for g in GROUPS:   # populations are known whatever the searches
        rows[f"population_{g}"] = rows["force"].map(lambda f, g=g: pops.get(f, {}).get(g))


# What became of a search, for the points layer: the find (outcome linked to the object searched
# for) first, then no further action, then any other outcome.
LINKED, NO_FURTHER_ACTION, NOT_LINKED, NOT_RECORDED = "linked", "no_further_action", "not_linked", "not_recorded"
RESULTS = (LINKED, NOT_LINKED, NO_FURTHER_ACTION, NOT_RECORDED)


def search_results(frame: pd.DataFrame) -> pd.Series:
    """Each search's result (RESULTS): "linked" when its outcome is linked to the object of the
    search; otherwise "no_further_action" when the outcome says so ("A no further action disposal",
    "Nothing found - no further action"), "not_recorded" when there is no outcome, else "not_linked"
    (an arrest, a warning ... not linked to what was searched for)."""
    is_linked, _ = ss.linked(frame)
    outcome = frame["outcome"].fillna("").astype(str).str.strip().str.lower() if "outcome" in frame \
        else pd.Series("", index=frame.index)
    out = np.where(is_linked, LINKED, np.where(outcome.str.contains("no further action", regex=False),
                                               NO_FURTHER_ACTION, np.where(outcome == "", NOT_RECORDED, NOT_LINKED)))
    return pd.Series(out, index=frame.index, dtype=object)
