"""Neighbourhood boundaries from a police.uk neighbourhood KML zip (`<force>/<neighbourhood-id>.kml`).

The published archives have known anomalies, each handled and reported by name:
- the same neighbourhood twice (the same id in two entries, or two ids with the same boundary):
  the first is kept;
- parent areas listed beside their children (a polygon covering two or more other neighbourhoods):
  left out, so no crime is counted twice and a click finds the neighbourhood, not its district;
- holes (inner boundaries) and several parts: kept as they are.
Hostile entries (absolute paths, `..`, huge sizes, XML with a DOCTYPE) and unreadable ones are
refused by name; nothing is stored unless at least one neighbourhood could be read.
"""

import time
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Dict, List, Optional, Tuple

import numpy as np

from . import uk
from .errors import FileRefused
from .neighbourhoods import Neighbourhood, NeighbourhoodReport, store_force
from .pip import count_by_code
from .pip import inside as pip_inside
from .sources import check_regular, shown, unsafe_zip_name

MAX_KML_BYTES = 64 << 20        # a neighbourhood boundary is kilobytes; a whole force's KML is a few MB
MAX_NAME = 200                  # characters of a neighbourhood's name
CONTAINED = 0.9                 # share of a neighbourhood inside another that makes that one its parent


@dataclass
class KmlReport(NeighbourhoodReport):
    skipped: List[Tuple[str, str]] = field(default_factory=list)   # (id, why) left out on purpose

    def summary(self) -> str:
        text = super().summary()
        if self.skipped:
            text += f"; {len(self.skipped)} left out (" + "; ".join(f"{n}: {r}" for n, r in self.skipped[:5]) + ")"
        return text


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _ring(text: str, where: str) -> List[Tuple[float, float]]:
    points = []
    for token in text.split():
        parts = token.split(",")
        try:
            lon, lat = float(parts[0]), float(parts[1])
        except (ValueError, IndexError):
            raise FileRefused(where, f"coordinates {token[:40]!r} are not longitude,latitude") from None
        problem = uk.point_problem(lon, lat)
        if problem:
            raise FileRefused(where, problem)
        points.append((lon, lat))
    if len(points) < 3:
        raise FileRefused(where, "a boundary ring has fewer than three points")
    return points


def parse_kml(data: bytes, where: str) -> Tuple[Optional[str], list]:
    """(name or None, [[outer ring, hole, ...], ...]) of every polygon in a KML document."""
    if b"<!DOCTYPE" in data[:4096].upper() or b"<!ENTITY" in data.upper():
        raise FileRefused(where, "KML with a DOCTYPE or entity declarations refused")
    try:
        root = ET.fromstring(data)
    except ET.ParseError as exc:
        raise FileRefused(where, f"is not well-formed KML ({exc})") from None
    name = None
    polygons = []
    for element in root.iter():
        tag = _local(element.tag)
        if tag == "name" and name is None and (element.text or "").strip():
            name = " ".join(element.text.split())[:MAX_NAME]
        elif tag == "Polygon":
            rings = []
            for boundary in element:
                kind = _local(boundary.tag)
                if kind not in ("outerBoundaryIs", "innerBoundaryIs"):
                    continue
                for coords in boundary.iter():
                    if _local(coords.tag) == "coordinates":
                        ring = _ring(coords.text or "", where)
                        if kind == "outerBoundaryIs":
                            rings.insert(0, ring)
                        else:
                            rings.append(ring)
            if rings:
                polygons.append(rings)
    if not polygons:
        raise FileRefused(where, "holds no polygon")
    return name, polygons


def _entries(path: Path, force: str, report: KmlReport) -> List[Tuple[str, str, bytes]]:
    """(id, display name, bytes) of the force's KML entries."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise FileRefused(shown(path), f"is not a readable zip archive ({exc})") from None
    found = []
    with archive:
        for info in sorted((i for i in archive.infolist() if not i.is_dir()), key=lambda i: i.filename):
            display = f"{path}!{info.filename}"
            name = info.filename.replace("\\", "/")
            if unsafe_zip_name(name):
                report.failed.append((name, f"{display}: archive entry with an absolute path or '..' refused"))
                continue
            parts = PurePosixPath(name).parts
            if not name.lower().endswith(".kml") or len(parts) < 2 or parts[-2] != force:
                continue
            nid = PurePosixPath(name).stem
            if len(nid) > 100 or not nid.strip():
                report.failed.append((nid[:40], f"{display}: the file name is not a police.uk neighbourhood id"))
                continue
            if info.file_size > MAX_KML_BYTES:
                report.failed.append((nid, f"{display}: entry of {info.file_size:,} bytes is far larger than a "
                                           "neighbourhood boundary; refused"))
                continue
            try:
                with archive.open(info) as fh:
                    data = fh.read(MAX_KML_BYTES + 1)
            except Exception as exc:  # corrupt member: BadZipFile, zlib.error, EOFError...
                report.failed.append((nid, f"{display}: cannot be read, corrupt ({exc})"))
                continue
            if len(data) > MAX_KML_BYTES:
                report.failed.append((nid, f"{display}: expands beyond its declared size; refused"))
                continue
            found.append((nid, display, data))
    return found


def _interior_samples(rings_xy: list, n: int = 12) -> Tuple[np.ndarray, np.ndarray]:
    """Points of an n x n grid over the polygon's box that lie inside it (never on its edges in
    practice), standing for its area."""
    xs = np.concatenate([r[0] for r in rings_xy])
    ys = np.concatenate([r[1] for r in rings_xy])
    gx, gy = np.meshgrid(np.linspace(xs.min(), xs.max(), n + 2)[1:-1], np.linspace(ys.min(), ys.max(), n + 2)[1:-1])
    gx, gy = gx.ravel(), gy.ravel()
    inside = pip_inside(gx, gy, rings_xy)
    return gx[inside], gy[inside]


def parent_areas(polygons: Dict[str, list]) -> Dict[str, List[str]]:
    """id -> the ids it contains, for every polygon that covers two or more of the others."""
    ids = list(polygons)
    shapes = [[(np.array([p[0] for p in ring]), np.array([p[1] for p in ring]))
               for part in polygons[i] for ring in part] for i in ids]
    xs, ys, owner = [], [], []
    for k, rings in enumerate(shapes):
        x, y = _interior_samples(rings)
        xs.append(x)
        ys.append(y)
        owner.append(np.full(len(x), k))
    if not xs:
        return {}
    x, y, owner = np.concatenate(xs), np.concatenate(ys), np.concatenate(owner)
    table = count_by_code(x, y, owner, len(ids), shapes)          # polygon x owner of the samples
    totals = np.bincount(owner, minlength=len(ids))
    out = {}
    for k in range(len(ids)):
        share = np.divide(table[k], totals, out=np.zeros(len(ids)), where=totals > 0)
        share[k] = 0
        children = [ids[j] for j in np.flatnonzero(share >= CONTAINED)]
        if len(children) >= 2:
            out[ids[k]] = children
    return out


def read_force(path, force: str, known_names: Optional[Dict[str, str]] = None) -> Tuple[list, KmlReport]:
    """The force's neighbourhoods in a police.uk neighbourhood KML zip: (records, report)."""
    path = Path(path)
    if not path.exists() and not path.is_symlink():
        raise FileRefused(shown(path), "does not exist")
    check_regular(path)   # no pipe, device or broken link
    report = KmlReport(force)
    known_names = known_names or {}
    parsed: Dict[str, tuple] = {}
    seen: Dict[tuple, str] = {}
    for nid, display, data in _entries(path, force, report):
        report.listed += 1
        try:
            name, polygons = parse_kml(data, display)
        except FileRefused as exc:
            report.failed.append((nid, str(exc)))
            continue
        key = tuple(round(v, 7) for part in polygons for ring in part for p in ring for v in p)
        if nid in parsed:
            report.skipped.append((nid, f"{display}: listed again; the first entry is kept"))
            continue
        if key in seen:
            report.skipped.append((nid, f"{display}: the same boundary as {seen[key]}; kept once, as {seen[key]}"))
            continue
        seen[key] = nid
        parsed[nid] = (name, polygons)
    if not report.listed and not report.failed:
        raise FileRefused(str(path), f"holds no {force}/<neighbourhood>.kml entries; is it a police.uk "
                                     "neighbourhood KML archive, and is the force right?")
    for parent, children in parent_areas({nid: p for nid, (_, p) in parsed.items()}).items():
        report.skipped.append((parent, f"a parent area covering {len(children)} neighbourhoods "
                                       f"({', '.join(sorted(children)[:4])}{'…' if len(children) > 4 else ''})"))
        del parsed[parent]
    fetched = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    records = []
    for nid, (name, polygons) in parsed.items():
        label = known_names.get(nid) or name or nid
        records.append(Neighbourhood(force, nid, label, polygons, {}, [], [], [], fetched, has_details=False))
    return records, report


def import_force_kml(store, path, force: str) -> KmlReport:
    """Store the force's neighbourhood boundaries from the KML zip. Names come from the stored
    details where police.uk gave them, else from the KML; stored details are kept. Entries that fail
    keep what was stored for them; nothing changes unless at least one neighbourhood was read."""
    records, report = read_force(path, force, store.neighbourhood_names(force))
    if not records:
        reason = report.failed[0][1] if report.failed else "every entry was left out"
        raise FileRefused(str(path), f"no {force} neighbourhood could be read; the store is unchanged ({reason})")
    store_force(store, records, report)
    return report
