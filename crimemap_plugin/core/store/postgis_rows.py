"""The PostGIS store's rows: points written with COPY (fids reserved from the table's sequence), read
back as coordinates through COPY's binary format, the crimes of a box in slices, polygons, and whole
tables dumped and loaded for store copies.

A mixin of PostgisDatabase (postgis.py): it uses the connection and the transactions that class
owns."""

import io

import numpy as np
import pandas as pd

from ..errors import Cancelled
from . import gpkg, tables
from .postgis_copy import copy_floats, copy_text, escape, ewkb_points_hex


class PostgisRows:
    # -- points ------------------------------------------------------------------------------------------
    def forget_feature_count(self, table: str) -> None:
        """PostgreSQL keeps no cached count."""

    def change_token(self):
        """None: other sessions' writes cannot be seen cheaply, so nothing read is kept."""
        return None

    def delete_points(self, table: str, import_id, first_fid, last_fid) -> None:
        self.execute(f"DELETE FROM {tables.BY_NAME[table].name} WHERE import_id = ?", (import_id,))

    def insert_points(self, table: tables.Table, frame: pd.DataFrame, import_id: int, cancelled=None):
        """COPY the frame's rows in with a block of fids reserved for them; returns the first and last."""
        names = [c for c in table.column_names() if c != "import_id"]
        n = len(frame)
        first = self._reserve_fids(table.name, n)
        text = copy_text(frame, names, import_id, first)
        if cancelled and cancelled():
            raise Cancelled(f"cancelled while writing {table.name}")
        with self.conn.cursor() as cur:
            cur.copy_expert(f"COPY {table.name} (fid, geom, {', '.join(names)}, import_id) FROM STDIN",
                            io.StringIO(text))
        return first, first + n - 1

    def _reserve_fids(self, table: str, n: int) -> int:
        """The first of n consecutive fids from the table's sequence, taken in turn with other writers
        (a sequence is not transactional: a rolled-back import leaves a harmless gap)."""
        key = f"{self.schema}:fids:{table}"
        self.execute("SELECT pg_advisory_lock(hashtext(?))", (key,))
        try:
            sequence = self.one("SELECT pg_get_serial_sequence(?, 'fid')", (f"{self.schema}.{table}",))[0]
            first = int(self.one("SELECT nextval(?)", (sequence,))[0])
            if n > 1:
                self.execute("SELECT setval(?, ?)", (sequence, first + n - 1))
            return first
        finally:
            self.execute("SELECT pg_advisory_unlock(hashtext(?))", (key,))

    def located(self, table: str, where: str = "1=1", args=(), with_fids: bool = False):
        table = tables.BY_NAME[table].name
        fid = "fid::float8, " if with_fids else ""
        sql = (f"SELECT {fid}ST_X(geom), ST_Y(geom) FROM {table} WHERE geom IS NOT NULL AND ({where})")
        columns = copy_floats(self.conn, self._bind(sql, args), 3 if with_fids else 2)
        if with_fids:
            return columns[0].astype(np.int64), columns[1], columns[2]
        return columns[0], columns[1]

    def _bind(self, sql: str, args) -> str:
        """`sql` with its arguments bound (for COPY, which takes none)."""
        with self.conn.cursor() as cur:
            return cur.mogrify(self._sql(sql), list(args)).decode()

    def frame(self, table: str, columns, where: str, args, located_only: bool) -> pd.DataFrame:
        table = tables.BY_NAME[table].name
        cond = f"({where})" + (" AND geom IS NOT NULL" if located_only else "")
        rows = self.query(f"SELECT ST_X(geom), ST_Y(geom){''.join(', ' + c for c in columns)} FROM {table} "
                          f"WHERE {cond} ORDER BY fid", args)
        frame = pd.DataFrame([r[2:] for r in rows], columns=list(columns))
        frame["lon"] = np.array([np.nan if r[0] is None else r[0] for r in rows], dtype=float)
        frame["lat"] = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=float)
        return frame

    def crimes_in_box(self, box, size: int):
        """As the GeoPackage's: slices of (unit forces, months, categories, x, y), read through a
        server-side cursor inside the caller's transaction (memory stays bounded)."""
        minx, maxx, miny, maxy = box
        self.execute("DECLARE crimemap_recount NO SCROLL CURSOR FOR SELECT i.force, c.month, c.category, "
                     "ST_X(c.geom), ST_Y(c.geom) FROM crimes c JOIN imports i ON i.id = c.import_id "
                     "WHERE c.geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)", (minx, miny, maxx, maxy))
        try:
            while True:
                rows = self.query(f"FETCH {int(size)} FROM crimemap_recount")
                if not rows:
                    return
                units, months, cats, x, y = zip(*rows)
                del rows
                yield units, months, cats, np.array(x, dtype=float), np.array(y, dtype=float)
        finally:
            self.execute("CLOSE crimemap_recount")

    # -- polygons ---------------------------------------------------------------------------------------
    def polygons(self, table: str, where: str, args, box=None) -> list:
        table = tables.BY_NAME[table].name
        if table not in self.table_names():
            return []
        args = list(args)
        if box is not None:
            where = f"({where}) AND geom && ST_MakeEnvelope(?, ?, ?, ?, 4326)"
            args += [box[0], box[2], box[1], box[3]]
        return [(f, n, gpkg.wkb_polygon_rings(g)) for f, n, g in self.query(
            f"SELECT force, neighbourhood_id, ST_AsBinary(geom) FROM {table} WHERE geom IS NOT NULL AND ({where})",
            args)]

    def insert_neighbourhoods(self, rows) -> None:
        self.executemany("INSERT INTO neighbourhoods (geom, force, neighbourhood_id, name, population, fetched_at, "
                         "area_code, census_population) VALUES (ST_GeomFromWKB(?, 4326),?,?,?,?,?,?,?)",
                         [(self._pg.Binary(gpkg.multipolygon_wkb(r[0])), *r[1:]) for r in rows])

    # -- copying whole stores (copying.py) ---------------------------------------------------------
    def max_fid(self, table: str) -> int:
        return int(self.one(f"SELECT COALESCE(MAX(fid), 0) FROM {tables.BY_NAME[table].name}")[0])

    def dump_points(self, table: str, start: int, stop: int) -> pd.DataFrame:
        spec = tables.point_table(table)
        names = list(spec.column_names())
        rows = self.query(f"SELECT fid, ST_X(geom), ST_Y(geom), {', '.join(names)} FROM {spec.name} "
                          "WHERE fid >= ? AND fid < ? ORDER BY fid", (start, stop))
        frame = pd.DataFrame([r[3:] for r in rows], columns=names)
        frame.insert(0, "fid", np.array([r[0] for r in rows], dtype=np.int64))
        frame["lon"] = np.array([np.nan if r[1] is None else r[1] for r in rows], dtype=float)
        frame["lat"] = np.array([np.nan if r[2] is None else r[2] for r in rows], dtype=float)
        return frame

    def load_points(self, table: str, frame: pd.DataFrame) -> None:
        spec = tables.point_table(table)
        names = [c for c in spec.column_names() if c != "import_id"]
        n = len(frame)
        columns = [[str(int(f)) for f in frame["fid"]],
                   ewkb_points_hex(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))]
        columns += [escape(frame[c].tolist()) for c in names]
        columns.append([str(int(v)) for v in frame["import_id"]])
        text = "\n".join("\t".join(row) for row in zip(*columns)) + ("\n" if n else "")
        with self.conn.cursor() as cur:
            cur.copy_expert(f"COPY {spec.name} (fid, geom, {', '.join(names)}, import_id) FROM STDIN",
                            io.StringIO(text))

    def dump_polygons(self, table: str) -> list:
        spec = tables.BY_NAME[table]
        return [(r[0], None if r[1] is None else bytes(r[1])) + tuple(r[2:]) for r in self.query(
            f"SELECT fid, ST_AsBinary(geom), {', '.join(spec.column_names())} FROM {spec.name} ORDER BY fid")]

    def load_polygons(self, table: str, rows) -> None:
        spec = tables.BY_NAME[table]
        names = spec.column_names()
        self.executemany(f"INSERT INTO {spec.name} (fid, geom, {', '.join(names)}) VALUES "
                         f"(?, ST_GeomFromWKB(?, 4326), {', '.join('?' * len(names))})",
                         [(r[0], None if r[1] is None else self._pg.Binary(r[1])) + tuple(r[2:]) for r in rows])

    def sync_sequences(self) -> None:
        """Each auto-numbered column's sequence set past the largest value copied in."""
        for table in tables.ALL_TABLES:
            column = "fid" if table.geometry else table.serial
            if column:
                self.execute(f"SELECT setval(pg_get_serial_sequence(?, ?), GREATEST((SELECT MAX({column}) FROM "
                             f"{table.name}), 1))", (f"{self.schema}.{table.name}", column))
