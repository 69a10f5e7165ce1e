"""What a store's comparisons read: street crimes per area summed over spans of months, or per area and
month, from the aggregate tables (force, LSOA and neighbourhood counts); and the rows of its point
layers as frames or coordinates, filtered by month, force and category.

A mixin of CrimeStore (crime_store.py), over its database object `db`."""

from typing import Dict, List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from .. import periods
from . import tables


def _contiguous(months: Sequence[str]) -> bool:
    """True when the sorted `months` are every month from the first to the last."""
    return bool(months) and periods.parse(months[-1]) - periods.parse(months[0]) == len(months) - 1


def _months_test(months: Sequence[str]) -> str:
    """SQL true for a row of one of the sorted `months`: a range where they run on without a gap (a
    range test is cheaper per row than a list), else a list; args from _months_args."""
    if _contiguous(months):
        return "month BETWEEN ? AND ?"
    return f"month IN ({tables.marks(len(months)) or chr(39) * 2})"


def _months_args(months: Sequence[str]) -> list:
    return [months[0], months[-1]] if _contiguous(months) else list(months)


SPLIT_NEIGHBOURHOODS = 1_000   # neighbourhoods' sums read in two halves at once from this many on


class StoreReads:
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
            head = f"SELECT {group}, {', '.join(totals)} FROM neighbourhoods k {self.db.ordered_join} {table} c ON {on}"
            middle = self._middle_neighbourhood() if self.db.reads_at_once else None
            if middle is None:
                rows = self.db.query(f"{head} GROUP BY {group}", totals_args + args)
            else:   # the two halves of the neighbourhoods (in the index's order) read at once, in order
                halves = self.db.reads_together([
                    (f"{head} WHERE (k.force, k.neighbourhood_id) < (?, ?) GROUP BY {group}",
                     totals_args + args + list(middle)),
                    (f"{head} WHERE (k.force, k.neighbourhood_id) >= (?, ?) GROUP BY {group}",
                     totals_args + args + list(middle))])
                rows = halves[0] + halves[1]
        else:
            group = ", ".join(keys)
            sql = f"SELECT {group}, {', '.join(totals)} FROM {table} WHERE {' AND '.join(where)} GROUP BY {group}"
            rows = self.db.query(sql, totals_args + args)
        if not rows:
            return empty
        # (plain Python and one array: thousands of neighbourhoods, at every update of the dock)
        index = [f"{r[0]}/{r[1]}" for r in rows] if len(keys) == 2 else [r[0] for r in rows]   # "force/id"
        values = np.array([r[len(keys):] for r in rows], dtype=np.int64).reshape(len(rows), len(names))
        return pd.DataFrame(values, index=pd.Index(index, dtype=object), columns=names)

    def _middle_neighbourhood(self) -> Optional[Tuple[str, str]]:
        """(force, id) of the first stored neighbourhood of the second half, in the index's order; None
        when there are too few for two reads to be worth it."""
        def read():
            n = self.db.one("SELECT COUNT(*) FROM neighbourhoods")[0]
            if n < SPLIT_NEIGHBOURHOODS:
                return None
            return tuple(self.db.one("SELECT force, neighbourhood_id FROM neighbourhoods "
                                     "ORDER BY force, neighbourhood_id LIMIT 1 OFFSET ?", (n // 2,)))
        return self._read_once(("middle_neighbourhood",), read)

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
        where = [f"month IN ({tables.marks(len(months))})"]
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
            where.append(f"{prefix}force IN ({tables.marks(len(forces))})")
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
