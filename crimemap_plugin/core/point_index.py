"""The point layers' spatial index and their located points, for the GeoPackage store.

Large imports drop a layer's R-tree (begin_bulk) and pack it anew in one pass at the end (end_bulk);
a flag in crimemap_meta says which index is pending, so a store whose import was killed rebuilds it
when next opened. The located points are read with SQLite concatenating the standard point blobs, in
slices of fids, so even 36 national months stay within the memory budget.
"""

import numpy as np

from . import gpkg, rtree_bulk
from .schema import POINT_TABLES


class PointIndex:
    """Mixed into GeoPackageStore: needs `conn`, `_transaction()` and the set `deferred`."""

    def row_count(self, table: str) -> int:
        """Rows stored in a point layer, from the force-month bookkeeping (no scan of the layer)."""
        kind = next(k for k, (t, _) in POINT_TABLES.items() if t == table)
        return self.conn.execute("SELECT COALESCE(SUM(rows), 0) FROM force_months WHERE kind = ?",
                                 (kind,)).fetchone()[0]

    def begin_bulk(self, tables) -> None:
        """Drop the R-trees of `tables` until end_bulk(): the points go in without per-row index
        updates and the index is packed in one pass at the end. Until then the layers are valid
        GeoPackage layers without a spatial index; if the import is killed, the next opening of the
        store rebuilds it (a flag in crimemap_meta says which)."""
        with self._transaction() as conn:
            for table in tables:
                self._drop_rtree(table)
                conn.execute("INSERT OR REPLACE INTO crimemap_meta VALUES (?, '1')", (f"rtree_pending:{table}",))
        self.deferred |= set(tables)

    def end_bulk(self) -> None:
        """Rebuild the R-trees dropped by begin_bulk (also safe to call when none were)."""
        pending = [r[0].split(":", 1)[1] for r in self.conn.execute(
            "SELECT key FROM crimemap_meta WHERE key LIKE 'rtree_pending:%'")]
        for table in pending:
            with self._transaction() as conn:
                self._drop_rtree(table)
                conn.execute(f'CREATE VIRTUAL TABLE "rtree_{table}_geom" USING rtree(id, minx, maxx, miny, maxy)')
                # Handed over in a list the loader empties, so it can free the float64 copies as it goes.
                rtree_bulk.load_points(conn, f"rtree_{table}_geom", list(self._points(table)))
                gpkg.create_rtree_triggers(conn, table)
                conn.execute("INSERT OR REPLACE INTO gpkg_extensions VALUES (?, 'geom', 'gpkg_rtree_index', "
                             "'http://www.geopackage.org/spec120/#extension_rtree', 'write-only')", (table,))
                conn.execute("DELETE FROM crimemap_meta WHERE key = ?", (f"rtree_pending:{table}",))
        self.deferred.clear()

    def _finish_interrupted_bulk(self) -> None:
        if self.conn.execute("SELECT 1 FROM crimemap_meta WHERE key LIKE 'rtree_pending:%'").fetchone():
            self.end_bulk()

    def _drop_rtree(self, table: str) -> None:
        conn = self.conn
        for name in gpkg.rtree_trigger_names(table):
            conn.execute(f'DROP TRIGGER IF EXISTS "{name}"')
        conn.execute(f'DROP TABLE IF EXISTS "rtree_{table}_geom"')
        conn.execute("DELETE FROM gpkg_extensions WHERE table_name = ? AND extension_name = 'gpkg_rtree_index'",
                     (table,))

    def _located(self, table: str, where: str = "1", args=(), with_fids: bool = False):
        """(fids,) x, y of the rows with a geometry matching `where`. SQLite concatenates the blobs
        itself when every one is a standard point (the import writes only those); anything else, such
        as a feature edited in QGIS, sends the query the slow way, row by row."""
        where = f"geom IS NOT NULL AND ({where})"
        fid_sql = "group_concat(fid)" if with_fids else "NULL"
        fids_text, joined, count = self.conn.execute(
            f"SELECT {fid_sql}, CAST(group_concat(geom, '') AS BLOB), COUNT(*) FROM \"{table}\" WHERE {where}",
            list(args)).fetchone()
        if not count:
            empty = np.empty(0)
            return (np.empty(0, np.int64), empty, empty) if with_fids else (empty, empty)
        if len(joined) == count * gpkg.POINT_SIZE:
            x, y = gpkg.point_coordinates_joined(joined)
            if not np.isnan(x).any():  # every record a standard point, so none was misaligned
                if not with_fids:
                    return x, y
                return np.fromstring(fids_text, dtype=np.int64, sep=","), x, y
        rows = self.conn.execute(f'SELECT fid, geom FROM "{table}" WHERE {where}', list(args)).fetchall()
        x, y = gpkg.point_coordinates([r[1] for r in rows])
        if not with_fids:
            return x, y
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows)), x, y

    def _points(self, table: str, batch: int = 2_000_000):
        """fid, x, y of every located point of a layer, read in slices of fids into arrays allocated
        once (so 36 national months stay within the memory budget)."""
        conn = self.conn
        top = conn.execute(f'SELECT COALESCE(MAX(fid), 0) FROM "{table}"').fetchone()[0]
        total = conn.execute(f'SELECT COUNT(*) FROM "{table}" WHERE geom IS NOT NULL').fetchone()[0]
        fids = np.empty(total, dtype=np.int64)
        x = np.empty(total, dtype=np.float64)
        y = np.empty(total, dtype=np.float64)
        n = 0
        for start in range(0, top + 1, batch):
            part_fids, part_x, part_y = self._located(table, "fid >= ? AND fid < ?", (start, start + batch),
                                                      with_fids=True)
            k = len(part_fids)
            fids[n:n + k], x[n:n + k], y[n:n + k] = part_fids, part_x, part_y
            n += k
        keep = ~np.isnan(x[:n])
        return fids[:n][keep], x[:n][keep], y[:n][keep]
