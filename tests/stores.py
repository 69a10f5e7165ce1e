"""Stores for the tests on both backends: a GeoPackage file, or a schema of its own in the test
PostgreSQL database that `make test` starts (scripts/postgis.sh; CRIMEMAP_TEST_PG names another).

Tests that need the server fail loudly when it is not running: they never skip themselves."""

import hashlib
import os
import shutil
import subprocess
import uuid
from pathlib import Path

from crimemap_plugin.core.store import open_store

REPO = Path(__file__).resolve().parents[1]
BACKENDS = ("geopackage", "postgis")


def postgres_url() -> str:
    url = os.environ.get("CRIMEMAP_TEST_PG")
    if url:
        return url
    return subprocess.run(["bash", str(REPO / "scripts" / "postgis.sh"), "url"], capture_output=True, text=True,
                          check=True).stdout.strip()


def new_store(backend: str, folder: Path, name: str = "store") -> str:
    """The name of a new, empty store on `backend` (nothing is created until it is opened)."""
    if backend == "geopackage":
        return str(Path(folder) / f"{name}.gpkg")
    schema = f"t_{name.replace('-', '_')}_{uuid.uuid4().hex[:10]}"
    return f"{postgres_url()}?schema={schema}"


def drop(spec: str) -> None:
    """Remove a test store."""
    if spec.startswith("postgresql://"):
        import psycopg2
        base, _, schema = spec.partition("?schema=")
        with psycopg2.connect(base) as conn:
            conn.autocommit = True
            conn.cursor().execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
    elif Path(spec).exists():
        Path(spec).unlink()


def copy_of(spec: str, backend: str, folder: Path, name: str = "copy") -> str:
    """A copy of a store on `backend` (file copy for a GeoPackage; crimemap's copy otherwise)."""
    if backend == "geopackage" and not spec.startswith("postgresql://"):
        target = new_store(backend, folder, name)
        shutil.copy(spec, target)
        return target
    from crimemap_plugin.core.store.copying import copy_store
    target = new_store(backend, folder, name)
    copy_store(spec, target)
    return target


def rows(spec: str, sql: str, args=()) -> list:
    """The rows of a query on the store (for checks only)."""
    with open_store(spec, create=False, read_only=True) as store:
        return [tuple(r) for r in store.db.query(sql, args)]


def totals_agree(spec: str) -> bool:
    """True when the store's all-crime counts per neighbourhood are the sums of its counts per category
    (and something is counted)."""
    keys = "unit_force, month, force, neighbourhood_id"
    totals = rows(spec, f"SELECT {keys}, n FROM neighbourhood_totals ORDER BY {keys}")
    summed = rows(spec, f"SELECT {keys}, SUM(n) FROM neighbourhood_counts GROUP BY {keys} ORDER BY {keys}")
    return bool(totals) and [tuple(r[:4]) + (int(r[4]),) for r in totals] == \
        [tuple(r[:4]) + (int(r[4]),) for r in summed]


FINGERPRINT_TABLES = (("crimes", "fid"), ("outcomes", "fid"), ("stop_and_search", "fid"),
                      ("force_months", "kind, force, month"), ("imports", "id"),
                      ("crime_counts", "unit_force, month, force, category"),
                      ("lsoa_counts", "unit_force, month, lsoa_code, category"),
                      ("neighbourhood_counts", "unit_force, month, force, neighbourhood_id, category"),
                      ("neighbourhood_totals", "unit_force, month, force, neighbourhood_id"),
                      ("coverage", "kind, force, month"), ("rejected_rows", "import_id, line"))


def content(spec: str, with_times: bool = True) -> str:
    """A digest of every table's rows, geometry as coordinates: equal digests mean equal stores,
    whichever backend holds them (import times left out with with_times=False)."""
    digest = hashlib.sha256()
    from crimemap_plugin.core.store import tables
    with open_store(spec, create=False, read_only=True) as store:
        for table, order in FINGERPRINT_TABLES:
            spec_t = tables.BY_NAME[table]
            columns = [c for c in spec_t.column_names() if with_times or c != "imported_at"]
            geom = spec_t.geometry is not None
            select = ", ".join(columns)
            for row in store.db.query(f"SELECT {select} FROM {table} ORDER BY {order}"):
                digest.update(repr(tuple(row)).encode())
            if geom:
                fids, x, y = store.db.located(table, with_fids=True)
                order = fids.argsort()
                digest.update(fids[order].tobytes() + x[order].round(9).tobytes() + y[order].round(9).tobytes())
    return digest.hexdigest()
