"""Outcome wording, joins, groups and summaries against independent calculations on the real files.

The independent side reads the CSV files with the csv module into plain dicts and applies the rules
as the documentation states them, with its own hand-written wording tables (2013 and current
wording), never the plugin's.
"""

import csv
import random
import statistics
from collections import Counter, defaultdict
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from crimemap_plugin.core import outcome_wordings as ow
from crimemap_plugin.core import outcomes as oc
from crimemap_plugin.core.csvparse import read_file
from crimemap_plugin.core.periods import Period
from tests.shared_data import city_of_london_street, shared_data

JUNE_2013 = shared_data() / "police_uk" / "outcomes-2013-06"

# The wording of the 2013 files (street "Last outcome category" and outcomes "Outcome type"), by
# hand: group, and stage for choosing among entries of one month (lower = later stage, wins).
WORDING_2013 = {
    "Offender imprisoned": ("charged_or_summonsed", 1),
    "Offender given suspended prison sentence": ("charged_or_summonsed", 2),
    "Offender given community penalty": ("charged_or_summonsed", 3),
    "Offender fined": ("charged_or_summonsed", 4),
    "Offender required to pay compensation": ("charged_or_summonsed", 5),
    "Offender deprived of property": ("charged_or_summonsed", 6),
    "Offender given conditional discharge": ("charged_or_summonsed", 7),
    "Offender given absolute discharge": ("charged_or_summonsed", 8),
    "Offender otherwise dealt with": ("charged_or_summonsed", 9),
    "Suspect found not guilty": ("charged_or_summonsed", 10),
    "Court case unable to proceed": ("charged_or_summonsed", 11),
    "Suspect sent to Crown Court": ("charged_or_summonsed", 13),
    "Awaiting court outcome": ("charged_or_summonsed", 14),
    "Suspect charged": ("charged_or_summonsed", 15),
    "Offender sentenced as part of another case": ("charged_or_summonsed", 16),
    "Offender given a caution": ("cautioned_or_community_resolution", 17),
    "Offender given penalty notice": ("cautioned_or_community_resolution", 19),
    "Local resolution": ("cautioned_or_community_resolution", 20),
    "Unable to prosecute suspect": ("unable_to_prosecute", 21),
    "No further action at this time": ("no_suspect_identified", 26),
}
STATUSES = {"Under investigation": "under_investigation", "Status update unavailable": "no_outcome_recorded",
            "": "no_outcome_recorded"}

# The current wording (street files 2018-2025), by hand.
CURRENT_GROUPS = {
    "Action to be taken by another organisation": "other",
    "Awaiting court outcome": "charged_or_summonsed",
    "Court case unable to proceed": "charged_or_summonsed",
    "Court result unavailable": "charged_or_summonsed",
    "Defendant found not guilty": "charged_or_summonsed",
    "Defendant sent to Crown Court": "charged_or_summonsed",
    "Formal action is not in the public interest": "other",
    "Further action is not in the public interest": "other",
    "Further investigation is not in the public interest": "other",
    "Investigation complete; no suspect identified": "no_suspect_identified",
    "Local resolution": "cautioned_or_community_resolution",
    "Offender deprived of property": "charged_or_summonsed",
    "Offender fined": "charged_or_summonsed",
    "Offender given a caution": "cautioned_or_community_resolution",
    "Offender given a drugs possession warning": "cautioned_or_community_resolution",
    "Offender given absolute discharge": "charged_or_summonsed",
    "Offender given community sentence": "charged_or_summonsed",
    "Offender given conditional discharge": "charged_or_summonsed",
    "Offender given penalty notice": "cautioned_or_community_resolution",
    "Offender given suspended prison sentence": "charged_or_summonsed",
    "Offender ordered to pay compensation": "charged_or_summonsed",
    "Offender otherwise dealt with": "charged_or_summonsed",
    "Offender sent to prison": "charged_or_summonsed",
    "Suspect charged as part of another case": "charged_or_summonsed",
    "Unable to prosecute suspect": "unable_to_prosecute",
}
GROUPS = ("charged_or_summonsed", "cautioned_or_community_resolution", "no_suspect_identified",
          "unable_to_prosecute", "under_investigation", "other", "no_outcome_recorded")


def _rows(path):
    with open(path, newline="", encoding="utf-8-sig") as fh:
        return list(csv.DictReader(fh))


def _force_of(path) -> str:
    return Path(path).name[len("2013-06-"):].rsplit("-", 1)[0]


def _frame(paths):
    return pd.concat([read_file(str(p), p.name, p.read_bytes()).frame for p in paths], ignore_index=True)


@pytest.fixture(scope="module")
def june_2013():
    street = sorted(JUNE_2013.glob("*-street.csv"))
    outcome_files = sorted(JUNE_2013.glob("*-outcomes.csv"))
    assert len(street) == len(outcome_files) == 10
    return _frame(street), _frame(outcome_files), street, outcome_files


def _independent_latest(street_files, outcome_files, extra_entries=(), fallback=True):
    """One dict per non-ASB street row with its latest outcome's group, source and lag: entries of
    the latest month, latest stage first, then the wording's text; else (with `fallback`) the
    street row's own category."""
    entries = defaultdict(list)
    for path in outcome_files:
        for row in _rows(path):
            entries[row["Crime ID"]].append((row["Month"], row["Outcome type"]))
    for crime_id, month, wording in extra_entries:
        entries[crime_id].append((month, wording))
    rows = []
    for path in street_files:
        for row in _rows(path):
            if row["Crime type"] == "Anti-social behaviour":
                continue
            crime_id = row["Crime ID"]
            mine = [e for e in entries.get(crime_id, []) if e[1] in WORDING_2013] if crime_id else []
            if mine:
                latest = max(m for m, _ in mine)
                month, wording = min((e for e in mine if e[0] == latest),
                                     key=lambda e: (WORDING_2013[e[1]][1], e[1]))
                group, source, lag = WORDING_2013[wording][0], "outcomes", _months(month) - _months(row["Month"])
            elif fallback:
                street = row["Last outcome category"]
                group = WORDING_2013[street][0] if street in WORDING_2013 else STATUSES[street]
                source, lag = "street", None
            else:
                group, source, lag = "no_outcome_recorded", "", None
            rows.append({"force": _force_of(path), "lsoa": row["LSOA code"], "id": crime_id, "group": group,
                         "source": source, "lag": lag, "has": group not in ("under_investigation",
                                                                            "no_outcome_recorded")})
    return rows


def _months(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:7]) - 1


def _independent_summary(rows, key):
    out = {}
    by = defaultdict(list)
    for r in rows:
        by[r[key]].append(r)
    for area, members in by.items():
        n = len(members)
        groups = Counter(r["group"] for r in members)
        lags = [r["lag"] for r in members if r["lag"] is not None]
        out[area] = {"crimes": n, "with_outcome": sum(r["has"] for r in members),
                     "charged_or_summonsed": groups["charged_or_summonsed"],
                     **{f"share_{g}": groups[g] / n for g in GROUPS},
                     "median_lag_months": statistics.median(lags) if lags else None}
    return out


def _check(table, expected):
    assert set(table["area_code"]) == set(expected)
    for row in table.to_dict("records"):
        want = expected[row["area_code"]]
        assert row["crimes"] == want["crimes"]
        assert row["with_outcome"] == want["with_outcome"]
        assert row["charged_or_summonsed"] == want["charged_or_summonsed"]
        assert row["charge_rate"] == pytest.approx(want["charged_or_summonsed"] / want["crimes"], abs=1e-12)
        assert row["completeness"] == pytest.approx(want["with_outcome"] / want["crimes"], abs=1e-12)
        for g in GROUPS:
            assert row[f"share_{g}"] == pytest.approx(want[f"share_{g}"], abs=1e-12), (row["area_code"], g)
        if want["median_lag_months"] is None:
            assert np.isnan(row["median_lag_months"])
        else:
            assert row["median_lag_months"] == want["median_lag_months"]
        assert sum(row[f"share_{g}"] for g in GROUPS) == pytest.approx(1.0)


def test_every_published_wording_is_known():
    # Every street and outcomes file in the shared data, 2013 to 2025: no wording is unknown.
    root = shared_data() / "police_uk"
    street, outcome_types = [], []
    for path in root.rglob("*-street.csv"):
        street += [r.get("Last outcome category", "") for r in _rows(path)]
    for path in root.rglob("*-outcomes.csv"):
        outcome_types += [r["Outcome type"] for r in _rows(path)]
    assert len(street) > 400_000 and len(outcome_types) > 37_000
    assert ow.unknown_wordings(street, outcome_types) == {}
    seen = set(street) | set(outcome_types)
    for wording in seen - set(STATUSES):
        expected = WORDING_2013[wording][0] if wording in WORDING_2013 else CURRENT_GROUPS[wording]
        assert ow.classify(wording).group == expected, wording


def test_legacy_wording_maps_to_the_current_category():
    legacy = {"Offender imprisoned": "Offender sent to prison",
              "Offender given community penalty": "Offender given community sentence",
              "Offender sentenced as part of another case": "Suspect charged as part of another case",
              "Suspect found not guilty": "Defendant found not guilty",
              "Suspect sent to Crown Court": "Defendant sent to Crown Court",
              "Offender required to pay compensation": "Offender ordered to pay compensation",
              "No further action at this time": "Investigation complete; no suspect identified",
              "Offender given a penalty notice": "Offender given penalty notice",
              "imprisoned": "Offender sent to prison", "no-further-action":
              "Investigation complete; no suspect identified"}
    for old, current in legacy.items():
        assert ow.classify(old).category == current
        assert ow.classify(old.upper()).category == current
    for status in ("Under investigation", "Status update unavailable", "", None, float("nan")):
        assert not ow.is_outcome(status)
    assert ow.is_outcome("Awaiting court outcome") and ow.is_outcome("Court result unavailable")


def test_unknown_wording_counts_as_other_and_is_reported():
    crimes = pd.DataFrame({"crime_id": ["a", "b", "c", ""], "month": ["2024-01"] * 4,
                           "category": ["burglary", "burglary", "robbery", "anti-social-behaviour"],
                           "outcome": ["Offender teleported to Mars", "Unable to prosecute suspect", "", ""],
                           "area": ["X", "X", "X", "X"]})
    outcomes = pd.DataFrame({"crime_id": ["c"], "month": ["2024-02"], "outcome_type": ["Suspect given a medal"]})
    latest = oc.latest_outcomes(crimes, outcomes)
    assert list(latest["outcome_group"]) == ["other", "unable_to_prosecute", "other", "no_outcome_recorded"]
    assert list(latest["has_outcome"]) == [True, True, True, False]
    assert list(latest["lag_months"].fillna(-1)) == [-1, -1, 1, -1]
    row = oc.summarise(latest, "area").iloc[0]
    assert row["crimes"] == 3 and row["unknown_wording"] == 2 and row["share_other"] == pytest.approx(2 / 3)
    assert ow.unknown_wordings(crimes["outcome"], outcomes["outcome_type"]) == {
        "Offender teleported to Mars": 1, "Suspect given a medal": 1}


def test_june_2013_joins_and_groups_by_force_and_lsoa(june_2013):
    crimes, outcomes, street_files, outcome_files = june_2013
    rows = _independent_latest(street_files, outcome_files)
    latest = oc.latest_outcomes(crimes, outcomes)
    _check(oc.summarise(latest, "force"), _independent_summary(rows, "force"))
    _check(oc.summarise(latest, "lsoa_code", "lsoa_name"),
           _independent_summary([r for r in rows if r["lsoa"]], "lsoa"))
    # force level named as the comparisons name forces: ONS code and police.uk name
    with open(shared_data() / "population" / "lookups" / "pfa_code_to_police_uk_slug_derived.csv",
              newline="", encoding="utf-8-sig") as fh:
        code_of = {r["police_uk_slug"]: r["pfa_code"] for r in csv.DictReader(fh)}
    by_code = oc.summarise(oc.add_area(latest, "force"), "area_code", "area_name")
    _check(by_code, {code_of[f]: v for f, v in _independent_summary(rows, "force").items()})
    assert dict(zip(by_code["area_code"], by_code["area_name"]))["E23000036"] == "Avon and Somerset Constabulary"
    by_lsoa = oc.summarise(oc.add_area(latest, "lsoa"), "area_code", "area_name")
    assert by_lsoa["crimes"].sum() == sum(1 for r in rows if r["lsoa"])
    # the join itself: crimes with an outcomes-file entry, per force
    joined = Counter(r["force"] for r in rows if r["source"] == "outcomes")
    assert dict(latest[latest["outcome_source"] == "outcomes"].groupby("force").size()) == dict(joined)
    assert joined["avon-and-somerset"] == 4847 and joined["durham"] == 1288


def test_latest_outcome_prefers_later_months_and_later_stages(june_2013):
    crimes, outcomes, street_files, outcome_files = june_2013
    # Real entries recorded again in later months: 2013-09 for one crime in seven, with a court
    # result, and 2013-08 with a caution for another one in seven.
    rng = random.Random(15)
    ids = sorted(set(outcomes["crime_id"]) & set(crimes["crime_id"]))
    later = [(i, "2013-09", "Offender fined") for i in rng.sample(ids, len(ids) // 7)]
    later += [(i, "2013-08", "Offender given a caution") for i in rng.sample(ids, len(ids) // 7)]
    extra = pd.DataFrame({"crime_id": [e[0] for e in later], "month": [e[1] for e in later],
                          "outcome_type": [e[2] for e in later]})
    rows = _independent_latest(street_files, outcome_files, later)
    latest = oc.latest_outcomes(crimes, pd.concat([outcomes, extra], ignore_index=True))
    _check(oc.summarise(latest, "force"), _independent_summary(rows, "force"))
    lags = Counter(r["lag"] for r in rows if r["lag"] is not None)
    assert dict(latest["lag_months"].dropna().astype(int).value_counts()) == dict(lags)
    assert lags[3] > 1000 and lags[2] > 1000
    # as of August 2013, the September entries do not count
    rows_aug = _independent_latest(street_files, outcome_files, [e for e in later if e[1] <= "2013-08"])
    _check(oc.summarise(oc.latest_outcomes(crimes, pd.concat([outcomes, extra]), as_of="2013-08"), "force"),
           _independent_summary(rows_aug, "force"))


def test_row_order_never_changes_the_latest_outcome(june_2013):
    crimes, outcomes, _, _ = june_2013
    first = oc.latest_outcomes(crimes, outcomes)
    shuffled = outcomes.sample(frac=1.0, random_state=7).reset_index(drop=True)
    second = oc.latest_outcomes(crimes, shuffled)
    columns = ["outcome_wording", "outcome_group", "outcome_month", "lag_months", "outcome_entries"]
    pd.testing.assert_frame_equal(first[columns], second[columns])
    # a crime charged and sentenced in one month takes the sentence
    entries = outcomes.groupby("crime_id")["outcome_type"].agg(list)
    both = [i for i, e in entries.items() if e == ["Suspect charged", "Offender imprisoned"]]
    assert len(both) > 100
    chosen = first.set_index("crime_id").loc[[i for i in both if i in set(first["crime_id"])], "outcome_category"]
    assert set(chosen) == {"Offender sent to prison"}


def test_outcomes_file_outranks_the_street_category():
    # 2018-01 Avon and Somerset: the street file says "Court result unavailable", the outcomes file
    # of the same month "Offender sent to prison".
    # (The samples are first rows only, the last one cut short: read with the csv module.)
    folder = shared_data() / "police_uk" / "format-samples"
    street = pd.DataFrame([{"crime_id": r["Crime ID"], "month": r["Month"], "category": "other-theft",
                            "outcome": r["Last outcome category"] or ""}
                           for r in _rows(folder / "2018-01-avon-and-somerset-street.csv")])
    outcomes = pd.DataFrame([{"crime_id": r["Crime ID"], "month": r["Month"], "outcome_type": r["Outcome type"]}
                             for r in _rows(folder / "2018-01-avon-and-somerset-outcomes.csv")])
    latest = oc.latest_outcomes(street, outcomes).set_index("crime_id")
    crime = "b50f13e7f432ceb6e6edbddc8885c76db99495260c9f286a6acfcf500510d8cd"
    assert latest.at[crime, "outcome"] == "Court result unavailable"
    assert latest.at[crime, "outcome_category"] == "Offender sent to prison"
    assert latest.at[crime, "outcome_source"] == "outcomes" and latest.at[crime, "lag_months"] == 0


def test_current_wording_city_of_london_2024_2025():
    files = sorted(city_of_london_street().glob("*-street.csv"))
    crimes = _frame(files)
    expected = defaultdict(Counter)
    for path in files:
        for row in _rows(path):
            if row["Crime type"] != "Anti-social behaviour":
                wording = row["Last outcome category"]
                expected[row["Month"]][CURRENT_GROUPS.get(wording) or STATUSES[wording]] += 1
    latest = oc.latest_outcomes(crimes)
    table = oc.summarise(latest, "month")
    assert len(table) == 24
    for row in table.to_dict("records"):
        want = expected[row["area_code"]]
        n = sum(want.values())
        assert row["crimes"] == n
        for g in GROUPS:
            assert row[f"share_{g}"] * n == pytest.approx(want[g]), (row["area_code"], g)
        assert row["with_outcome"] == n - want["under_investigation"] - want["no_outcome_recorded"]
        assert np.isnan(row["median_lag_months"])   # street categories carry no date
    asb = sum(1 for p in files for r in _rows(p) if r["Crime type"] == "Anti-social behaviour")
    assert table["crimes"].sum() == 18867 - asb


def _shift(frame: pd.DataFrame, months: int) -> pd.DataFrame:
    out = frame.copy()
    m = out["month"].map(_months) + months
    out["month"] = [f"{n // 12:04d}-{n % 12 + 1:02d}" for n in m]
    if "crime_id" in out:
        out["crime_id"] = out["crime_id"].where(out["crime_id"] == "", out["crime_id"] + f"+{months}")
    return out


def test_like_for_like_uses_the_same_lag_on_both_sides(june_2013):
    crimes, outcomes, street_files, outcome_files = june_2013
    # The year-earlier period: the real June 2013 crimes and outcomes as they are. The current
    # period: the same crimes a year later (June 2014, new ids), with their outcomes a year later.
    # Then the year-earlier side gets extra outcomes recorded 3 months after its end (2013-09):
    # observed at lag 0 they must not count; at lag 3 they must.
    rng = random.Random(2014)
    ids = sorted(set(outcomes["crime_id"]) & set(crimes["crime_id"]))
    late = [(i, "2013-09", "Suspect charged") for i in rng.sample(ids, 900)]
    extra = pd.DataFrame({"crime_id": [e[0] for e in late], "month": [e[1] for e in late],
                          "outcome_type": [e[2] for e in late]})
    both_crimes = pd.concat([crimes, _shift(crimes, 12)], ignore_index=True)
    both_outcomes = pd.concat([outcomes, extra, _shift(outcomes, 12)], ignore_index=True)
    period = Period("2014-06", 1)

    at_lag_0 = oc.like_for_like(both_crimes, both_outcomes, period, "force", observed_to="2014-06")
    base = _independent_summary(_independent_latest(street_files, outcome_files, fallback=False), "force")
    assert (at_lag_0["lag_months"] == 0).all() and set(at_lag_0["baseline_observed_to"]) == {"2013-06"}
    for row in at_lag_0.to_dict("records"):
        want = base[row["area_code"]]
        # no street fallback on either side: only crimes with an outcomes-file entry have an outcome
        assert row["crimes"] == row["baseline_crimes"] == want["crimes"]
        assert row["charged_or_summonsed"] == row["baseline_charged_or_summonsed"] == want["charged_or_summonsed"]
        assert row["charge_rate_change"] == 0.0
    # completeness without the street fallback = share of crimes with an outcomes-file entry
    for row in at_lag_0.to_dict("records"):
        want = base[row["area_code"]]
        share = want["with_outcome"] / want["crimes"]
        assert row["baseline_completeness"] == row["completeness"] == pytest.approx(share)

    at_lag_3 = oc.like_for_like(both_crimes, both_outcomes, period, "force", observed_to="2014-09")
    later = _independent_summary(_independent_latest(street_files, outcome_files, late, fallback=False), "force")
    assert (at_lag_3["lag_months"] == 3).all()
    for row in at_lag_3.to_dict("records"):
        want = later[row["area_code"]]
        assert row["baseline_charged_or_summonsed"] == want["charged_or_summonsed"]
        assert row["charged_or_summonsed"] == base[row["area_code"]]["charged_or_summonsed"]
        assert row["charge_rate_change"] == pytest.approx(
            (base[row["area_code"]]["charged_or_summonsed"] - want["charged_or_summonsed"]) / row["crimes"])
    assert at_lag_3["charge_rate_change"].le(0).all() and at_lag_3["charge_rate_change"].sum() < 0


def test_like_for_like_completeness_flag():
    # e's street file (downloaded later) says "Awaiting court outcome": as of the horizon that is
    # not known, so it does not count
    crimes = pd.DataFrame({"crime_id": ["a", "b", "c", "d", "e"],
                           "month": ["2023-05", "2023-06", "2024-05", "2024-06", "2024-06"],
                           "category": ["burglary"] * 5, "force": ["kent"] * 5,
                           "outcome": ["", "", "", "", "Awaiting court outcome"], "area": ["K"] * 5})
    outcomes = pd.DataFrame({"crime_id": ["a", "b", "c", "d", "b"],
                             "month": ["2023-05", "2023-08", "2024-06", "2024-08", "2023-09"],
                             "outcome_type": ["Suspect charged", "Offender given a caution", "Suspect charged",
                                              "Unable to prosecute suspect", "Suspect charged"]})
    period = Period("2024-06", 2)
    have = {f"{y}-{m:02d}" for y in (2023, 2024) for m in range(5, 9)}
    table = oc.like_for_like(crimes, outcomes, period, "area", available={"kent": have})
    row = table.iloc[0]
    # observed to 2024-08 (the latest outcomes month): lag 2; the year earlier counts up to 2023-08,
    # so b's charge of 2023-09 is not seen (its caution of 2023-08 is)
    assert row["lag_months"] == 2 and row["observed_to"] == "2024-08" and row["baseline_observed_to"] == "2023-08"
    assert (row["crimes"], row["charged_or_summonsed"], row["completeness"]) == (3, 1, pytest.approx(2 / 3))
    assert (row["baseline_crimes"], row["baseline_charged_or_summonsed"]) == (2, 1)
    assert row["charge_rate_change"] == pytest.approx(1 / 3 - 1 / 2) and bool(row["complete"])
    missing = oc.like_for_like(crimes, outcomes, period, "area", available={"kent": have - {"2023-07"}})
    assert not bool(missing.iloc[0]["complete"])
    assert pd.isna(oc.like_for_like(crimes, outcomes, period, "area").iloc[0]["complete"])


def test_lag_months_and_empty_input():
    assert oc.lag_months("2023-11", "2024-02") == 3
    assert oc.lag_months("2024-02", "2024-02") == 0
    empty = pd.DataFrame(columns=["crime_id", "month", "category", "outcome", "force"])
    latest = oc.latest_outcomes(empty, pd.DataFrame(columns=["crime_id", "month", "outcome_type"]))
    assert latest.empty and oc.summarise(latest, "force").empty
