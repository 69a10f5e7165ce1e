"""The GeoPackage backend: an ordinary GeoPackage (OGC 1.3) file that opens in QGIS or any GIS.

It owns the SQLite connection, its transactions, the GeoPackage's point and polygon encoding, the
R-tree spatial indexes (packed in one pass after a bulk import), the numbered migrations of stores
made by earlier versions, and how QGIS opens its tables. Its rows in bulk (points with their R-tree
entries, polygons, store copies, the bulk mode of a large import) are in geopackage_rows.py.

It never writes into a file that is not a Crime Map store already, or empty: a user's own GeoPackage
that happens to have a layer called "crimes" is refused untouched. Opening never changes the file:
bringing an older store up to date is `upgrade()`, an explicit step.
"""

import sqlite3
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import List

from ..errors import StoreError
from . import gpkg, tables
from .geopackage_rows import GeoPackageRows
from .interface import LayerSource
from .sqlite_io import CACHE_KIB, insert_rows


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


class GeoPackageDatabase(GeoPackageRows):
    backend = "geopackage"
    ordered_join = "CROSS JOIN"   # how sums() joins neighbourhoods to their counts, in that order (SQLite keeps
    #                               a CROSS JOIN's tables in the order written)

    def __init__(self, path, create: bool = True, read_only: bool = False):
        self.spec = str(path)
        self.path = Path(path)
        self.read_only = read_only
        self.deferred = set()   # point tables whose R-tree is rebuilt at the end of a bulk import
        self._reader = None     # a second, read-only connection, and the thread it reads in (reads_at_once)
        self._reading = None
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

    reads_at_once = True   # (sums() splits a long read in two where the backend can run them together)
    READER_CACHE_KIB = 16_384

    def reads_together(self, statements) -> list:
        """The rows of each (sql, args) statement: the first read through a second, read-only
        connection in another thread while this one reads the others (SQLite lets go of Python's lock
        while it reads, so two cores share the work). Within a write (whose rows only this connection
        sees), or where the second connection cannot be opened, all are read here, one after another."""
        reader = None if len(statements) < 2 or self.conn.in_transaction else self._second_reader()
        if reader is None:
            return [self.query(sql, args) for sql, args in statements]
        (sql, args), others = statements[0], statements[1:]

        def first():
            try:
                return reader.execute(sql, list(args)).fetchall()
            except sqlite3.DatabaseError:
                return None   # (read again through this connection, which says what is wrong)

        pending = self._reading.submit(first)
        try:
            rest = [self.query(q, a) for q, a in others]
        except BaseException:
            pending.exception()   # (the other read ends before this one's error is raised)
            raise
        rows = pending.result()
        if rows is None:   # a file the second connection cannot read (such as a WAL file in a read-only folder)
            self._close_reader()
            self._reader = False   # not tried again
            rows = self.query(sql, args)
        return [rows] + rest

    def _second_reader(self):
        if self._reader is None:
            try:
                reader = sqlite3.connect(self.path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5,
                                         isolation_level=None, check_same_thread=False)
                reader.execute(f"PRAGMA cache_size = -{self.READER_CACHE_KIB}")
            except sqlite3.DatabaseError:
                self._reader = False
                return None
            self._reader, self._reading = reader, ThreadPoolExecutor(max_workers=1)
        return self._reader or None

    def _close_reader(self) -> None:
        if self._reading is not None:
            self._reading.shutdown(wait=True)
        if self._reader:
            self._reader.close()
        self._reader = self._reading = None

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
        insert_rows(self.conn, f"INSERT INTO {table.name}", len(table.columns), rows)

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
        self._close_reader()
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def integrity_ok(self) -> bool:
        if self.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        names = self.table_names()
        return all(self.conn.execute(f"SELECT rtreecheck('rtree_{t.name}_geom')").fetchone()[0] == "ok"
                   for t in tables.LAYERS if f"rtree_{t.name}_geom" in names)

    def layer_source(self, table: str, where: str = "") -> LayerSource:
        uri = f"{self.spec}|layername={table}"
        if where:
            uri += f"|subset={where}"
        return LayerSource(uri, "ogr")


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
