"""Unit ring: the pure-Python core, no QGIS. Shared fixtures build stores from the real data."""

import hashlib
import shutil
import sqlite3

import pytest
from osgeo import ogr

from crimemap_plugin.core.importer import import_path
from tests.shared_data import city_of_london_street
from tests.stores import BACKENDS, content, copy_of, drop, new_store, rows

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


def fingerprint(spec) -> str:
    """A digest of everything the import writes: equal digests mean an unchanged store (for a
    GeoPackage its R-tree too)."""
    digest = hashlib.sha256(content(str(spec)).encode())
    if not str(spec).startswith("postgresql://"):
        with sqlite3.connect(spec) as conn:
            for row in conn.execute("SELECT * FROM rtree_crimes_geom ORDER BY id"):
                digest.update(repr(row).encode())
    return digest.hexdigest()


def store_counts(spec, table="crimes") -> dict:
    return {(f, m, c): n for f, m, c, n in rows(
        str(spec), f"SELECT force, month, category, COUNT(*) FROM {table} GROUP BY force, month, category")}


def aggregate_counts(spec) -> dict:
    return {(f, m, c): n for f, m, c, n in rows(
        str(spec), "SELECT force, month, category, SUM(n) FROM crime_counts GROUP BY force, month, category")}


@pytest.fixture(params=BACKENDS)
def backend(request):
    """Each test that takes it runs on both backends: a GeoPackage, and PostGIS."""
    return request.param


@pytest.fixture(scope="session")
def sample_postgis(tmp_path_factory):
    """The 24 real City of London months in a PostGIS store of their own (copied per test)."""
    spec = new_store("postgis", tmp_path_factory.mktemp("pg"), "sample")
    report = import_path(city_of_london_street(), spec)
    assert report.rows_imported == 18867 and not report.refused
    yield spec
    drop(spec)


@pytest.fixture()
def any_store(backend, sample_store, sample_postgis, tmp_path):
    """A copy of the sample store on the backend being tested."""
    spec = copy_of(str(sample_store) if backend == "geopackage" else sample_postgis, backend, tmp_path, "store")
    yield spec
    drop(spec)


@pytest.fixture()
def fresh(backend, tmp_path):
    """new(name): the name of a new, empty store on the backend being tested (dropped after)."""
    made = []

    def new(name="store"):
        made.append(new_store(backend, tmp_path, name))
        return made[-1]

    yield new
    for spec in made:
        drop(spec)
