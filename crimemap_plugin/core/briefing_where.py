"""Where crime happened inside a neighbourhood, for its briefing map (pure: the layers draw it).

For each neighbourhood, from the located street crimes of the period inside it, whichever force
recorded them (as the neighbourhood's counts and crimemap:hotspots count them: British Transport
Police at a station, a neighbouring force near the boundary), read once for a whole batch:

- hot spots: Getis–Ord Gi* over the neighbourhood as the study area (core/hotspots.py: cells of the
  size chosen from the data, the 3 × 3 neighbourhood of cells, classes from the q-values), when it has
  at least MIN_HOTSPOT_CRIMES located crimes in the period;
- otherwise the crimes themselves, as points: with few crimes a grid is mostly empty cells and Gi*
  says little (ArcGIS's Optimized Hot Spot Analysis asks for at least 30 incidents before it tries;
  50 leaves a margin for a neighbourhood's grid of a hundred cells or more). Points are shown too when
  Gi* cannot be computed at all (every cell alike, fewer than two cells);
- the top TOP_LOCATIONS locations (core/concentration.py: police.uk's anonymous "On or near …" points),
  with their crimes in the baseline period.

A crime is inside when its point is (even-odd rule over the neighbourhood's rings, in EPSG:27700):
the points, the count and the top locations are of those. Gi* counts, as crimemap:hotspots does,
every crime in a cell of the study area (a cell whose centre is inside), near the edge too.
"""

from dataclasses import dataclass, field
from typing import Dict, List, Optional, Sequence

import numpy as np
import pandas as pd

from . import categories
from . import gi_star as gi
from . import hotspots as hs
from .concentration import concentration
from .errors import CrimeMapError
from .periods import Period
from .pip import inside as pip_inside

HOTSPOTS, POINTS = "hotspots", "points"
MIN_HOTSPOT_CRIMES = 50
TOP_LOCATIONS = 5


@dataclass(frozen=True)
class TopLocation:
    rank: int
    location: str            # police.uk's name of the snap point ("On or near Tewkesbury Road")
    lon: float
    lat: float
    crimes: int              # in the period
    baseline: int            # in the baseline period


@dataclass
class Where:
    """What the neighbourhood's map shows: hot spot cells or the crimes as points, and its top locations."""
    mode: str                              # HOTSPOTS or POINTS
    crimes: int                            # located crimes of the period inside the neighbourhood
    x: np.ndarray                          # their points, EPSG:27700
    y: np.ndarray
    cells: Optional[pd.DataFrame] = None   # hotspots.HotSpots.to_frame() (HOTSPOTS only)
    cell_size: float = 0.0
    band: float = 0.0
    top: List[TopLocation] = field(default_factory=list)
    why_points: str = ""                   # why points rather than cells ("" for HOTSPOTS)

    def classes(self) -> Dict[str, int]:
        """Cells per hot spot class (only the classes present)."""
        if self.cells is None:
            return {}
        counts = self.cells["hotspot"].value_counts()
        return {c: int(counts[c]) for c in gi.CLASSES if c in counts}


def _frame(store, category: str, period: Period, box) -> pd.DataFrame:
    """The located crimes of the period in `box` (lon0, lat0, lon1, lat1), of every force."""
    cat = None if category == categories.ALL_CRIME else category
    frame = store.crime_frame(["location"], cat, period.start, period.end, located_only=True)
    lon, lat = frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float)
    frame = frame[(lon >= box[0]) & (lon <= box[2]) & (lat >= box[1]) & (lat <= box[3])]
    x, y = hs.to_bng(frame["lon"].to_numpy(dtype=float), frame["lat"].to_numpy(dtype=float))
    return frame.assign(x=x, y=y)


def _box(areas: Dict[str, Sequence]) -> tuple:
    """(lon0, lat0, lon1, lat1) around every area (rings of lon and lat arrays, WGS84), widened by what
    where_in reads around an area for Gi* (twice its size and a kilometre), in degrees at their
    smallest in the UK (a degree of longitude is at least 55 km there)."""
    boxes = []
    for rings in areas.values():
        lon = np.concatenate([np.asarray(r[0], dtype=float) for r in rings])
        lat = np.concatenate([np.asarray(r[1], dtype=float) for r in rings])
        size_m = max((lon.max() - lon.min()) * 71_000.0, (lat.max() - lat.min()) * 111_320.0)
        margin = (2.0 * size_m + 1000.0) / 55_000.0
        boxes.append((lon.min() - margin, lat.min() - margin, lon.max() + margin, lat.max() + margin))
    return (min(b[0] for b in boxes), min(b[1] for b in boxes), max(b[2] for b in boxes), max(b[3] for b in boxes))


def _near(frame: pd.DataFrame, area: hs.Polygon, margin: float = 0.0) -> pd.DataFrame:
    """The rows of `frame` whose point lies in the area's bounding box, widened by `margin` metres."""
    xs = np.concatenate([r[0] for r in area])
    ys = np.concatenate([r[1] for r in area])
    return frame[(frame["x"] >= xs.min() - margin) & (frame["x"] <= xs.max() + margin)
                 & (frame["y"] >= ys.min() - margin) & (frame["y"] <= ys.max() + margin)]


def _inside(frame: pd.DataFrame, area: hs.Polygon) -> pd.DataFrame:
    """The rows of `frame` whose point lies inside the area (its bounding box first, then even-odd)."""
    box = _near(frame, area)
    if not len(box):
        return box
    x, y = box["x"].to_numpy(), box["y"].to_numpy()
    inside = pip_inside(x, y, area)
    return box[inside]


def bng_area(rings: Sequence) -> hs.Polygon:
    """Rings in WGS84 (lon array, lat array) as one EPSG:27700 polygon of the same rings (even-odd)."""
    out = []
    for lon, lat in rings:
        x, y = hs.to_bng(lon, lat)
        out.append((x, y))
    return out


def where_in(now: pd.DataFrame, before: pd.DataFrame, area: hs.Polygon) -> Where:
    """The map's content for one area (EPSG:27700 rings) from the period's and the baseline's crimes
    (frames with lon, lat, x, y, location)."""
    inside, base = _inside(now, area), _inside(before, area)
    x, y = inside["x"].to_numpy(), inside["y"].to_numpy()
    located = Where(POINTS, len(inside), x, y)
    if len(inside):
        c = concentration(inside["lon"], inside["lat"], inside["location"], base["lon"], base["lat"], base["location"])
        located.top = [TopLocation(k + 1, r.location, float(r.lon), float(r.lat), int(r.crimes), int(r.baseline))
                       for k, r in enumerate(c.top(TOP_LOCATIONS).itertuples())]
    if len(inside) < MIN_HOTSPOT_CRIMES:
        located.why_points = "few"
        return located
    # Gi* counts every crime in a study cell (a cell whose centre is inside), as crimemap:hotspots does,
    # so the crimes around the area are given too: a cell is never larger than twice the area's size.
    xs, ys = np.concatenate([r[0] for r in area]), np.concatenate([r[1] for r in area])
    around = _near(now, area, 2.0 * max(xs.max() - xs.min(), ys.max() - ys.min()) + 1000.0)
    try:
        result = hs.hotspots_bng(around["x"].to_numpy(), around["y"].to_numpy(), [area])
    except CrimeMapError:
        located.why_points = "no grid"
        return located
    if result.n_cells < 2 or not np.isfinite(result.gi.z).any():
        located.why_points = "no grid"
        return located
    located.mode = HOTSPOTS
    located.cells = result.to_frame()
    located.cell_size, located.band = result.cell_size, result.band
    return located


def where_in_neighbourhoods(store, force: str, areas: Dict[str, Sequence], category: str, period: Period,
                            baseline: Period) -> Dict[str, Where]:
    """Where, per neighbourhood id, for the neighbourhoods in `areas` (id -> rings in WGS84, as
    store.neighbourhood_polygons gives them): the crimes are read once for all of them. A
    neighbourhood without a usable boundary (no ring of three points) is left out."""
    areas = {nid: rings for nid, rings in areas.items() if any(len(ring[0]) >= 3 for ring in rings)}
    if not areas:
        return {}
    box = _box(areas)
    now, before = _frame(store, category, period, box), _frame(store, category, baseline, box)
    return {nid: where_in(now, before, bng_area(rings)) for nid, rings in areas.items()}
