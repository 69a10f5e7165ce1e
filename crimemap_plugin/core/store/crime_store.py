"""CrimeStore: the one implementation of the store interface, over a database backend.

Everything that means something (a force-month replaced whole, the aggregates kept in step with the
rows in the same transaction, the coverage audit, crimes counted in neighbourhood polygons) is here,
once, in SQL both SQLite and PostgreSQL understand. What differs between a GeoPackage and PostGIS
(connections and transactions, geometry encoding, bulk loading, spatial indexes, schema creation and
migrations, layer sources) is the database object's business (geopackage.py, postgis.py). What the
comparisons read is in store_reads.py, the neighbourhoods and their counts in neighbourhood_store.py:
mixins of CrimeStore, over the same database object and transactions.

Every force-month of every kind ("unit") is replaced in one transaction: a crash, a kill or a cancel
leaves it either as it was or wholly new, and importing it again never double counts. Concurrent
writers of one unit are serialised by a lock on that unit (one waits, never doubles).
"""

import time
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np
import pandas as pd

from ..coverage import WHOLE, ForceMonth, MonthStatus, audit
from ..errors import Cancelled, StoreError
from . import tables
from .interface import LayerSource, Summary, UnitResult
from .neighbourhood_store import NeighbourhoodStore
from .store_reads import StoreReads


def _tally(first, second, keep=None) -> tuple:
    """(firsts, seconds, counts) of the distinct (first, second) pairs among the rows (those where
    `keep` is true, when given), in the order of first then second: a grouped count's rows, from
    two arrays of strings, without building a frame. A row missing either (None) is not counted, as
    a pandas groupby leaves it out."""
    first_codes, firsts = pd.factorize(first, sort=True)
    second_codes, seconds = pd.factorize(second, sort=True)
    width = max(len(seconds), 1)
    key = first_codes.astype(np.int64) * width + second_codes
    counted = (first_codes >= 0) & (second_codes >= 0)
    counts = np.bincount(key[counted if keep is None else counted & keep])
    found = np.flatnonzero(counts)
    return firsts[found // width].tolist(), seconds[found % width].tolist(), counts[found].tolist()


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


class CrimeStore(StoreReads, NeighbourhoodStore):
    """The store: `db` is a GeoPackageDatabase or a PostgisDatabase."""

    def __init__(self, db):
        self.db = db
        self.spec = db.spec
        self.backend = db.backend
        self._kept = {}   # what was read -> (the store's change token then, what it read)

    # -- lifecycle ---------------------------------------------------------------------------------
    def close(self) -> None:
        self.db.close()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @property
    def path(self) -> str:
        """How the store is named in messages (kept for callers that say "path")."""
        return self.spec

    def needs_upgrade(self) -> bool:
        """True when the store was made by an earlier version, or a spatial index is still to be
        built: upgrade() brings it up to date (opening never does)."""
        return self.db.needs_upgrade()

    def upgrade(self, progress=None, cancelled=None) -> List[str]:
        """Bring the store up to date (numbered migrations), then finish any spatial index a killed
        import left to rebuild. Returns what was done, in words."""
        done = self.db.upgrade(self, progress, cancelled)
        if self.db.pending_indexes():
            self.db.end_bulk(self, progress)
            done.append("spatial index rebuilt")
        return done

    def writable(self) -> bool:
        return self.db.writable()

    def _write(self):
        """A write transaction; refused clearly where the store cannot be written as it is."""
        self.db.check_writable()
        if self.db.needs_migration():
            raise StoreError(f"{self.spec}: the store was made by an earlier version of Crime Map and must be "
                             "upgraded before it can be written (the dock does it when it opens the store; "
                             "Processing: crimemap:upgradestore)")
        return self.db.transaction()

    # -- what is stored ----------------------------------------------------------------------------
    def months(self, kind: str = "street") -> List[str]:
        return [r[0] for r in self.db.query(
            "SELECT DISTINCT month FROM force_months WHERE kind = ? ORDER BY month", (kind,))]

    def force_months(self, kind: str = "street") -> List[Tuple[str, str]]:
        return [tuple(r) for r in self.db.query(
            "SELECT force, month FROM force_months WHERE kind = ? ORDER BY month, force", (kind,))]

    def available_force_months(self, kind: str = "street") -> Dict[str, set]:
        """force -> the months stored for it (a month missing here is "no data", not zero)."""
        out: Dict[str, set] = {}
        for force, month in self.force_months(kind):
            out.setdefault(force, set()).add(month)
        return out

    def summary(self) -> Summary:
        months = self.months()
        crimes, units, forces = self.db.one(
            "SELECT COALESCE(SUM(rows), 0), COUNT(*), COUNT(DISTINCT force) FROM force_months WHERE kind = 'street'")
        return Summary(int(crimes), int(units), int(forces), months[0] if months else None,
                       months[-1] if months else None)

    def rows_stored(self, kind: str) -> int:
        """Rows stored of a kind, from the force-month bookkeeping (no scan of the layer)."""
        return int(self.db.one("SELECT COALESCE(SUM(rows), 0) FROM force_months WHERE kind = ?", (kind,))[0])

    def row_count(self, table: str) -> int:
        kind = next(k for k, t in tables.POINT_TABLES.items() if t.name == table)
        return self.rows_stored(kind)

    def table_names(self) -> List[str]:
        return sorted(self.db.table_names())

    # -- the coverage audit ----------------------------------------------------------------------
    def coverage(self, kind: Optional[str] = None) -> List[ForceMonth]:
        """The audit of every force-month (of one kind, or all): whole, partial or missing."""
        if "coverage" not in self.db.table_names():   # a store from before the audit: worked out as asked
            return [fm for fm in self._audit(kind) if kind is None or fm.kind == kind]
        sql = "SELECT kind, force, month, rows, expected, status, overridden FROM coverage"
        args: list = []
        if kind is not None:
            sql += " WHERE kind = ?"
            args.append(kind)
        return [ForceMonth(k, f, m, None if r is None else int(r), e, st, bool(o))
                for k, f, m, r, e, st, o in self.db.query(sql + " ORDER BY kind, force, month", args)]

    def month_status(self, kind: str = "street") -> MonthStatus:
        """Per force, the whole and the partial months of a kind (any other month is "no data"). Read
        again only when the store has changed since (a dock update asks twice)."""
        return self._read_once(("month_status", kind), lambda: MonthStatus.of(self.coverage(kind), kind))

    def _read_once(self, key, read):
        """What `read()` returns, read again only when the store has changed since it was last read
        (a backend that cannot tell reads it every time)."""
        token = self.db.change_token()
        kept = self._kept.get(key)
        if token is not None and kept is not None and kept[0] == token:
            return kept[1]
        value = read()
        if token is not None:
            self._kept[key] = (token, value)
        return value

    def _audit(self, kind: Optional[str] = None) -> List[ForceMonth]:
        where, args = ("WHERE kind = ?", [kind]) if kind else ("", [])
        stored = self.db.query(f"SELECT kind, force, month, rows FROM force_months {where}", args)
        overrides = []
        if "coverage_overrides" in self.db.table_names():
            overrides = self.db.query(f"SELECT kind, force, month FROM coverage_overrides {where}", args)
        return audit(stored, overrides)

    def _refresh_coverage(self, kind: str) -> None:
        """Audit one kind again, inside the caller's transaction: a new month changes its neighbours'
        expectations and the store's span. Writers take turns here (one lock for the audit)."""
        self.db.lock("coverage")
        rows = [(fm.kind, fm.force, fm.month, fm.rows, fm.expected, fm.status, int(fm.overridden))
                for fm in self._audit(kind)]
        self.db.execute("DELETE FROM coverage WHERE kind = ?", (kind,))
        self.db.copy_rows("coverage", rows)

    def mark_whole(self, kind: str, force: str, month: str, whole: bool = True, note: str = "") -> None:
        """Mark a force-month whole against the audit (whole=False goes back to the audit's verdict)."""
        with self._write():
            if whole:
                self.db.execute("INSERT INTO coverage_overrides VALUES (?,?,?,?,?,?) ON CONFLICT (kind, force, "
                                "month) DO UPDATE SET status = excluded.status, note = excluded.note, "
                                "set_at = excluded.set_at", (kind, force, month, WHOLE, note, _now()))
            else:
                self.db.execute("DELETE FROM coverage_overrides WHERE kind = ? AND force = ? AND month = ?",
                                (kind, force, month))
            self._refresh_coverage(kind)

    # -- import -------------------------------------------------------------------------------------
    def unit_checksum(self, kind: str, force: str, month: str) -> Optional[str]:
        row = self.db.one(
            "SELECT i.checksum FROM force_months f JOIN imports i ON i.id = f.import_id "
            "WHERE f.kind = ? AND f.force = ? AND f.month = ?", (kind, force, month))
        return row[0] if row else None

    def begin_bulk(self, kinds: Iterable[str]) -> None:
        """Leave the point layers' spatial indexes of `kinds` to be built in one pass at end_bulk()."""
        self.db.check_writable()
        self.db.begin_bulk([tables.POINT_TABLES[k].name for k in kinds])

    def end_bulk(self, progress=None) -> None:
        self.db.end_bulk(self, progress)

    @property
    def deferred(self) -> set:
        return self.db.deferred

    def replace_unit(self, kind, force, month, frame, source, checksum, rejected, cancelled=None) -> UnitResult:
        """Replace one force-month of one kind with `frame`, atomically, aggregates included."""
        table = tables.POINT_TABLES[kind]
        n = len(frame)
        with self._write():
            self.db.lock(f"unit:{kind}:{force}:{month}")
            old = self.db.one("SELECT f.import_id, i.first_fid, i.last_fid FROM force_months f JOIN imports i "
                              "ON i.id = f.import_id WHERE f.kind=? AND f.force=? AND f.month=?", (kind, force, month))
            if old:
                self.db.delete_points(table.name, *old)
            if kind == "street":
                self.db.execute("DELETE FROM crime_counts WHERE unit_force=? AND month=?", (force, month))
                self.db.execute("DELETE FROM lsoa_counts WHERE unit_force=? AND month=?", (force, month))
            without_location = int(frame["lon"].isna().sum()) if n else 0
            import_id = self.db.one(
                "INSERT INTO imports (kind, force, month, source, checksum, rows, rows_without_location, "
                "rows_rejected, imported_at) VALUES (?,?,?,?,?,?,?,?,?) RETURNING id",
                (kind, force, month, source, checksum, n, without_location, len(rejected), _now()))[0]
            first_fid, last_fid = (None, None) if not n else self.db.insert_points(table, frame, import_id, cancelled)
            self.db.execute("UPDATE imports SET first_fid=?, last_fid=? WHERE id=?", (first_fid, last_fid, import_id))
            self.db.execute("INSERT INTO force_months VALUES (?,?,?,?,?) ON CONFLICT (kind, force, month) DO UPDATE "
                            "SET import_id = excluded.import_id, rows = excluded.rows",
                            (kind, force, month, import_id, n))
            if rejected:
                self.db.copy_rows("rejected_rows", [(import_id, int(line), reason) for line, reason in rejected])
            if kind == "street":
                self._write_counts(force, month, frame)
                self._count_unit(force, month, frame)
            self.db.forget_feature_count(table.name)
            self._refresh_coverage(kind)
            if cancelled and cancelled():
                raise Cancelled(f"{source}: cancelled; {force} {month} left as it was")
        return UnitResult(kind, force, month, n, without_location, bool(old))

    def _write_counts(self, unit_force, month, frame) -> None:
        if not len(frame):
            return
        category = frame["category"].to_numpy()
        self.db.copy_rows("crime_counts",
                          [(unit_force, month, *r) for r in zip(*_tally(frame["force"].to_numpy(), category))])
        lsoa = frame["lsoa_code"].to_numpy()
        self.db.copy_rows("lsoa_counts", [(unit_force, month, *r) for r in zip(*_tally(lsoa, category, lsoa != ""))])

    # -- layers ----------------------------------------------------------------------------------------
    def layer_source(self, table: str, where: str = "") -> LayerSource:
        """How QGIS opens a table of the store (a name from tables.py only)."""
        if table not in tables.BY_NAME:
            raise KeyError(table)
        return self.db.layer_source(table, where)

    def integrity_ok(self) -> bool:
        return self.db.integrity_ok()
