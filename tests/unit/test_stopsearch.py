"""Stop and search summaries, breakdowns, find rates, rates and ratios against independent
calculations: the real files read with the csv module, populations summed here from the shared
Census 2021 TS021 table and LAD -> police force area lookup."""

import csv
import math
from collections import Counter, defaultdict
from pathlib import Path

import pandas as pd
import pytest
from scipy.stats import norm

from crimemap_plugin.core import stopsearch as ss
from crimemap_plugin.core.csvparse import read_file
from tests.shared_data import shared_data

FOLDER = shared_data() / "police_uk" / "stop-and-search"
FILES = sorted((FOLDER / "city-of-london-2018-2021").glob("*.csv")) + \
    [FOLDER / "2019-06-greater-manchester-stop-and-search.csv"]
COLUMNS = {"legislation": "Legislation", "object_of_search": "Object of search", "outcome": "Outcome",
           "age_range": "Age range", "gender": "Gender", "officer_defined_ethnicity": "Officer-defined ethnicity",
           "self_defined_ethnicity": "Self-defined ethnicity"}
GROUPS = ("asian", "black", "mixed", "white", "other")
OFFICER = {"Asian": "asian", "Black": "black", "Mixed": "mixed", "White": "white", "Other": "other"}


def _force(path: Path) -> str:
    return path.name[len("2019-06-"):-len("-stop-and-search.csv")]


def _rows():
    rows = []
    for path in FILES:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            for row in csv.DictReader(fh):
                row["force"] = _force(path)
                rows.append(row)
    return rows


def _self_group(value: str):
    # By hand, from the 18 + 1 self-defined categories police.uk writes.
    if not value or value == "Other ethnic group - Not stated":
        return None
    head = value.split(" - ")[0]
    return {"Asian/Asian British": "asian", "Black/African/Caribbean/Black British": "black",
            "Mixed/Multiple ethnic groups": "mixed", "White": "white", "Other ethnic group": "other"}[head]


def _census_by_force():
    """Usual residents per force slug and broad group, summed here from TS021 by LAD."""
    base = shared_data() / "population"
    with open(base / "lookups" / "pfa_code_to_police_uk_slug_derived.csv", newline="", encoding="utf-8-sig") as fh:
        slug = {r["pfa_code"]: r["police_uk_slug"] for r in csv.DictReader(fh)}
    lad_force = {}
    with open(base / "ethnicity" / "lad21_csp21_pfa21_lookup.csv", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            lad_force[r["LAD21CD"]] = slug[r["PFA21CD"]]
    heads = {"Asian, Asian British or Asian Welsh": "asian",
             "Black, Black British, Black Welsh, Caribbean or African": "black",
             "Mixed or Multiple ethnic groups": "mixed", "White": "white", "Other ethnic group": "other"}
    out = defaultdict(Counter)
    with open(base / "ethnicity" / "census2021-ts021-ltla-20cat.csv", newline="", encoding="utf-8-sig") as fh:
        for r in csv.DictReader(fh):
            name = r["Ethnic group (20 categories)"]
            if name == "Does not apply":
                continue
            out[lad_force[r["Lower Tier Local Authorities Code"]]][heads[name.split(":")[0]]] += int(r["Observation"])
    return out


@pytest.fixture(scope="module")
def searches():
    frame = pd.concat([read_file(str(p), p.name, p.read_bytes()).frame for p in FILES], ignore_index=True)
    assert len(frame) == 8057 + 907
    return frame


@pytest.fixture(scope="module")
def rows():
    return _rows()


def test_linked_values_in_the_real_files(rows):
    # The real values of "Outcome linked to object of search": "True", "False" and empty, and
    # Greater Manchester leaves it empty on exactly its "A no further action disposal" searches.
    assert {r["Outcome linked to object of search"] for r in rows} == {"True", "False", ""}
    gmp = [r for r in rows if r["force"] == "greater-manchester"]
    empty = [r for r in gmp if r["Outcome linked to object of search"] == ""]
    assert len(empty) == 705 and {r["Outcome"] for r in empty} == {"A no further action disposal"}
    assert sum(r["Outcome"] == "A no further action disposal" for r in gmp) == 705


def test_summary_per_force(searches, rows):
    table = ss.summarise(searches).set_index("area_code")
    expected = defaultdict(Counter)
    for r in rows:
        e = expected[r["force"]]
        e["searches"] += 1
        e["found"] += r["Outcome linked to object of search"] == "True"
        e["nowhere"] += not r["Latitude"].strip() or not r["Longitude"].strip()
    assert set(table.index) == set(expected) == {"city-of-london", "greater-manchester"}
    for area, e in expected.items():
        assert table.at[area, "searches"] == e["searches"]
        assert table.at[area, "found"] == e["found"]
        assert table.at[area, "find_rate"] == pytest.approx(e["found"] / e["searches"], abs=1e-12)
        assert table.at[area, "no_location_count"] == e["nowhere"]
        assert table.at[area, "no_location"] == pytest.approx(e["nowhere"] / e["searches"], abs=1e-12)
    assert table.at["city-of-london", "searches"] == 8057 and table.at["greater-manchester", "searches"] == 907
    assert table.at["greater-manchester", "found"] == 142 and table.at["city-of-london", "found"] == 2610


def test_summary_by_another_area_column(searches):
    # Any column can be the area (the point-in-polygon result for neighbourhoods): here the month.
    expected = Counter()
    for path in FILES:
        with open(path, newline="", encoding="utf-8-sig") as fh:
            expected[path.name[:7]] += sum(1 for _ in csv.DictReader(fh))
    table = ss.summarise(searches, "month")
    assert dict(zip(table["area_code"], table["searches"])) == dict(expected)
    assert len(expected) == 36 and expected["2019-06"] > 907   # June 2019: both forces


def test_breakdowns(searches, rows):
    table = ss.breakdowns(searches)
    for dimension, header in COLUMNS.items():
        part = table[table["dimension"] == dimension]
        expected = Counter((r["force"], r[header] or ss.NOT_RECORDED) for r in rows)
        found = Counter((r["force"], r[header] or ss.NOT_RECORDED) for r in rows
                        if r["Outcome linked to object of search"] == "True")
        got = {(a, v): n for a, v, n in zip(part["area_code"], part["value"], part["searches"])}
        assert got == dict(expected), dimension
        totals = Counter(r["force"] for r in rows)
        for record in part.to_dict("records"):
            key = (record["area_code"], record["value"])
            assert record["share"] == pytest.approx(expected[key] / totals[record["area_code"]], abs=1e-12)
            assert record["found"] == found[key]
        assert part.groupby("area_code")["share"].sum().round(12).eq(1).all()


def test_find_rate_is_unknown_when_never_recorded():
    frame = pd.DataFrame({"force": ["kent", "kent", "essex"], "outcome_linked": ["", "", "false"],
                          "lon": [0.5, float("nan"), 0.6], "lat": [51.2, float("nan"), 51.7]})
    table = ss.summarise(frame).set_index("area_code")
    assert math.isnan(table.at["kent", "find_rate"]) and table.at["essex", "find_rate"] == 0.0
    assert table.at["kent", "no_location"] == 0.5
    assert ss.linked(pd.DataFrame({"outcome_linked": ["True", "true", "1", "False", None, ""]}))[0].tolist() == \
        [True, True, True, False, False, False]


def _independent_ratio(a, pop_a, b, pop_b):
    ratio = (a / pop_a) / (b / pop_b)
    half = norm.ppf(0.975) * math.sqrt(1 / a + 1 / b)
    return ratio, math.exp(math.log(ratio) - half), math.exp(math.log(ratio) + half)


@pytest.mark.parametrize("ethnicity", ["officer", "self", "self_then_officer"])
def test_rates_and_ratios_per_force(searches, rows, ethnicity):
    census = _census_by_force()

    def group(r):
        own = _self_group(r["Self-defined ethnicity"])
        officer = OFFICER.get(r["Officer-defined ethnicity"])
        return {"officer": officer, "self": own, "self_then_officer": own or officer}[ethnicity]

    counts = defaultdict(Counter)
    for r in rows:
        counts[r["force"]][group(r) or "unknown"] += 1
    table = ss.force_rates(searches, ethnicity).set_index("force")
    assert set(table.index) == {"city-of-london", "greater-manchester"}
    assert table.at["city-of-london", "area_code"] == "E23000034"
    for force, n in counts.items():
        row = table.loc[force]
        assert row["searches"] == sum(n.values())
        assert row["searches_unknown_ethnicity"] == n["unknown"]
        for g in GROUPS:
            assert row[f"searches_{g}"] == n[g]
            assert row[f"population_{g}"] == census[force][g]
            assert row[f"rate_{g}"] == pytest.approx(n[g] / census[force][g] * 1000, rel=1e-12)
            if g == "white":
                continue
            if n[g] and n["white"]:
                ratio, low, high = _independent_ratio(n[g], census[force][g], n["white"], census[force]["white"])
                assert row[f"ratio_{g}"] == pytest.approx(ratio, rel=1e-12)
                assert row[f"ratio_{g}_low"] == pytest.approx(low, rel=1e-9)
                assert row[f"ratio_{g}_high"] == pytest.approx(high, rel=1e-9)
                assert row[f"ratio_{g}_reason"] == ""
            else:
                assert row[f"ratio_{g}"] is None and row[f"ratio_{g}_low"] is None and row[f"ratio_{g}_reason"]
    if ethnicity == "officer":
        # officers in these files record no "Mixed": the ratio is undefined, never infinite or zero
        assert table.at["city-of-london", "searches_mixed"] == 0
        assert table.at["city-of-london", "ratio_mixed"] is None
        assert "Mixed" in table.at["city-of-london", "ratio_mixed_reason"]
        # Greater Manchester, June 2019: 145 searches of Black people against 531 of White people
        row = table.loc["greater-manchester"]
        assert (row["searches_black"], row["searches_white"]) == (145, 531)
        assert row["ratio_black"] == pytest.approx((145 / 134114) / (531 / 2190838), rel=1e-12)


def test_zero_counts_give_no_ratio_with_a_reason():
    frame = pd.DataFrame({"force": ["dorset"] * 3, "officer_defined_ethnicity": ["Black", "Black", ""],
                          "self_defined_ethnicity": [""] * 3, "outcome_linked": ["False"] * 3,
                          "lon": [-2.0] * 3, "lat": [50.7] * 3})
    row = ss.force_rates(frame).iloc[0]
    assert row["searches_white"] == 0 and row["searches_black"] == 2 and row["searches_unknown_ethnicity"] == 1
    for g in ("asian", "black", "mixed", "other"):
        assert row[f"ratio_{g}"] is None and row[f"ratio_{g}_high"] is None
        assert "White" in row[f"ratio_{g}_reason"]
    assert ss.rate_ratio(0, 100, 5, 1000)["ratio"] is None
    assert ss.rate_ratio(3, 0, 5, 1000)["reason"] == "no residents in the group"
    ok = ss.rate_ratio(1, 100, 1, 100)
    assert ok["ratio"] == 1.0 and ok["low"] == pytest.approx(math.exp(-norm.ppf(0.975) * math.sqrt(2)))
    # a force with no census population (British Transport Police)
    btp = ss.force_rates(frame.assign(force="btp")).iloc[0]
    assert btp["population_black"] is None and btp["rate_black"] is None and btp["ratio_black"] is None
    assert btp["area_code"] == "btp"
    assert ss.force_rates(frame.iloc[0:0]).empty and ss.summarise(frame.iloc[0:0]).empty
