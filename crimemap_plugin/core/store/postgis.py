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

from ..errors import Cancelled, StoreError
from . import tables
from .interface import LayerSource
from .postgis_copy import escape
from .postgis_rows import PostgisRows
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
class PostgisDatabase(PostgisRows):
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

    reads_at_once = False   # (one connection: sums() reads in one statement)

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
