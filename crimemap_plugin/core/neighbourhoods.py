"""Neighbourhoods of a force from the police.uk API into the store: boundaries and details.

The store keeps them in layer `neighbourhoods` (force, neighbourhood_id, area_code = "force/id", name,
population as police.uk gives it, census_population, fetched_at; WGS84 multipolygons) and table
`neighbourhood_details` (the team, priorities, events, contacts, links and locations as JSON, with
when they were fetched). One force is replaced in one transaction at the end; a neighbourhood that
failed this time keeps what was stored before, so a second run refreshes and a failing API never
empties the store. Storing them counts the crimes already stored inside each (the store keeps
`neighbourhood_counts` current both ways).
"""

import time
from dataclasses import dataclass, field
from typing import Callable, List, Optional

from .api import ApiError, PoliceApi
from .errors import Cancelled
from .store.interface import NeighbourhoodRecord

Neighbourhood = NeighbourhoodRecord   # one neighbourhood's boundary and details, as stored


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
    store.store_neighbourhoods(report.force, records, keep={nid for nid, _ in report.failed})
    report.stored = len(records)


def store_one(store, record: Neighbourhood) -> None:
    """Replace (or add) one neighbourhood, leaving the force's others as they are."""
    store.store_neighbourhoods(record.force, [record], only={record.nid})


def import_force(api: PoliceApi, store, force: str, progress=None, cancelled=None) -> NeighbourhoodReport:
    records, report = fetch_force(api, force, progress, cancelled)
    if report.listed and not records:
        raise ApiError(f"{force}: none of {report.listed} neighbourhoods could be fetched; the store is "
                       f"unchanged ({report.failed[0][1] if report.failed else 'no reason given'})")
    store_force(store, records, report)
    return report
