"""Kernel density of crimes: a raster of crimes per km² with the quartic (biweight) kernel.

Definitions:
- Crimes are placed as in `hotspots` (pyproj to EPSG:27700; no location = counted, never placed) and
  used when they fall in a pixel of the study area (a pixel whose centre lies inside the area), the same
  rule as a hot spot cell; the others are counted and reported.
- The raster is aligned to multiples of the pixel size in EPSG:27700 over the study area's bounding
  box; pixels whose centre is outside the area are nodata (NaN).
- The density at a pixel centre c is Σ_k K(|c − p_k|) over the crimes p_k, with
  K(d) = 3 / (π h²) · (1 − d²/h²)² for d < h and 0 beyond (it integrates to 1 over the plane), times
  10⁶ for crimes per km². So the raster sums to about the number of crimes times 10⁶ / pixel area, less
  what spills outside the area.
- Exact sum: police.uk snaps crimes to shared points, so the kernel is evaluated once per distinct
  location and pixel within h, weighted by the crimes there (vectorised in chunks). If that would take
  more than EXACT_BUDGET evaluations, crimes are first binned to their pixel's centre (the convolution
  of a count grid with the kernel sampled at pixel centres): an error of at most half a pixel diagonal
  in position; `method` says which was used.
"""

import math
from dataclasses import dataclass
from typing import Sequence, Tuple

import numpy as np

from . import hotspots as hs
from .errors import CrimeMapError

EXACT_BUDGET = 400_000_000      # kernel evaluations before binning to pixel centres
_CHUNK = 2_000_000              # kernel evaluations per vectorised chunk
EXACT = "exact"
BINNED = "binned to pixel centres"


@dataclass(frozen=True)
class DensityRaster:
    """values[r, c] is the density (crimes per km²) at the centre of the pixel in row r from the TOP
    (north) and column c from the west, as GDAL writes rasters; NaN = nodata (outside the area)."""
    values: np.ndarray
    geotransform: Tuple[float, float, float, float, float, float]   # GDAL order, EPSG:27700
    pixel_size: float
    bandwidth: float
    crimes_used: int
    crimes_unlocated: int
    crimes_outside: int
    method: str
    crs: str = hs.GRID_CRS
    nodata: float = float("nan")


def quartic(d: np.ndarray, h: float) -> np.ndarray:
    """K(d) = 3 / (π h²) (1 − d²/h²)² for d < h, else 0 (per square metre)."""
    u = 1.0 - (np.asarray(d, dtype=float) / h) ** 2
    return np.where(u > 0, 3.0 / (math.pi * h * h) * u * u, 0.0)


def _accumulate(grid: hs.Grid, px: np.ndarray, py: np.ndarray, weights: np.ndarray, h: float) -> np.ndarray:
    """Σ_k w_k K(|centre − p_k|) at every pixel centre of the bounding grid (south row first)."""
    size = grid.size
    nrows, ncols = grid.mask.shape
    reach = math.ceil(h / size) + 1
    offsets = np.arange(-reach, reach + 1)
    dj, di = np.meshgrid(offsets, offsets)
    dj, di = dj.ravel(), di.ravel()
    out = np.zeros(nrows * ncols)
    if not len(px):
        return out.reshape(nrows, ncols)
    j = np.floor(px / size).astype(np.int64) - grid.col0
    i = np.floor(py / size).astype(np.int64) - grid.row0
    per_chunk = max(1, _CHUNK // len(dj))
    for start in range(0, len(px), per_chunk):
        s = slice(start, start + per_chunk)
        jj = j[s, None] + dj[None, :]
        ii = i[s, None] + di[None, :]
        cx = (jj + grid.col0 + 0.5) * size
        cy = (ii + grid.row0 + 0.5) * size
        d2 = (cx - px[s, None]) ** 2 + (cy - py[s, None]) ** 2
        keep = (d2 < h * h) & (jj >= 0) & (jj < ncols) & (ii >= 0) & (ii < nrows)
        u = 1.0 - d2[keep] / (h * h)
        w = np.broadcast_to(weights[s, None], d2.shape)[keep]
        out += np.bincount((ii[keep] * ncols + jj[keep]), weights=w * u * u, minlength=nrows * ncols)
    return (out * (3.0 / (math.pi * h * h))).reshape(nrows, ncols)


def kernel_density(lon, lat, area: Sequence[hs.Polygon], bandwidth: float, pixel_size: float) -> DensityRaster:
    """Quartic kernel density of the crimes at (lon, lat) (WGS84, NaN = no location) over `area`
    (polygons in EPSG:27700): bandwidth and pixel size in metres; crimes per km²."""
    x, y = hs.to_bng(lon, lat)
    return kernel_density_bng(x, y, area, bandwidth, pixel_size)


def kernel_density_bng(x, y, area: Sequence[hs.Polygon], bandwidth: float, pixel_size: float) -> DensityRaster:
    """As `kernel_density`, for crimes already in EPSG:27700."""
    if not bandwidth > 0 or not pixel_size > 0:
        raise CrimeMapError("the bandwidth and the pixel size must be positive")
    x = np.asarray(x, dtype=float)
    y = np.asarray(y, dtype=float)
    grid = hs.study_grid(area, pixel_size)
    where, unlocated, outside = hs.place(grid, x, y)
    used = where >= 0
    keys, weights = np.unique(x[used] + 1j * y[used], return_counts=True)
    px, py = keys.real.copy(), keys.imag.copy()
    reach = math.ceil(bandwidth / pixel_size) + 1
    method = EXACT
    if len(px) * (2 * reach + 1) ** 2 > EXACT_BUDGET:
        # bin to pixel centres: one point per occupied pixel, weighted by its crimes
        i, j = grid.cells()
        counts = np.bincount(where[used], minlength=grid.n)
        occupied = counts > 0
        px = (j[occupied] + grid.col0 + 0.5) * pixel_size
        py = (i[occupied] + grid.row0 + 0.5) * pixel_size
        weights = counts[occupied]
        method = BINNED
    density = _accumulate(grid, px, py, weights.astype(float), bandwidth) * 1e6
    density[~grid.mask] = np.nan
    top = (grid.row0 + grid.nrows) * pixel_size
    geotransform = (grid.col0 * pixel_size, pixel_size, 0.0, top, 0.0, -pixel_size)
    return DensityRaster(density[::-1].copy(), geotransform, float(pixel_size), float(bandwidth),
                         int(used.sum()), unlocated, outside, method)
