"""A whole store copied to another, either way between GeoPackage and PostGIS, exactly: the same rows
with the same fids and import ids, the same aggregates, coverage and neighbourhoods. The target must
be new or empty; it is written in one transaction, so a failed copy leaves nothing half-copied."""

from typing import Dict

from ..errors import Cancelled, StoreError
from . import open_store, tables

SLICE = 500_000   # point rows read at a time (memory stays bounded on large stores)


def copy_store(source_spec: str, target_spec: str, progress=None, cancelled=None) -> Dict[str, int]:
    """Copy the store `source_spec` into the new or empty store `target_spec`; rows copied per table."""
    copied: Dict[str, int] = {}
    with open_store(source_spec, create=False, read_only=True) as source, open_store(target_spec) as target:
        if source.needs_upgrade():
            raise StoreError(f"{source.spec}: upgrade the store before copying it (crimemap:upgradestore)")
        if target.spec == source.spec:
            raise StoreError(f"{target.spec}: a store cannot be copied onto itself")
        held = [t.name for t in tables.ALL_TABLES if t is not tables.META
                and target.db.one(f"SELECT COUNT(*) FROM {t.name}")[0]]
        if held:
            raise StoreError(f"{target.spec}: is not empty (it holds {', '.join(held[:4])}); copy into a new store")
        target.db.check_writable()
        target.begin_bulk(tables.POINT_TABLES)   # spatial indexes built once, at the end
        steps = len(tables.ALL_TABLES)
        with target.db.transaction():
            for i, table in enumerate(tables.ALL_TABLES):
                if cancelled and cancelled():
                    raise Cancelled(f"{target.spec}: copy cancelled; nothing was written")
                if table is tables.NEIGHBOURHOOD_TOTALS:   # the target's triggers made it from the counts
                    copied[table.name] = target.db.one(f"SELECT COUNT(*) FROM {table.name}")[0]
                    continue
                copied[table.name] = _copy_table(source.db, target.db, table)
                if progress:
                    progress(100.0 * (i + 1) / steps)
            target.db.sync_sequences()
        target.end_bulk()   # the spatial indexes, packed once
    return copied


def _copy_table(src, dst, table: tables.Table) -> int:
    if table is tables.META:
        rows = [r for r in src.query("SELECT key, value FROM crimemap_meta") if r[0] != "schema_version"
                and not r[0].startswith("rtree_pending:")]
        dst.copy_rows(table.name, rows)
        return len(rows)
    if table.geometry == "POINT":
        top = src.max_fid(table.name)
        total = 0
        for start in range(1, top + 1, SLICE):
            frame = src.dump_points(table.name, start, start + SLICE)
            if len(frame):
                dst.load_points(table.name, frame)
                total += len(frame)
        return total
    if table.geometry:
        rows = src.dump_polygons(table.name)
        dst.load_polygons(table.name, rows)
        return len(rows)
    names = ", ".join(table.column_names())
    order = ", ".join(table.key) if table.key else (table.serial or "1")
    rows = src.query(f"SELECT {names} FROM {table.name} ORDER BY {order}")
    dst.copy_rows(table.name, rows)
    return len(rows)
