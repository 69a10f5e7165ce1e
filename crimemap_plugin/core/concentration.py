"""Where crime concentrates among police.uk's locations: the top locations, the share of crimes at
the top 1 %, 5 % and 10 % of locations, the Lorenz curve and the Gini coefficient.

police.uk publishes each crime at an anonymous snap point named "On or near …". Definitions:
- A location is a (longitude, latitude, location text) triple, the coordinates rounded to 6 decimals
  (police.uk's precision) and the text stripped of surrounding spaces: two names at one point, or one
  name at two points, are different locations. Crimes with no coordinates are counted, never placed.
- With an area (polygons in EPSG:27700) only the crimes whose point lies inside it count (even-odd rule,
  inside any polygon); the others are counted and reported.
- The locations of a period are those with at least one crime in it: every share, the Lorenz curve and
  the Gini coefficient are over them (never over locations with no crime, which police.uk does not list).
- Top p %: the k = ceil(p/100 · L) locations with the most crimes (at least one) out of the L locations;
  their share is their crimes over all crimes of the period. Ties at the cut do not matter (tied
  locations have the same count).
- Lorenz curve: locations sorted by crimes ascending; points (k/L, C_k/C) for k = 0..L, C_k the crimes at
  the k smallest. Gini = 1 − Σ_k (x_k − x_{k−1})(y_k + y_{k−1}), the area formula, which equals
  2 Σ_k k c_(k) / (L C) − (L + 1)/L over the sorted counts c_(1) ≤ … ≤ c_(L); 0 when every location has
  as many crimes, (L − 1)/L at most.
- Change: the location's crimes minus its crimes in the baseline period (0 where it had none);
  change_pct is relative to the baseline (NaN when the baseline count is 0).
"""

import math
from dataclasses import dataclass
from typing import Optional, Sequence, Tuple

import numpy as np
import pandas as pd

from . import hotspots as hs
from .pip import inside as pip_inside

DECIMALS = 6
SHARE_PERCENTS = (1, 5, 10)
COLUMNS = ("lon", "lat", "location", "crimes", "baseline", "change", "change_pct")


@dataclass(frozen=True)
class TopShare:
    percent: float
    locations: int               # k = ceil(percent / 100 · L)
    crimes: int                  # crimes at those k locations
    share: float                 # crimes / all crimes of the period (NaN when there are none)


@dataclass(frozen=True)
class Concentration:
    table: pd.DataFrame          # COLUMNS, one row per location with a crime in the period or the baseline
    crimes: int                  # located crimes counted in the period
    locations: int               # L: locations with at least one crime in the period
    unlocated: int               # crimes of the period with no coordinates
    outside: int                 # located crimes of the period outside the area
    baseline_crimes: Optional[int]
    shares: Tuple[TopShare, ...]
    lorenz_x: np.ndarray
    lorenz_y: np.ndarray
    gini: float

    def top(self, n: int = 10) -> pd.DataFrame:
        """The n locations with the most crimes in the period (ties: by name, then position)."""
        return self.table[self.table["crimes"] > 0].head(n).reset_index(drop=True)


def _locations(lon, lat, location, area: Optional[Sequence[hs.Polygon]], decimals: int):
    """(DataFrame of lon, lat, location for the crimes counted, unlocated, outside the area)."""
    lon = np.asarray(lon, dtype=float)
    lat = np.asarray(lat, dtype=float)
    text = pd.Series(np.asarray(location, dtype=object)).fillna("").astype(str).str.strip().to_numpy()
    located = np.isfinite(lon) & np.isfinite(lat)
    keep = located.copy()
    if area is not None:
        x, y = hs.to_bng(lon[located], lat[located])
        inside = np.zeros(len(x), dtype=bool)
        for rings in area:
            inside |= pip_inside(x, y, rings)
        keep[np.flatnonzero(located)[~inside]] = False
    frame = pd.DataFrame({"lon": np.round(lon[keep], decimals), "lat": np.round(lat[keep], decimals),
                          "location": text[keep]})
    return frame, int((~located).sum()), int(located.sum() - keep.sum())


def top_shares(counts: np.ndarray, percents: Sequence[float] = SHARE_PERCENTS) -> Tuple[TopShare, ...]:
    """The share of all crimes at the top p % of the locations, for each p (counts: one per location)."""
    c = np.sort(np.asarray(counts, dtype=np.int64))[::-1]
    total = int(c.sum())
    out = []
    for p in percents:
        k = max(1, math.ceil(p / 100.0 * len(c))) if len(c) else 0
        at_top = int(c[:k].sum())
        out.append(TopShare(float(p), k, at_top, at_top / total if total else float("nan")))
    return tuple(out)


def lorenz(counts: np.ndarray) -> Tuple[np.ndarray, np.ndarray]:
    """Cumulative share of locations (x) and of crimes (y), locations sorted by crimes ascending,
    starting at (0, 0)."""
    c = np.sort(np.asarray(counts, dtype=np.int64))
    total = c.sum()
    if not len(c) or not total:
        return np.array([0.0]), np.array([0.0])
    x = np.arange(len(c) + 1) / len(c)
    y = np.concatenate([[0], np.cumsum(c)]) / total
    return x, y


def gini(counts: np.ndarray) -> float:
    """Gini coefficient of crimes over locations: 1 − Σ (x_k − x_{k−1})(y_k + y_{k−1}) on the Lorenz curve."""
    x, y = lorenz(counts)
    if len(x) < 2:
        return float("nan")
    return float(1.0 - np.sum(np.diff(x) * (y[1:] + y[:-1])))


def concentration(lon, lat, location, baseline_lon=None, baseline_lat=None, baseline_location=None,
                  area: Optional[Sequence[hs.Polygon]] = None, decimals: int = DECIMALS,
                  percents: Sequence[float] = SHARE_PERCENTS) -> Concentration:
    """Concentration of the period's crimes (lon, lat, location text per crime) over police.uk's
    locations, with the change against a baseline period's crimes when given."""
    current, unlocated, outside = _locations(lon, lat, location, area, decimals)
    keys = ["lon", "lat", "location"]
    table = current.groupby(keys, sort=False).size().rename("crimes").to_frame()
    baseline_crimes = None
    if baseline_lon is not None:
        base, _, _ = _locations(baseline_lon, baseline_lat, baseline_location, area, decimals)
        baseline_crimes = len(base)
        table = table.join(base.groupby(keys, sort=False).size().rename("baseline"), how="outer")
        table = table.fillna(0).astype(np.int64)
        table["change"] = table["crimes"] - table["baseline"]
        with np.errstate(divide="ignore", invalid="ignore"):
            pct = 100.0 * table["change"] / table["baseline"].where(table["baseline"] > 0)
        table["change_pct"] = pct.astype(float)
    else:
        table["baseline"] = np.nan
        table["change"] = np.nan
        table["change_pct"] = np.nan
    table = table.reset_index()
    table = table.sort_values(["crimes", "location", "lon", "lat"], ascending=[False, True, True, True],
                              kind="mergesort").reset_index(drop=True)[list(COLUMNS)]
    counts = table.loc[table["crimes"] > 0, "crimes"].to_numpy(dtype=np.int64)
    lx, ly = lorenz(counts)
    return Concentration(table, int(counts.sum()), len(counts), unlocated, outside, baseline_crimes,
                         top_shares(counts, percents), lx, ly, gini(counts))
