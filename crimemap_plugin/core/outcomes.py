"""What happened to street crimes: each crime's latest outcome, and per-area summaries (shares by
outcome group, charge rate, lag, completeness, like-for-like).

Wording (police.uk's outcome wordings over the years, their categories and groups) is in
outcome_wordings.

Latest outcome. An outcomes file lists the outcomes recorded in its month, mostly for crimes of
earlier months, joined to street crimes by Crime ID. A crime's latest outcome is its outcomes-file
entry of the latest month. Several entries in that month (one per suspect, or a charge and its court
result) are resolved by precedence, never by row order: the later stage of the justice process wins
(court result, then court stage, then charge, then out-of-court disposal, then closure without
action: the order of outcome_wordings.CATEGORIES), then the wording's text. Only when the crime has
no outcomes-file entry does the street file's "Last outcome category" stand in; it carries no date,
so its lag is unknown. Outcomes-file entries that are statuses are ignored.

Summaries. Anti-social behaviour has no Crime ID and no outcomes: it is left out of every outcome
summary. For each area: `crimes` (street crimes other than ASB), `with_outcome` (those with an
outcome yet), `completeness` = with_outcome / crimes, `charge_rate` = charged_or_summonsed / crimes
(all the area's crimes, resolved or not, as the Home Office's "proportion of offences charged/
summonsed" does; hence charge_rate = share_charged_or_summonsed), one `share_<group>` per group
(each crime in exactly one group, so the shares sum to 1), and `median_lag_months` over the crimes
whose outcome came from an outcomes file.

Like for like. Recent crimes are still under investigation, so a period's charge rate is compared
with the same period a year earlier observed at the same lag: if outcomes are known up to month O
(the latest outcomes month held, or `observed_to`) and the period ends in month E, the lag is
L = O − E months, and the year-earlier period counts only outcomes recorded up to O − 12 = its end
+ L. Both sides use outcomes-file entries only (the street file's "Last outcome category" is as of
its download, which would favour the older period).
"""

from typing import Dict, Optional

import numpy as np
import pandas as pd

from . import forces
from .outcome_wordings import CHARGED, GROUPS, NO_OUTCOME, classify
from .periods import SAME_PERIOD_LAST_YEAR, Period, parse, shift

ASB = "anti-social-behaviour"

def _per_value(values: pd.Series, func, missing, dtype=object) -> np.ndarray:
    """func over a column, once per distinct value (police.uk columns repeat a few values);
    `missing` for None/NaN."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    table = np.array([func(u) for u in uniques] + [missing], dtype=dtype)
    return table[codes]   # code -1 (missing) takes the last entry


def _month_number(text) -> float:
    try:
        return float(parse(str(text).strip()))
    except ValueError:
        return np.nan


def month_numbers(months: pd.Series) -> pd.Series:
    """'YYYY-MM' strings -> month numbers (year * 12 + month - 1), NaN where not a month."""
    return pd.Series(_per_value(months, _month_number, np.nan, float), index=months.index)


def lag_months(crime_month: str, outcome_month: str) -> int:
    """Whole months from the month a crime was recorded to the month its outcome was recorded."""
    return parse(outcome_month) - parse(crime_month)


def _ids(frame: pd.DataFrame) -> pd.Series:
    """Crime IDs as written (64 hex characters), "" where empty or missing."""
    if "crime_id" not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    ids = frame["crime_id"].astype(object)
    return ids.where(ids.notna(), "")


def _classified(values: pd.Series) -> pd.DataFrame:
    """classify() over a column of strings, once per distinct value."""
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    found = [classify(u) for u in uniques] + [classify("")]

    def column(attribute: str, dtype) -> np.ndarray:
        return np.array([getattr(c, attribute) for c in found], dtype=dtype)[codes]

    return pd.DataFrame({"category": column("category", object), "group": column("group", object),
                         "is_outcome": column("is_outcome", bool), "known": column("known", bool),
                         "rank": column("rank", np.int64)}, index=values.index)


def _text(frame: pd.DataFrame, column: str) -> pd.Series:
    """A text column with surrounding spaces removed and None/NaN as ""."""
    if column not in frame:
        return pd.Series("", index=frame.index, dtype=object)
    return pd.Series(_per_value(frame[column], lambda v: str(v).strip(), ""), index=frame.index)


LATEST_COLUMNS = ("outcome_wording", "outcome_category", "outcome_group", "outcome_known", "has_outcome",
                  "outcome_source", "outcome_month", "lag_months", "outcome_entries")


def latest_outcomes(crimes: pd.DataFrame, outcomes: Optional[pd.DataFrame] = None, as_of: Optional[str] = None,
                    street_fallback: bool = True) -> pd.DataFrame:
    """Each street crime with its latest outcome: the crimes frame (store columns crime_id, month,
    category, outcome …) plus LATEST_COLUMNS.

    `outcomes` has the store's outcomes columns (crime_id, month, outcome_type). With `as_of`, only
    outcomes-file entries recorded in or before that month count. `street_fallback=False` ignores
    the street "Last outcome category" (it is as of the street file's download, not of `as_of`).
    outcome_source is "outcomes", "street" or ""; outcome_month and lag_months are set only for
    outcomes-file entries; outcome_entries counts the crime's outcomes-file entries considered.
    """
    out = crimes.copy()
    ids = _ids(out)
    chosen = pd.DataFrame(columns=["wording", "category", "group", "known", "month", "m", "entries"])
    if outcomes is not None and len(outcomes):
        entries = pd.DataFrame({"crime_id": _ids(outcomes), "month": _text(outcomes, "month"),
                                "wording": _text(outcomes, "outcome_type")})
        entries["m"] = month_numbers(entries["month"])
        entries = entries[(entries["crime_id"] != "") & entries["m"].notna()]
        if as_of is not None:
            entries = entries[entries["m"] <= parse(as_of)]
        entries = pd.concat([entries, _classified(entries["wording"])], axis=1)
        entries = entries[entries["is_outcome"]]
        counts = entries.groupby("crime_id").size()
        entries = entries.sort_values(["crime_id", "m", "rank", "wording"], ascending=[True, False, True, True],
                                      kind="mergesort")
        chosen = entries.drop_duplicates("crime_id", keep="first").set_index("crime_id")
        chosen["entries"] = counts
    hit = ids.isin(chosen.index) & (ids != "")
    pick = chosen.reindex(ids.where(hit, None))
    pick.index = out.index
    street = _classified(_text(out, "outcome"))
    street_wording = _text(out, "outcome")
    use_street = ~hit & street_fallback

    out["outcome_wording"] = np.where(hit, pick["wording"], np.where(use_street, street_wording, ""))
    out["outcome_category"] = np.where(hit, pick["category"], np.where(use_street, street["category"], ""))
    out["outcome_group"] = np.where(hit, pick["group"], np.where(use_street, street["group"], NO_OUTCOME))
    out["outcome_known"] = np.where(hit, pick["known"].fillna(True), np.where(use_street, street["known"], True))
    out["outcome_known"] = out["outcome_known"].astype(bool)
    out["has_outcome"] = (hit | (use_street & street["is_outcome"])).to_numpy(dtype=bool)
    out["outcome_source"] = np.where(hit, "outcomes", np.where(use_street & (street_wording != ""), "street", ""))
    out["outcome_month"] = pick["month"].where(hit, None)
    crime_m = month_numbers(_text(out, "month"))
    out["lag_months"] = (pick["m"] - crime_m).where(hit).astype(float)
    out["outcome_entries"] = pick["entries"].where(hit, 0).fillna(0).astype(np.int64)
    return out


FORCE = "force"
LSOA = "lsoa"


def add_area(frame: pd.DataFrame, level: str) -> pd.DataFrame:
    """A copy of `frame` with area_code and area_name for `level`, as the comparisons name areas:
    "force" -> the force's ONS code (its police.uk id where ONS has none) and police.uk name, from
    column `force`; "lsoa" -> lsoa_code and lsoa_name. Neighbourhoods come from a point-in-polygon
    step instead. Works on stop-and-search frames too (force level: they carry no LSOA)."""
    out = frame.copy()
    if level == FORCE:
        slugs = _text(out, "force")
        known = {s: forces.BY_SLUG.get(s) for s in pd.unique(slugs)}
        out["area_code"] = slugs.map({s: (forces.area_code(s) if f else s) for s, f in known.items()})
        out["area_name"] = slugs.map({s: (f.name if f else s) for s, f in known.items()})
    elif level == LSOA:
        out["area_code"], out["area_name"] = _text(out, "lsoa_code"), _text(out, "lsoa_name")
    else:
        raise ValueError(f"unknown level {level!r}: use {FORCE!r} or {LSOA!r} (neighbourhoods: point in polygon)")
    return out


SUMMARY_FIELDS = ("area_code", "area_name", "crimes", "with_outcome", "charged_or_summonsed", "charge_rate",
                  *(f"share_{g}" for g in GROUPS), "median_lag_months", "completeness", "unknown_wording")


def _crimes_only(latest: pd.DataFrame) -> pd.DataFrame:
    if "category" not in latest:
        return latest
    return latest[latest["category"].astype(object) != ASB]


def summarise(latest: pd.DataFrame, by: str, name: Optional[str] = None) -> pd.DataFrame:
    """Per area (the values of column `by`), from latest_outcomes(): SUMMARY_FIELDS, anti-social
    behaviour left out. Rows whose area is empty are left out; an area's name is the first value of
    column `name` (empty without one). Rates are NaN for an area without crimes (never happens for
    an area listed) and median_lag_months is NaN when no outcome has a known lag."""
    needed = [c for c in dict.fromkeys([by, name, "category", "has_outcome", "outcome_group", "lag_months",
                                         "outcome_known"]) if c is not None and c in latest]
    frame = _crimes_only(latest[needed])
    area = _text(frame, by)
    frame = frame[area != ""]
    area = area[area != ""]
    if frame.empty:
        return pd.DataFrame(columns=list(SUMMARY_FIELDS))
    grouped = frame.groupby(area, sort=True)
    table = pd.DataFrame({"crimes": grouped.size()})
    table["with_outcome"] = grouped["has_outcome"].sum().astype(np.int64)
    group_counts = pd.crosstab(area, frame["outcome_group"]).reindex(columns=list(GROUPS), fill_value=0)
    table["charged_or_summonsed"] = group_counts[CHARGED].astype(np.int64)
    crimes = table["crimes"].astype(float)
    table["charge_rate"] = table["charged_or_summonsed"] / crimes
    for g in GROUPS:
        table[f"share_{g}"] = group_counts[g] / crimes
    table["median_lag_months"] = grouped["lag_months"].median()
    table["completeness"] = table["with_outcome"] / crimes
    table["unknown_wording"] = (~frame["outcome_known"].astype(bool)).groupby(area).sum().astype(np.int64)
    table.index.name = "area_code"
    table = table.reset_index()
    if name is not None and name in frame:
        names = _text(frame, name).groupby(area).first()
        table["area_name"] = table["area_code"].map(names).fillna("")
    else:
        table["area_name"] = ""
    return table[list(SUMMARY_FIELDS)]


def _in_months(crimes: pd.DataFrame, months) -> pd.DataFrame:
    return crimes[_text(crimes, "month").isin(set(months))]


LIKE_FOR_LIKE_FIELDS = ("area_code", "area_name", "crimes", "charged_or_summonsed", "charge_rate", "completeness",
                        "baseline_crimes", "baseline_charged_or_summonsed", "baseline_charge_rate",
                        "baseline_completeness", "charge_rate_change", "lag_months", "observed_to",
                        "baseline_observed_to", "complete")


def like_for_like(crimes: pd.DataFrame, outcomes: pd.DataFrame, period: Period, by: str, name: Optional[str] = None,
                  observed_to: Optional[str] = None, available: Optional[Dict[str, set]] = None) -> pd.DataFrame:
    """The period's charge rate against the same period a year earlier, observed at the same lag.

    `crimes` holds the street crimes of both periods (other months are ignored). Outcomes are known
    up to `observed_to` (default: the latest month in `outcomes`); the lag L is observed_to minus the
    period's end, and the year-earlier period counts only outcomes recorded up to its own end + L.
    Outcomes-file entries only (no street fallback), anti-social behaviour left out. With
    `available` (force -> months with an outcomes file, as the store lists them), `complete` says
    whether every outcomes month both sides need (from each period's start to its horizon) is held
    for every force of the area's crimes; without it `complete` is NA. charge_rate_change is
    charge_rate − baseline_charge_rate (a difference of proportions).
    """
    if observed_to is None:
        months = month_numbers(_text(outcomes, "month")).dropna()
        if months.empty:
            raise ValueError("no outcomes recorded: the like-for-like charge rate needs outcomes files")
        observed_to = f"{int(months.max()) // 12:04d}-{int(months.max()) % 12 + 1:02d}"
    baseline = period.baseline(SAME_PERIOD_LAST_YEAR)
    lag = parse(observed_to) - parse(period.end)
    baseline_observed = shift(observed_to, -12)
    current_rows = _in_months(crimes, period.months)
    baseline_rows = _in_months(crimes, baseline.months)
    cur = summarise(latest_outcomes(current_rows, outcomes, observed_to, street_fallback=False), by, name)
    base = summarise(latest_outcomes(baseline_rows, outcomes, baseline_observed, street_fallback=False), by, name)
    keep = ["area_code", "area_name", "crimes", "charged_or_summonsed", "charge_rate", "completeness"]
    base = base[keep].rename(columns={c: f"baseline_{c}" for c in keep[2:]})
    table = cur[keep].merge(base, on="area_code", how="outer", suffixes=("", "_b"))
    table["area_name"] = table["area_name"].where(table["area_name"].notna() & (table["area_name"] != ""),
                                                  table.pop("area_name_b")).fillna("")
    for column in ("crimes", "charged_or_summonsed", "baseline_crimes", "baseline_charged_or_summonsed"):
        table[column] = table[column].fillna(0).astype(np.int64)
    table["charge_rate_change"] = table["charge_rate"] - table["baseline_charge_rate"]
    table["lag_months"] = lag
    table["observed_to"] = observed_to
    table["baseline_observed_to"] = baseline_observed
    table["complete"] = _outcomes_complete(table["area_code"], pd.concat([current_rows, baseline_rows]), by,
                                           available, period, baseline, observed_to, baseline_observed)
    return table.sort_values("area_code", kind="mergesort").reset_index(drop=True)[list(LIKE_FOR_LIKE_FIELDS)]


def _outcomes_complete(codes: pd.Series, crimes: pd.DataFrame, by: str, available: Optional[Dict[str, set]],
                       period: Period, baseline: Period, observed_to: str, baseline_observed: str) -> pd.Series:
    if available is None:
        return pd.Series(pd.NA, index=codes.index, dtype="boolean")

    def months(start: str, end: str) -> set:
        return {f"{n // 12:04d}-{n % 12 + 1:02d}" for n in range(parse(start), parse(end) + 1)}

    needed = months(period.start, observed_to) | months(baseline.start, baseline_observed)
    frame = _crimes_only(crimes)
    ok_force = {f: needed <= set(available.get(f, ())) for f in set(_text(frame, "force"))}
    row_ok = _text(frame, "force").map(ok_force).fillna(False).astype(bool)
    area_ok = row_ok.groupby(_text(frame, by)).all()
    return codes.map(area_ok).fillna(False).astype("boolean")
