"""The GeoPackage backend: an ordinary GeoPackage (OGC 1.3) file that opens in QGIS or any GIS.

It owns the SQLite connection, its transactions, the GeoPackage's point and polygon encoding, the
R-tree spatial indexes (packed in one pass after a bulk import), the numbered migrations of stores
made by earlier versions, and how QGIS opens its tables.

It never writes into a file that is not a Crime Map store already, or empty: a user's own GeoPackage
that happens to have a layer called "crimes" is refused untouched. Opening never changes the file:
bringing an older store up to date is `upgrade()`, an explicit step.
"""

import sqlite3
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import List

import numpy as np
import pandas as pd

from ..errors import Cancelled, StoreError
from ..pip import count_in_polygons
from ..population import lsoa_centroids
from . import gpkg, rtree_bulk, tables
from .interface import LayerSource

CHUNK = 50_000
ROWS_PER_STATEMENT = 32   # rows an INSERT writes at once (the fewest statements for the least binding)
MAX_VARIABLES = 999       # values one statement may bind on every SQLite QGIS ships
PENDING = "rtree_pending:"     # crimemap_meta key prefix: a point layer whose R-tree is to be rebuilt
CACHE_KIB = 65_536             # SQLite page cache (KiB)


def _column_sql(spec: str) -> str:
    name, kind = spec.split()
    null = kind.endswith("!")
    sql_type = {"text": "TEXT", "int": "INTEGER", "real": "REAL"}[kind.rstrip("!")]
    return f"{name} {sql_type}" + (" NOT NULL" if null else "")


def table_ddl(table: tables.Table) -> str:
    cols = []
    for spec in table.columns:
        if table.serial and spec.split()[0] == table.serial:
            cols.append(f"{table.serial} INTEGER PRIMARY KEY AUTOINCREMENT")
        else:
            cols.append(_column_sql(spec))
    if table.key:
        cols.append(f"PRIMARY KEY ({', '.join(table.key)})")
    return f"CREATE TABLE {table.name} ({', '.join(cols)})"


def explain(exc: Exception) -> str:
    """An SQLite error in the user's words."""
    text = str(exc)
    if "full" in text:
        return ("the disk is full: free some space and import again (everything stored before is intact, and "
                "comparisons still work on it)")
    if "readonly" in text or "read-only" in text:
        return "the store is read-only for you; choose a store you can write to"
    if "locked" in text or "busy" in text:
        return "the store is locked by another program (close it there and try again)"
    if "not a database" in text or "malformed" in text or "file is encrypted" in text:
        return "is not a GeoPackage (not an SQLite database, or damaged)"
    if "unable to open" in text:
        return "the store's file cannot be opened or created there (is the folder writable, and does it exist?)"
    return text


class GeoPackageDatabase:
    backend = "geopackage"
    ordered_join = "CROSS JOIN"   # how sums() joins neighbourhoods to their counts, in that order (SQLite keeps
    #                               a CROSS JOIN's tables in the order written)

    def __init__(self, path, create: bool = True, read_only: bool = False):
        self.spec = str(path)
        self.path = Path(path)
        self.read_only = read_only
        self.deferred = set()   # point tables whose R-tree is rebuilt at the end of a bulk import
        self.conn = None
        p = self.path
        new = not p.exists()
        if new and (not create or read_only):
            raise StoreError(f"{self.spec}: the store does not exist")
        if p.is_dir():
            raise StoreError(f"{self.spec}: is a folder, not a GeoPackage")
        if new:
            folder = p.parent
            try:
                folder.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.spec}: cannot create the store's folder ({exc.strerror or exc})") from None
            if not _writable_folder(folder):
                raise StoreError(f"{self.spec}: the folder {folder} cannot be written to, so the store cannot be "
                                 "created there; choose a folder you can write to")
        try:
            if read_only:
                self.conn = sqlite3.connect(p.resolve().as_uri() + "?mode=ro", uri=True, timeout=5,
                                            isolation_level=None, check_same_thread=False)
            else:
                self.conn = sqlite3.connect(str(p), timeout=5, isolation_level=None, check_same_thread=False)
            gpkg.register_functions(self.conn)
            self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
            self.conn.execute("PRAGMA temp_store = MEMORY")
            self._open(new)
        except sqlite3.DatabaseError as exc:
            self.close()
            if new:
                _remove_if_empty(p)
            raise StoreError(f"{self.spec}: {explain(exc)}") from None
        except StoreError:
            self.close()
            if new:
                _remove_if_empty(p)
            raise

    # -- opening ----------------------------------------------------------------------------------
    def _open(self, new: bool) -> None:
        names = self.table_names()
        if "crimemap_meta" in names and self.one("SELECT value FROM crimemap_meta WHERE key = 'schema_version'"):
            return                                   # a Crime Map store (perhaps an older one)
        user_tables = self._user_tables(names)
        if user_tables:
            shown = ", ".join(sorted(user_tables)[:5]) + (", …" if len(user_tables) > 5 else "")
            kind = "a GeoPackage" if "gpkg_contents" in names else "an SQLite database"
            raise StoreError(f"{self.spec}: is {kind} but not a Crime Map store (it holds {shown}); refusing to "
                             "change it: choose a new file, or an existing Crime Map store")
        if self.read_only:
            raise StoreError(f"{self.spec}: is empty, not a Crime Map store yet")
        with self.transaction():
            self._create_schema()

    def _user_tables(self, names) -> List[str]:
        """Tables that are not a GeoPackage's own metadata (what an empty GeoPackage has)."""
        own = {"gpkg_spatial_ref_sys", "gpkg_contents", "gpkg_geometry_columns", "gpkg_ogr_contents",
               "gpkg_extensions", "gpkg_tile_matrix", "gpkg_tile_matrix_set", "gpkg_metadata",
               "gpkg_metadata_reference", "gpkg_data_columns", "gpkg_data_column_constraints", "sqlite_sequence"}
        out = [n for n in names if n not in own and not n.startswith(("rtree_", "sqlite_"))]
        if "gpkg_contents" in names:
            out += [r[0] for r in self.query("SELECT table_name FROM gpkg_contents") if r[0] not in out]
        return out

    def _create_schema(self) -> None:
        """A new store at the current version."""
        gpkg.init(self.conn)
        for table in tables.LAYERS:
            self._add_layer(table)
        for table in tables.ATTRIBUTE_TABLES:
            gpkg.add_attribute_table(self.conn, table.name, table_ddl(table), table.description)
        self._create_indexes()
        self.keep_totals()
        self.set_version(tables.SCHEMA_VERSION)

    def keep_totals(self) -> None:
        """The triggers that keep neighbourhood_totals the sums of neighbourhood_counts (tables.py)."""
        add, (take, drop) = tables.TOTALS_ADD.format(s=""), (t.format(s="") for t in tables.TOTALS_TAKE)
        for event, body in (("INSERT", [add]), ("UPDATE", [take, add, drop]), ("DELETE", [take, drop])):
            self.execute(f"CREATE TRIGGER IF NOT EXISTS neighbourhood_totals_{event.lower()} AFTER {event} ON "
                         f"neighbourhood_counts BEGIN {'; '.join(body)}; END")

    def _add_layer(self, table: tables.Table) -> None:
        columns = [_column_sql(c) for c in table.columns]
        gpkg.add_point_layer(self.conn, table.name, columns, table.description, table.name,
                             geometry_type=table.geometry)

    def _create_indexes(self) -> None:
        names = self.table_names()
        for name, table, cols in tables.INDEXES:
            if table in names:
                self.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({', '.join(cols)})")

    def version(self) -> int:
        row = self.one("SELECT value FROM crimemap_meta WHERE key = 'schema_version'")
        try:
            return int(row[0]) if row else 0
        except (TypeError, ValueError):
            return 0

    def set_version(self, version: int) -> None:
        self.execute("INSERT INTO crimemap_meta VALUES ('schema_version', ?) ON CONFLICT (key) DO UPDATE SET "
                     "value = excluded.value", (str(version),))

    # -- upgrading (migrations.py holds the steps) ------------------------------------------------------
    def needs_migration(self) -> bool:
        return self.version() < tables.SCHEMA_VERSION

    def needs_upgrade(self) -> bool:
        return self.needs_migration() or bool(self.pending_indexes())

    def upgrade(self, store, progress=None, cancelled=None) -> List[str]:
        from .migrations import migrate
        if not self.needs_migration():
            return []
        self.check_writable()
        return migrate(self, store, progress, cancelled)

    # -- SQL ---------------------------------------------------------------------------------------------
    def query(self, sql: str, args=()) -> list:
        try:
            return self.conn.execute(sql, list(args)).fetchall()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.spec}: {explain(exc)}") from None

    def one(self, sql: str, args=()):
        try:
            return self.conn.execute(sql, list(args)).fetchone()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.spec}: {explain(exc)}") from None

    def execute(self, sql: str, args=()) -> None:
        self.conn.execute(sql, list(args))

    def executemany(self, sql: str, rows) -> None:
        self.conn.executemany(sql, rows)

    def table_names(self) -> set:
        return gpkg.table_names(self.conn)

    def change_token(self):
        """A value that changes whenever the file changes: by another connection (SQLite's
        data_version) or by this one (its count of changed rows)."""
        return self.conn.execute("PRAGMA data_version").fetchone()[0], self.conn.total_changes

    def copy_rows(self, table: str, rows) -> None:
        """Append rows (tuples in the table's column order)."""
        table = tables.BY_NAME[table]
        _insert_rows(self.conn, f"INSERT INTO {table.name}", len(table.columns), rows)

    def lock(self, key: str) -> None:
        """Writers are already serialised: a transaction begins IMMEDIATE."""

    @contextmanager
    def transaction(self):
        """One write transaction: committed when the block ends, rolled back on any error or cancel;
        SQLite errors become StoreErrors naming the store and saying what is wrong (a full disk is
        said as such, never hidden behind the rollback's own complaint)."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.spec}: {explain(exc)}") from None
        try:
            yield self
            conn.execute("COMMIT")
        except BaseException as exc:
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except sqlite3.DatabaseError:
                    pass   # SQLite rolled back already (a full disk does that)
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.spec}: {explain(exc)}") from None
            raise

    def writable(self) -> bool:
        if self.read_only:
            return False
        try:
            return bool(self.conn.execute("PRAGMA query_only").fetchone()[0] == 0) and \
                _writable_file(self.path)
        except sqlite3.DatabaseError:
            return False

    def check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.spec}: the store is open read-only here")

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def integrity_ok(self) -> bool:
        if self.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        names = self.table_names()
        return all(self.conn.execute(f"SELECT rtreecheck('rtree_{t.name}_geom')").fetchone()[0] == "ok"
                   for t in tables.LAYERS if f"rtree_{t.name}_geom" in names)

    # -- points ------------------------------------------------------------------------------------------
    def forget_feature_count(self, table: str) -> None:
        gpkg.forget_feature_count(self.conn, table)

    def delete_points(self, table: str, import_id, first_fid, last_fid) -> None:
        if first_fid is not None:
            self.execute(f'DELETE FROM "{table}" WHERE fid BETWEEN ? AND ? AND import_id = ?',
                         (first_fid, last_fid, import_id))

    def insert_points(self, table: tables.Table, frame: pd.DataFrame, import_id: int, cancelled=None):
        """Write the frame's rows with fids first..last (contiguous) and their R-tree entries."""
        conn = self.conn
        name = table.name
        n = len(frame)
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name=?", (name,)).fetchone()
        top = conn.execute(f'SELECT MAX(fid) FROM "{name}"').fetchone()[0]
        first = max(seq[0] if seq else 0, top or 0) + 1
        lon = frame["lon"].to_numpy(dtype=float)
        lat = frame["lat"].to_numpy(dtype=float)
        blobs = gpkg.point_blobs(lon, lat)
        names = [c for c in table.column_names() if c != "import_id"]
        columns = [frame[c].tolist() if c in frame else [None] * n for c in names]
        fids = range(first, first + n)
        ids = [import_id] * n
        head = f'INSERT INTO "{name}" (fid, geom, {", ".join(names)}, import_id)'
        # The R-tree is filled here directly, in one sorted pass, rather than row by row through the
        # insert trigger; where another import is rebuilding it (its bulk mode dropped it), it is
        # left to that rebuild.
        has_rtree = f"rtree_{name}_geom" in self.table_names()
        direct = name not in self.deferred and has_rtree
        trigger = gpkg.insert_trigger_name(name)
        if direct:
            conn.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
        _insert_rows(conn, head, len(names) + 3, zip(fids, blobs, *columns, ids), cancelled, name)
        if direct:
            located = ~(np.isnan(lon) | np.isnan(lat))
            order = np.flatnonzero(located)
            order = order[np.lexsort((lat[order], np.round(lon[order], 2)))]
            _insert_rows(conn, f'INSERT INTO "rtree_{name}_geom"', 5,
                         zip((order + first).tolist(), lon[order].tolist(), lon[order].tolist(),
                             lat[order].tolist(), lat[order].tolist()), cancelled, name)
            gpkg.create_rtree_triggers(conn, name, only=[trigger])
        return first, first + n - 1

    def located(self, table: str, where: str = "1=1", args=(), with_fids: bool = False):
        """(fids,) x, y of the rows with a geometry matching `where`. SQLite concatenates the blobs
        itself when every one is a standard point (the import writes only those); anything else, such
        as a feature edited in QGIS, sends the query the slow way, row by row."""
        where = f"geom IS NOT NULL AND ({where})"
        fid_sql = "group_concat(fid)" if with_fids else "NULL"
        # Outside a write, the scan reads each page once: through a small page cache, which costs
        # nothing here, rather than filling the large one (growing it to 64 MiB takes longer than the
        # scan's own reading). Within a write the cache holds the pages written, and is left alone.
        small = not self.conn.in_transaction
        if small:
            self.conn.execute("PRAGMA cache_size = -2000")
        try:
            fids_text, joined, count = self.one(
                f"SELECT {fid_sql}, CAST(group_concat(geom, '') AS BLOB), COUNT(*) FROM \"{table}\" WHERE {where}",
                list(args))
        finally:
            if small:
                self.conn.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
        if not count:
            empty = np.empty(0)
            return (np.empty(0, np.int64), empty, empty) if with_fids else (empty, empty)
        if len(joined) == count * gpkg.POINT_SIZE:
            x, y = gpkg.point_coordinates_joined(joined)
            if not np.isnan(x).any():  # every record a standard point, so none was misaligned
                if not with_fids:
                    return x, y
                return np.array(fids_text.split(","), dtype=np.int64), x, y
        rows = self.query(f'SELECT fid, geom FROM "{table}" WHERE {where}', list(args))
        x, y = gpkg.point_coordinates([r[1] for r in rows])
        if not with_fids:
            return x, y
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), x, y

    def frame(self, table: str, columns, where: str, args, located_only: bool) -> pd.DataFrame:
        cond = f"({where})" + (" AND geom IS NOT NULL" if located_only else "")
        rows = self.query(f'SELECT geom{"".join(", " + c for c in columns)} FROM "{table}" WHERE {cond} '
                          "ORDER BY fid", list(args))
        frame = pd.DataFrame([r[1:] for r in rows], columns=list(columns))
        x, y = gpkg.point_coordinates([r[0] for r in rows])
        frame["lon"], frame["lat"] = x, y
        return frame

    def crimes_in_box(self, box, size: int):
        """(unit forces, months, categories, x, y) of the located street crimes whose point lies in
        `box`, in slices of `size` rows (memory stays bounded however many months are stored)."""
        select = "SELECT i.force, c.month, c.category, c.geom FROM crimes c JOIN imports i ON i.id = c.import_id"
        if "rtree_crimes_geom" in self.table_names():
            cursor = self.conn.execute(f"{select} JOIN rtree_crimes_geom r ON r.id = c.fid WHERE r.maxx >= ? AND "
                                       "r.minx <= ? AND r.maxy >= ? AND r.miny <= ?", box)
        else:  # a bulk import is rebuilding the index: read every located crime
            cursor = self.conn.execute(f"{select} WHERE c.geom IS NOT NULL")
        while True:
            rows = cursor.fetchmany(size)
            if not rows:
                return
            units, months, cats, blobs = zip(*rows)
            del rows
            x, y = gpkg.point_coordinates(list(blobs))
            yield units, months, cats, x, y

    # -- polygons ---------------------------------------------------------------------------------------
    def polygons(self, table: str, where: str, args, box=None) -> list:
        """(force, neighbourhood_id, rings) of the polygons matching `where`, and meeting the bounding
        box `box` = (min x, max x, min y, max y) when given (through the R-tree)."""
        if table not in self.table_names():
            return []
        args = list(args)
        if box is not None:
            where = f"({where}) AND fid IN (SELECT id FROM rtree_{table}_geom WHERE maxx >= ? AND minx <= ? AND " \
                    "maxy >= ? AND miny <= ?)"
            args += list(box)
        return [(f, n, gpkg.polygon_rings(g)) for f, n, g in self.query(
            f"SELECT force, neighbourhood_id, geom FROM {table} WHERE geom IS NOT NULL AND ({where})", args)]

    def insert_neighbourhoods(self, rows) -> None:
        """rows: (polygons, force, id, name, population, fetched_at, area_code, census_population)."""
        self.executemany("INSERT INTO neighbourhoods (geom, force, neighbourhood_id, name, population, fetched_at, "
                         "area_code, census_population) VALUES (?,?,?,?,?,?,?,?)",
                         [(gpkg.multipolygon_blob(r[0]), *r[1:]) for r in rows])

    def census_of_stored(self) -> None:
        """Fill census_population where it is missing (stores from before the neighbourhood level)."""
        rows = self.query("SELECT fid, geom FROM neighbourhoods WHERE census_population IS NULL")
        if not rows:
            return
        lon, lat, residents = lsoa_centroids()
        census = count_in_polygons(lon, lat, [gpkg.polygon_rings(g) for _, g in rows], weights=residents)
        self.executemany("UPDATE neighbourhoods SET census_population = ? WHERE fid = ?",
                         [(int(n), fid) for (fid, _), n in zip(rows, census)])

    # -- copying whole stores (copying.py) ---------------------------------------------------------
    def max_fid(self, table: str) -> int:
        return int(self.one(f'SELECT COALESCE(MAX(fid), 0) FROM "{tables.BY_NAME[table].name}"')[0])

    def dump_points(self, table: str, start: int, stop: int) -> pd.DataFrame:
        """fid, lon, lat and every column of the point layer's rows with start <= fid < stop."""
        spec = tables.point_table(table)
        names = list(spec.column_names())
        rows = self.query(f'SELECT fid, geom, {", ".join(names)} FROM "{spec.name}" WHERE fid >= ? AND fid < ? '
                          "ORDER BY fid", (start, stop))
        frame = pd.DataFrame([r[2:] for r in rows], columns=names)
        frame.insert(0, "fid", np.array([r[0] for r in rows], dtype=np.int64))
        frame["lon"], frame["lat"] = gpkg.point_coordinates([r[1] for r in rows])
        return frame

    def load_points(self, table: str, frame: pd.DataFrame) -> None:
        """Rows with their own fids (in bulk mode: the R-tree is packed after)."""
        spec = tables.point_table(table)
        names = list(spec.column_names())
        blobs = gpkg.point_blobs(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))
        columns = [frame[c].tolist() for c in names]
        self.conn.executemany(f'INSERT INTO "{spec.name}" (fid, geom, {", ".join(names)}) VALUES '
                              f'({_marks(len(names) + 2)})', zip(frame["fid"].tolist(), blobs, *columns))

    def dump_polygons(self, table: str) -> list:
        """(fid, WKB, columns...) of a polygon layer."""
        spec = tables.BY_NAME[table]
        out = []
        for row in self.query(f'SELECT fid, geom, {", ".join(spec.column_names())} FROM "{spec.name}" ORDER BY fid'):
            blob = row[1]
            if blob is not None:
                flags = blob[3]
                blob = bytes(blob[8 + {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}.get((flags >> 1) & 0x07, 0):])
            out.append((row[0], blob) + tuple(row[2:]))
        return out

    def load_polygons(self, table: str, rows) -> None:
        spec = tables.BY_NAME[table]
        names = spec.column_names()
        values = []
        for row in rows:
            wkb = row[1]
            blob = None
            if wkb is not None:
                rings = gpkg.wkb_polygon_rings(wkb)
                xs = np.concatenate([r[0] for r in rings])
                ys = np.concatenate([r[1] for r in rings])
                blob = gpkg.envelope_header(xs.min(), xs.max(), ys.min(), ys.max()) + bytes(wkb)
            values.append((row[0], blob) + tuple(row[2:]))
        self.conn.executemany(f'INSERT INTO "{spec.name}" (fid, geom, {", ".join(names)}) VALUES '
                              f'({_marks(len(names) + 2)})', values)

    def sync_sequences(self) -> None:
        """SQLite keeps AUTOINCREMENT counters itself."""

    # -- bulk imports: the R-tree packed once at the end --------------------------------------------
    def pending_indexes(self) -> List[str]:
        """Point layers whose R-tree a bulk import left to rebuild (names checked against tables.py)."""
        if "crimemap_meta" not in self.table_names():
            return []
        out = []
        for (key,) in self.query("SELECT key FROM crimemap_meta WHERE key LIKE ?", (PENDING + "%",)):
            try:
                out.append(tables.point_table(key[len(PENDING):]).name)
            except KeyError:
                continue   # not one of ours: never used as a name
        return out

    def begin_bulk(self, names) -> None:
        """Drop the R-trees of the layers `names` until end_bulk(): the points go in without per-row index
        updates and the index is packed in one pass at the end. Until then the layers are valid
        GeoPackage layers without a spatial index; if the import is killed, or the disk fills, the
        index is rebuilt by the next import or upgrade (a flag in crimemap_meta says which)."""
        names = [tables.point_table(t).name for t in names]
        with self.transaction():
            for table in names:
                self._drop_rtree(table)
                self.execute("INSERT INTO crimemap_meta VALUES (?, '1') ON CONFLICT (key) DO NOTHING",
                             (PENDING + table,))
        self.deferred |= set(names)

    def end_bulk(self, store=None, progress=None) -> None:
        """Rebuild the R-trees dropped by begin_bulk (also safe to call when none were)."""
        if self.read_only:
            return
        for table in self.pending_indexes():
            with self.transaction():
                self._drop_rtree(table)
                self.execute(f'CREATE VIRTUAL TABLE "rtree_{table}_geom" USING rtree(id, minx, maxx, miny, maxy)')
                rtree_bulk.load_bounds(self.conn, f"rtree_{table}_geom", *self._point_bounds(table))
                gpkg.create_rtree_triggers(self.conn, table)
                self.execute("INSERT INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
                             "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only') "
                             "ON CONFLICT DO NOTHING", (table,))
                self.execute("DELETE FROM crimemap_meta WHERE key = ?", (PENDING + table,))
        self.deferred.clear()

    def _drop_rtree(self, table: str) -> None:
        for name in gpkg.rtree_trigger_names(table):
            self.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        self.execute(f'DROP TABLE IF EXISTS "rtree_{table}_geom"')
        self.execute("DELETE FROM gpkg_extensions WHERE table_name = ? AND extension_name = 'gpkg_rtree_index'",
                     (table,))

    def _located_slices(self, table: str, batch: int):
        """(total, [(fids, x, y) of each slice of fids]): the located points of a layer, a slice at a time."""
        top = self.one(f'SELECT COALESCE(MAX(fid), 0) FROM "{table}"')[0]
        total = self.one(f'SELECT COUNT(*) FROM "{table}" WHERE geom IS NOT NULL')[0]

        def slices():
            for start in range(0, top + 1, batch):
                fids, x, y = self.located(table, "fid >= ? AND fid < ?", (start, start + batch), with_fids=True)
                keep = ~np.isnan(x)
                yield fids[keep], x[keep], y[keep]
        return total, slices()

    def _all_points(self, table: str, batch: int = 2_000_000):
        """fid, x, y of every located point of a layer, read in slices of fids into arrays allocated
        once."""
        total, slices = self._located_slices(table, batch)
        fids, x, y = np.empty(total, dtype=np.int64), np.empty(total), np.empty(total)
        n = 0
        for part_fids, part_x, part_y in slices:
            k = len(part_fids)
            fids[n:n + k], x[n:n + k], y[n:n + k] = part_fids, part_x, part_y
            n += k
        return fids[:n], x[:n], y[:n]

    def _point_bounds(self, table: str, batch: int = 250_000):
        """fid and the R-tree's 32-bit box (rounded outwards) of every located point, made a slice at a
        time: 24 bytes a point in all, so the R-tree of 36 national months is built within the memory
        budget (the 64-bit coordinates are never all in memory at once)."""
        total, slices = self._located_slices(table, batch)
        fids = np.empty(total, dtype=np.int64)
        bounds = [np.empty(total, dtype=np.float32) for _ in range(4)]
        n = 0
        for part_fids, part_x, part_y in slices:
            k = len(part_fids)
            fids[n:n + k] = part_fids
            for out, values in zip(bounds, rtree_bulk.rounded_out(part_x) + rtree_bulk.rounded_out(part_y)):
                out[n:n + k] = values
            n += k
        return (fids[:n], *(b[:n] for b in bounds))

    # -- layers ------------------------------------------------------------------------------------------
    def layer_source(self, table: str, where: str = "") -> LayerSource:
        uri = f"{self.spec}|layername={table}"
        if where:
            uri += f"|subset={where}"
        return LayerSource(uri, "ogr")


def _insert_rows(conn, head: str, width: int, rows, cancelled=None, what: str = "") -> None:
    """`head` (INSERT INTO table [(columns)]) for every row of `rows` (tuples of `width` values), many
    rows a statement: one statement per row costs a third more. Rows go in in their order, so the
    file is the same either way; `cancelled` is asked between chunks."""
    per = ROWS_PER_STATEMENT if ROWS_PER_STATEMENT * width <= MAX_VARIABLES else max(1, MAX_VARIABLES // width)
    one = f"({_marks(width)})"
    many = f"{head} VALUES {','.join([one] * per)}"
    rows = iter(rows)
    while True:
        if cancelled and cancelled():
            raise Cancelled(f"cancelled while writing {what}")
        chunk = list(islice(rows, CHUNK))
        if not chunk:
            return
        whole = len(chunk) // per * per
        if per > 1 and whole:
            conn.executemany(many, [tuple(chain.from_iterable(chunk[i:i + per])) for i in range(0, whole, per)])
        else:
            whole = 0
        if whole < len(chunk):
            conn.executemany(f"{head} VALUES {one}", chunk[whole:])


def _marks(n: int) -> str:
    return ",".join("?" * n)


def _writable_folder(folder: Path) -> bool:
    """Whether a file can be created in `folder` (tried, not guessed from permission bits: root
    ignores those, an immutable folder or a read-only mount does not)."""
    probe = folder / f".crimemap-write-test-{id(folder)}"
    try:
        probe.touch(exist_ok=False)
    except OSError:
        return False
    try:
        probe.unlink()
    except OSError:
        pass
    return True


def _writable_file(path: Path) -> bool:
    try:
        with open(path, "r+b"):
            return True
    except OSError:
        return False


def _remove_if_empty(path: Path) -> None:
    """A new store that could not be set up leaves nothing behind."""
    try:
        if path.exists() and path.stat().st_size == 0:
            path.unlink()
        for suffix in ("-journal", "-wal", "-shm"):
            extra = Path(str(path) + suffix)
            if extra.exists() and extra.stat().st_size == 0:
                extra.unlink()
    except OSError:
        pass
