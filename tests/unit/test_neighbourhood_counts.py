"""Crimes per neighbourhood: counted in the stored polygons, whichever arrives first, against GEOS
counts straight from the real API answers, and the neighbourhood level of the comparisons."""

import sqlite3

import pytest

from crimemap_plugin.core.compare import NEIGHBOURHOOD, compare
from crimemap_plugin.core.errors import StoreError
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import PREVIOUS_PERIOD, Period
from crimemap_plugin.core.store import open_store
from tests.api_server import imported_force
from tests.cheltenham import (
    api_crimes,
    census_population_inside,
    counts_inside,
    st_marks_polygon,
    write_street_csvs,
)
from tests.independent import months
from tests.stores import rows, totals_agree


def stored_counts(spec, nid="AA3") -> dict:
    return {(m, c): n for m, c, n in rows(
        str(spec), "SELECT month, category, SUM(n) FROM neighbourhood_counts WHERE neighbourhood_id = ? "
        "GROUP BY month, category", (nid,))}


def whole_table(spec) -> list:
    return rows(str(spec), "SELECT unit_force, month, force, neighbourhood_id, category, n FROM neighbourhood_counts "
                "ORDER BY 1, 2, 3, 4, 5")


@pytest.fixture(scope="module")
def expected():
    return counts_inside(st_marks_polygon())


@pytest.fixture()
def csvs(tmp_path):
    write_street_csvs(tmp_path / "csv")
    return tmp_path / "csv"


def test_counts_equal_geos_whichever_arrives_first(tmp_path, csvs, expected, fresh):
    crimes_first = fresh("crimes-first")
    report = import_path(csvs, crimes_first)
    assert report.rows_imported == sum(len(v) for v in api_crimes().values()) and not report.refused
    imported_force(tmp_path, crimes_first)        # storing neighbourhoods counts the crimes there
    neighbourhoods_first = imported_force(tmp_path, fresh("neighbourhoods-first"))
    import_path(csvs, neighbourhoods_first)       # the import counts against the stored polygons
    assert sum(expected.values()) > 1000
    assert stored_counts(crimes_first) == expected
    assert stored_counts(neighbourhoods_first) == expected
    assert whole_table(crimes_first) == whole_table(neighbourhoods_first)
    assert totals_agree(crimes_first) and totals_agree(neighbourhoods_first)


def test_reimport_and_refresh_never_double_count(tmp_path, csvs, expected, fresh):
    path = imported_force(tmp_path, fresh())
    import_path(csvs, path)
    march = csvs / "2021-03" / "2021-03-gloucestershire-street.csv"
    march.write_text(march.read_text().replace("\r\n", "\n"))  # same rows, new checksum: replaced
    again = import_path(march, path)
    assert [f.status for f in again.files] == ["imported"]
    imported_force(tmp_path, path)                # neighbourhoods refreshed
    assert stored_counts(path) == expected
    assert totals_agree(path)


def test_neighbourhood_comparison_against_independent_counts(tmp_path, csvs, expected, fresh):
    path = imported_force(tmp_path, fresh())
    import_path(csvs, path)
    period = Period("2021-05", 3)
    with open_store(path) as store:
        comparison = compare(store, NEIGHBOURHOOD, "all-crime", period, PREVIOUS_PERIOD)
        burglary = compare(store, NEIGHBOURHOOD, "burglary", period, PREVIOUS_PERIOD)
    assert period.label() == "March–May 2021" and period.baseline(PREVIOUS_PERIOD).label() == \
        "December 2020–February 2021"
    rows = {r["area_code"]: r for r in comparison.records()}
    assert len(rows) == 55
    st_marks = rows["gloucestershire/AA3"]
    current = sum(n for (m, _), n in expected.items() if m in months("2021-05", 3))
    before = sum(n for (m, _), n in expected.items() if m in months("2021-02", 3))
    assert (st_marks["current"], st_marks["baseline"], st_marks["change"]) == (current, before, current - before)
    assert st_marks["area_name"] == "St Marks" and st_marks["force"] == "gloucestershire"
    population = census_population_inside(st_marks_polygon())
    assert st_marks["population"] == population
    assert st_marks["rate_per_1000"] == pytest.approx(current / population * 1000)
    assert st_marks["complete"] is True
    # The 12 months to May 2021 reach back to June 2020, which the store does not hold: no annual rate.
    assert st_marks["annual_rate_per_1000"] is None
    b = {r["area_code"]: r for r in burglary.records()}["gloucestershire/AA3"]
    assert b["current"] == sum(n for (m, c), n in expected.items() if m in months("2021-05", 3) and c == "burglary")


def test_neighbourhood_level_without_neighbourhoods_says_what_to_do(any_store):
    with open_store(any_store) as s, pytest.raises(ValueError, match="importneighbourhoods"):
        compare(s, NEIGHBOURHOOD, "all-crime", Period("2025-12", 3))


def test_recount_in_small_slices_adds_up(tmp_path, csvs, expected, monkeypatch, fresh):
    from crimemap_plugin.core.store import neighbourhood_store
    monkeypatch.setattr(neighbourhood_store, "RECOUNT_SLICE", 37)   # slices end mid-month, mid-category
    path = fresh("sliced")
    import_path(csvs, path)
    imported_force(tmp_path, path)
    assert stored_counts(path) == expected
    assert totals_agree(path)


def test_a_store_from_before_the_neighbourhood_level_is_upgraded_explicitly(tmp_path, csvs, expected):
    path = imported_force(tmp_path)
    import_path(csvs, path)
    with sqlite3.connect(path) as conn:   # as version 0.3.0 left it: no counts, area codes or census
        conn.execute("DROP TABLE neighbourhood_counts")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'neighbourhood_counts'")
        conn.execute("ALTER TABLE neighbourhoods DROP COLUMN area_code")
        conn.execute("ALTER TABLE neighbourhoods DROP COLUMN census_population")
        conn.execute("UPDATE crimemap_meta SET value = '1' WHERE key = 'schema_version'")
    before = path.read_bytes()
    with open_store(path, create=False) as store:   # opening changes nothing, and says what is needed
        assert store.needs_upgrade()
        with pytest.raises(StoreError, match="must be upgraded"):
            store.mark_whole("street", "gloucestershire", "2021-05")
    assert path.read_bytes() == before
    with open_store(path, create=False) as store:
        steps = store.upgrade()
        assert "neighbourhood level added (crimes counted in the stored neighbourhoods)" in steps
        assert not store.needs_upgrade()
        rows = {r["area_code"]: r for r in compare(store, NEIGHBOURHOOD, "all-crime", Period("2021-05", 3),
                                                   PREVIOUS_PERIOD).records()}
    assert len(rows) == 55
    assert rows["gloucestershire/AA3"]["population"] == census_population_inside(st_marks_polygon())
    assert stored_counts(path) == expected
    assert totals_agree(path)


def test_a_version_5_store_compares_all_crime_as_it_is_and_gets_its_totals_on_upgrade(tmp_path, csvs, expected):
    path = imported_force(tmp_path)
    import_path(csvs, path)
    period = Period("2021-05", 3)
    with open_store(path, create=False) as store:
        now = compare(store, NEIGHBOURHOOD, "all-crime", period, PREVIOUS_PERIOD).records()
    with sqlite3.connect(path) as conn:   # as version 5 left it: no totals
        for event in ("insert", "update", "delete"):
            conn.execute(f"DROP TRIGGER neighbourhood_totals_{event}")
        conn.execute("DROP TABLE neighbourhood_totals")
        conn.execute("DELETE FROM gpkg_contents WHERE table_name = 'neighbourhood_totals'")
        conn.execute("UPDATE crimemap_meta SET value = '5' WHERE key = 'schema_version'")
    with open_store(path, create=False, read_only=True) as store:   # summed over the categories instead
        assert store.needs_upgrade()
        assert compare(store, NEIGHBOURHOOD, "all-crime", period, PREVIOUS_PERIOD).records() == now
    with open_store(path, create=False) as store:
        assert store.upgrade() == ["all-crime counts per neighbourhood added"]
        assert compare(store, NEIGHBOURHOOD, "all-crime", period, PREVIOUS_PERIOD).records() == now
    assert totals_agree(path)
    st_marks = {r["area_code"]: r for r in now}["gloucestershire/AA3"]
    assert st_marks["current"] == sum(n for (m, _), n in expected.items() if m in months("2021-05", 3)) > 100


def test_the_totals_follow_whatever_writes_the_counts(tmp_path, csvs, fresh):
    """An earlier version of Crime Map writing a shared store knows nothing of the totals: whatever
    changes neighbourhood_counts (new rows, added counts, rows taken away), the totals follow."""
    path = imported_force(tmp_path, fresh())
    import_path(csvs, path)
    assert totals_agree(path)
    with open_store(path) as store, store.db.transaction():
        db = store.db
        db.execute("INSERT INTO neighbourhood_counts VALUES ('gloucestershire', '2030-01', 'gloucestershire', "
                   "'AA3', 'burglary', 7)")
        db.execute("INSERT INTO neighbourhood_counts VALUES ('gloucestershire', '2030-01', 'gloucestershire', "
                   "'AA3', 'burglary', 5) ON CONFLICT (unit_force, month, force, neighbourhood_id, category) "
                   "DO UPDATE SET n = neighbourhood_counts.n + excluded.n")
        db.execute("UPDATE neighbourhood_counts SET n = n + 1 WHERE month = '2021-03' AND neighbourhood_id = 'AA3'")
        db.execute("DELETE FROM neighbourhood_counts WHERE month = '2021-04'")
    assert totals_agree(path)
    totals = dict(rows(str(path), "SELECT month, n FROM neighbourhood_totals WHERE neighbourhood_id = 'AA3'"))
    assert int(totals["2030-01"]) == 12 and "2021-04" not in totals


@pytest.mark.parametrize("split", [10 ** 9, 1])
def test_neighbourhood_sums_read_area_by_area_equal_the_counts_summed_plainly(tmp_path, csvs, fresh, split,
                                                                           monkeypatch):
    """sums() at neighbourhood level reads each stored neighbourhood's range of months: the same
    totals as adding up the whole count table, for every neighbourhood, category and span (months in
    a run and months with a gap), all crime included; read in one pass, or (split 1) as two halves
    of the neighbourhoods read at once, a GeoPackage's first half through a second connection."""
    from crimemap_plugin.core.store import store_reads
    monkeypatch.setattr(store_reads, "SPLIT_NEIGHBOURHOODS", split)
    path = imported_force(tmp_path, fresh())
    import_path(csvs, path)
    spans = {"run": ["2021-03", "2021-04", "2021-05"], "gap": ["2020-12", "2021-02"], "one": ["2021-01"]}
    stored = {n for (n,) in rows(str(path), "SELECT neighbourhood_id FROM neighbourhoods")}
    with open_store(path) as store:
        for category in (None, "burglary", "violent-crime", "anti-social-behaviour"):
            got = store.sums("neighbourhood", spans, category)
            test = "category = ? AND " if category else ""
            plain = {}
            for name, span in spans.items():
                for force, nid, n in rows(str(path), f"SELECT force, neighbourhood_id, SUM(n) FROM "
                                                     f"neighbourhood_counts WHERE {test}month IN "
                                                     f"({', '.join('?' * len(span))}) GROUP BY force, "
                                                     "neighbourhood_id", ([category] if category else []) + span):
                    if nid in stored:
                        plain.setdefault(f"{force}/{nid}", dict.fromkeys(spans, 0))[name] = int(n)
            listed = {code: {name: int(got.loc[code, name]) for name in spans} for code in got.index}
            assert listed == plain and len(plain) >= 5 and any(v["gap"] for v in plain.values())
