"""The store under faults: other people's files, crafted contents, a full disk, folders that cannot be
written, odd paths, two imports at once. Each ends in a clear message and loses nothing stored."""

import contextlib
import os
import shutil
import sqlite3
import subprocess
import uuid

import pytest
from osgeo import ogr, osr

from crimemap_plugin.core.compare import compare
from crimemap_plugin.core.errors import StoreError
from crimemap_plugin.core.importer import import_path
from crimemap_plugin.core.periods import Period
from crimemap_plugin.core.store import open_store
from tests.api_server import imported_force
from tests.shared_data import city_of_london_street, shared_data
from tests.unit.conftest import aggregate_counts, fingerprint

NATIONAL = shared_data() / "police_uk" / "national-2018-12"
NAME = "2024-03-city-of-london-street.csv"


def st_marks_centre():
    import json
    boundary = json.loads((shared_data() / "api" / "gloucestershire_AA3_boundary.json").read_text())
    lons = [float(p["longitude"]) for p in boundary]
    lats = [float(p["latitude"]) for p in boundary]
    return sum(lons) / len(lons), sum(lats) / len(lats)   # St Marks is compact: its mean lies inside


def test_a_users_own_geopackage_with_a_crimes_layer_is_never_written(tmp_path):
    path = tmp_path / "mine.gpkg"
    ds = ogr.GetDriverByName("GPKG").CreateDataSource(str(path))
    srs = osr.SpatialReference()
    srs.ImportFromEPSG(27700)
    layer = ds.CreateLayer("crimes", srs, ogr.wkbPoint)
    layer.CreateField(ogr.FieldDefn("note", ogr.OFTString))
    feature = ogr.Feature(layer.GetLayerDefn())
    feature.SetField("note", "my own survey")
    feature.SetGeometry(ogr.CreateGeometryFromWkt("POINT (530000 180000)"))
    layer.CreateFeature(feature)
    ds = None
    before = path.read_bytes()
    with sqlite3.connect(path) as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master")}
    with pytest.raises(StoreError, match="not a Crime Map store .*crimes.*refusing to change it"):
        import_path(city_of_london_street() / NAME, path)
    assert path.read_bytes() == before
    with sqlite3.connect(path) as conn:
        assert {r[0] for r in conn.execute("SELECT name FROM sqlite_master")} == tables


def test_an_empty_geopackage_or_an_empty_file_becomes_a_store(tmp_path):
    empty = tmp_path / "empty.gpkg"
    ogr.GetDriverByName("GPKG").CreateDataSource(str(empty)) and None
    zero = tmp_path / "zero.gpkg"
    zero.write_bytes(b"")
    for path in (empty, zero):
        report = import_path(city_of_london_street() / NAME, path)
        assert report.rows_imported > 0


@pytest.mark.parametrize("key", ["rtree_pending:neighbourhoods", "rtree_pending:crimes\"; DROP TABLE crimes; --",
                                 "rtree_pending:../../etc", "rtree_pending:sqlite_master", "schema_version2"])
def test_crafted_store_contents_never_become_identifiers(store, key):
    expected = aggregate_counts(store)
    with sqlite3.connect(store) as conn:
        conn.execute("INSERT INTO crimemap_meta VALUES (?, '1')", (key,))
    with open_store(store) as s:
        assert not s.needs_upgrade()      # nothing of ours is pending
        s.upgrade()
        s.end_bulk()
        assert s.integrity_ok()
    assert aggregate_counts(store) == expected
    with sqlite3.connect(store) as conn:
        assert conn.execute("SELECT COUNT(*) FROM rtree_crimes_geom").fetchone()[0] > 0


def test_crafted_neighbourhood_index_name_keeps_the_counts(tmp_path):
    path = imported_force(tmp_path)
    import_path(shared_data() / "police_uk" / "national-2018-12" / "2018-12-gloucestershire-street.csv", path)
    with sqlite3.connect(path) as conn:
        counted = conn.execute("SELECT SUM(n) FROM neighbourhood_counts").fetchone()[0]
        conn.execute("INSERT INTO crimemap_meta VALUES ('rtree_pending:neighbourhoods', '1')")
    with open_store(path) as s:
        s.upgrade()
        assert s.neighbourhood_at(*st_marks_centre()) == ("gloucestershire", "AA3")
    with sqlite3.connect(path) as conn:
        assert conn.execute("SELECT SUM(n) FROM neighbourhood_counts").fetchone()[0] == counted > 0
        assert conn.execute("SELECT COUNT(*) FROM rtree_neighbourhoods_geom").fetchone()[0] == 55


# -- a full disk -------------------------------------------------------------------------------------------
@contextlib.contextmanager
def small_disk(tmp_path, size_bytes):
    """A folder on a file system of `size_bytes` (tmpfs, mounted for the test)."""
    folder = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size_bytes}", "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def _months(path):
    with sqlite3.connect(path) as conn:
        return conn.execute("SELECT kind, force, month, rows FROM force_months ORDER BY 1, 2, 3").fetchall()


def _check_whole(path):
    """Every stored force-month has exactly its rows and counts (nothing half-written)."""
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        for force, month, import_id, rows in conn.execute(
                "SELECT force, month, import_id, rows FROM force_months WHERE kind='street'").fetchall():
            assert conn.execute("SELECT COUNT(*) FROM crimes WHERE import_id=?", (import_id,)).fetchone()[0] == rows
            assert conn.execute("SELECT SUM(n) FROM crime_counts WHERE unit_force=? AND month=?",
                                (force, month)).fetchone()[0] == rows


@pytest.mark.parametrize("headroom_mb,when", [(12, "import"), (98, "index")])
def test_a_full_disk_is_said_and_the_store_stays_usable(sample_store, tmp_path, headroom_mb, when):
    """A national month into a store on a disk with room for `headroom_mb` more: it fills while rows
    go in, or (with room for the rows) while the spatial index is rebuilt."""
    size = os.path.getsize(sample_store) + headroom_mb * 1024 * 1024
    with small_disk(tmp_path, size) as disk:
        path = disk / "store.gpkg"
        shutil.copy(sample_store, path)
        before = _months(path)
        with pytest.raises(StoreError) as err:
            import_path(NATIONAL, path)
        message = str(err.value)
        assert str(path) in message and "disk is full" in message, message
        assert "cannot rollback" not in message
        # The store still opens, whole, and comparisons work on what is stored.
        _check_whole(path)
        with open_store(path, create=False) as s:
            result = compare(s, "force", "all-crime", Period("2025-12", 3)).rows.set_index("force")
            assert result.loc["city-of-london", "current"] > 0
            assert s.needs_upgrade()        # the spatial index is still to be finished
        after = _months(path)
        assert set(before) <= set(after)    # nothing stored before is lost
        if when == "index":
            assert len(after) == len(before) + 41   # every row went in; only the index did not
        # With room again (the store moved to a roomier disk), the index is finished.
        roomy = tmp_path / f"roomy-{when}.gpkg"
        shutil.copy(path, roomy)
    with open_store(roomy) as s:
        assert s.upgrade() == ["spatial index rebuilt"]
        assert s.integrity_ok() and not s.needs_upgrade()


# -- folders and paths -------------------------------------------------------------------------------------
def test_a_store_in_a_folder_that_cannot_be_written_says_so(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    subprocess.run(["chattr", "+i", str(folder)], check=True) if os.geteuid() == 0 else os.chmod(folder, 0o555)
    try:
        with pytest.raises(StoreError, match=r"cannot be written to.*choose a folder you can write to") as err:
            import_path(city_of_london_street() / NAME, folder / "store.gpkg")
        assert str(folder) in str(err.value)
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=False) if os.geteuid() == 0 else os.chmod(folder, 0o755)
    assert not (folder / "store.gpkg").exists()


@pytest.mark.parametrize("name", ["with #hash", "what?mode=rw", "percent %41 here", "spaces and ünïcode"])
def test_odd_characters_in_the_path_open_the_store_itself(tmp_path, name):
    folder = tmp_path / name
    folder.mkdir()
    path = imported_force(folder, folder / "store #1?.gpkg")
    listing = set(os.listdir(folder))
    with open_store(path, read_only=True) as s:
        assert s.neighbourhood_areas().shape[0] == 55
        assert s.neighbourhood_details("gloucestershire", "AA3")["name"] == "St Marks"
    assert set(os.listdir(folder)) == listing   # no new empty file beside it


def test_a_small_import_beside_a_bulk_import_leaves_the_index_to_it(store, tmp_path):
    bulk = open_store(store)
    bulk.begin_bulk(["street"])          # another import dropped the R-tree and is writing in bulk
    try:
        path = tmp_path / NAME
        path.write_bytes((city_of_london_street() / NAME).read_bytes().replace(b"Other theft", b"Burglary"))
        report = import_path(path, store)  # a second, small import at the same time
        assert report.rows_imported > 0 and not report.refused
    finally:
        bulk.end_bulk()
        bulk.close()
    with open_store(store) as s:
        assert s.integrity_ok()
        with sqlite3.connect(store) as conn:
            located = conn.execute("SELECT COUNT(*) FROM crimes WHERE geom IS NOT NULL").fetchone()[0]
            assert conn.execute("SELECT COUNT(*) FROM rtree_crimes_geom").fetchone()[0] == located


def test_a_read_only_store_reads_and_refuses_to_write_clearly(store):
    before = fingerprint(store)
    with open_store(store, read_only=True) as s:
        assert s.summary().crimes > 0
        with pytest.raises(StoreError, match="read-only"):
            s.mark_whole("street", "city-of-london", "2024-03")
    assert fingerprint(store) == before
