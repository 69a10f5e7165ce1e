"""Counting points in polygons, vectorised: the fast path behind crimemap:countinpolygons.

Points are grouped by identical location first (police.uk snaps crimes to shared points), then each
polygon is tested with even-odd ray casting, edge by edge, against only the points whose latitude
lies in that edge's band (points sorted by y, bands found by binary search). Rings of one polygon
(outer rings, holes, parts) all toggle the same parity.
"""

from typing import List, Sequence, Tuple

import numpy as np

Ring = Tuple[np.ndarray, np.ndarray]   # x, y arrays of a closed ring


def unique_points(x: np.ndarray, y: np.ndarray):
    """Distinct locations and how many points stand on each, in increasing y (as the counting below
    takes them: presorted)."""
    keys = np.empty(len(x), dtype=complex)   # one sortable value per location, y first (exact: the
    keys.real, keys.imag = y, x              # original floats), sorted in place
    keys.sort()
    first = np.ones(len(keys), dtype=bool)
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    starts = np.flatnonzero(first)
    counts = np.diff(np.append(starts, len(keys)))
    uniq = keys[starts]
    return uniq.imag.copy(), uniq.real.copy(), counts


def _parity(px: np.ndarray, py: np.ndarray, rings: Sequence[Ring], budget: int = 4_000_000) -> np.ndarray:
    """Inside flags for points sorted by y.

    Every (edge, point) pair where the point's y lies in the edge's band [lo, hi) is tested at once,
    with numpy, in chunks of edges holding at most about `budget` pairs: the work is the number of
    such pairs, with no Python loop per edge (a police.uk boundary has hundreds of edges)."""
    x1 = np.concatenate([r[0][:-1] for r in rings])
    y1 = np.concatenate([r[1][:-1] for r in rings])
    x2 = np.concatenate([r[0][1:] for r in rings])
    y2 = np.concatenate([r[1][1:] for r in rings])
    start = np.searchsorted(py, np.minimum(y1, y2), side="left")
    stop = np.searchsorted(py, np.maximum(y1, y2), side="left")
    lengths = stop - start
    edges = np.flatnonzero(lengths > 0)
    crossings = np.zeros(len(px), dtype=np.int64)
    if not len(edges):
        return crossings.astype(bool)
    cumulative = np.cumsum(lengths[edges])
    first = 0
    while first < len(edges):
        base = cumulative[first - 1] if first else 0
        last = max(int(np.searchsorted(cumulative, base + budget, side="right")), first + 1)
        chunk = edges[first:last]
        n = lengths[chunk]
        edge = np.repeat(chunk, n)
        point = np.repeat(start[chunk] - (np.cumsum(n) - n), n) + np.arange(int(n.sum()))
        # Points with lo <= y < hi cross this edge's horizontal line; count those left of it.
        t = (py[point] - y1[edge]) / (y2[edge] - y1[edge])
        xint = x1[edge] + t * (x2[edge] - x1[edge])
        crossings += np.bincount(point[px[point] < xint], minlength=len(px))
        first = last
    return (crossings % 2).astype(bool)


def _members(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]]):
    """(k, positions) for each polygon k with points inside it; x and y sorted by y, no NaN."""
    for k, rings in enumerate(polygons):
        if not rings:
            continue
        xs = np.concatenate([r[0] for r in rings])
        ys = np.concatenate([r[1] for r in rings])
        s, e = np.searchsorted(y, ys.min(), side="left"), np.searchsorted(y, ys.max(), side="right")
        if e <= s:
            continue
        px = x[s:e]
        box = np.flatnonzero((px >= xs.min()) & (px <= xs.max()))
        if not len(box):
            continue
        inside = _parity(px[box], y[s:e][box], rings)
        if inside.any():
            yield k, s + box[inside]


def _sorted_located(x, y, *columns, presorted=False):
    ok = ~(np.isnan(x) | np.isnan(y))
    arrays = [np.asarray(a)[ok] for a in (x, y, *columns)]
    if not presorted:
        order = np.argsort(arrays[1], kind="stable")
        arrays = [a[order] for a in arrays]
    return arrays


def count_in_polygons(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], weights=None,
                      presorted: bool = False) -> np.ndarray:
    """How many points fall inside each polygon (a list of rings). NaN points are ignored.
    presorted: the points are already in increasing y."""
    w = np.ones(len(x), dtype=np.int64) if weights is None else np.asarray(weights)
    x, y, w = _sorted_located(x, y, w, presorted=presorted)
    out = np.zeros(len(polygons), dtype=np.int64)
    for k, members in _members(x, y, polygons):
        out[k] = int(w[members].sum())
    return out


def count_by_code(x: np.ndarray, y: np.ndarray, codes: np.ndarray, ncodes: int,
                  polygons: List[List[Ring]]) -> np.ndarray:
    """Points inside each polygon broken down by an integer code in [0, ncodes) per point (such as
    month x category): an array of shape (len(polygons), ncodes). A point inside two overlapping
    polygons counts in both, as in QGIS's count points in polygon."""
    x, y, codes = _sorted_located(x, y, codes)
    out = np.zeros((len(polygons), ncodes), dtype=np.int64)
    for k, members in _members(x, y, polygons):
        out[k] = np.bincount(codes[members], minlength=ncodes)
    return out


def near_edges(x: np.ndarray, y: np.ndarray, polygons: List[List[Ring]], tol: float,
               presorted: bool = False) -> np.ndarray:
    """True for points within `tol` (in both x and y) of the bounding box of any edge of any ring."""
    if not len(x):
        return np.zeros(0, dtype=bool)
    order = None if presorted else np.argsort(y, kind="stable")
    ys, xs = (y, x) if presorted else (y[order], x[order])
    hits = np.zeros(len(x), dtype=bool)   # in the order of ys
    for rings in polygons:
        for rx, ry in rings:
            x1, y1, x2, y2 = rx[:-1], ry[:-1], rx[1:], ry[1:]
            start = np.searchsorted(ys, np.minimum(y1, y2) - tol, side="left")
            stop = np.searchsorted(ys, np.maximum(y1, y2) + tol, side="right")
            xlo, xhi = np.minimum(x1, x2) - tol, np.maximum(x1, x2) + tol
            crossed = np.flatnonzero(stop > start)
            # Each edge's band of points, as Python numbers: a few NumPy calls an edge, no more.
            for s, e, lo, hi in zip(start[crossed].tolist(), stop[crossed].tolist(), xlo[crossed].tolist(),
                                    xhi[crossed].tolist()):
                band = xs[s:e]
                hits[s:e] |= (band >= lo) & (band <= hi)
    if presorted:
        return hits
    near = np.zeros(len(x), dtype=bool)
    near[order] = hits
    return near


def max_edge(polygons: List[List[Ring]]) -> float:
    longest = 0.0
    for rings in polygons:
        for rx, ry in rings:
            if len(rx) > 1:
                longest = max(longest, float(np.max(np.hypot(np.diff(rx), np.diff(ry)))))
    return longest
