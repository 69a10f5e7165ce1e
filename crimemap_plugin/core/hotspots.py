"""Hot spots: crimes counted on a square grid in British National Grid, and Getis–Ord Gi* per cell.

Definitions (so every number can be checked):

- Crimes come as WGS84 longitude/latitude and are transformed with pyproj to EPSG:27700 (`always_xy`,
  PROJ's default operation). A crime with no location (NaN) is counted and reported, never placed.
- The grid is aligned to multiples of the cell size s in EPSG:27700: the cell (col, row) covers
  [col·s, (col+1)·s) × [row·s, (row+1)·s), so a crime at (x, y) is in cell (floor(x/s), floor(y/s)).
  `cell_id` is "<col>_<row>": the cell's index in that national grid, stable for a given cell size.
- A cell belongs to the study area when its centre lies inside the area (even-odd rule over the rings
  of each polygon; a centre inside any one of the polygons is in). Crimes in cells outside the study
  area are left out, and counted.
- The neighbours of a cell are the study-area cells whose centres lie within the distance band of its
  centre (distance <= band, with a relative tolerance of 1e-9 against rounding), itself included,
  each with weight 1.
- Gi* is the standardised statistic of Getis & Ord (1995) over the n study-area cells, empty cells
  included (as ArcGIS's Hot Spot Analysis with binary weights). With x_j the crimes in cell j,
  W_i the number of neighbours of i and L_i the crimes in them:

      z_i = (L_i − X̄ W_i) / (S · sqrt((n W_i − W_i²) / (n − 1))),   X̄ = Σx / n,   S = sqrt(Σx² / n − X̄²)

  computed as (n L_i − T W_i) / (sqrt(n Σx² − T²) · sqrt((n W_i − W_i²) / (n − 1))) with T = Σx, whose
  integer parts are exact. Degenerate cases give NaN and a reason, never inf: fewer than two cells,
  no variation between cells (S = 0), and a cell whose neighbourhood is the whole study area.
- gi_p is two-sided from the normal distribution, erfc(|z| / √2); gi_q is Benjamini–Hochberg over
  every cell with a z-score; the class comes from gi_q and the sign of z: hot/cold 99 (q < 0.01),
  95 (q < 0.05), 90 (q < 0.10), otherwise not significant.

Neighbour sums (core.gi_star, with the statistic) are a convolution of the grid with a disk, done as a
sum of horizontal chords over running sums along each row: one pass over the grid per row of the disk
(2R + 1 passes for a band of R cells), in exact integer arithmetic and memory of a few grids, with no
loop per cell. The study cells are found the same way, row by row: pip.py's even-odd rule applied to
each row of cell centres.

Cell size and band 0 mean "chosen from the data" (see `choose_cell_size` and `choose_band`); the
values used and why are returned with the result.
"""

import math
from dataclasses import dataclass, field
from functools import lru_cache
from typing import List, Optional, Sequence, Tuple

import numpy as np
import pandas as pd
from pyproj import Transformer

from .errors import CrimeMapError
from .gi_star import CLASSES, GiStar, disk_chords, gi_star, neighbour_counts, neighbour_sums
from .pip import Ring

Polygon = List[Ring]            # the rings of one polygon (outer rings, holes, parts), EPSG:27700

SOURCE_CRS = "EPSG:4326"
GRID_CRS = "EPSG:27700"

NICE_CELL_SIZES = (50, 100, 250, 500, 1000, 2500, 5000, 10000)   # metres, for a chosen cell size
MAX_AUTO_CELLS = 1_000_000       # a chosen cell size keeps the study area within this many cells
MAX_GRID_CELLS = 50_000_000      # the bounding grid's size limit (memory), chosen or not
BAND_CELLS = 1.5                 # a chosen band is 1.5 cells: the cell and the 8 cells around it


# --------------------------------------------------------------------------- coordinates

@lru_cache(maxsize=1)
def _transformer() -> Transformer:
    return Transformer.from_crs(SOURCE_CRS, GRID_CRS, always_xy=True)


def to_bng(lon, lat) -> Tuple[np.ndarray, np.ndarray]:
    """WGS84 longitude/latitude to British National Grid metres; NaN stays NaN (no location)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    x = np.full(lon.shape, np.nan)
    y = np.full(lat.shape, np.nan)
    ok = np.isfinite(lon) & np.isfinite(lat)
    if ok.any():
        x[ok], y[ok] = _transformer().transform(lon[ok], lat[ok])
    return x, y


# --------------------------------------------------------------------------- the grid

@dataclass(frozen=True)
class Grid:
    """The study area's cells inside the bounding grid: row 0 is the southernmost row, column 0 the
    westernmost; (col0, row0) is the national index of that corner cell."""
    size: float
    col0: int
    row0: int
    mask: np.ndarray            # (nrows, ncols) bool: the cell's centre is inside the area

    @property
    def nrows(self) -> int:
        return self.mask.shape[0]

    @property
    def ncols(self) -> int:
        return self.mask.shape[1]

    @property
    def n(self) -> int:
        return int(self.mask.sum())

    def cells(self) -> Tuple[np.ndarray, np.ndarray]:
        """(i, j) grid positions of the study cells, in the fixed order every result uses (row by
        row from the south, west to east within a row)."""
        return np.nonzero(self.mask)

    def locate(self, x: np.ndarray, y: np.ndarray) -> np.ndarray:
        """Position of each point's cell in `cells()` order, or -1 when it is not in a study cell
        (outside the study area, or no location)."""
        x = np.asarray(x, dtype=float)
        y = np.asarray(y, dtype=float)
        out = np.full(x.shape, -1, dtype=np.int64)
        ok = np.isfinite(x) & np.isfinite(y)
        j = np.floor(x[ok] / self.size) - self.col0
        i = np.floor(y[ok] / self.size) - self.row0
        inside = (i >= 0) & (i < self.nrows) & (j >= 0) & (j < self.ncols)
        index = np.full(self.mask.shape, -1, dtype=np.int32 if self.mask.size < 2 ** 31 else np.int64)
        index[self.mask] = np.arange(self.n)
        found = np.full(len(i), -1, dtype=np.int64)
        found[inside] = index[i[inside].astype(np.int64), j[inside].astype(np.int64)]
        out[ok] = found
        return out


def _bounds(area: Sequence[Polygon]) -> Tuple[float, float, float, float]:
    xs = [r[0] for rings in area for r in rings if len(r[0])]
    ys = [r[1] for rings in area for r in rings if len(r[1])]
    if not xs:
        raise CrimeMapError("the study area has no polygon")
    x, y = np.concatenate(xs), np.concatenate(ys)
    return float(x.min()), float(y.min()), float(x.max()), float(y.max())


def study_grid(area: Sequence[Polygon], size: float) -> Grid:
    """The grid of `size`-metre cells over the area's bounding box, with the study area's cells marked
    (centre inside any of the polygons, even-odd rule)."""
    if not size > 0:
        raise CrimeMapError(f"the cell size must be positive (got {size})")
    xmin, ymin, xmax, ymax = _bounds(area)
    col0, row0 = math.floor(xmin / size), math.floor(ymin / size)
    ncols = math.floor(xmax / size) - col0 + 1
    nrows = math.floor(ymax / size) - row0 + 1
    if ncols * nrows > MAX_GRID_CELLS:
        raise CrimeMapError(
            f"a {size:g} m grid over this area would have {ncols * nrows:,} cells (more than "
            f"{MAX_GRID_CELLS:,}): choose a larger cell size")
    mask = np.zeros((nrows, ncols), dtype=bool)
    for rings in area:
        rings = [r for r in rings if len(r[0]) > 1]
        if not rings:
            continue
        _mark_centres(mask, rings, size, col0, row0)
    return Grid(float(size), col0, row0, mask)


def _mark_centres(mask: np.ndarray, rings: Polygon, size: float, col0: int, row0: int) -> None:
    """Set mask where the cell's centre is inside the polygon.

    The even-odd rule of pip.py (a centre is inside when an odd number of edges with lo <= y < hi
    cross its row to the east of it, the crossing at x1 + (y - y1)/(y2 - y1) · (x2 - x1)), applied
    row by row: each edge's crossings are found once per row it spans, and every centre of the row is
    toggled by the crossings east of it (a running sum), so the work is the number of crossings plus
    the number of cells, not cells × edges."""
    x1 = np.concatenate([r[0][:-1] for r in rings])
    y1 = np.concatenate([r[1][:-1] for r in rings])
    x2 = np.concatenate([r[0][1:] for r in rings])
    y2 = np.concatenate([r[1][1:] for r in rings])
    j0 = max(math.floor(min(x1.min(), x2.min()) / size) - col0, 0)
    j1 = min(math.floor(max(x1.max(), x2.max()) / size) - col0, mask.shape[1] - 1)
    i0 = max(math.floor(min(y1.min(), y2.min()) / size) - row0, 0)
    i1 = min(math.floor(max(y1.max(), y2.max()) / size) - row0, mask.shape[0] - 1)
    if j1 < j0 or i1 < i0:
        return
    cx = (np.arange(j0, j1 + 1) + col0 + 0.5) * size
    cy = (np.arange(i0, i1 + 1) + row0 + 0.5) * size
    start = np.searchsorted(cy, np.minimum(y1, y2), side="left")
    stop = np.searchsorted(cy, np.maximum(y1, y2), side="left")
    spans = stop - start
    edge = np.repeat(np.arange(len(x1)), spans)
    if not len(edge):
        return
    row = np.repeat(start - (np.cumsum(spans) - spans), spans) + np.arange(len(edge))
    t = (cy[row] - y1[edge]) / (y2[edge] - y1[edge])
    xint = x1[edge] + t * (x2[edge] - x1[edge])
    east_of = np.searchsorted(cx, xint, side="left")     # the crossing is east of the first k centres
    width = len(cx) + 1
    toggles = np.bincount(row * width + east_of, minlength=len(cy) * width).reshape(len(cy), width)
    # crossings east of centre j: the toggles recorded at k > j
    crossings = np.cumsum(toggles[:, ::-1], axis=1)[:, ::-1][:, 1:]
    mask[i0:i1 + 1, j0:j1 + 1] |= (crossings % 2).astype(bool)


# --------------------------------------------------------------------------- chosen settings

def nice_cell_size(target: float) -> float:
    """The value of NICE_CELL_SIZES closest to `target` on a log scale."""
    if not target > 0:
        return float(NICE_CELL_SIZES[0])
    sizes = np.asarray(NICE_CELL_SIZES, dtype=float)
    return float(sizes[int(np.argmin(np.abs(np.log(sizes / target))))])


def choose_cell_size(x: np.ndarray, y: np.ndarray, area: Sequence[Polygon]) -> Tuple[float, str]:
    """A cell size from the data: the spacing the distinct crime locations in the study area would have
    if spread evenly, sqrt(area / locations), rounded to the nearest of 50, 100, 250, 500, 1000, 2500,
    5000, 10000 m (log scale), then enlarged until the study area has at most MAX_AUTO_CELLS cells.

    Why: police.uk publishes crimes at anonymous snap points, its finest resolution; cells much smaller
    than their spacing split a street's crimes arbitrarily and leave most cells empty, much larger ones
    blur separate concentrations together. The area is measured on a provisional grid of about 256 cells
    along the area's longer side."""
    xmin, ymin, xmax, ymax = _bounds(area)
    provisional = max(xmax - xmin, ymax - ymin, 1.0) / 256.0
    grid = study_grid(area, provisional)
    area_m2 = grid.n * provisional ** 2
    where = grid.locate(x, y)
    ok = where >= 0
    distinct = len(np.unique(np.asarray(x)[ok] + 1j * np.asarray(y)[ok])) if ok.any() else 0
    if distinct == 0 or area_m2 <= 0:
        size = nice_cell_size(max(xmax - xmin, ymax - ymin) / 50.0)
        reason = (f"{size:g} m: no located crime in the study area, so a 50th of the area's longer side, "
                  f"rounded")
    else:
        spacing = math.sqrt(area_m2 / distinct)
        size = nice_cell_size(spacing)
        reason = (f"{size:g} m: the {distinct:,} distinct crime locations in the {area_m2 / 1e6:,.1f} km² "
                  f"study area would be {spacing:,.0f} m apart if spread evenly; rounded to a standard size")
    while size < NICE_CELL_SIZES[-1] and area_m2 / size ** 2 > MAX_AUTO_CELLS:
        size = float(next(s for s in NICE_CELL_SIZES if s > size))
        reason += f"; enlarged to {size:g} m to keep the grid within {MAX_AUTO_CELLS:,} cells"
    return size, reason


def choose_band(cell_size: float) -> Tuple[float, str]:
    """A band from the cell size: 1.5 cells, so each cell's neighbourhood is the 3 × 3 block around it
    (itself and the 8 cells touching it): the same neighbours as queen contiguity (GeoDa, PySAL) and
    sfhotspot's default band of the cell size × √2, written as a round number."""
    band = BAND_CELLS * cell_size
    return band, (f"{band:g} m: 1.5 × the cell size, so each cell's neighbourhood is the 3 × 3 block of "
                  f"cells around it")


def resolve_settings(x: np.ndarray, y: np.ndarray, area: Sequence[Polygon], cell_size: float,
                     band: float) -> Tuple[float, str, float, str]:
    """(cell size, why, band, why), choosing whichever is 0."""
    if cell_size < 0 or band < 0:
        raise CrimeMapError("the cell size and the distance band cannot be negative")
    if cell_size == 0:
        cell_size, size_reason = choose_cell_size(x, y, area)
    else:
        cell_size, size_reason = float(cell_size), f"{cell_size:g} m: given"
    if band == 0:
        band, band_reason = choose_band(cell_size)
    else:
        band, band_reason = float(band), f"{band:g} m: given"
    return cell_size, size_reason, band, band_reason


# --------------------------------------------------------------------------- the analysis

@dataclass(frozen=True)
class HotSpots:
    """Gi* hot spots of one period over a study area's grid: one entry per study cell in every array,
    in the grid's cell order."""
    grid: Grid
    cell_size: float
    cell_size_reason: str
    band: float
    band_reason: str
    col: np.ndarray              # national grid index of the cell: x0 = col · cell_size
    row: np.ndarray              # y0 = row · cell_size
    crimes: np.ndarray
    neighbours: np.ndarray       # W_i, the cell itself included
    neighbour_crimes: np.ndarray  # L_i
    gi: GiStar
    crimes_total: int            # crimes given
    crimes_unlocated: int        # no location: never placed
    crimes_outside: int          # located, but not in a cell of the study area
    warnings: Tuple[str, ...] = field(default=())

    @property
    def n_cells(self) -> int:
        return len(self.col)

    @property
    def crimes_in_cells(self) -> int:
        return int(self.crimes.sum())

    @property
    def cell_id(self) -> np.ndarray:
        return cell_ids(self.col, self.row)

    @property
    def x0(self) -> np.ndarray:
        return self.col * self.cell_size

    @property
    def y0(self) -> np.ndarray:
        return self.row * self.cell_size

    def to_frame(self) -> pd.DataFrame:
        """One row per cell: cell_id, col, row, x0, y0 (south-west corner, EPSG:27700; the cell is the
        square of side cell_size from there), crimes, neighbours, gi_z, gi_p, gi_q, hotspot, gi_note."""
        return pd.DataFrame({
            "cell_id": self.cell_id, "col": self.col, "row": self.row, "x0": self.x0, "y0": self.y0,
            "crimes": self.crimes, "neighbours": self.neighbours, "gi_z": self.gi.z, "gi_p": self.gi.p,
            "gi_q": self.gi.q, "hotspot": self.gi.hotspot, "gi_note": self.gi.reason})

    def summary(self) -> dict:
        counts = pd.Series(self.gi.hotspot).value_counts()
        return {"cell_size": self.cell_size, "cell_size_reason": self.cell_size_reason, "band": self.band,
                "band_reason": self.band_reason, "cells": self.n_cells, "crimes_total": self.crimes_total,
                "crimes_in_cells": self.crimes_in_cells, "crimes_unlocated": self.crimes_unlocated,
                "crimes_outside": self.crimes_outside,
                "classes": {c: int(counts.get(c, 0)) for c in CLASSES}, "warnings": list(self.warnings)}


def cell_ids(col: np.ndarray, row: np.ndarray) -> np.ndarray:
    return np.array([f"{c}_{r}" for c, r in zip(col.tolist(), row.tolist())], dtype=object)


def place(grid: Grid, x: np.ndarray, y: np.ndarray) -> Tuple[np.ndarray, int, int]:
    """(cell position per crime or -1, crimes with no location, located crimes outside the study cells)."""
    where = grid.locate(x, y)
    unlocated = int((~(np.isfinite(x) & np.isfinite(y))).sum())
    outside = int((where < 0).sum()) - unlocated
    return where, unlocated, outside


def hotspots(lon, lat, area: Sequence[Polygon], cell_size: float = 0, band: float = 0) -> HotSpots:
    """Gi* hot spots of the crimes at (lon, lat) (WGS84; NaN = no location) over `area` (polygons in
    EPSG:27700). cell_size and band in metres; 0 = chosen from the data (reported in the result)."""
    x, y = to_bng(lon, lat)
    return hotspots_bng(x, y, area, cell_size, band)


def hotspots_bng(x, y, area: Sequence[Polygon], cell_size: float = 0, band: float = 0) -> HotSpots:
    """As `hotspots`, for crimes already in EPSG:27700 (NaN = no location)."""
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    cell_size, size_reason, band, band_reason = resolve_settings(x, y, area, cell_size, band)
    grid = study_grid(area, cell_size)
    where, unlocated, outside = place(grid, x, y)
    counts = crimes_per_cell(grid, where)
    chords = disk_chords(band, cell_size)
    w = neighbour_counts(grid, chords)
    lsum = neighbour_sums(grid, counts, chords)
    gi = gi_star(counts, lsum, w)
    i, j = grid.cells()
    warnings = list(gi.warnings)
    if band < cell_size:
        warnings.append(f"the band ({band:g} m) is shorter than a cell ({cell_size:g} m): each cell is its "
                        f"own neighbourhood")
    if grid.n == 0:
        warnings.append("no cell of the grid has its centre inside the study area: use a smaller cell size")
    return HotSpots(grid, cell_size, size_reason, band, band_reason, (j + grid.col0).astype(np.int64),
                    (i + grid.row0).astype(np.int64), counts, w, lsum, gi, len(x), unlocated, outside,
                    tuple(warnings))


def crimes_per_cell(grid: Grid, where: np.ndarray, codes: Optional[np.ndarray] = None,
                    ncodes: int = 1) -> np.ndarray:
    """Crimes per study cell (and per code, e.g. a time step, when given): shape (n,) or (n, ncodes)."""
    keep = where >= 0
    if codes is None:
        return np.bincount(where[keep], minlength=grid.n).astype(np.int64)
    codes = np.asarray(codes, dtype=np.int64)
    keep &= (codes >= 0) & (codes < ncodes)
    flat = np.bincount(where[keep] * ncodes + codes[keep], minlength=grid.n * ncodes)
    return flat.reshape(grid.n, ncodes).astype(np.int64)
