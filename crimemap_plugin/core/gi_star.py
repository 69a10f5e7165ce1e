"""Getis–Ord Gi* on a grid of cells: the neighbour sums (a convolution with a disk, as horizontal
chords over running sums along each row, exact in integers), the z-scores, their two-sided p-values,
Benjamini–Hochberg q-values and the hot and cold spot classes. The definitions are in core.hotspots,
which counts the crimes per cell; emerging hot spots use the same statistic month by month.
"""

import math
from dataclasses import dataclass
from typing import List, Sequence, Tuple

import numpy as np

from .stats import benjamini_hochberg

HOT_CLASSES = ("hot 99", "hot 95", "hot 90")
COLD_CLASSES = ("cold 99", "cold 95", "cold 90")
NOT_SIGNIFICANT = "not significant"
CLASSES = HOT_CLASSES + (NOT_SIGNIFICANT,) + COLD_CLASSES[::-1]
LEVELS = (0.01, 0.05, 0.10)      # the q thresholds of the 99, 95 and 90 classes
_TOLERANCE = 1e-9                # relative, on distances compared with the band
REASON_FEW_CELLS = "fewer than two cells in the study area"
REASON_NO_VARIATION = "every cell of the study area has the same number of crimes (no variation)"
REASON_WHOLE_AREA = "the neighbourhood of this cell is the whole study area"
_REASONS = np.array(["", REASON_FEW_CELLS, REASON_NO_VARIATION, REASON_WHOLE_AREA], dtype=object)


# --------------------------------------------------------------------------- neighbour sums
def disk_chords(band: float, size: float) -> List[Tuple[int, int]]:
    """(dy, a) for each row dy of the neighbourhood disk: the cells dx = -a..a of that row have their
    centres within `band` of the centre cell's (distance = sqrt(dx² + dy²) · size)."""
    limit = (band / size) ** 2 * (1 + _TOLERANCE) ** 2
    reach = math.floor(math.sqrt(limit))
    chords = []
    for dy in range(-reach, reach + 1):
        room = limit - dy * dy
        if room < 0:
            continue
        a = math.floor(math.sqrt(room))
        while (a + 1) ** 2 <= room:
            a += 1
        while a * a > room:
            a -= 1
        chords.append((dy, a))
    return chords


def disk_sum(values: np.ndarray, chords: Sequence[Tuple[int, int]]) -> np.ndarray:
    """For each grid position, the sum of `values` over the disk given by `chords` around it (values
    beyond the grid count as 0). Exact for integers: running sums along each row, one pass per chord."""
    values = np.asarray(values)
    if values.dtype.kind in "biu":
        # running sums never exceed the grid's total: 32 bits when that is safe (half the memory traffic)
        dtype = np.int32 if int(np.abs(values).sum(dtype=np.int64)) < 2 ** 31 - 1 else np.int64
    else:
        dtype = np.float64
    nrows, ncols = values.shape
    reach = max(abs(dy) for dy, _ in chords)
    widest = max(a for _, a in chords)
    running = np.zeros((nrows + 2 * reach, ncols + 2 * widest + 1), dtype=dtype)
    running[reach:reach + nrows, widest + 1:widest + 1 + ncols] = values
    np.cumsum(running, axis=1, out=running)
    out = np.zeros((nrows, ncols), dtype=dtype)
    part = np.empty((nrows, ncols), dtype=dtype)
    for dy, a in chords:
        rows = running[reach + dy:reach + dy + nrows]
        np.subtract(rows[:, widest + 1 + a:widest + 1 + a + ncols], rows[:, widest - a:widest - a + ncols], out=part)
        out += part
    return out


# --------------------------------------------------------------------------- Gi*

@dataclass(frozen=True)
class GiStar:
    """Gi* for the n cells of a study area, in the grid's cell order."""
    z: np.ndarray
    p: np.ndarray
    q: np.ndarray
    hotspot: np.ndarray          # class names (object array)
    reason: np.ndarray           # why z is NaN ('' where it is not)
    warnings: Tuple[str, ...]


def neighbour_counts(grid, chords: Sequence[Tuple[int, int]]) -> np.ndarray:
    """W_i: the number of study cells in each study cell's neighbourhood (itself included)."""
    return disk_sum(grid.mask, chords)[grid.mask].astype(np.int64)


def neighbour_sums(grid, counts: np.ndarray, chords: Sequence[Tuple[int, int]]) -> np.ndarray:
    """L_i: crimes in each study cell's neighbourhood; `counts` per study cell in `cells()` order."""
    full = np.zeros(grid.mask.shape, dtype=np.int64)
    full[grid.mask] = counts
    return disk_sum(full, chords)[grid.mask].astype(np.int64)


def normal_two_sided_p(z: np.ndarray) -> np.ndarray:
    """erfc(|z| / √2) for each finite z (NaN elsewhere); evaluated once per distinct value."""
    z = np.asarray(z, dtype=float)
    p = np.full(z.shape, np.nan)
    ok = np.isfinite(z)
    if ok.any():
        distinct, where = np.unique(np.abs(z[ok]), return_inverse=True)
        erfc = np.frompyfunc(lambda v: math.erfc(v / math.sqrt(2.0)), 1, 1)
        p[ok] = erfc(distinct).astype(float)[where]
    return p


def hotspot_codes(z: np.ndarray, q: np.ndarray) -> np.ndarray:
    """3, 2, 1 for hot 99/95/90, -3, -2, -1 for cold 99/95/90, 0 for not significant (int8)."""
    z = np.asarray(z, dtype=float)
    q = np.asarray(q, dtype=float)
    codes = np.zeros(z.shape, dtype=np.int8)
    for code, level in zip((1, 2, 3), LEVELS[::-1]):
        sig = q < level                 # NaN compares False: not significant
        codes[sig & (z > 0)] = code
        codes[sig & (z < 0)] = -code
    return codes


_CLASS_OF_CODE = np.array(COLD_CLASSES + (NOT_SIGNIFICANT,) + HOT_CLASSES[::-1], dtype=object)  # code + 3


def hotspot_classes(z: np.ndarray, q: np.ndarray) -> np.ndarray:
    """The class of each cell from its q-value and the sign of its z-score (names, object array)."""
    return _CLASS_OF_CODE[hotspot_codes(z, q).astype(np.int64) + 3]


def gi_star(counts: np.ndarray, neighbour_crimes: np.ndarray, neighbours: np.ndarray) -> GiStar:
    """Gi* z, p, q and class per cell from the crimes x_i, neighbourhood sums L_i and neighbour
    counts W_i of the n cells of a study area (binary weights, the cell itself included)."""
    x = np.asarray(counts, dtype=np.int64)
    lsum = np.asarray(neighbour_crimes, dtype=np.int64)
    w = np.asarray(neighbours, dtype=np.int64)
    n = len(x)
    z = np.full(n, np.nan)
    reason = np.zeros(n, dtype=np.int8)      # index into _REASONS
    warnings: List[str] = []
    total = int(x.sum())
    spread = n * int(np.dot(x, x)) - total * total        # n² S², exact
    if n < 2:
        reason[:] = 1
        warnings.append(f"no Gi*: {REASON_FEW_CELLS}")
    elif spread <= 0:
        reason[:] = 2
        warnings.append(f"no Gi*: {REASON_NO_VARIATION}")
    else:
        whole = w >= n
        if whole.any():
            reason[whole] = 3
            warnings.append(f"{int(whole.sum())} cell(s) have no Gi*: {REASON_WHOLE_AREA} (use a smaller band)")
        ok = ~whole
        numerator = (n * lsum[ok] - total * w[ok]).astype(float)
        wf = w[ok].astype(float)
        denominator = math.sqrt(spread) * np.sqrt((n * wf - wf * wf) / (n - 1))
        z[ok] = numerator / denominator
    p = normal_two_sided_p(z)
    q = benjamini_hochberg(p)
    return GiStar(z, p, q, hotspot_classes(z, q), _REASONS[reason.astype(np.int64)], tuple(warnings))
