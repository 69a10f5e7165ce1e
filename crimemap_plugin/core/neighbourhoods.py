"""Neighbourhoods of a force from the police.uk API into the store: boundaries and details.

Layer `neighbourhoods` (force, neighbourhood_id, name, population, fetched_at; WGS84 multipolygons)
and table `neighbourhood_details` (the team, priorities, events, contacts, links and locations as
JSON, with when they were fetched). One force is replaced in one transaction at the end; a
neighbourhood that failed this time keeps what was stored before, so a second run refreshes and a
failing API never empties the store.
"""

import json
import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

import numpy as np

from . import gpkg
from .api import ApiError, PoliceApi
from .errors import Cancelled
from .pip import count_in_polygons

LAYER = "neighbourhoods"
DETAILS = "neighbourhood_details"
LAYER_COLUMNS = ("force TEXT NOT NULL", "neighbourhood_id TEXT NOT NULL", "name TEXT", "population INTEGER",
                 "fetched_at TEXT NOT NULL")
DETAILS_DDL = f"""CREATE TABLE {DETAILS} (
    force TEXT NOT NULL, neighbourhood_id TEXT NOT NULL, name TEXT, description TEXT, population INTEGER,
    centre_lat REAL, centre_lon REAL, contact_details TEXT, links TEXT, locations TEXT, people TEXT,
    events TEXT, priorities TEXT, fetched_at TEXT NOT NULL, PRIMARY KEY (force, neighbourhood_id))"""


@dataclass
class Neighbourhood:
    force: str
    nid: str
    name: str
    boundary: List[tuple]        # (lon, lat)
    detail: dict
    people: list
    events: list
    priorities: list
    fetched_at: str


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
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if LAYER not in names:
        gpkg.add_point_layer(conn, LAYER, LAYER_COLUMNS, "police.uk neighbourhood boundaries", LAYER,
                             geometry_type="MULTIPOLYGON")
    if DETAILS not in names:
        gpkg.add_attribute_table(conn, DETAILS, DETAILS_DDL, "police.uk neighbourhood teams, priorities, events")


def fetch_one(api: PoliceApi, force: str, nid: str, name: Optional[str] = None) -> Neighbourhood:
    """One neighbourhood's boundary and details; ApiError when police.uk cannot give them."""
    detail = api.neighbourhood(force, nid)
    if detail is None:
        raise ApiError("police.uk has no details for it" + (" (its id collides with the list URL)"
                                                             if nid == "neighbourhoods" else ""))
    boundary = api.boundary(force, nid)
    if len(boundary) < 3:
        raise ApiError("no boundary")
    return Neighbourhood(force, nid, name or detail.get("name") or nid, boundary, detail, api.people(force, nid),
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
        for table in (LAYER, DETAILS):
            conn.execute(f"DELETE FROM {table} WHERE force = ? AND neighbourhood_id {test} ({placeholders})",
                         (force, *ids))
        for r in records:
            d = r.detail
            conn.execute(f"INSERT INTO {LAYER} (geom, force, neighbourhood_id, name, population, fetched_at) "
                         "VALUES (?,?,?,?,?,?)", (gpkg.multipolygon_blob([[r.boundary]]), r.force, r.nid, r.name,
                                                  d.get("population"), r.fetched_at))
            conn.execute(f"INSERT OR REPLACE INTO {DETAILS} VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", (
                r.force, r.nid, r.name, d.get("description"), d.get("population"),
                (d.get("centre") or {}).get("latitude"), (d.get("centre") or {}).get("longitude"),
                json.dumps(d.get("contact_details") or {}), json.dumps(d.get("links") or []),
                json.dumps(d.get("locations") or []), json.dumps(r.people), json.dumps(r.events),
                json.dumps(r.priorities), r.fetched_at))
        gpkg.forget_feature_count(conn, LAYER)


def import_force(api: PoliceApi, store, force: str, progress=None, cancelled=None) -> NeighbourhoodReport:
    records, report = fetch_force(api, force, progress, cancelled)
    if report.listed and not records:
        raise ApiError(f"{force}: none of {report.listed} neighbourhoods could be fetched; the store is "
                       f"unchanged ({report.failed[0][1] if report.failed else 'no reason given'})")
    store_force(store, records, report)
    return report


def find_at(conn, lon: float, lat: float) -> Optional[tuple]:
    """(force, neighbourhood_id) of the stored neighbourhood containing the point, or None."""
    names = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    if LAYER not in names:
        return None
    rows = conn.execute(
        f"SELECT n.force, n.neighbourhood_id, n.geom FROM {LAYER} n JOIN rtree_{LAYER}_geom r ON r.id = n.fid "
        "WHERE r.minx <= ? AND r.maxx >= ? AND r.miny <= ? AND r.maxy >= ?", (lon, lon, lat, lat)).fetchall()
    for force, nid, blob in rows:
        if count_in_polygons(np.array([lon]), np.array([lat]), [gpkg.polygon_rings(blob)])[0]:
            return force, nid
    return None


def details(conn, force: str, nid: str) -> Optional[dict]:
    cur = conn.execute(f"SELECT * FROM {DETAILS} WHERE force = ? AND neighbourhood_id = ?", (force, nid))
    row = cur.fetchone()
    return dict(zip([c[0] for c in cur.description], row)) if row else None
