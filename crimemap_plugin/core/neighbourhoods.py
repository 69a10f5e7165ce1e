"""Neighbourhoods of a force from the police.uk API into the store: boundaries and details.

Layer `neighbourhoods` (force, neighbourhood_id, area_code = "force/id", name, population as police.uk
gives it, census_population, fetched_at; WGS84 multipolygons) and table `neighbourhood_details` (the
team, priorities, events, contacts, links and locations as JSON, with when they were fetched). One
force is replaced in one transaction at the end; a neighbourhood that failed this time keeps what was
stored before, so a second run refreshes and a failing API never empties the store.

Table `neighbourhood_counts` holds street crimes per neighbourhood, month and category, counted by
point in polygon (both are WGS84, so the test is exact in the data's own coordinates). It is kept
up to date both ways: storing a neighbourhood counts the crimes already stored inside it, and
importing a force-month counts its crimes against the neighbourhoods already stored.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

import numpy as np

from . import gpkg
from .api import ApiError, PoliceApi
from .errors import Cancelled
from .pip import count_by_code, count_in_polygons
from .population import lsoa_centroids

LAYER = "neighbourhoods"
DETAILS = "neighbourhood_details"
COUNTS = "neighbourhood_counts"
RECOUNT_SLICE = 250_000
LAYER_COLUMNS = ("force TEXT NOT NULL", "neighbourhood_id TEXT NOT NULL", "name TEXT", "population INTEGER",
                 "fetched_at TEXT NOT NULL", "area_code TEXT", "census_population INTEGER")
COUNTS_DDL = f"""CREATE TABLE {COUNTS} (
    unit_force TEXT NOT NULL, month TEXT NOT NULL, force TEXT NOT NULL, neighbourhood_id TEXT NOT NULL,
    category TEXT NOT NULL, n INTEGER NOT NULL, PRIMARY KEY (unit_force, month, force, neighbourhood_id, category))"""
DETAILS_DDL = f"""CREATE TABLE {DETAILS} (
    force TEXT NOT NULL, neighbourhood_id TEXT NOT NULL, name TEXT, description TEXT, population INTEGER,
    centre_lat REAL, centre_lon REAL, contact_details TEXT, links TEXT, locations TEXT, people TEXT,
    events TEXT, priorities TEXT, fetched_at TEXT NOT NULL, PRIMARY KEY (force, neighbourhood_id))"""


@dataclass
class Neighbourhood:
    force: str
    nid: str
    name: str
    polygons: list               # [[outer ring, hole, ...], ...] of (lon, lat)
    detail: dict
    people: list
    events: list
    priorities: list
    fetched_at: str
    has_details: bool = True     # False for a boundary-only source (KML): stored details are kept


def area_code(force: str, nid: str) -> str:
    """The comparison's area code of a neighbourhood: ids are unique only within a force."""
    return f"{force}/{nid}"


@dataclass
class NeighbourhoodReport:
    force: str
    listed: int = 0
    stored: int = 0
    failed: List[tuple] = field(default_factory=list)   # (id, reason)
    cancelled: bool = False

    def summary(self) -> str:
        text = f"{self.force}: {self.stored} of {self.listed} neighbourhoods stored"
        if self.failed:
            text += f"; {len(self.failed)} failed (" + "; ".join(f"{n}: {r}" for n, r in self.failed[:5]) + ")"
        return text + ("; cancelled, nothing changed" if self.cancelled else "")


def ensure_tables(conn) -> None:
    names = gpkg.table_names(conn)
    if LAYER not in names:
        gpkg.add_point_layer(conn, LAYER, LAYER_COLUMNS, "police.uk neighbourhood boundaries", LAYER,
                             geometry_type="MULTIPOLYGON")
    elif needs_upgrade(conn):
        _upgrade(conn)
    if DETAILS not in names:
        gpkg.add_attribute_table(conn, DETAILS, DETAILS_DDL, "police.uk neighbourhood teams, priorities, events")
    if COUNTS not in names:
        gpkg.add_attribute_table(conn, COUNTS, COUNTS_DDL, "Street crimes per neighbourhood x month x category, "
                                 "counted in the neighbourhood polygons")
        # Comparisons read a period's months (covering: the rows never need reading); a trend reads
        # one neighbourhood's months.
        conn.execute(f"CREATE INDEX {COUNTS}_month ON {COUNTS} (month, category, force, neighbourhood_id, n)")
        conn.execute(f"CREATE INDEX {COUNTS}_area ON {COUNTS} (force, neighbourhood_id, month)")
        recount(conn)


def needs_upgrade(conn) -> bool:
    """A store made by a version before the neighbourhood level (no area code, census population or
    counts yet)."""
    names = gpkg.table_names(conn)
    if LAYER not in names:
        return False
    have = {r[1] for r in conn.execute(f"PRAGMA table_info({LAYER})")}
    return COUNTS not in names or any(c.split()[0] not in have for c in LAYER_COLUMNS)


def _upgrade(conn) -> None:
    """Add the columns a store made before the neighbourhood level lacks, and fill them."""
    have = {r[1] for r in conn.execute(f"PRAGMA table_info({LAYER})")}
    for column in LAYER_COLUMNS:
        if column.split()[0] not in have:
            conn.execute(f"ALTER TABLE {LAYER} ADD COLUMN {column}")
    conn.execute(f"UPDATE {LAYER} SET area_code = force || '/' || neighbourhood_id WHERE area_code IS NULL")
    rows = conn.execute(f"SELECT fid, geom FROM {LAYER} WHERE census_population IS NULL").fetchall()
    if rows:
        lon, lat, residents = lsoa_centroids()
        census = count_in_polygons(lon, lat, [gpkg.polygon_rings(g) for _, g in rows], weights=residents)
        conn.executemany(f"UPDATE {LAYER} SET census_population = ? WHERE fid = ?",
                         [(int(n), fid) for (fid, _), n in zip(rows, census)])


def fetch_one(api: PoliceApi, force: str, nid: str, name: Optional[str] = None) -> Neighbourhood:
    """One neighbourhood's boundary and details; ApiError when police.uk cannot give them."""
    detail = api.neighbourhood(force, nid)
    if detail is None:
        raise ApiError("police.uk has no details for it" + (" (its id collides with the list URL)"
                                                             if nid == "neighbourhoods" else ""))
    boundary = api.boundary(force, nid)
    if len(boundary) < 3:
        raise ApiError("no boundary")
    return Neighbourhood(force, nid, name or detail.get("name") or nid, [[boundary]], detail, api.people(force, nid),
                         api.events(force, nid), api.priorities(force, nid),
                         time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()))


def fetch_force(api: PoliceApi, force: str, progress: Optional[Callable[[float], None]] = None,
                cancelled: Optional[Callable[[], bool]] = None) -> tuple:
    """Everything the API says about a force's neighbourhoods: (records, report)."""
    report = NeighbourhoodReport(force)
    listing = api.neighbourhoods(force)
    report.listed = len(listing)
    records = []
    for i, item in enumerate(listing):
        if cancelled and cancelled():
            report.cancelled = True
            raise Cancelled(f"{force}: cancelled after {i} of {len(listing)} neighbourhoods")
        nid = str(item.get("id"))
        try:
            records.append(fetch_one(api, force, nid, item.get("name")))
        except ApiError as exc:
            report.failed.append((nid, str(exc)))
        if progress:
            progress(100.0 * (i + 1) / max(len(listing), 1))
    return records, report


def store_force(store, records: List[Neighbourhood], report: NeighbourhoodReport) -> None:
    """Replace the force's neighbourhoods with `records` (failed ones keep their stored version)."""
    _store(store, report.force, records, keep={nid for nid, _ in report.failed})
    report.stored = len(records)


def store_one(store, record: Neighbourhood) -> None:
    """Replace (or add) one neighbourhood, leaving the force's others as they are."""
    _store(store, record.force, [record], only={record.nid})


def _store(store, force: str, records: List[Neighbourhood], keep=frozenset(), only=None) -> None:
    with store._transaction() as conn:
        ensure_tables(conn)
        ids = sorted(only if only is not None else keep)
        placeholders = ",".join("?" * len(ids)) or "''"  # NOT IN ('') keeps nothing back
        test = "IN" if only is not None else "NOT IN"
        conn.execute(f"DELETE FROM {LAYER} WHERE force = ? AND neighbourhood_id {test} ({placeholders})",
                     (force, *ids))
        with_details = [r for r in records if r.has_details]
        if len(with_details) == len(records):  # a boundary-only source leaves the stored details alone
            conn.execute(f"DELETE FROM {DETAILS} WHERE force = ? AND neighbourhood_id {test} ({placeholders})",
                         (force, *ids))
        lon, lat, residents = lsoa_centroids()
        census = count_in_polygons(lon, lat, [_rings(r.polygons) for r in records], weights=residents)
        for r, people in zip(records, census.tolist()):
            d = r.detail
            conn.execute(f"INSERT INTO {LAYER} (geom, force, neighbourhood_id, name, population, fetched_at, "
                         "area_code, census_population) VALUES (?,?,?,?,?,?,?,?)",
                         (gpkg.multipolygon_blob(r.polygons), r.force, r.nid, r.name, _integer(d.get("population")),
                          r.fetched_at, area_code(r.force, r.nid), people))
        for r in with_details:
            d = r.detail
            conn.execute(f"INSERT OR REPLACE INTO {DETAILS} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                r.force, r.nid, r.name, d.get("description"), _integer(d.get("population")),
                (d.get("centre") or {}).get("latitude"), (d.get("centre") or {}).get("longitude"),
                json.dumps(d.get("contact_details") or {}), json.dumps(d.get("links") or []),
                json.dumps(d.get("locations") or []), json.dumps(r.people), json.dumps(r.events),
                json.dumps(r.priorities), r.fetched_at))
        gpkg.forget_feature_count(conn, LAYER)
        recount(conn, force, only)


def _integer(value) -> Optional[int]:
    """police.uk sends numbers as strings ("3456"); anything that is not a whole number is NULL."""
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


# -- crimes per neighbourhood ----------------------------------------------------------------------
def _stored_polygons(conn, where: str = "1", args=()) -> list:
    return [(f, n, gpkg.polygon_rings(g)) for f, n, g in conn.execute(
        f"SELECT force, neighbourhood_id, geom FROM {LAYER} WHERE geom IS NOT NULL AND ({where})", list(args))]


def _insert_counts(conn, polygons, unit_force, month, category, x, y) -> None:
    """Count points (with their unit force, month and category arrays) in the polygons and store the
    non-zero counts."""
    if not polygons or not len(x):
        return
    keys = np.array([f"{u}\t{m}\t{c}" for u, m, c in zip(unit_force, month, category)])
    combos, codes = np.unique(keys, return_inverse=True)
    table = count_by_code(x, y, codes, len(combos), [p[2] for p in polygons])
    rows = []
    for k, j in zip(*np.nonzero(table)):
        u, m, c = combos[j].split("\t")
        rows.append((u, m, polygons[k][0], polygons[k][1], c, int(table[k, j])))
    # Added to what is there: a recount reads the crimes in slices, and one slice can end mid-month.
    conn.executemany(f"INSERT INTO {COUNTS} VALUES (?,?,?,?,?,?) ON CONFLICT (unit_force, month, force, "
                     "neighbourhood_id, category) DO UPDATE SET n = n + excluded.n", rows)


def recount(conn, force: Optional[str] = None, only=None) -> None:
    """Count the stored street crimes again in the stored neighbourhoods (all, a force's, or only
    the given ids of a force)."""
    names = gpkg.table_names(conn)
    if LAYER not in names or COUNTS not in names:
        return
    where, args = "1", []
    if force is not None:
        where, args = "force = ?", [force]
        if only is not None:
            placeholders = ",".join("?" * len(only)) or "''"
            where += f" AND neighbourhood_id IN ({placeholders})"
            args += sorted(only)
    conn.execute(f"DELETE FROM {COUNTS} WHERE {where}", args)
    polygons = _stored_polygons(conn, where, args)
    if not polygons or "crimes" not in names:
        return
    xs = np.concatenate([r[0] for p in polygons for r in p[2]])
    ys = np.concatenate([r[1] for p in polygons for r in p[2]])
    box = (float(xs.min()), float(xs.max()), float(ys.min()), float(ys.max()))
    select = "SELECT i.force, c.month, c.category, c.geom FROM crimes c JOIN imports i ON i.id = c.import_id"
    if "rtree_crimes_geom" in names:
        cursor = conn.execute(f"{select} JOIN rtree_crimes_geom r ON r.id = c.fid WHERE r.maxx >= ? AND r.minx <= ? "
                              "AND r.maxy >= ? AND r.miny <= ?", box)
    else:  # a bulk import is rebuilding the index: read every located crime
        cursor = conn.execute(f"{select} WHERE c.geom IS NOT NULL")
    while True:  # in slices: memory stays bounded however many months are stored
        rows = cursor.fetchmany(RECOUNT_SLICE)
        if not rows:
            break
        units, months, cats, blobs = zip(*rows)
        del rows
        x, y = gpkg.point_coordinates(list(blobs))
        _insert_counts(conn, polygons, units, months, cats, x, y)


def count_unit(conn, unit_force: str, month: str, lon: np.ndarray, lat: np.ndarray, category) -> None:
    """Count one force-month's street crimes (being imported) in the stored neighbourhoods."""
    names = gpkg.table_names(conn)
    if LAYER not in names or COUNTS not in names:
        return
    conn.execute(f"DELETE FROM {COUNTS} WHERE unit_force = ? AND month = ?", (unit_force, month))
    ok = ~(np.isnan(lon) | np.isnan(lat))
    if not ok.any():
        return
    box = (float(lon[ok].min()), float(lon[ok].max()), float(lat[ok].min()), float(lat[ok].max()))
    polygons = _stored_polygons(conn, f"fid IN (SELECT id FROM rtree_{LAYER}_geom WHERE maxx >= ? AND minx <= ? "
                                      "AND maxy >= ? AND miny <= ?)", box)
    n = len(lon)
    _insert_counts(conn, polygons, [unit_force] * n, [month] * n, list(category), lon, lat)


def import_force(api: PoliceApi, store, force: str, progress=None, cancelled=None) -> NeighbourhoodReport:
    records, report = fetch_force(api, force, progress, cancelled)
    if report.listed and not records:
        raise ApiError(f"{force}: none of {report.listed} neighbourhoods could be fetched; the store is "
                       f"unchanged ({report.failed[0][1] if report.failed else 'no reason given'})")
    store_force(store, records, report)
    return report


def find_at(conn, lon: float, lat: float) -> Optional[tuple]:
    """(force, neighbourhood_id) of the stored neighbourhood containing the point, or None."""
    if LAYER not in gpkg.table_names(conn):
        return None
    rows = conn.execute(
        f"SELECT n.force, n.neighbourhood_id, n.geom FROM {LAYER} n JOIN rtree_{LAYER}_geom r ON r.id = n.fid "
        "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?", (lon, lon, lat, lat)).fetchall()
    for force, nid, blob in rows:
        if count_in_polygons(np.array([lon]), np.array([lat]), [gpkg.polygon_rings(blob)])[0]:
            return force, nid
    return None


def details(conn, force: str, nid: str) -> Optional[dict]:
    """The stored details of a neighbourhood (JSON columns as stored), or None."""
    if DETAILS not in gpkg.table_names(conn):
        return None
    cur = conn.execute(f"SELECT * FROM {DETAILS} WHERE force = ? AND neighbourhood_id = ?", (force, nid))
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row)) if row else None
