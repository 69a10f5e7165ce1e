"""The PostGIS backend: a team's shared store in PostgreSQL (≥ 15) with PostGIS (≥ 3).

The same tables with the same meaning as the GeoPackage (tables.py), in a schema of their own
(`crimemap` unless the store's name says `schema=...`), geometry in EPSG:4326 with GiST indexes. The
aggregates are written in the same transaction as the rows, points go in with COPY, and writers of
one force-month take turns on an advisory lock, so readers never see half of one and two analysts
importing the same month at once never double it.

Two roles divide the work: `crimemap_analyst` may write, `crimemap_viewer` may only read (open,
compare, make briefings, read panels); a viewer who tries to import is told the store is read-only
for them. `schema_sql()` is the SQL an administrator runs to create the schema and both roles
(`make postgis-schema`). Passwords are never kept: they come from the connection (a service file,
~/.pgpass, or a QGIS authentication configuration resolved by the plugin) and never appear in the
store's name, its messages or its layers' sources.
"""

import io
from contextlib import contextmanager
from typing import List

import numpy as np
import pandas as pd

from ..errors import Cancelled, StoreError
from . import gpkg, tables
from .interface import LayerSource
from .postgis_copy import copy_floats, copy_text, escape, ewkb_points_hex
from .postgis_schema import (
    ANALYST,
    FIRST_VERSION,
    UPGRADES,
    VIEWER,
    conninfo_dict,
    grants,
    schema_sql,
    split_spec,
    upgrade_sql,
)

PENDING = "rtree_pending:"       # the same flag as the GeoPackage's: a spatial index to rebuild


# -- the backend ---------------------------------------------------------------------------------------------
class PostgisDatabase:
    backend = "postgis"
    ordered_join = "JOIN"   # how sums() joins neighbourhoods to their counts (PostgreSQL's planner orders it)

    def __init__(self, spec: str, create: bool = True, read_only: bool = False):
        try:
            import psycopg2
        except ImportError:
            raise StoreError(f"{spec}: PostgreSQL stores need psycopg2 (Debian: python3-psycopg2; QGIS on "
                             "Windows and macOS ships it)") from None
        self._pg = psycopg2
        self.conninfo, self.schema, self.spec = split_spec(spec)
        self.read_only = read_only
        self.deferred = set()
        self._can_write = None
        self.conn = None
        try:
            self.conn = psycopg2.connect(self.conninfo, connect_timeout=15, application_name="Crime Map for QGIS")
            self.conn.autocommit = True
            self._execute("SET search_path TO " + self.schema + ", public")
            if read_only:
                self._execute("SET default_transaction_read_only = on")
            self._open(create)
        except psycopg2.Error as exc:
            self.close()
            raise StoreError(f"{self.spec}: {self._explain(exc)}") from None
        except StoreError:
            self.close()
            raise

    @classmethod
    def exists(cls, spec: str) -> bool:
        """Whether the database holds a Crime Map store in the spec's schema."""
        try:
            import psycopg2
        except ImportError:
            raise StoreError(f"{spec}: PostgreSQL stores need psycopg2 (python3-psycopg2)") from None
        conninfo, schema, shown = split_spec(spec)
        try:
            with psycopg2.connect(conninfo, connect_timeout=15) as conn, conn.cursor() as cur:
                cur.execute("SELECT 1 FROM information_schema.tables WHERE table_schema = %s AND "
                            "table_name = 'crimemap_meta'", (schema,))
                return cur.fetchone() is not None
        except psycopg2.Error as exc:
            first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            raise StoreError(f"{shown}: cannot connect to the PostgreSQL server ({first})") from None

    def _open(self, create: bool) -> None:
        exists = self.one("SELECT 1 FROM pg_namespace WHERE nspname = ?", (self.schema,))
        names = self.table_names() if exists else set()
        if "crimemap_meta" in names and self.one("SELECT value FROM crimemap_meta WHERE key = 'schema_version'"):
            return
        if names:
            shown = ", ".join(sorted(names)[:5])
            raise StoreError(f"{self.spec}: schema {self.schema} holds tables ({shown}) but is not a Crime Map "
                             "store; refusing to change it")
        if not create or self.read_only:
            raise StoreError(f"{self.spec}: there is no Crime Map store in schema {self.schema} (an administrator "
                             "creates it with the SQL of `make postgis-schema`, or an analyst by importing into it)")
        if not self.one("SELECT 1 FROM pg_extension WHERE extname = 'postgis'") and not self.one(
                "SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'"):
            raise StoreError(f"{self.spec}: PostGIS is not installed on this server")
        with self.transaction():
            for statement in schema_sql(self.schema, roles=False).split(";\n"):
                if statement.strip():
                    self._execute(statement)
            if all(self.one("SELECT 1 FROM pg_roles WHERE rolname = ?", (r,)) for r in (ANALYST, VIEWER)):
                for statement in grants(self.schema):
                    self._execute(statement)

    # -- SQL ----------------------------------------------------------------------------------------
    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("%", "%%").replace("?", "%s")

    def _explain(self, exc) -> str:
        errors = self._pg.errors
        text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        if isinstance(exc, (errors.InsufficientPrivilege, errors.ReadOnlySqlTransaction)):
            return "this store is read-only for you (your role may read it, not change it)"
        if isinstance(exc, errors.DiskFull):
            return "the database server's disk is full: everything stored before is intact"
        if isinstance(exc, errors.DeadlockDetected):
            return "another import was writing the same data at the same time; import again"
        if isinstance(exc, self._pg.OperationalError) and self.conn is None:
            return f"cannot connect to the PostgreSQL server ({text})"
        return text

    def _execute(self, sql: str, args=None) -> None:
        with self.conn.cursor() as cur:
            cur.execute(sql, args)

    def query(self, sql: str, args=()) -> list:
        try:
            with self.conn.cursor() as cur:
                cur.execute(self._sql(sql), list(args))
                return [tuple(r) for r in cur.fetchall()]
        except self._pg.Error as exc:
            raise StoreError(f"{self.spec}: {self._explain(exc)}") from None

    def one(self, sql: str, args=()):
        try:
            with self.conn.cursor() as cur:
                cur.execute(self._sql(sql), list(args))
                row = cur.fetchone()
                return None if row is None else tuple(row)
        except self._pg.Error as exc:
            raise StoreError(f"{self.spec}: {self._explain(exc)}") from None

    def execute(self, sql: str, args=()) -> None:
        with self.conn.cursor() as cur:
            cur.execute(self._sql(sql), list(args))

    def executemany(self, sql: str, rows) -> None:
        rows = list(rows)
        if not rows:
            return
        from psycopg2.extras import execute_batch
        with self.conn.cursor() as cur:
            execute_batch(cur, self._sql(sql), rows, page_size=1000)

    def copy_rows(self, table: str, rows) -> None:
        """Append rows (tuples in the table's column order) with COPY."""
        rows = list(rows)
        if not rows:
            return
        table = tables.BY_NAME[table]
        text = "\n".join("\t".join(col) for col in zip(*(escape(c) for c in zip(*rows)))) + "\n"
        with self.conn.cursor() as cur:
            cur.copy_expert(f"COPY {table.name} ({', '.join(table.column_names())}) FROM STDIN", io.StringIO(text))

    def table_names(self) -> set:
        with self.conn.cursor() as cur:
            cur.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = %s", (self.schema,))
            return {r[0] for r in cur.fetchall()}

    def lock(self, key: str) -> None:
        """Writers of the same `key` take turns until the transaction ends."""
        self.execute("SELECT pg_advisory_xact_lock(hashtext(?))", (f"{self.schema}:{key}",))

    @contextmanager
    def transaction(self):
        try:
            self._execute("BEGIN")
        except self._pg.Error as exc:
            raise StoreError(f"{self.spec}: {self._explain(exc)}") from None
        try:
            yield self
            self._execute("COMMIT")
        except BaseException as exc:
            try:
                self._execute("ROLLBACK")
            except self._pg.Error:
                pass
            if isinstance(exc, self._pg.Error):
                raise StoreError(f"{self.spec}: {self._explain(exc)}") from None
            raise

    def writable(self) -> bool:
        if self.read_only:
            return False
        if self._can_write is None:
            self._can_write = bool(self.one("SELECT has_table_privilege(?, 'INSERT')",
                                            (f"{self.schema}.force_months",))[0])
        return self._can_write

    def check_writable(self) -> None:
        if self.read_only:
            raise StoreError(f"{self.spec}: the store is open read-only here")
        if not self.writable():
            raise StoreError(f"{self.spec}: this store is read-only for you (your role may read it, not change "
                             "it): ask for the crimemap_analyst role to import")

    def close(self) -> None:
        if self.conn is not None:
            try:
                self.conn.close()
            finally:
                self.conn = None

    def integrity_ok(self) -> bool:
        return bool(self.one("SELECT 1"))

    # -- versions -------------------------------------------------------------------------------------
    def version(self) -> int:
        row = self.one("SELECT value FROM crimemap_meta WHERE key = 'schema_version'")
        try:
            return int(row[0]) if row else 0
        except (TypeError, ValueError):
            return 0

    def needs_migration(self) -> bool:
        return self.version() < tables.SCHEMA_VERSION

    def needs_upgrade(self) -> bool:
        return self.needs_migration() or bool(self.pending_indexes())

    def upgrade(self, store, progress=None, cancelled=None) -> List[str]:
        """Each version's statements in a transaction of its own, recording the version reached (a
        stopped upgrade resumes where it stopped). Changing tables needs their owner: an analyst who
        is not is told to ask the administrator, whose `make postgis-schema` script upgrades in place."""
        if not self.needs_migration():
            return []
        start = self.version()
        if start < FIRST_VERSION:
            raise StoreError(f"{self.spec}: made for schema version {start}; this version of Crime Map "
                             f"reads version {tables.SCHEMA_VERSION}")
        self.check_writable()
        done = []
        for version in range(start + 1, tables.SCHEMA_VERSION + 1):
            if cancelled and cancelled():
                raise Cancelled(f"{self.spec}: upgrade cancelled at version {version - 1}; run it again to finish")
            try:
                with self.transaction():
                    for statement in upgrade_sql(self.schema, version):
                        self.execute(statement)
                    self.execute("UPDATE crimemap_meta SET value = ? WHERE key = 'schema_version'", (str(version),))
            except StoreError as exc:
                if "read-only for you" in str(exc):
                    raise StoreError(f"{self.spec}: the store must be upgraded to version {tables.SCHEMA_VERSION} "
                                     "by the owner of its tables: ask your administrator to run the SQL of `make "
                                     "postgis-schema` on it (it upgrades the store in place)") from None
                raise
            done.append(UPGRADES[version][0])
            if progress:
                progress(100.0 * (version - start) / (tables.SCHEMA_VERSION - start))
        if all(self.one("SELECT 1 FROM pg_roles WHERE rolname = ?", (r,)) for r in (ANALYST, VIEWER)):
            for statement in grants(self.schema):   # the team's rights on tables the upgrade added
                self.execute(statement)
        return done

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

    # -- bulk imports: the GiST index built once at the end ------------------------------------------------
    def pending_indexes(self) -> List[str]:
        out = []
        for (key,) in self.query("SELECT key FROM crimemap_meta WHERE key LIKE ?", (PENDING + "%",)):
            try:
                out.append(tables.point_table(key[len(PENDING):]).name)
            except KeyError:
                continue
        return out

    def begin_bulk(self, names) -> None:
        names = [tables.point_table(t).name for t in names]
        with self.transaction():
            for table in names:
                self.lock(f"index:{table}")
                self.execute(f"DROP INDEX IF EXISTS {table}_geom_idx")
                self.execute("INSERT INTO crimemap_meta VALUES (?, '1') ON CONFLICT (key) DO NOTHING",
                             (PENDING + table,))
        self.deferred |= set(names)

    def end_bulk(self, store=None, progress=None) -> None:
        if self.read_only or not self.writable():
            return
        for table in self.pending_indexes():
            with self.transaction():
                self.lock(f"index:{table}")
                self.execute(f"CREATE INDEX IF NOT EXISTS {table}_geom_idx ON {table} USING gist (geom)")
                self.execute("DELETE FROM crimemap_meta WHERE key = ?", (PENDING + table,))
        self.deferred.clear()

    # -- layers ------------------------------------------------------------------------------------------
    def layer_source(self, table: str, where: str = "") -> LayerSource:
        """A `postgres` provider source for the table (no password: QGIS finds it in the service file,
        ~/.pgpass or the connection's authentication configuration)."""
        params = conninfo_dict(self.conn)
        parts = []
        for key in ("service", "dbname", "host", "port", "user", "sslmode"):
            value = params.get(key)
            if value and not (key == "host" and value.startswith("/")):
                parts.append(f"{key}='{value}'")
        spec = tables.BY_NAME[table]
        if spec.geometry:
            parts += ["key='fid'", "srid=4326", f"type={spec.geometry.title().replace('polygon', 'Polygon')}",
                      "checkPrimaryKeyUnicity='0'", f'table="{self.schema}"."{table}" (geom)']
        else:
            key = ",".join(spec.key) if spec.key else "id"
            parts += [f"key='{key}'", f'table="{self.schema}"."{table}"']
        uri = " ".join(parts)
        if where:
            uri += f" sql={where}"
        return LayerSource(uri, "postgres")
