"""Numbered migrations of GeoPackage stores made by earlier versions of Crime Map.

Version 1 (0.2–0.4): the point layers, imports, force-months, force and LSOA counts, rejected rows.
Version 2: the neighbourhood level (the neighbourhood layer with area codes and Census 2021
populations, their details and crime counts; 0.3 made the layer without them).
Version 3: the coverage audit (coverage, coverage_overrides).
Version 4: the indexes every current store has.
Version 5: each neighbourhood's own web page on its force's site (neighbourhood_details.url_force).
Version 6: each neighbourhood's crimes of every category a month (neighbourhood_totals), which an
all-crime comparison reads instead of summing the categories.

Each step runs in its own transaction and records the version it reaches, so an upgrade that is
stopped (cancel, a full disk) resumes where it stopped. A new store is created at the current version
directly. Opening a store never migrates it: `CrimeStore.upgrade()` does, explicitly.
"""

from typing import Callable, List

from ..errors import Cancelled
from . import gpkg, tables
from .geopackage import _column_sql, table_ddl


def _neighbourhood_level(db, store) -> str:
    names = db.table_names()
    if "neighbourhoods" not in names:
        db._add_layer(tables.NEIGHBOURHOODS)
    else:
        have = {r[1] for r in db.query("PRAGMA table_info(neighbourhoods)")}
        for spec in tables.NEIGHBOURHOODS.columns:
            if spec.split()[0] not in have:
                db.execute(f"ALTER TABLE neighbourhoods ADD COLUMN {_column_sql(spec).replace(' NOT NULL', '')}")
        db.execute("UPDATE neighbourhoods SET area_code = force || '/' || neighbourhood_id WHERE area_code IS NULL")
        db.census_of_stored()
    for table in (tables.NEIGHBOURHOOD_DETAILS, tables.NEIGHBOURHOOD_COUNTS, tables.NEIGHBOURHOOD_TOTALS):
        if table.name not in names:
            gpkg.add_attribute_table(db.conn, table.name, table_ddl(table), table.description)
    if "neighbourhood_counts" not in names:
        db._create_indexes()
        store._recount()   # the stored crimes counted in the stored neighbourhoods, once
        return "neighbourhood level added (crimes counted in the stored neighbourhoods)"
    return "neighbourhood level brought up to date"


def _coverage(db, store) -> str:
    names = db.table_names()
    for table in (tables.COVERAGE, tables.COVERAGE_OVERRIDES):
        if table.name not in names:
            gpkg.add_attribute_table(db.conn, table.name, table_ddl(table), table.description)
    for kind in tables.POINT_TABLES:
        store._refresh_coverage(kind)
    return "coverage audit added"


def _indexes(db, store) -> str:
    db._create_indexes()
    return "indexes added"


def _neighbourhood_pages(db, store) -> str:
    """The column for police.uk's url_force (a store upgraded from version 1 got it with the table)."""
    if "neighbourhood_details" in db.table_names():
        have = {r[1] for r in db.query("PRAGMA table_info(neighbourhood_details)")}
        if "url_force" not in have:
            db.execute("ALTER TABLE neighbourhood_details ADD COLUMN url_force TEXT")
    return "neighbourhood web pages added (filled when the neighbourhoods are refreshed)"


def _neighbourhood_totals(db, store) -> str:
    """The sums over categories of what is counted per neighbourhood, filled once from the counts and
    kept from then on by triggers (in the same transaction, so no count is missed or added twice)."""
    if tables.NEIGHBOURHOOD_TOTALS.name not in db.table_names():
        gpkg.add_attribute_table(db.conn, tables.NEIGHBOURHOOD_TOTALS.name, table_ddl(tables.NEIGHBOURHOOD_TOTALS),
                                 tables.NEIGHBOURHOOD_TOTALS.description)
    db.execute("DELETE FROM neighbourhood_totals")
    db.execute(tables.TOTALS_FILL.format(s=""))
    db.keep_totals()
    for name in tables.RETIRED_INDEXES:
        db.execute(f"DROP INDEX IF EXISTS {name}")
    db._create_indexes()
    return "all-crime counts per neighbourhood added"


# STEPS[v] reaches version v
STEPS: List[Callable] = [None, None, _neighbourhood_level, _coverage, _indexes, _neighbourhood_pages,
                         _neighbourhood_totals]


def migrate(db, store, progress=None, cancelled=None) -> List[str]:
    """Run every step from the store's version to the current one; returns what was done."""
    assert len(STEPS) == tables.SCHEMA_VERSION + 1
    done = []
    start = max(db.version(), 1)
    for version in range(start + 1, tables.SCHEMA_VERSION + 1):
        if cancelled and cancelled():
            raise Cancelled(f"{db.spec}: upgrade cancelled at version {version - 1}; run it again to finish")
        with db.transaction():
            done.append(STEPS[version](db, store))
            db.set_version(version)
        if progress:
            progress(100.0 * (version - start) / (tables.SCHEMA_VERSION - start))
    return done
