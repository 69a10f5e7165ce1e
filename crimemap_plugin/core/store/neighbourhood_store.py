"""A store's neighbourhoods: their boundaries and details stored a force at a time, the stored street
crimes counted in them (again whenever they change, and for each force-month as it is imported), the
neighbourhood at a point, and the neighbourhoods as comparison areas with their Census 2021 residents.

A mixin of CrimeStore (crime_store.py), over its database object `db` and inside its transactions."""

import json
from typing import Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

from ..pip import count_by_code, count_in_polygons
from ..population import lsoa_centroids
from . import tables
from .interface import NeighbourhoodRecord

RECOUNT_SLICE = 250_000   # crimes read at a time when counting the stored ones in neighbourhoods


class NeighbourhoodStore:
    # -- neighbourhoods -------------------------------------------------------------------------------
    def store_neighbourhoods(self, force: str, records: List[NeighbourhoodRecord], keep=frozenset(),
                             only: Optional[set] = None) -> None:
        """Replace the force's neighbourhoods with `records` in one transaction, counting the stored
        crimes in them. With `only`, just those ids are replaced; ids in `keep` keep what was stored
        (they failed this time). A boundary-only source (KML) leaves the stored details alone."""
        with self._write():
            ids = sorted(only if only is not None else keep)
            test = "IN" if only is not None else "NOT IN"
            placeholders = tables.marks(len(ids)) or "''"  # NOT IN ('') keeps nothing back
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
                where.append(f"neighbourhood_id IN ({tables.marks(len(only)) or chr(39) * 2})")
                args += sorted(only)
        return self.db.polygons("neighbourhoods", " AND ".join(where), args, box)

    def _recount(self, force: Optional[str] = None, only=None) -> None:
        """Count the stored street crimes again in the stored neighbourhoods (all, a force's, or only
        the given ids of a force), inside the caller's transaction."""
        where, args = "1=1", []
        if force is not None:
            where, args = "force = ?", [force]
            if only is not None:
                where += f" AND neighbourhood_id IN ({tables.marks(len(only)) or chr(39) * 2})"
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
