"""Just enough of the OGC GeoPackage format to write point layers and attribute tables with sqlite3.

The files written here open in QGIS, GDAL and any GIS: gpkg_* metadata tables, WGS84 point
geometries in GeoPackage binary, and an R-tree spatial index kept in step by the standard triggers.
SQLite connections that write through the triggers need the ST_* functions; `register_functions`
provides them (GDAL and QGIS provide their own).
"""

import sqlite3
import struct
from typing import Iterable, Optional, Sequence

import numpy as np

from .. import uk

APPLICATION_ID = 0x47504B47  # "GPKG"
USER_VERSION = 10300         # GeoPackage 1.3

_HEADER = struct.Struct("<2sBBi")
_POINT = struct.Struct("<BIdd")
# A GeoPackage binary point without envelope, little-endian: what point_blobs writes.
_STANDARD = np.dtype([("magic", "S2"), ("version", "u1"), ("flags", "u1"), ("srs", "<i4"),
                      ("order", "u1"), ("type", "<u4"), ("x", "<f8"), ("y", "<f8")])

WGS84_DEFINITION = (
    'GEOGCS["WGS 84",DATUM["WGS_1984",SPHEROID["WGS 84",6378137,298.257223563,'
    'AUTHORITY["EPSG","7030"]],AUTHORITY["EPSG","6326"]],PRIMEM["Greenwich",0,'
    'AUTHORITY["EPSG","8901"]],UNIT["degree",0.0174532925199433,AUTHORITY["EPSG","9122"]],'
    'AXIS["Latitude",NORTH],AXIS["Longitude",EAST],AUTHORITY["EPSG","4326"]]'
)

_BASE_DDL = """
CREATE TABLE IF NOT EXISTS gpkg_spatial_ref_sys (
  srs_name TEXT NOT NULL, srs_id INTEGER NOT NULL PRIMARY KEY, organization TEXT NOT NULL,
  organization_coordsys_id INTEGER NOT NULL, definition TEXT NOT NULL, description TEXT);
CREATE TABLE IF NOT EXISTS gpkg_contents (
  table_name TEXT NOT NULL PRIMARY KEY, data_type TEXT NOT NULL, identifier TEXT UNIQUE,
  description TEXT DEFAULT '', last_change DATETIME NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ','now')),
  min_x DOUBLE, min_y DOUBLE, max_x DOUBLE, max_y DOUBLE, srs_id INTEGER,
  CONSTRAINT fk_gc_r_srs_id FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys(srs_id));
CREATE TABLE IF NOT EXISTS gpkg_geometry_columns (
  table_name TEXT NOT NULL, column_name TEXT NOT NULL, geometry_type_name TEXT NOT NULL,
  srs_id INTEGER NOT NULL, z TINYINT NOT NULL, m TINYINT NOT NULL,
  CONSTRAINT pk_geom_cols PRIMARY KEY (table_name, column_name),
  CONSTRAINT fk_gc_tn FOREIGN KEY (table_name) REFERENCES gpkg_contents(table_name),
  CONSTRAINT fk_gc_srs FOREIGN KEY (srs_id) REFERENCES gpkg_spatial_ref_sys (srs_id));
CREATE TABLE IF NOT EXISTS gpkg_ogr_contents (
  table_name TEXT NOT NULL PRIMARY KEY, feature_count INTEGER DEFAULT NULL);
CREATE TABLE IF NOT EXISTS gpkg_extensions (
  table_name TEXT, column_name TEXT, extension_name TEXT NOT NULL, definition TEXT NOT NULL,
  scope TEXT NOT NULL, CONSTRAINT ge_tce UNIQUE (table_name, column_name, extension_name));
"""


def init(conn: sqlite3.Connection) -> None:
    """Make an empty SQLite database a GeoPackage (idempotent)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.execute(f"PRAGMA user_version = {USER_VERSION}")
    for statement in _BASE_DDL.split(";"):
        if statement.strip():
            conn.execute(statement)  # not executescript: that would commit the caller's transaction
    conn.executemany(
        "INSERT OR IGNORE INTO gpkg_spatial_ref_sys VALUES (?,?,?,?,?,?)",
        [("Undefined cartesian SRS", -1, "NONE", -1, "undefined", "undefined cartesian coordinate reference system"),
         ("Undefined geographic SRS", 0, "NONE", 0, "undefined", "undefined geographic coordinate reference system"),
         ("WGS 84 geodetic", 4326, "EPSG", 4326, WGS84_DEFINITION, "longitude/latitude coordinates in decimal "
          "degrees on the WGS 84 spheroid")])


def table_names(conn: sqlite3.Connection) -> set:
    """The names of the database's tables."""
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}


def is_geopackage(conn: sqlite3.Connection) -> bool:
    row = conn.execute("SELECT count(*) FROM sqlite_master WHERE name='gpkg_contents'").fetchone()
    return bool(row and row[0])


def add_point_layer(conn, table: str, columns: Sequence[str], description: str, identifier: str,
                    geometry_type: str = "POINT") -> None:
    """Create a WGS84 layer with fid, geom, the given column definitions and its R-tree."""
    cols = ",\n  ".join(columns)
    conn.execute(f'CREATE TABLE "{table}" (fid INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, '
                 f'geom {geometry_type}, {cols})')
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description, srs_id, "
                 "min_x, min_y, max_x, max_y) VALUES (?, 'features', ?, ?, 4326, ?, ?, ?, ?)",
                 (table, identifier, description, *uk.BOX))
    conn.execute("INSERT INTO gpkg_geometry_columns VALUES (?, 'geom', ?, 4326, 0, 0)", (table, geometry_type))
    # GDAL's feature-count cache; NULL means "count when asked" (QGIS needs the table for filtered counts).
    conn.execute("INSERT OR REPLACE INTO gpkg_ogr_contents VALUES (?, NULL)", (table,))
    conn.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
                 "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')", (table,))
    conn.execute(f'CREATE VIRTUAL TABLE "rtree_{table}_geom" USING rtree(id, minx, maxx, miny, maxy)')
    create_rtree_triggers(conn, table)


def forget_feature_count(conn, table: str) -> None:
    """Tell GDAL/QGIS to count the table's features again (call after writing to it)."""
    conn.execute("UPDATE gpkg_ogr_contents SET feature_count = NULL WHERE table_name = ?", (table,))


def add_attribute_table(conn, table: str, ddl: str, description: str) -> None:
    conn.execute(ddl)
    conn.execute("INSERT INTO gpkg_contents (table_name, data_type, identifier, description) "
                 "VALUES (?, 'attributes', ?, ?)", (table, table, description))


def _rtree_trigger_sql(t: str) -> dict:
    r = f"rtree_{t}_geom"
    env = ("ST_MinX(NEW.geom), ST_MaxX(NEW.geom), ST_MinY(NEW.geom), ST_MaxY(NEW.geom)")
    return {
        f"{r}_insert": f'CREATE TRIGGER "{r}_insert" AFTER INSERT ON "{t}" WHEN (new.geom NOT NULL AND NOT '
                       f'ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO "{r}" VALUES (NEW.fid, {env}); END',
        f"{r}_update1": f'CREATE TRIGGER "{r}_update1" AFTER UPDATE OF geom ON "{t}" WHEN OLD.fid = NEW.fid AND '
                        f'(NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN INSERT OR REPLACE INTO "{r}" '
                        f'VALUES (NEW.fid, {env}); END',
        f"{r}_update2": f'CREATE TRIGGER "{r}_update2" AFTER UPDATE OF geom ON "{t}" WHEN OLD.fid = NEW.fid AND '
                        f'(NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM "{r}" WHERE id = OLD.fid; END',
        f"{r}_update3": f'CREATE TRIGGER "{r}_update3" AFTER UPDATE ON "{t}" WHEN OLD.fid != NEW.fid AND '
                        f'(NEW.geom NOTNULL AND NOT ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM "{r}" WHERE id = '
                        f'OLD.fid; INSERT OR REPLACE INTO "{r}" VALUES (NEW.fid, {env}); END',
        f"{r}_update4": f'CREATE TRIGGER "{r}_update4" AFTER UPDATE ON "{t}" WHEN OLD.fid != NEW.fid AND '
                        f'(NEW.geom ISNULL OR ST_IsEmpty(NEW.geom)) BEGIN DELETE FROM "{r}" WHERE id IN '
                        f'(OLD.fid, NEW.fid); END',
        f"{r}_delete": f'CREATE TRIGGER "{r}_delete" AFTER DELETE ON "{t}" WHEN old.geom NOT NULL BEGIN '
                       f'DELETE FROM "{r}" WHERE id = OLD.fid; END',
    }


def create_rtree_triggers(conn, table: str, only: Optional[Iterable[str]] = None) -> None:
    for name, sql in _rtree_trigger_sql(table).items():
        if only is None or name in only:
            conn.execute(sql)


def rtree_trigger_names(table: str) -> list:
    return list(_rtree_trigger_sql(table))


def insert_trigger_name(table: str) -> str:
    return f"rtree_{table}_geom_insert"


def _point_records(lon: np.ndarray, lat: np.ndarray) -> np.ndarray:
    rec = np.zeros(len(lon), dtype=_STANDARD)
    rec["magic"] = b"GP"
    rec["flags"] = 1
    rec["srs"] = 4326
    rec["order"] = 1
    rec["type"] = 1
    rec["x"] = lon
    rec["y"] = lat
    return rec


def point_records(lon: np.ndarray, lat: np.ndarray) -> bytes:
    """The GeoPackage binary points of point_blobs, POINT_SIZE bytes each, end to end in one bytes
    object (a NaN coordinate's record is there too: the caller writes NULL for it)."""
    return _point_records(lon, lat).tobytes()


def point_blobs(lon: np.ndarray, lat: np.ndarray) -> list:
    """GeoPackage binary points (no envelope, little-endian) for each lon/lat; None where NaN."""
    n = len(lon)
    rec = _point_records(lon, lat)
    size = rec.dtype.itemsize
    missing = np.isnan(lon) | np.isnan(lat)
    if n and np.frombuffer(rec.tobytes(), dtype=np.uint8).reshape(n, size)[:, -1].all():
        # Each record as a bytes object in one C loop; NumPy's fixed-size bytes drop trailing zero
        # bytes, so this is only taken when no record ends in one (a UK latitude's last byte is 0x40).
        blobs = rec.view(f"S{size}").tolist()
    else:
        buf = rec.tobytes()
        blobs = [buf[i * size:(i + 1) * size] for i in range(n)]
    for i in np.flatnonzero(missing).tolist():
        blobs[i] = None
    return blobs


POINT_SIZE = _STANDARD.itemsize


def point_coordinates_joined(joined: bytes) -> tuple:
    """x and y of standard points (as point_blobs writes them) concatenated into one bytes object;
    anything that is not a standard point becomes NaN."""
    rec = np.frombuffer(joined, dtype=_STANDARD)
    ok = (rec["magic"] == b"GP") & (rec["flags"] == 1) & (rec["order"] == 1) & (rec["type"] == 1)
    return np.where(ok, rec["x"], np.nan), np.where(ok, rec["y"], np.nan)


def point_coordinates(blobs) -> tuple:
    """x and y arrays (NaN where not a point) for GeoPackage geometry blobs, any of which may be NULL
    or written by other software: standard points are decoded in one vectorised pass, the rest one by
    one."""
    n = len(blobs)
    x = np.full(n, np.nan)
    y = np.full(n, np.nan)
    standard = np.fromiter((b is not None and len(b) == POINT_SIZE for b in blobs), dtype=bool, count=n)
    idx = np.flatnonzero(standard)
    if len(idx):
        x[idx], y[idx] = point_coordinates_joined(b"".join(blobs[i] for i in idx))
        standard[idx[np.isnan(x[idx])]] = False
    for i in np.flatnonzero(~standard):
        xy = _point_xy(blobs[i])
        if xy is not None:
            x[i], y[i] = xy
    return x, y


def _point_xy(blob):
    """(x, y) of a GeoPackage binary point, or None for NULL/empty/non-point geometries."""
    if blob is None or len(blob) < 8:
        return None
    _, _, flags, _ = _HEADER.unpack_from(blob, 0)
    if flags & 0x10:  # empty geometry flag
        return None
    env_len = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07, 0)
    offset = 8 + env_len
    if len(blob) < offset + 21:
        return None
    order = blob[offset]
    fmt = "<" if order == 1 else ">"
    gtype = struct.unpack_from(fmt + "I", blob, offset + 1)[0]
    if gtype % 1000 != 1:
        return None
    return struct.unpack_from(fmt + "dd", blob, offset + 5)


def multipolygon_wkb(polygons) -> bytes:
    """ISO WKB (little-endian) multipolygon from [[ring of (x, y), ...], ...] (rings closed here)."""
    parts = []
    for rings in polygons:
        body = struct.pack("<BII", 1, 3, len(rings))
        for ring in rings:
            ring = list(ring)
            if ring[0] != ring[-1]:
                ring.append(ring[0])
            body += struct.pack("<I", len(ring)) + np.asarray(ring, dtype="<f8").tobytes()
        parts.append(body)
    return struct.pack("<BII", 1, 6, len(parts)) + b"".join(parts)


def envelope_header(minx: float, maxx: float, miny: float, maxy: float) -> bytes:
    """The GeoPackage binary header of a WGS84 geometry with its xy envelope."""
    return struct.pack("<2sBBi", b"GP", 0, 0b00000011, 4326) + struct.pack("<dddd", minx, maxx, miny, maxy)


def multipolygon_blob(polygons) -> bytes:
    """GeoPackage binary multipolygon (with its envelope) from [[ring of (x, y), ...], ...]."""
    xs = [p[0] for rings in polygons for ring in rings for p in ring]
    ys = [p[1] for rings in polygons for ring in rings for p in ring]
    return envelope_header(min(xs), max(xs), min(ys), max(ys)) + multipolygon_wkb(polygons)


def _envelope(blob):
    """(minx, maxx, miny, maxy) of a GeoPackage geometry: from its envelope, or a point's coordinates."""
    if blob is None or len(blob) < 8:
        return None
    flags = blob[3]
    if flags & 0x10:
        return None
    if (flags >> 1) & 0x07:
        fmt = "<" if flags & 1 else ">"
        return struct.unpack_from(fmt + "dddd", blob, 8)
    xy = _point_xy(blob)
    return None if xy is None else (xy[0], xy[0], xy[1], xy[1])


def register_functions(conn: sqlite3.Connection) -> None:
    """ST_* functions used by the R-tree triggers, for plain sqlite3 connections (points, and other
    geometries written with an envelope)."""
    def part(i):
        def f(blob):
            env = _envelope(blob)
            return None if env is None else env[i]
        return f
    conn.create_function("ST_MinX", 1, part(0), deterministic=True)
    conn.create_function("ST_MaxX", 1, part(1), deterministic=True)
    conn.create_function("ST_MinY", 1, part(2), deterministic=True)
    conn.create_function("ST_MaxY", 1, part(3), deterministic=True)
    conn.create_function("ST_IsEmpty", 1, lambda b: 1 if _envelope(b) is None else 0, deterministic=True)


def polygon_rings(blob) -> list:
    """[(x array, y array), ...] of every ring of a GeoPackage polygon or multipolygon blob."""
    if blob is None or len(blob) < 8:
        return []
    flags = blob[3]
    offset = 8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07, 0)
    return wkb_polygon_rings(blob, offset)


def wkb_polygon_rings(wkb, offset: int = 0) -> list:
    """[(x array, y array), ...] of every ring of a WKB polygon or multipolygon (ISO or EWKB, any
    byte order) starting at `offset`."""
    if wkb is None:
        return []
    wkb = bytes(wkb)
    rings = []

    def header(pos):
        order = "<" if wkb[pos] == 1 else ">"
        gtype = struct.unpack_from(order + "I", wkb, pos + 1)[0]
        pos += 5
        if gtype & 0x20000000:   # EWKB with an SRID
            pos += 4
        return order, gtype & 0xFFFF, pos

    def polygon(pos):
        order, _, pos = header(pos)
        count = struct.unpack_from(order + "I", wkb, pos)[0]
        pos += 4
        for _ in range(count):
            n = struct.unpack_from(order + "I", wkb, pos)[0]
            pts = np.frombuffer(wkb, dtype=np.dtype(order + "f8"), count=2 * n, offset=pos + 4).reshape(n, 2)
            rings.append((pts[:, 0].copy(), pts[:, 1].copy()))
            pos += 4 + 16 * n
        return pos

    order, gtype, pos = header(offset)
    if gtype % 1000 == 3:
        polygon(offset)
    elif gtype % 1000 == 6:
        parts = struct.unpack_from(order + "I", wkb, pos)[0]
        pos += 4
        for _ in range(parts):
            pos = polygon(pos)
    return rings
