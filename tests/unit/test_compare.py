"""Comparisons against independent calculations: counts from the CSV files, rates from the published
population table, the p-value from the binomial formula with exact integers."""

import csv
import math
import shutil
from fractions import Fraction

import pandas as pd
import pytest

from crimemap_plugin.core.compare import compare, monthly_trend
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import Period
from crimemap_plugin.core.stats import poisson_change_p
from crimemap_plugin.core.store import open_store
from tests.independent import months, street_counts, street_files, total
from tests.shared_data import city_of_london_street, shared_data

FORCE = "city-of-london"


def exact_p(c: int, b: int) -> float:
    n, k = c + b, min(c, b)
    if n == 0 or c == b:
        return 1.0
    return min(1.0, float(Fraction(2 * sum(math.comb(n, i) for i in range(k + 1)), 2 ** n)))


def population(slug: str) -> int:
    with open(shared_data() / "population" / "pfa_population_census2021_derived.csv", newline="") as fh:
        return next(int(r["population"]) for r in csv.DictReader(fh) if r["police_uk_slug"] == slug)


def independent_total(counts, category, month_list):
    return total(counts, category, month_list, FORCE)


CASES = [
    ("all-crime", "2025-03", 3, "same_period_last_year"),
    ("burglary", "2025-12", 3, "same_period_last_year"),
    ("violent-crime", "2025-06", 6, "same_period_last_year"),
    ("anti-social-behaviour", "2025-12", 1, "previous_period"),
    ("theft-from-the-person", "2025-12", 12, "same_period_last_year"),
    ("shoplifting", "2025-09", 3, "previous_period"),
    ("vehicle-crime", "2024-12", 2, "previous_period"),
    ("robbery", "2025-04", 4, "previous_period"),
]


@pytest.mark.parametrize("category,end,length,baseline", CASES)
def test_force_comparison_equals_independent_calculation(any_store, category, end, length, baseline):
    store = any_store
    counts = street_counts(street_files(city_of_london_street()))
    with open_store(store) as s:
        result = compare(s, "force", category, Period(end, length), baseline)
    row = result.rows.set_index("force").loc[FORCE]
    cur_months = months(end, length)
    base_end = months(end, 13)[0] if baseline == "same_period_last_year" else months(end, length + 1)[0]
    base_months = months(base_end, length)
    current = independent_total(counts, category, cur_months)
    base = independent_total(counts, category, base_months)
    pop = population(FORCE)
    assert row["area_code"] == "E23000034"
    assert row["complete"]
    assert row["current"] == current and row["baseline"] == base
    assert row["change"] == current - base
    if base:
        assert row["change_pct"] == pytest.approx((current - base) / base * 100, rel=1e-12)
    else:
        assert math.isnan(row["change_pct"])
    assert row["rate_per_1000"] == pytest.approx(current / pop * 1000, rel=1e-12)
    annual = independent_total(counts, category, months(end, 12))
    if end >= "2024-12":
        assert row["annual_rate_per_1000"] == pytest.approx(annual / pop * 1000, rel=1e-12)
    p = exact_p(current, base)
    assert row["p_value"] == pytest.approx(p, rel=1e-9, abs=1e-15)
    assert bool(row["significant"]) == (p < 0.05)


def test_published_quarter_is_a_significant_fall(any_store):
    store = any_store
    with open_store(store) as s:
        row = compare(s, "force", "all-crime", Period("2025-03", 3)).rows.set_index("force").loc[FORCE]
    assert (row["current"], row["baseline"]) == (2093, 2317)
    assert row["significant"] and row["p_value"] < 0.001


def test_forces_without_data_read_no_data_never_minus_100(store):
    with open_store(store) as s:
        rows = compare(s, "force", "all-crime", Period("2025-03", 3)).rows
    assert len(rows) == 45   # every force police.uk publishes: 43, British Transport Police and PSNI
    others = rows[rows["force"] != FORCE]
    assert not others["complete"].any()
    assert others["current"].isna().all() and others["baseline"].isna().all()
    assert others["change_pct"].isna().all() and others["significant"].isna().all()


def test_a_missing_month_makes_the_comparison_incomplete(tmp_path, fresh):
    files = [f for f in street_files(city_of_london_street()) if not f.name.startswith("2024-02")]
    folder = tmp_path / "gap"
    folder.mkdir()
    for f in files:
        shutil.copy(f, folder / f.name)
    store = fresh("gap")
    import_path(folder, store)
    with open_store(store) as s:
        row = compare(s, "force", "all-crime", Period("2025-03", 3)).rows.set_index("force").loc[FORCE]
        assert not row["complete"]
        assert row["current"] == 2093
        assert pd.isna(row["baseline"])
        assert math.isnan(row["change_pct"]) and math.isnan(row["p_value"])
        # The annual rate needs all 12 months too.
        row = compare(s, "force", "all-crime", Period("2024-12", 3)).rows.set_index("force").loc[FORCE]
        assert math.isnan(row["annual_rate_per_1000"])
        # Periods clear of the gap are complete and exact.
        row = compare(s, "force", "burglary", Period("2025-12", 3), "previous_period").rows.set_index("force").loc[
            FORCE]
        assert row["complete"]
        trend = monthly_trend(s, "force", FORCE, "all-crime", months("2024-04", 4))
    counts = street_counts(files)
    by_month = dict(zip(trend.months, zip(trend.values, trend.states)))
    assert by_month["2024-02"] == (None, "missing")
    assert by_month["2024-03"] == (independent_total(counts, "all-crime", ["2024-03"]), "whole")


def test_previous_period_before_the_first_month_is_incomplete(store):
    with open_store(store) as s:
        row = compare(s, "force", "all-crime", Period("2024-06", 6), "previous_period").rows.set_index(
            "force").loc[FORCE]
    assert not row["complete"] and row["current"] == independent_total(
        street_counts(street_files(city_of_london_street())), "all-crime", months("2024-06", 6))


def test_lsoa_level_counts_and_rates(store):
    counts = {}
    with open(city_of_london_street() / "2025-12-city-of-london-street.csv", newline="") as fh:
        for r in csv.DictReader(fh):
            if r["LSOA code"] and r["Crime type"] == "Burglary":
                counts[r["LSOA code"]] = counts.get(r["LSOA code"], 0) + 1
    with open(shared_data() / "population" / "census2021-ts001-lsoa.csv", newline="") as fh:
        pops = {r["geography code"]: int(r["Residence type: Total; measures: Value"]) for r in csv.DictReader(fh)}
    with open_store(store) as s:
        rows = compare(s, "lsoa", "burglary", Period("2025-12", 1), "previous_period").rows.set_index("area_code")
    city = [c for c in counts if c in rows.index and rows.loc[c, "force"] == FORCE]
    assert city
    for code in city:
        assert rows.loc[code, "current"] == counts[code]
        assert rows.loc[code, "rate_per_1000"] == pytest.approx(counts[code] / pops[code] * 1000)


@pytest.mark.parametrize("c,b", [(4, 8), (0, 5), (10, 10), (130, 100), (2093, 2317), (1500, 1400), (3, 0),
                                 (4000, 4100), (1, 1), (0, 0)])
def test_p_value_matches_exact_binomial(c, b):
    assert poisson_change_p(c, b) == pytest.approx(exact_p(c, b), rel=1e-9, abs=1e-15)


def test_periods_and_labels():
    p = Period("2021-05", 3)
    assert p.months == ["2021-03", "2021-04", "2021-05"]
    assert p.label() == "March–May 2021"
    assert p.baseline("previous_period").label() == "December 2020–February 2021"
    assert p.baseline("same_period_last_year").months == ["2020-03", "2020-04", "2020-05"]
    assert p.annual().start == "2020-06"
    assert p.short_label() == "Mar–May 2021"
    assert Period("2021-02", 3).short_label() == "Dec 2020–Feb 2021"
    with pytest.raises(ValueError):
        Period("2021-13", 3)


def test_change_classes_never_offer_a_fall_beyond_minus_100_percent():
    from crimemap_plugin.core.classify import classes
    for values in ([-100.0, -66.7, -62.2], [-100.0, 250.0, 400.0], [-3.0, 2.0, 1.0]):
        found = classes("change_pct", values)
        assert len(found) == 7
        assert found[0].upper > -100 and all(c.lower is None or c.lower > -100 for c in found)
        assert found[3].label.startswith("about the same")


def test_every_category_name_is_marked_for_translation():
    import ast
    from pathlib import Path

    from crimemap_plugin.core import categories
    source = (Path(__file__).resolve().parents[2] / "crimemap_plugin" / "ui" / "dock.py").read_text()
    marked = {node.args[0].value for node in ast.walk(ast.parse(source)) if isinstance(node, ast.Call)
              and getattr(node.func, "id", None) == "tr_noop"}
    assert {categories.label(s) for s in (categories.ALL_CRIME, *categories.CATEGORIES)} <= marked


def test_what_a_store_keeps_read_follows_a_write_through_another_connection(any_store, tmp_path):
    """A store open in the dock keeps what it read (month status, areas) until the store changes:
    a month imported by another connection (another QGIS, a Processing run) is seen at the next
    read, and the comparison of it counts its rows."""
    import shutil

    from crimemap_plugin.core.coverage import WHOLE
    from crimemap_plugin.core.store import open_store
    from crimemap_plugin.stores import open_user_store
    source = sorted(city_of_london_street().glob("*-street.csv"))[-1]   # 2025-12
    folder = tmp_path / "2026-01"
    folder.mkdir()
    new = folder / "2026-01-city-of-london-street.csv"
    new.write_text(source.read_text(encoding="utf-8").replace(",2025-12,", ",2026-01,"), encoding="utf-8")
    rows = sum(1 for _ in open(new, encoding="utf-8")) - 1
    opener = open_user_store if str(any_store).startswith("postgresql://") else open_store
    with opener(any_store, create=False) as reader:
        assert reader.month_status().state("city-of-london", "2026-01") != WHOLE
        before = compare(reader, "force", "all-crime", Period("2025-12", 1), "previous_period")
        report = import_path(new, any_store)   # its own connection
        assert report.rows_imported == rows
        assert reader.months()[-1] == "2026-01"
        assert reader.month_status().state("city-of-london", "2026-01") == WHOLE
        after = compare(reader, "force", "all-crime", Period("2026-01", 1), "previous_period")
        city = after.rows.set_index("area_code").loc["E23000034"]
        assert int(city["current"]) == rows and bool(city["complete"])
        assert int(city["baseline"]) == int(before.rows.set_index("area_code").loc["E23000034", "current"])
    shutil.rmtree(folder)
