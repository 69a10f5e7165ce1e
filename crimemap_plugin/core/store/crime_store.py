"""CrimeStore: the one implementation of the store interface, over a database backend.

Everything that means something (a force-month replaced whole, the aggregates kept in step with the
rows in the same transaction, the coverage audit, crimes counted in neighbourhood polygons) is here,
once, in SQL both SQLite and PostgreSQL understand. What differs between a GeoPackage and PostGIS
(connections and transactions, geometry encoding, bulk loading, spatial indexes, schema creation and
migrations, layer sources) is the database object's business (geopackage.py, postgis.py).

Every force-month of every kind ("unit") is replaced in one transaction: a crash, a kill or a cancel
leaves it either as it was or wholly new, and importing it again never double counts. Concurrent
writers of one unit are serialised by a lock on that unit (one waits, never doubles).
"""

import json
import time
from typing import Dict, Iterable, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from .. import periods
from ..coverage import WHOLE, ForceMonth, MonthStatus, audit
from ..errors import Cancelled, StoreError
from ..pip import count_by_code, count_in_polygons
from ..population import lsoa_centroids
from . import tables
from .interface import LayerSource, NeighbourhoodRecord, Summary, UnitResult

RECOUNT_SLICE = 250_000   # crimes read at a time when counting the stored ones in neighbourhoods


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _placeholders(n: int) -> str:
    return ",".join("?" * n)


def _contiguous(months: Sequence[str]) -> bool:
    """True when the sorted `months` are every month from the first to the last."""
    return bool(months) and periods.parse(months[-1]) - periods.parse(months[0]) == len(months) - 1


def _months_test(months: Sequence[str]) -> str:
    """SQL true for a row of one of the sorted `months`: a range where they run on without a gap (a
    range test is cheaper per row than a list), else a list; args from _months_args."""
    if _contiguous(months):
        return "month BETWEEN ? AND ?"
    return f"month IN ({_placeholders(len(months)) or chr(39) * 2})"


def _months_args(months: Sequence[str]) -> list:
    return [months[0], months[-1]] if _contiguous(months) else list(months)


class CrimeStore:
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
        by_force = frame.groupby(["force", "category"], sort=True).size()
        self.db.copy_rows("crime_counts", [(unit_force, month, f, c, int(n)) for (f, c), n in by_force.items()])
        with_lsoa = frame[frame["lsoa_code"] != ""]
        by_lsoa = with_lsoa.groupby(["lsoa_code", "category"], sort=True).size()
        self.db.copy_rows("lsoa_counts", [(unit_force, month, lsoa, c, int(n)) for (lsoa, c), n in by_lsoa.items()])

    # -- comparisons --------------------------------------------------------------------------------
    def _count_table(self, level: str, category: Optional[str]) -> Tuple[Optional[str], List[str]]:
        """(table, area key columns) that `level`'s counts of `category` (None: all crime) are read
        from; table None when the store has none. Neighbourhoods' all-crime counts have a table of
        their own, without categories (summing 14 categories of thousands of neighbourhoods would
        cost a dock update)."""
        table, keys = {"force": ("crime_counts", ["force"]), "lsoa": ("lsoa_counts", ["lsoa_code"]),
                       "neighbourhood": ("neighbourhood_counts", ["force", "neighbourhood_id"])}[level]
        names = self.db.table_names()
        if level == "neighbourhood" and not category and tables.NEIGHBOURHOOD_TOTALS.name in names:
            return tables.NEIGHBOURHOOD_TOTALS.name, keys
        return (table if table in names else None), keys

    def sums(self, level: str, spans: Dict[str, Sequence[str]], category: Optional[str] = None) -> pd.DataFrame:
        """Street crimes per area summed over each named span of months: a frame indexed by area (as
        counts() names them) with a column per span, 0 where the area had none. Only areas with
        crimes in some month of the spans are listed (at neighbourhood level, stored ones)."""
        names = list(spans)
        months = sorted({m for span in spans.values() for m in span})
        empty = pd.DataFrame({name: pd.Series(dtype="int64") for name in names}, index=pd.Index([], dtype=object))
        table, keys = self._count_table(level, category)
        if not months or table is None:
            return empty
        # At neighbourhood level the sums go neighbourhood by neighbourhood, in the order of their
        # index: each one's months of the spans are one range of the counts' index, so only those
        # entries are read, where a pass over the whole index reads every month of every
        # neighbourhood. Only stored neighbourhoods are compared, so only theirs are summed.
        by_area = level == "neighbourhood" and "neighbourhoods" in self.db.table_names()
        c = "c." if by_area else ""
        where, args = [], []
        if category:
            where.append(f"{c}category = ?")
            args.append(category)
        where.append(c + _months_test(months))
        args += _months_args(months)
        totals, totals_args = [], []
        for name in names:
            span = sorted(spans[name])
            totals.append(f"SUM(CASE WHEN {c}{_months_test(span)} THEN {c}n ELSE 0 END)")
            totals_args += _months_args(span)
        if by_area:
            group = ", ".join(f"k.{k}" for k in keys)
            on = " AND ".join([f"c.{k} = k.{k}" for k in keys] + where)
            sql = (f"SELECT {group}, {', '.join(totals)} FROM neighbourhoods k {self.db.ordered_join} {table} c "
                   f"ON {on} GROUP BY {group}")
        else:
            group = ", ".join(keys)
            sql = f"SELECT {group}, {', '.join(totals)} FROM {table} WHERE {' AND '.join(where)} GROUP BY {group}"
        rows = self.db.query(sql, totals_args + args)
        if not rows:
            return empty
        frame = pd.DataFrame.from_records(rows, columns=keys + names)
        index = frame[keys[0]] + "/" + frame[keys[1]] if len(keys) == 2 else frame[keys[0]]   # "force/id"
        return pd.DataFrame(frame[names].to_numpy(dtype=np.int64), index=pd.Index(index.to_numpy(), dtype=object),
                            columns=names)

    def counts(self, level: str, months, category: Optional[str] = None, area: Optional[str] = None):
        """Street crimes per area and month: columns area, month, n. level is 'force' (by "Falls
        within"), 'lsoa' or 'neighbourhood' (area "force/id", counted in the stored polygons);
        category None means all crime."""
        empty = pd.DataFrame({"area": pd.Series(dtype=str), "month": pd.Series(dtype=str),
                              "n": pd.Series(dtype="int64")})
        months = list(months)
        table, keys = self._count_table(level, category)
        if not months or table is None:
            return empty
        where = [f"month IN ({_placeholders(len(months))})"]
        args: list = list(months)
        if category:
            where.append("category = ?")
            args.append(category)
        if area:
            parts = area.split("/", 1) if len(keys) == 2 else [area]
            where += [f"{k} = ?" for k in keys]
            args += parts if len(parts) == len(keys) else [area, ""]
        group = ", ".join(keys)
        rows = self.db.query(f"SELECT {group}, month, SUM(n) FROM {table} WHERE {' AND '.join(where)} "
                             f"GROUP BY {group}, month", args)
        if not rows:
            return empty
        if len(keys) == 2:   # neighbourhoods are "force/id"
            rows = [(f"{f}/{nid}", m, n) for f, nid, m, n in rows]
        return pd.DataFrame(rows, columns=["area", "month", "n"]).astype({"n": "int64"})

    def neighbourhood_areas(self, force: Optional[str] = None) -> pd.DataFrame:
        """The stored neighbourhoods as comparison areas: area_code ("force/id"), area_name, force,
        population (Census 2021 residents of the LSOAs whose centroid is inside; police.uk's own
        figure where no centroid is)."""
        return self._read_once(("neighbourhood_areas", force), lambda: self._neighbourhood_areas(force)).copy()

    def _neighbourhood_areas(self, force: Optional[str]) -> pd.DataFrame:
        columns = ["area_code", "area_name", "force", "population"]
        if "neighbourhoods" not in self.db.table_names():
            return pd.DataFrame(columns=columns)
        sql = ("SELECT area_code, COALESCE(name, neighbourhood_id), force, "
               "CASE WHEN census_population > 0 THEN census_population ELSE COALESCE(population, 0) END "
               "FROM neighbourhoods")
        args = []
        if force:
            sql += " WHERE force = ?"
            args.append(force)
        return pd.DataFrame(self.db.query(sql + " ORDER BY area_code", args), columns=columns)

    # -- points -------------------------------------------------------------------------------------
    @staticmethod
    def _filters(category=None, start=None, end=None, forces=None, prefix: str = "") -> Tuple[str, list]:
        where, args = ["1=1"], []
        if category:
            where.append(f"{prefix}category = ?")
            args.append(category)
        if start:
            where.append(f"{prefix}month >= ?")
            args.append(start)
        if end:
            where.append(f"{prefix}month <= ?")
            args.append(end)
        if forces:
            where.append(f"{prefix}force IN ({_placeholders(len(forces))})")
            args += list(forces)
        return " AND ".join(where), args

    def points(self, category: Optional[str] = None, start: Optional[str] = None, end: Optional[str] = None):
        """x, y of the located street crimes matching the filters (for counting in polygons)."""
        where, args = self._filters(category, start, end)
        return self.db.located("crimes", where, args)

    def crime_frame(self, columns: Sequence[str], category=None, start=None, end=None, forces=None,
                    located_only: bool = False) -> pd.DataFrame:
        """Street crimes matching the filters with the given columns of `crimes` (checked against the
        table's own), plus lon and lat (NaN without a location)."""
        return self.table_frame("street", columns, start, end, forces, category=category, located_only=located_only)

    def table_frame(self, kind: str, columns: Sequence[str], start=None, end=None, forces=None, category=None,
                    located_only: bool = False) -> pd.DataFrame:
        """Rows of a kind's point layer (crimes, outcomes, stop_and_search) with the given columns, plus
        lon and lat, filtered by month, force (and category for crimes)."""
        table = tables.POINT_TABLES[kind]
        known = set(table.column_names())
        wanted = [c for c in columns if c in known]
        if len(wanted) != len(columns):
            raise ValueError(f"unknown columns of {table.name}: {sorted(set(columns) - known)}")
        where, args = self._filters(category if kind == "street" else None, start, end, forces)
        return self.db.frame(table.name, wanted, where, args, located_only)

    # -- neighbourhoods -------------------------------------------------------------------------------
    def store_neighbourhoods(self, force: str, records: List[NeighbourhoodRecord], keep=frozenset(),
                             only: Optional[set] = None) -> None:
        """Replace the force's neighbourhoods with `records` in one transaction, counting the stored
        crimes in them. With `only`, just those ids are replaced; ids in `keep` keep what was stored
        (they failed this time). A boundary-only source (KML) leaves the stored details alone."""
        with self._write():
            ids = sorted(only if only is not None else keep)
            test = "IN" if only is not None else "NOT IN"
            placeholders = _placeholders(len(ids)) or "''"  # NOT IN ('') keeps nothing back
            self.db.execute(f"DELETE FROM neighbourhoods WHERE force = ? AND neighbourhood_id {test} ({placeholders})",
                            (force, *ids))
            with_details = [r for r in records if r.has_details]
            if len(with_details) == len(records):
                self.db.execute(f"DELETE FROM neighbourhood_details WHERE force = ? AND neighbourhood_id {test} "
                                f"({placeholders})", (force, *ids))
            lon, lat, residents = lsoa_centroids()
            census = count_in_polygons(lon, lat, [_rings(r.polygons) for r in records], weights=residents)
            self.db.insert_neighbourhoods([
                (r.polygons, r.force, r.nid, r.name, _integer(r.detail.get("population")), r.fetched_at,
                 f"{r.force}/{r.nid}", int(people)) for r, people in zip(records, census.tolist())])
            for r in with_details:
                d = r.detail
                centre = d.get("centre") or {}
                self.db.execute(
                    f"INSERT INTO neighbourhood_details ({', '.join(tables.NEIGHBOURHOOD_DETAILS.column_names())}) "
                    "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?) ON CONFLICT "
                    "(force, neighbourhood_id) DO UPDATE SET name = excluded.name, description = excluded.description, "
                    "population = excluded.population, centre_lat = excluded.centre_lat, "
                    "centre_lon = excluded.centre_lon, contact_details = excluded.contact_details, "
                    "links = excluded.links, locations = excluded.locations, people = excluded.people, "
                    "events = excluded.events, priorities = excluded.priorities, fetched_at = excluded.fetched_at, "
                    "url_force = excluded.url_force",
                    (r.force, r.nid, r.name, d.get("description"), _integer(d.get("population")),
                     centre.get("latitude"), centre.get("longitude"), json.dumps(d.get("contact_details") or {}),
                     json.dumps(d.get("links") or []), json.dumps(d.get("locations") or []), json.dumps(r.people),
                     json.dumps(r.events), json.dumps(r.priorities), r.fetched_at, d.get("url_force")))
            self.db.forget_feature_count("neighbourhoods")
            self._recount(force, only)

    def neighbourhood_polygons(self, force: Optional[str] = None, only=None, box=None) -> List[Tuple[str, str, list]]:
        """(force, id, rings) of the stored neighbourhoods (all, a force's, some ids of it, or those whose
        bounding box meets `box` = (min lon, max lon, min lat, max lat))."""
        where, args = ["1=1"], []
        if force is not None:
            where.append("force = ?")
            args.append(force)
            if only is not None:
                where.append(f"neighbourhood_id IN ({_placeholders(len(only)) or chr(39) * 2})")
                args += sorted(only)
        return self.db.polygons("neighbourhoods", " AND ".join(where), args, box)

    def _recount(self, force: Optional[str] = None, only=None) -> None:
        """Count the stored street crimes again in the stored neighbourhoods (all, a force's, or only
        the given ids of a force), inside the caller's transaction."""
        where, args = "1=1", []
        if force is not None:
            where, args = "force = ?", [force]
            if only is not None:
                where += f" AND neighbourhood_id IN ({_placeholders(len(only)) or chr(39) * 2})"
                args += sorted(only)
        self.db.execute(f"DELETE FROM neighbourhood_counts WHERE {where}", args)   # totals: by trigger
        polygons = self.neighbourhood_polygons(force, only)
        if not polygons:
            return
        xs = np.concatenate([r[0] for p in polygons for r in p[2]])
        ys = np.concatenate([r[1] for p in polygons for r in p[2]])
        box = (float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max()))
        for units, months, cats, x, y in self.db.crimes_in_box(box, RECOUNT_SLICE):
            self._insert_counts(polygons, units, months, cats, x, y)

    def _count_unit(self, unit_force: str, month: str, frame: pd.DataFrame) -> None:
        """Count one force-month's street crimes (being imported) in the stored neighbourhoods."""
        self.db.execute("DELETE FROM neighbourhood_counts WHERE unit_force = ? AND month = ?", (unit_force, month))
        if not len(frame):
            return
        lon, lat = frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float)
        ok = ~(np.isnan(lon) | np.isnan(lat))
        if not ok.any():
            return
        box = (float(lon[ok].min()), float(lon[ok].max()), float(lat[ok].min()), float(lat[ok].max()))
        polygons = self.db.polygons("neighbourhoods", "1=1", [], box)
        n = len(lon)
        self._insert_counts(polygons, [unit_force] * n, [month] * n, frame["category"].tolist(), lon, lat)

    def _insert_counts(self, polygons, unit_force, month, category, x, y) -> None:
        """Count points (with their unit force, month and category) in the polygons and add the
        non-zero counts to what is stored (a recount reads the crimes in slices, and one slice can
        end mid-month)."""
        if not polygons or not len(x):
            return
        keys = np.array([f"{u}\t{m}\t{c}" for u, m, c in zip(unit_force, month, category)])
        combos, codes = np.unique(keys, return_inverse=True)
        table = count_by_code(x, y, codes, len(combos), [p[2] for p in polygons])
        rows = []
        for k, j in zip(*np.nonzero(table)):
            u, m, c = combos[j].split("\t")
            rows.append((u, m, polygons[k][0], polygons[k][1], c, int(table[k, j])))
        # neighbourhood_totals follows by trigger (tables.py)
        self.db.executemany("INSERT INTO neighbourhood_counts VALUES (?,?,?,?,?,?) ON CONFLICT (unit_force, month, "
                            "force, neighbourhood_id, category) DO UPDATE SET n = neighbourhood_counts.n + excluded.n",
                            rows)

    def neighbourhood_at(self, lon: float, lat: float) -> Optional[Tuple[str, str]]:
        """(force, neighbourhood_id) of the stored neighbourhood containing the point, or None."""
        if "neighbourhoods" not in self.db.table_names():
            return None
        for force, nid, rings in self.db.polygons("neighbourhoods", "1=1", [], (lon, lon, lat, lat)):
            if count_in_polygons(np.array([lon]), np.array([lat]), [rings])[0]:
                return force, nid
        return None

    def neighbourhood_details(self, force: str, nid: str) -> Optional[dict]:
        """The stored details of a neighbourhood (JSON columns as stored), or None. A store not yet
        upgraded to version 5 (read as it is) has no url_force: None."""
        if "neighbourhood_details" not in self.db.table_names():
            return None
        names = tables.NEIGHBOURHOOD_DETAILS.column_names()
        if self.db.version() < 5:
            names = tuple(n for n in names if n != "url_force")
        row = self.db.one(f"SELECT {', '.join(names)} FROM neighbourhood_details WHERE force = ? AND "
                          "neighbourhood_id = ?", (force, nid))
        return {"url_force": None, **dict(zip(names, row))} if row else None

    def neighbourhood_names(self, force: str) -> Dict[str, str]:
        """id -> name police.uk gave, for the force's neighbourhoods with stored details."""
        if "neighbourhood_details" not in self.db.table_names():
            return {}
        return dict(self.db.query("SELECT neighbourhood_id, name FROM neighbourhood_details WHERE force = ? "
                                  "AND name IS NOT NULL", (force,)))

    # -- layers ----------------------------------------------------------------------------------------
    def layer_source(self, table: str, where: str = "") -> LayerSource:
        """How QGIS opens a table of the store (a name from tables.py only)."""
        if table not in tables.BY_NAME:
            raise KeyError(table)
        return self.db.layer_source(table, where)

    def integrity_ok(self) -> bool:
        return self.db.integrity_ok()


def _integer(value) -> Optional[int]:
    """police.uk sends numbers as strings ("3456"); anything that is not a whole number is NULL."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _rings(parts) -> list:
    return [(np.array([p[0] for p in ring], dtype=float), np.array([p[1] for p in ring], dtype=float))
            for rings in parts for ring in _closed(rings)]


def _closed(rings):
    for ring in rings:
        ring = list(ring)
        yield ring if ring[0] == ring[-1] else ring + [ring[0]]
