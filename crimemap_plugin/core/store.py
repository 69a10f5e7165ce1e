"""The local store: a GeoPackage holding imported police.uk data and the aggregates comparisons read.

`CrimeStore` is the small interface the rest of the plugin uses; `GeoPackageStore` is the embedded
backend (a shared PostGIS backend can implement the same methods). Every force-month of every kind
("unit") is replaced in one SQLite transaction, so a crash, a kill or a cancel leaves each unit either
as it was or wholly new, and importing a unit again never double counts.
"""

import sqlite3
import time
from contextlib import contextmanager
from itertools import islice
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from . import gpkg, neighbourhoods
from .coverage import WHOLE, ForceMonth, MonthStatus, audit
from .errors import Cancelled, StoreError
from .point_index import PointIndex
from .schema import ATTRIBUTE_TABLES, LAYER_DESCRIPTIONS, POINT_TABLES, CrimeStore, UnitResult  # noqa: F401

SCHEMA_VERSION = "1"
CHUNK = 50_000

def _connect(path: str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=5, isolation_level=None)
    gpkg.register_functions(conn)
    conn.execute("PRAGMA cache_size = -262144")
    conn.execute("PRAGMA temp_store = MEMORY")
    return conn


class GeoPackageStore(PointIndex):
    """The embedded store: one GeoPackage file."""

    def __init__(self, path, create: bool = True):
        self.path = str(path)
        p = Path(self.path)
        if not p.exists():
            if not create:
                raise StoreError(f"{self.path}: the store does not exist")
            try:
                p.parent.mkdir(parents=True, exist_ok=True)
            except OSError as exc:
                raise StoreError(f"{self.path}: cannot create the store's folder ({exc})") from exc
        elif p.is_dir():
            raise StoreError(f"{self.path}: is a folder, not a GeoPackage")
        self.deferred = set()   # point tables whose R-tree is rebuilt at the end of a bulk import
        try:
            self.conn = _connect(self.path)
            self._ensure_schema()
            self._finish_interrupted_bulk()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: {self._explain(exc)}") from exc

    @contextmanager
    def _transaction(self):
        """One write transaction: committed when the block ends, rolled back on any error or
        cancel; SQLite errors become StoreErrors naming the store."""
        conn = self.conn
        try:
            conn.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise StoreError(f"{self.path}: {self._explain(exc)}") from exc
        try:
            yield conn
            conn.execute("COMMIT")
        except BaseException as exc:
            conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.DatabaseError):
                raise StoreError(f"{self.path}: {self._explain(exc)}") from exc
            raise

    @staticmethod
    def _explain(exc: Exception) -> str:
        text = str(exc)
        if "readonly" in text or "read-only" in text:
            return "the store is read-only; choose a store you can write to"
        if "locked" in text or "busy" in text:
            return "the store is locked by another program (close it there and try again)"
        if "not a database" in text or "malformed" in text:
            return "is not a GeoPackage (not an SQLite database, or damaged)"
        return text

    def _ensure_schema(self) -> None:
        conn = self.conn
        tables = gpkg.table_names(conn)
        if "crimemap_meta" in tables and "crimes" in tables:
            if not conn.execute("SELECT 1 FROM sqlite_master WHERE name='lsoa_counts_month'").fetchone():
                self._create_indexes()
            if neighbourhoods.needs_upgrade(conn):
                with self._transaction():
                    neighbourhoods.ensure_tables(conn)  # counts the stored crimes in them, once
            missing = [t for t in ATTRIBUTE_TABLES if t not in tables]
            if missing:  # tables added since the store was made (the coverage audit): quick to fill
                with self._transaction():
                    for table in missing:
                        gpkg.add_attribute_table(conn, table, *ATTRIBUTE_TABLES[table])
                    for kind in POINT_TABLES:
                        self._refresh_coverage(kind)
            return
        if tables and "gpkg_contents" not in tables:
            raise StoreError(f"{self.path}: is an SQLite database but not a GeoPackage; refusing to change it")
        with self._transaction():
            gpkg.init(conn)
            for _kind, (table, cols) in POINT_TABLES.items():
                if table not in tables:
                    ddl = [f"{name} {typ}" for name, typ in cols] + ["import_id INTEGER NOT NULL"]
                    gpkg.add_point_layer(conn, table, ddl, LAYER_DESCRIPTIONS[table], table)
            for table, (ddl, description) in ATTRIBUTE_TABLES.items():
                if table not in tables:
                    gpkg.add_attribute_table(conn, table, ddl, description)
            self._create_indexes()
            conn.execute("INSERT OR REPLACE INTO crimemap_meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))

    def _create_indexes(self) -> None:
        self.conn.execute("CREATE INDEX IF NOT EXISTS crime_counts_month ON crime_counts (month, category)")
        self.conn.execute("CREATE INDEX IF NOT EXISTS lsoa_counts_month ON lsoa_counts (month, category)")

    # -- reading ---------------------------------------------------------------------------------
    def unit_checksum(self, kind: str, force: str, month: str) -> Optional[str]:
        row = self.conn.execute(
            "SELECT i.checksum FROM force_months f JOIN imports i ON i.id = f.import_id "
            "WHERE f.kind = ? AND f.force = ? AND f.month = ?", (kind, force, month)).fetchone()
        return row[0] if row else None

    def force_months(self, kind: str = "street") -> List[Tuple[str, str]]:
        return [tuple(r) for r in self.conn.execute(
            "SELECT force, month FROM force_months WHERE kind = ? ORDER BY month, force", (kind,))]

    def available_force_months(self, kind: str = "street") -> Dict[str, set]:
        """force -> the months stored for it (a month missing here is "no data", not zero)."""
        out: Dict[str, set] = {}
        for force, month in self.conn.execute("SELECT force, month FROM force_months WHERE kind = ?", (kind,)):
            out.setdefault(force, set()).add(month)
        return out

    # -- the coverage audit ----------------------------------------------------------------------
    def coverage(self, kind: Optional[str] = None) -> List[ForceMonth]:
        """The audit of every force-month (of one kind, or all): whole, partial or missing."""
        if not self._has_table("coverage"):   # a store from before the audit: worked out as asked
            return [fm for fm in self._audit(kind) if kind is None or fm.kind == kind]
        sql = "SELECT kind, force, month, rows, expected, status, overridden FROM coverage"
        args = []
        if kind is not None:
            sql += " WHERE kind = ?"
            args.append(kind)
        return [ForceMonth(k, f, m, r, e, st, bool(o)) for k, f, m, r, e, st, o in
                self.conn.execute(sql + " ORDER BY kind, force, month", args)]

    def month_status(self, kind: str = "street") -> MonthStatus:
        """Per force, the whole and the partial months of a kind (any other month is "no data")."""
        return MonthStatus.of(self.coverage(kind), kind)

    def _audit(self, kind: Optional[str] = None) -> List[ForceMonth]:
        where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
        stored = self.conn.execute(f"SELECT kind, force, month, rows FROM force_months {where}", args).fetchall()
        overrides = []
        if self._has_table("coverage_overrides"):
            overrides = self.conn.execute(f"SELECT kind, force, month FROM coverage_overrides {where}",
                                          args).fetchall()
        return audit(stored, overrides)

    def _refresh_coverage(self, kind: str) -> None:
        """Audit one kind again (inside the caller's transaction): a new month changes its
        neighbours' expectations and the store's span."""
        rows = [(fm.kind, fm.force, fm.month, fm.rows, fm.expected, fm.status, int(fm.overridden))
                for fm in self._audit(kind)]
        self.conn.execute("DELETE FROM coverage WHERE kind = ?", (kind,))
        self.conn.executemany("INSERT INTO coverage VALUES (?,?,?,?,?,?,?)", rows)

    def mark_whole(self, kind: str, force: str, month: str, whole: bool = True, note: str = "") -> None:
        """Mark a force-month whole against the audit (whole=False goes back to the audit's verdict)."""
        with self._transaction() as conn:
            if whole:
                conn.execute("INSERT OR REPLACE INTO coverage_overrides VALUES (?,?,?,?,?,?)",
                             (kind, force, month, WHOLE, note,
                              time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
            else:
                conn.execute("DELETE FROM coverage_overrides WHERE kind = ? AND force = ? AND month = ?",
                             (kind, force, month))
            self._refresh_coverage(kind)

    def counts(self, level: str, months, category: Optional[str] = None, area: Optional[str] = None):
        """Street crimes per area and month: columns area, month, n. level is 'force' (by "Falls
        within"), 'lsoa' or 'neighbourhood' (area "force/id", counted in the stored polygons);
        category None means all crime."""
        table, keys = {"force": ("crime_counts", ["force"]), "lsoa": ("lsoa_counts", ["lsoa_code"]),
                       "neighbourhood": (neighbourhoods.COUNTS, ["force", "neighbourhood_id"])}[level]
        if table == neighbourhoods.COUNTS and not self._has_table(table):
            return pd.DataFrame({"area": pd.Series(dtype=str), "month": pd.Series(dtype=str),
                                 "n": pd.Series(dtype="int64")})
        months = list(months)
        where = [f"month IN ({','.join('?' * len(months))})"]
        args = list(months)
        if category:
            where.append("category = ?")
            args.append(category)
        if area:
            parts = area.split("/", 1) if len(keys) == 2 else [area]
            where += [f"{k} = ?" for k in keys]
            args += parts if len(parts) == len(keys) else [area, ""]
        group = ", ".join(keys)
        sql = f"SELECT {group}, month, SUM(n) FROM {table} WHERE {' AND '.join(where)} GROUP BY {group}, month"
        rows = self.conn.execute(sql, args).fetchall()
        if len(keys) == 2:   # neighbourhoods are "force/id"
            rows = [(f"{f}/{nid}", m, n) for f, nid, m, n in rows]
        return pd.DataFrame(rows, columns=["area", "month", "n"]).astype({"n": "int64"})

    def _has_table(self, name: str) -> bool:
        return name in gpkg.table_names(self.conn)

    def neighbourhood_areas(self, force: Optional[str] = None) -> pd.DataFrame:
        """The stored neighbourhoods as comparison areas: area_code ("force/id"), area_name, force,
        population (Census 2021 residents of the LSOAs whose centroid is inside; police.uk's own
        figure where no centroid is)."""
        columns = ["area_code", "area_name", "force", "population"]
        if not self._has_table(neighbourhoods.LAYER):
            return pd.DataFrame(columns=columns)
        sql = (f"SELECT area_code, COALESCE(name, neighbourhood_id), force, "
               f"CASE WHEN census_population > 0 THEN census_population ELSE COALESCE(population, 0) END "
               f"FROM {neighbourhoods.LAYER}")
        args = []
        if force:
            sql += " WHERE force = ?"
            args.append(force)
        return pd.DataFrame(self.conn.execute(sql + " ORDER BY area_code", args).fetchall(), columns=columns)

    def points(self, category: Optional[str] = None, start: Optional[str] = None, end: Optional[str] = None):
        """x, y of the located street crimes matching the filters (for counting in polygons)."""
        where, args = ["1"], []
        if category:
            where.append("category = ?")
            args.append(category)
        if start:
            where.append("month >= ?")
            args.append(start)
        if end:
            where.append("month <= ?")
            args.append(end)
        return self._located("crimes", " AND ".join(where), args)

    def months(self, kind: str = "street") -> List[str]:
        return [r[0] for r in self.conn.execute(
            "SELECT DISTINCT month FROM force_months WHERE kind = ? ORDER BY month", (kind,))]

    def summary(self) -> Dict[str, object]:
        c = self.conn
        months = self.months()
        return {
            "crimes": c.execute("SELECT COALESCE(SUM(rows), 0) FROM force_months WHERE kind='street'").fetchone()[0],
            "force_months": c.execute("SELECT COUNT(*) FROM force_months WHERE kind='street'").fetchone()[0],
            "forces": c.execute("SELECT COUNT(DISTINCT force) FROM force_months WHERE kind='street'").fetchone()[0],
            "first_month": months[0] if months else None,
            "last_month": months[-1] if months else None,
        }

    # -- writing ---------------------------------------------------------------------------------
    def replace_unit(self, kind, force, month, frame, source, checksum, rejected, cancelled=None) -> UnitResult:
        """Replace one force-month of one kind with `frame`, atomically."""
        table, cols = POINT_TABLES[kind]
        n = len(frame)
        with self._transaction() as conn:
            old = conn.execute("SELECT f.import_id, i.first_fid, i.last_fid FROM force_months f JOIN imports i "
                               "ON i.id = f.import_id WHERE f.kind=? AND f.force=? AND f.month=?",
                               (kind, force, month)).fetchone()
            if old:
                self._delete_rows(table, old)
            without_location = int(frame["lon"].isna().sum()) if n else 0
            cur = conn.execute(
                "INSERT INTO imports (kind, force, month, source, checksum, rows, rows_without_location, "
                "rows_rejected, imported_at) VALUES (?,?,?,?,?,?,?,?,?)",
                (kind, force, month, source, checksum, n, without_location, len(rejected),
                 time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())))
            import_id = cur.lastrowid
            first_fid, last_fid = self._insert_points(table, cols, frame, import_id, cancelled)
            conn.execute("UPDATE imports SET first_fid=?, last_fid=? WHERE id=?", (first_fid, last_fid, import_id))
            conn.execute("INSERT OR REPLACE INTO force_months VALUES (?,?,?,?,?)", (kind, force, month, import_id, n))
            if rejected:
                conn.executemany("INSERT INTO rejected_rows VALUES (?,?,?)",
                                 [(import_id, line, reason) for line, reason in rejected])
            if kind == "street":
                self._write_counts(force, month, frame)
                if n:
                    neighbourhoods.count_unit(conn, force, month, frame["lon"].to_numpy(dtype=float),
                                              frame["lat"].to_numpy(dtype=float), frame["category"].tolist())
                else:
                    neighbourhoods.count_unit(conn, force, month, np.empty(0), np.empty(0), [])
            gpkg.forget_feature_count(conn, table)
            self._refresh_coverage(kind)
            if cancelled and cancelled():
                raise Cancelled(f"{source}: cancelled; {force} {month} left as it was")
        return UnitResult(kind, force, month, n, without_location, bool(old))

    def _delete_rows(self, table, old) -> None:
        import_id, first_fid, last_fid = old
        conn = self.conn
        if first_fid is not None:
            conn.execute(f'DELETE FROM "{table}" WHERE fid BETWEEN ? AND ? AND import_id = ?',
                         (first_fid, last_fid, import_id))
        if table == "crimes":
            unit = conn.execute("SELECT force, month FROM imports WHERE id=?", (import_id,)).fetchone()
            conn.execute("DELETE FROM crime_counts WHERE unit_force=? AND month=?", unit)
            conn.execute("DELETE FROM lsoa_counts WHERE unit_force=? AND month=?", unit)

    def _insert_points(self, table, cols, frame, import_id, cancelled):
        conn = self.conn
        n = len(frame)
        if n == 0:
            return None, None
        seq = conn.execute("SELECT seq FROM sqlite_sequence WHERE name=?", (table,)).fetchone()
        top = conn.execute(f'SELECT MAX(fid) FROM "{table}"').fetchone()[0]
        first = max(seq[0] if seq else 0, top or 0) + 1
        lon = frame["lon"].to_numpy(dtype=float)
        lat = frame["lat"].to_numpy(dtype=float)
        blobs = gpkg.point_blobs(lon, lat)
        names = [c for c, _ in cols]
        columns = [frame[c].tolist() if c in frame else [None] * n for c in names]
        fids = range(first, first + n)
        ids = [import_id] * n
        placeholders = ",".join("?" * (len(names) + 3))
        sql = f'INSERT INTO "{table}" (fid, geom, {", ".join(names)}, import_id) VALUES ({placeholders})'
        deferred = table in self.deferred
        trigger = gpkg.insert_trigger_name(table)
        if not deferred:
            # Fill the R-tree directly rather than through the per-row trigger (same content), then
            # restore the trigger, all inside the unit's transaction.
            conn.execute(f'DROP TRIGGER IF EXISTS "{trigger}"')
        rows = zip(fids, blobs, *columns, ids)
        for _start in range(0, n, CHUNK):
            if cancelled and cancelled():
                raise Cancelled(f"cancelled while writing {table}")
            conn.executemany(sql, islice(rows, CHUNK))
        if not deferred:
            located = ~(np.isnan(lon) | np.isnan(lat))
            order = np.flatnonzero(located)
            # Spatially sorted insertion keeps the R-tree's updates local.
            order = order[np.lexsort((lat[order], np.round(lon[order], 2)))]
            conn.executemany(f'INSERT INTO "rtree_{table}_geom" VALUES (?,?,?,?,?)',
                             zip((order + first).tolist(), lon[order].tolist(), lon[order].tolist(),
                                 lat[order].tolist(), lat[order].tolist()))
            gpkg.create_rtree_triggers(conn, table, only=[trigger])
        return first, first + n - 1

    def _write_counts(self, unit_force, month, frame) -> None:
        if not len(frame):
            return
        by_force = frame.groupby(["force", "category"], sort=False).size()
        self.conn.executemany(
            "INSERT INTO crime_counts VALUES (?,?,?,?,?)",
            [(unit_force, month, f, c, int(n)) for (f, c), n in by_force.items()])
        with_lsoa = frame[frame["lsoa_code"] != ""]
        by_lsoa = with_lsoa.groupby(["lsoa_code", "category"], sort=False).size()
        self.conn.executemany(
            "INSERT INTO lsoa_counts VALUES (?,?,?,?,?)",
            [(unit_force, month, lsoa, c, int(n)) for (lsoa, c), n in by_lsoa.items()])

    def integrity_ok(self) -> bool:
        if self.conn.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
            return False
        return all(self.conn.execute(f"SELECT rtreecheck('rtree_{t}_geom')").fetchone()[0] == "ok"
                   for t, _ in POINT_TABLES.values())

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def open_store(path, create: bool = True) -> GeoPackageStore:
    """Open (or create) the store at `path`. Only GeoPackage for now."""
    return GeoPackageStore(path, create=create)
