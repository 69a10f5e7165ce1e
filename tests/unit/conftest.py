"""Unit ring: the pure-Python core, no QGIS. Shared fixtures build stores from the real data."""

import hashlib
import shutil
import sqlite3

import pytest
from osgeo import ogr

from crimemap_plugin.core.importer import import_path
from tests.shared_data import city_of_london_street

ogr.UseExceptions()  # GDAL's own future default; the tests read stores through OGR


@pytest.fixture(scope="session")
def sample_store(tmp_path_factory):
    """A store holding the 24 real City of London months (built once, copied per test)."""
    path = tmp_path_factory.mktemp("base") / "base.gpkg"
    report = import_path(city_of_london_street(), path)
    assert report.rows_imported == 18867 and not report.refused
    return path


@pytest.fixture()
def store(sample_store, tmp_path):
    path = tmp_path / "store.gpkg"
    shutil.copy(sample_store, path)
    return path


def fingerprint(path) -> str:
    """A digest of everything the import writes: equal digests mean an unchanged store."""
    digest = hashlib.sha256()
    with sqlite3.connect(path) as conn:
        for table, order in (("crimes", "fid"), ("outcomes", "fid"), ("stop_and_search", "fid"),
                             ("force_months", "kind, force, month"), ("imports", "id"),
                             ("crime_counts", "unit_force, month, force, category"),
                             ("lsoa_counts", "unit_force, month, lsoa_code, category"),
                             ("rejected_rows", "import_id, line"), ("rtree_crimes_geom", "id")):
            for row in conn.execute(f"SELECT * FROM {table} ORDER BY {order}"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def store_counts(path, table="crimes") -> dict:
    with sqlite3.connect(path) as conn:
        return {(f, m, c): n for f, m, c, n in conn.execute(
            f"SELECT force, month, category, COUNT(*) FROM {table} GROUP BY force, month, category")}


def aggregate_counts(path) -> dict:
    with sqlite3.connect(path) as conn:
        return {(f, m, c): n for f, m, c, n in conn.execute(
            "SELECT force, month, category, SUM(n) FROM crime_counts GROUP BY force, month, category")}
