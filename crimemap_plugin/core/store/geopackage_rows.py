"""The GeoPackage store's rows in bulk: points written with their R-tree entries, read back as
coordinates (SQLite joining the blobs itself), dumped and loaded for store copies, polygons, and the
bulk mode of a large import, whose spatial indexes are dropped and packed in one pass at its end.

A mixin of GeoPackageDatabase (geopackage.py): it uses the connection and the transactions that class
owns."""

from typing import List

import numpy as np
import pandas as pd

from ..pip import count_in_polygons
from ..population import lsoa_centroids
from . import gpkg, rtree_bulk, tables
from .sqlite_io import CACHE_KIB, Blobs, insert_columns, insert_rows, marks

PENDING = "rtree_pending:"     # crimemap_meta key prefix: a point layer whose R-tree is to be rebuilt


class GeoPackageRows:
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
        located = ~(np.isnan(lon) | np.isnan(lat))
        columns = {"geom": Blobs(gpkg.point_records(lon, lat), gpkg.POINT_SIZE, ~located)}
        for c in table.column_names():
            columns[c] = [import_id] * n if c == "import_id" else frame[c].tolist() if c in frame else [None] * n
        # The R-tree is filled here directly, in one sorted pass, rather than row by row through the
        # insert trigger; where another import is rebuilding it (its bulk mode dropped it), it is
        # left to that rebuild.
        has_rtree = f"rtree_{name}_geom" in self.table_names()
        direct = name not in self.deferred and has_rtree
        trigger = gpkg.insert_trigger_name(name)
        if direct:
            conn.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
        insert_columns(conn, name, first, columns, n, cancelled, name)
        if direct:
            order = np.flatnonzero(located)
            order = order[np.lexsort((lat[order], np.round(lon[order], 2)))]
            insert_rows(conn, f'INSERT INTO "rtree_{name}_geom"', 5,
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
                              f'({marks(len(names) + 2)})', zip(frame["fid"].tolist(), blobs, *columns))

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
                              f'({marks(len(names) + 2)})', values)

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
