"""Stop and search summarised: searches per area, breakdowns, the find rate, searches without a
location, and each force's rates per 1,000 residents by ethnic group with disproportionality ratios.

Find rate. The share of searches whose outcome police.uk marks as linked to the object searched for
("Outcome linked to object of search" is "True"). An empty value counts as not linked: forces leave
it empty when nothing was found (Greater Manchester, June 2019: empty on all 705 "A no further
action disposal" searches and on no other). When no search of an area records the field at all
(older files lack the column), the find rate is NaN: unknown, not zero.

Rates by ethnic group (Home Office method). rate_g = searches of people in group g / usual
residents of group g (Census 2021 TS021, summed to the force area) × 1,000, over the searches given
(the Home Office publishes rates for 12 months, a financial year). The disproportionality ratio of
group g is rate_g / rate_white; its 95 % confidence interval is exp(log ratio ± 1.96 × SE) with
SE² = 1 / searches_g + 1 / searches_white: the counts are treated as Poisson and the populations as
fixed (exactly known). A ratio is undefined (None, with the reason) when either count is zero, or a
population is zero; never infinite.

Which ethnicity. By default searches are counted by the searched person's OFFICER-defined
ethnicity, whose values are broad groups already (White, Black, Asian, Other, and Mixed in some
forces only: City of London 2018–2021 and Greater Manchester 2019 record no "Mixed", so their Mixed
ratio is undefined). The Home Office's published rates use SELF-defined ethnicity, which forces
report to it under section 95 of the Criminal Justice Act 1991: `ethnicity="self"` counts that here
("Not stated" is unknown), and `ethnicity="self_then_officer"` takes the officer-defined group where
the self-defined one is not stated. Searches of unknown ethnicity count in `searches`, in no group.

Areas. Column `force` gives force level (outcomes.add_area(frame, "force") names forces by ONS
code, as comparisons do). Neighbourhoods and LSOAs need a point-in-polygon step first (stop-and-
search rows carry coordinates, no LSOA): pass the column holding its result; rows without an area
(including every search without a location) are then left out, so `no_location` means something
at force level only.
"""

import math
from typing import Dict, Optional, Tuple

import numpy as np
import pandas as pd

from . import forces
from .ethnicity import GROUPS, REFERENCE, force_ethnicity

Z95 = 1.959963984540054   # the 97.5 % point of the standard normal distribution

BREAKDOWNS = ("legislation", "object_of_search", "outcome", "age_range", "gender", "officer_defined_ethnicity",
              "self_defined_ethnicity")
NOT_RECORDED = "(not recorded)"
OFFICER = "officer"
SELF = "self"
SELF_THEN_OFFICER = "self_then_officer"
ETHNICITIES = (OFFICER, SELF, SELF_THEN_OFFICER)

# Officer-defined ethnicity: police.uk publishes the broad group itself.
_OFFICER_GROUPS = {"asian": "asian", "black": "black", "mixed": "mixed", "white": "white", "other": "other"}
# Self-defined ethnicity: "<high-level group> - <group>" in the 2011 Census wording (18 + 1).
_SELF_PREFIXES = (("asian/asian british", "asian"), ("black/african/caribbean/black british", "black"),
                  ("mixed/multiple ethnic groups", "mixed"), ("white", "white"), ("other ethnic group", "other"))
_NOT_STATED = "not stated"


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A text column with surrounding spaces removed and None/NaN as "" (once per distinct value)."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    codes, uniques = pd.factorize(frame[column].to_numpy(dtype=object))
    table = np.array([str(u).strip() for u in uniques] + [""], dtype=object)
    return pd.Series(table[codes], index=frame.index)


def officer_group(value) -> Optional[str]:
    """The broad group of an officer-defined ethnicity ('Black' -> 'black'), or None when unknown."""
    return _OFFICER_GROUPS.get(" ".join(str(value or "").split()).lower())


def self_group(value) -> Optional[str]:
    """The broad group of a self-defined ethnicity ('Asian/Asian British - Indian' -> 'asian'), or None
    when empty, "Not stated" or unrecognised."""
    text = " ".join(str(value or "").split()).lower()
    head, _, tail = text.partition(" - ")
    if not tail or tail == _NOT_STATED:
        return None
    return next((group for prefix, group in _SELF_PREFIXES if head == prefix), None)


def broad_groups(searches: pd.DataFrame, ethnicity: str = OFFICER) -> pd.Series:
    """Each search's broad ethnic group (asian/black/mixed/white/other), None where unknown."""
    if ethnicity not in ETHNICITIES:
        raise ValueError(f"unknown ethnicity {ethnicity!r}: use one of {', '.join(ETHNICITIES)}")

    def groups(column: str, func) -> pd.Series:
        values = _text(searches, column)
        table = {v: func(v) for v in pd.unique(values)}
        return values.map(table).astype(object)

    if ethnicity == OFFICER:
        return groups("officer_defined_ethnicity", officer_group)
    own = groups("self_defined_ethnicity", self_group)
    if ethnicity == SELF:
        return own
    return own.where(own.notna(), groups("officer_defined_ethnicity", officer_group))


def linked(searches: pd.DataFrame) -> Tuple[pd.Series, pd.Series]:
    """(linked, recorded): whether each search's outcome is linked to its object, and whether the
    field holds a value at all. "True"/"true"/"1" are linked; anything else is not."""
    values = _text(searches, "outcome_linked").str.lower()
    return values.isin({"true", "1", "yes"}), values != ""


def _no_location(searches: pd.DataFrame) -> pd.Series:
    lon = pd.to_numeric(searches["lon"], errors="coerce") if "lon" in searches else None
    lat = pd.to_numeric(searches["lat"], errors="coerce") if "lat" in searches else None
    if lon is None or lat is None:
        return pd.Series(True, index=searches.index)
    return lon.isna() | lat.isna()


def _areas(searches: pd.DataFrame, by: str) -> Tuple[pd.DataFrame, pd.Series]:
    area = _text(searches, by)
    keep = area != ""
    return searches[keep], area[keep]


SUMMARY_FIELDS = ("area_code", "searches", "found", "find_rate", "no_location_count", "no_location")


def summarise(searches: pd.DataFrame, by: str = "force") -> pd.DataFrame:
    """Per area (values of column `by`): searches, found (outcome linked to the object), find_rate =
    found / searches (NaN when no search records the link), no_location_count and no_location (the
    share of searches without coordinates)."""
    frame, area = _areas(searches, by)
    if frame.empty:
        return pd.DataFrame(columns=list(SUMMARY_FIELDS))
    is_linked, recorded = linked(frame)
    grouped = pd.DataFrame({"one": 1, "found": is_linked.astype(np.int64), "recorded": recorded.astype(np.int64),
                            "nowhere": _no_location(frame).astype(np.int64)}).groupby(area, sort=True)
    sums = grouped.sum()
    table = pd.DataFrame({"searches": sums["one"], "found": sums["found"]})
    table["find_rate"] = (sums["found"] / sums["one"]).where(sums["recorded"] > 0)
    table["no_location_count"] = sums["nowhere"]
    table["no_location"] = sums["nowhere"] / sums["one"]
    table.index.name = "area_code"
    return table.reset_index()[list(SUMMARY_FIELDS)]


def breakdowns(searches: pd.DataFrame, by: str = "force", columns=BREAKDOWNS) -> pd.DataFrame:
    """Long table of searches per area, dimension and value: area_code, dimension (a column name of
    BREAKDOWNS), value (NOT_RECORDED where empty), searches, share (of the area's searches), found
    and find_rate (of that value's searches)."""
    frame, area = _areas(searches, by)
    is_linked, recorded = linked(frame)
    parts = []
    for column in columns:
        values = _text(frame, column).replace("", NOT_RECORDED)
        counts = pd.DataFrame({"area_code": area, "value": values, "one": 1, "found": is_linked.astype(np.int64),
                               "recorded": recorded.astype(np.int64)})
        table = counts.groupby(["area_code", "value"], sort=True).sum().reset_index()
        table.insert(1, "dimension", column)
        parts.append(table)
    if not parts or frame.empty:
        return pd.DataFrame(columns=["area_code", "dimension", "value", "searches", "share", "found", "find_rate"])
    out = pd.concat(parts, ignore_index=True).rename(columns={"one": "searches"})
    out["share"] = out["searches"] / out["area_code"].map(area.value_counts())
    out["find_rate"] = (out["found"] / out["searches"]).where(out["recorded"] > 0)
    return out[["area_code", "dimension", "value", "searches", "share", "found", "find_rate"]]


def rate_ratio(searches_g: int, population_g: int, searches_ref: int, population_ref: int) -> Dict[str, object]:
    """rate_g / rate_ref with its 95 % CI on the log scale (Poisson counts, fixed populations):
    {"ratio", "low", "high", "reason"}; ratio/low/high are None, with the reason, when undefined."""
    reason = ""
    if population_g <= 0 or population_ref <= 0:
        reason = "no residents in the group" if population_g <= 0 else "no White residents"
    elif searches_ref == 0:
        reason = "no searches of White people: ratio undefined"
    elif searches_g == 0:
        reason = "no searches of the group: ratio undefined (it would be 0, with no interval on the log scale)"
    if reason:
        return {"ratio": None, "low": None, "high": None, "reason": reason}
    ratio = (searches_g / population_g) / (searches_ref / population_ref)
    se = math.sqrt(1.0 / searches_g + 1.0 / searches_ref)
    return {"ratio": ratio, "low": ratio * math.exp(-Z95 * se), "high": ratio * math.exp(Z95 * se), "reason": ""}


def _rate(count: int, population: int) -> Optional[float]:
    return count / population * 1000.0 if population > 0 else None


def ethnicity_fields() -> Tuple[str, ...]:
    """The force-level output fields, in order."""
    fields = ["area_code", "area_name", "force", "searches", "find_rate", "no_location", "searches_unknown_ethnicity"]
    for g in GROUPS:
        fields += [f"searches_{g}", f"population_{g}", f"rate_{g}"]
        if g != REFERENCE:
            fields += [f"ratio_{g}", f"ratio_{g}_low", f"ratio_{g}_high", f"ratio_{g}_reason"]
    return tuple(fields)


def _zero_reason(group: str, ethnicity: str) -> str:
    if group == "mixed" and ethnicity == OFFICER:
        return ("no search recorded as Mixed by officers (many forces' officer-defined ethnicity has no "
                "Mixed category): ratio undefined")
    return ""


def force_rates(searches: pd.DataFrame, ethnicity: str = OFFICER,
                population: Optional[Dict[str, Dict[str, int]]] = None) -> pd.DataFrame:
    """One row per force in `searches` (column `force`, police.uk slug): ethnicity_fields().

    area_code is the force's ONS code (its slug where ONS has none); population defaults to the
    bundled Census 2021 table (ethnicity.force_ethnicity()). A force without residents in the table
    (British Transport Police, Northern Ireland) gets None rates and ratios, with the reason."""
    pops = force_ethnicity() if population is None else population
    summary = summarise(searches, "force").set_index("area_code")
    frame, area = _areas(searches, "force")
    if frame.empty:
        return pd.DataFrame(columns=list(ethnicity_fields()))
    groups = broad_groups(frame, ethnicity)
    counts = pd.crosstab(area, groups.fillna("unknown")).reindex(columns=[*GROUPS, "unknown"], fill_value=0)
    rows = []
    for slug in summary.index:
        force = forces.BY_SLUG.get(slug)
        pop = pops.get(slug)
        row = {"area_code": forces.area_code(slug) if force else slug, "area_name": force.name if force else slug,
               "force": slug, "searches": int(summary.at[slug, "searches"]),
               "find_rate": summary.at[slug, "find_rate"], "no_location": summary.at[slug, "no_location"],
               "searches_unknown_ethnicity": int(counts.at[slug, "unknown"]) if slug in counts.index else 0}
        n = {g: int(counts.at[slug, g]) if slug in counts.index else 0 for g in GROUPS}
        for g in GROUPS:
            population_g = None if pop is None else int(pop[g])
            row[f"searches_{g}"] = n[g]
            row[f"population_{g}"] = population_g
            row[f"rate_{g}"] = None if population_g is None else _rate(n[g], population_g)
        for g in GROUPS:
            if g == REFERENCE:
                continue
            if pop is None:
                result = {"ratio": None, "low": None, "high": None,
                          "reason": "no Census 2021 population for this force"}
            else:
                result = rate_ratio(n[g], int(pop[g]), n[REFERENCE], int(pop[REFERENCE]))
                if n[g] == 0 and n[REFERENCE] > 0 and _zero_reason(g, ethnicity):
                    result["reason"] = _zero_reason(g, ethnicity)
            row[f"ratio_{g}"], row[f"ratio_{g}_low"] = result["ratio"], result["low"]
            row[f"ratio_{g}_high"], row[f"ratio_{g}_reason"] = result["high"], result["reason"]
        rows.append(row)
    return pd.DataFrame(rows, columns=list(ethnicity_fields()))
