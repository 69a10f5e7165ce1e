"""Counts in the store equal independent counts straight from the real CSV files."""

import sqlite3
import zipfile
from collections import Counter

from osgeo import ogr

from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.store import gpkg, open_store
from tests.independent import street_counts, street_files, without_location
from tests.shared_data import city_of_london_street, shared_data
from tests.stores import rows
from tests.unit.conftest import aggregate_counts, fingerprint, store_counts


def _national_zip(tmp_path, files, name="archive.zip"):
    """An archive in the national layout YYYY-MM/YYYY-MM-<force>-<kind>.csv."""
    path = tmp_path / name
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for f in files:
            archive.write(f, f"{f.name[:7]}/{f.name}")
    return path


def test_folder_import_equals_independent_counts(any_store):
    store = any_store
    files = street_files(city_of_london_street())
    expected = street_counts(files)
    assert sum(expected.values()) == 18867
    assert store_counts(store) == dict(expected)
    assert aggregate_counts(store) == dict(expected)
    nulls = rows(store, "SELECT COUNT(*) FROM crimes WHERE geom IS NULL")[0][0]
    units = rows(store, "SELECT COUNT(*) FROM force_months WHERE kind='street'")[0][0]
    with open_store(store, read_only=True) as s:
        located = len(s.points()[0])
    assert nulls == without_location(files)
    assert located == 18867 - nulls
    assert units == 24


def test_the_geopackage_spatial_index_holds_every_located_crime(store):
    with sqlite3.connect(store) as conn:
        located = conn.execute("SELECT COUNT(*) FROM crimes WHERE geom IS NOT NULL").fetchone()[0]
        assert conn.execute("SELECT COUNT(*) FROM rtree_crimes_geom").fetchone()[0] == located


def test_published_quarter_totals(any_store):
    # The data README: Q1 2025 = 2,093 rows against Q1 2024 = 2,317.
    q = "SELECT SUM(n) FROM crime_counts WHERE month BETWEEN ? AND ?"
    assert rows(any_store, q, ("2025-01", "2025-03"))[0][0] == 2093
    assert rows(any_store, q, ("2024-01", "2024-03"))[0][0] == 2317


def test_archive_import_equals_folder_import(tmp_path, fresh):
    files = street_files(city_of_london_street())
    archive = _national_zip(tmp_path, files)
    store = fresh("zip")
    report = import_path(archive, store)
    assert report.rows_imported == 18867 and report.rows_rejected == 0 and not report.refused
    assert store_counts(store) == dict(street_counts(files))


def test_reimport_replaces_never_doubles(any_store, tmp_path):
    store = any_store
    before = fingerprint(store)
    report = import_path(city_of_london_street(), store)
    assert report.rows_imported == 0
    assert all(f.status == "unchanged" for f in report.files)
    assert fingerprint(store) == before
    # A corrected re-download of one month (two rows fewer) replaces that month only.
    src = city_of_london_street() / "2024-06-city-of-london-street.csv"
    lines = src.read_bytes().splitlines(keepends=True)
    fixed = tmp_path / "2024-06-city-of-london-street.csv"
    fixed.write_bytes(b"".join(lines[:-2]))
    report = import_path(fixed, store)
    assert report.rows_imported == len(lines) - 3
    expected = street_counts([f for f in street_files(city_of_london_street()) if f.name != src.name] + [fixed])
    assert store_counts(store) == dict(expected)
    assert aggregate_counts(store) == dict(expected)
    # And the original again restores the original counts exactly.
    import_path(src, store)
    assert store_counts(store) == dict(street_counts(street_files(city_of_london_street())))


def test_geopackage_opens_in_gdal_with_spatial_index(store):
    ds = ogr.Open(str(store))
    layer = ds.GetLayerByName("crimes")
    assert layer.GetFeatureCount() == 18867
    assert layer.GetSpatialRef().GetAuthorityCode(None) == "4326"
    layer.SetSpatialFilterRect(-0.0877, 51.5125, -0.0867, 51.5135)  # around Bank junction
    inside = layer.GetFeatureCount()
    with sqlite3.connect(store) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        direct = conn.execute(
            "SELECT COUNT(*) FROM crimes c JOIN rtree_crimes_geom r ON r.id = c.fid WHERE r.minx BETWEEN "
            "-0.0877 AND -0.0867 AND r.miny BETWEEN 51.5125 AND 51.5135").fetchone()[0]
    assert inside == direct > 0
    ds = None


def test_stop_and_search_and_outcomes_into_their_own_layers(tmp_path, fresh):
    data = shared_data() / "police_uk"
    sas = sorted((data / "stop-and-search" / "city-of-london-2018-2021").glob("*.csv"))
    gm = data / "stop-and-search" / "2019-06-greater-manchester-stop-and-search.csv"
    outcomes = sorted((data / "format-samples").glob("*-outcomes.csv"))
    store = fresh("s")
    archive = _national_zip(tmp_path, sas + [gm] + outcomes)
    report = import_path(archive, store)
    assert not report.refused, [f.message for f in report.refused]

    def lines(path):
        with open(path, encoding="utf-8-sig") as fh:
            return sum(1 for line in fh if line.strip()) - 1

    expected_sas = Counter()
    for f in sas + [gm]:
        expected_sas[(f.name[8:-len("-stop-and-search.csv")], f.name[:7])] += lines(f)
    got = Counter({(f, m): n for f, m, n in rows(
        store, "SELECT force, month, COUNT(*) FROM stop_and_search GROUP BY force, month")})
    assert sum(got.values()) + report.rows_rejected == sum(expected_sas.values())
    assert got[("greater-manchester", "2019-06")] == 907
    out = rows(store, "SELECT force, COUNT(*) FROM outcomes GROUP BY force ORDER BY force")
    assert rows(store, "SELECT COUNT(*) FROM crimes")[0][0] == 0
    assert out == [("avon-and-somerset", lines(outcomes[0])), ("bedfordshire", lines(outcomes[1]))]
    assert sum(got.values()) == 8057 + 907 - report.rows_rejected


def test_unnamed_multi_force_file_is_split_by_reported_force_and_month(tmp_path, fresh):
    files = street_files(city_of_london_street())[:3]
    body = [files[0].read_bytes().splitlines(keepends=True)[0]]
    for f in files:
        body += f.read_bytes().splitlines(keepends=True)[1:]
    # The same rows once more as if Kent had reported them.
    kent = [line.replace(b"City of London Police", b"Kent Police") for line in body[1:]]
    combined = tmp_path / "national-extract.csv"
    combined.write_bytes(b"".join(body + kent))
    store = fresh("m")
    report = import_path(combined, store)
    assert sorted(report.units) == sorted([("street", force, m) for force in ("city-of-london", "kent")
                                           for m in ("2024-01", "2024-02", "2024-03")])
    expected = street_counts(files)
    expected.update({("kent", m, c): n for (f, m, c), n in street_counts(files).items()})
    assert store_counts(store) == dict(expected)


def test_points_read_right_when_a_geometry_was_written_by_other_software(store):
    # QGIS/GDAL may write a point with an envelope: the fast path must notice and read row by row.
    import struct
    blob = struct.pack("<2sBBi", b"GP", 0, 0b11, 4326) + struct.pack("<dddd", -0.09, -0.09, 51.51, 51.51) + \
        struct.pack("<BIdd", 1, 1, -0.09, 51.51)
    with sqlite3.connect(store) as conn:
        fid = conn.execute("SELECT MIN(fid) FROM crimes WHERE geom IS NOT NULL").fetchone()[0]
        gpkg.register_functions(conn)  # the R-tree triggers need the ST_* functions GDAL would provide
        conn.execute("UPDATE crimes SET geom = ? WHERE fid = ?", (blob, fid))
        located = conn.execute("SELECT COUNT(*) FROM crimes WHERE geom IS NOT NULL").fetchone()[0]
    with open_store(store) as s:
        x, y = s.points()
        fids, fx, fy = s.db._all_points("crimes")
    assert len(x) == located and (-0.09, 51.51) in set(zip(x.tolist(), y.tolist()))
    assert len(fids) == located and fx[list(fids).index(fid)] == -0.09
